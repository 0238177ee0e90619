#!/usr/bin/env bash
# adasolve-bench nlp-set --large at its smallest sizes: PDE control N = 8 and 16, a generated catenary and a
# generated chain .nl file, and one LIBSVM file. The table must have the peak-memory columns of both solvers,
# one row per problem with a positive memory figure for each, and the count of distinct problems. No timing
# is checked.
# Usage: BENCH HEART_SCALE WORKDIR
set -euo pipefail
bench=$1 heart=$2 work=$3
mkdir -p "$work/libsvm"
ln -sf "$heart" "$work/libsvm/heart_scale"
out=$("$bench" nlp-set --large-only --large-min-n 8 --large-max-n 16 --large-catenary 10 --large-chain 20 --libsvm-dir "$work/libsvm")
echo "$out"
echo "$out" | grep -q '^| problem | n | m | status | KKT | solved | outer it\. | seconds | peak MiB | Ipopt solved | Ipopt it\. | Ipopt s | Ipopt peak MiB |'
for problem in 'pde-control N=8 | 128 | 64' 'pde-control N=16 | 512 | 256' 'catenary10\.nl | 31 | 11' 'chain20\.nl | 38 | 20' 'logreg heart_scale | 13 | 4'; do
  # problem, n, m, status, KKT, solved, outer it., seconds, peak MiB > 0, Ipopt solved, Ipopt it., Ipopt s,
  # Ipopt peak MiB > 0
  echo "$out" | grep -Eq "^\| $problem \| solved \| [0-9.e+-]+ \| yes \| [0-9]+ \| [0-9.]+ \| [1-9][0-9]* \| yes \| [0-9]+ \| [0-9.]+ \| [1-9][0-9]* \|" ||
    { echo "no solved row with memory figures for '$problem'"; exit 1; }
done
echo "$out" | grep -Fq 'large set: 5 distinct problems, solved 5 (status solved 5, stopped at the CPU limit 0); Ipopt solved 5 (stopped at the CPU limit 0)'
echo "nlp-set --large: 5 problems with peak memory beside Ipopt"
