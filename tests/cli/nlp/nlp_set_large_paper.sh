#!/usr/bin/env bash
# adasolve-bench nlp-set --large --paper hands the paper's settings to every adasolve-nlp child process, says
# so in its heading, and shows a process stopped at the CPU limit as such. PDE control at N = 8 shows both:
# the paper's Gaussian sketch needs far more than 1 CPU second there (docs/results/nlp-large.md), while the
# default settings solve it in milliseconds; a --paper that did not reach the child would be solved too.
# Usage: BENCH
set -euo pipefail
bench=$1
run() { "$bench" nlp-set --large-only --large-min-n 8 --large-max-n 8 --large-catenary "" --large-chain "" \
  --libsvm-dir "" --no-peer --large-cpu-limit 1 "$@"; }
paper=$(run --paper)
echo "$paper"
heading=$(echo "$paper" | grep "adasolve-nlp settings: the paper's (--paper; its sketch is the default, gaussian), options ")
for option in '--inner sketch' '--accuracy paper' '--scaling none' '--merit-update paper' '--singular stop' \
  '--hessian-shift paper' '--second-order-correction false' '--stop.kkt-tol 0.0001' '--delta0 0.1'; do
  echo "$heading" | grep -q -- "$option" || { echo "the heading does not name $option"; exit 1; }
done
echo "$paper" | grep -Eq '^\| pde-control N=8 \| - \| - \| - \| - \| stopped at 1 CPU s \| - \| - \| [1-9][0-9]* \|' ||
  { echo "no row stopped at the CPU limit"; exit 1; }
echo "$paper" | grep -Fq 'large set: 1 distinct problems, solved 0 (status solved 0, stopped at the CPU limit 1)' ||
  { echo "the summary does not count the stopped process"; exit 1; }
defaults=$(run)
echo "$defaults"
echo "$defaults" | grep -q "adasolve-nlp settings: the defaults, options none\."
echo "$defaults" | grep -Eq '^\| pde-control N=8 \| 128 \| 64 \| solved \| [0-9.e+-]+ \| yes \|' ||
  { echo "the default settings do not solve pde-control N=8"; exit 1; }
echo "nlp-set --large --paper: the paper's settings ran, and the CPU limit shows"
