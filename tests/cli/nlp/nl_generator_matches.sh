#!/usr/bin/env bash
# The .nl generator (adasolve-bench nl-generate) against known answers:
#   * catenary: Ipopt solves the generated N = 165 file to the objective of the shared catenary.nl, and
#     adasolve-nlp solves a small generated instance;
#   * chain (the hanging chain of COPS): Ipopt solves 2 links to the exact optimum 8 - 2 sqrt(0.55) (the one
#     free joint lies where the circles of radius 2 about (0, 1) and (1, 3) meet, below the line of their
#     centres); at 50 links adasolve-nlp and Ipopt agree, and come within 2e-4 (1 + f) of the continuous
#     chain's 5.06848 (the discrete optimum is 5.0690). A wrong constraint, objective or constant misses.
# Usage: BENCH PEER NLP SHARED_CATENARY WORKDIR
set -euo pipefail
bench=$1 peer=$2 nlp=$3 shared=$4 work=$5
mkdir -p "$work"
objective() { "$@" 2> /dev/null | tail -n 1 | grep -o '"objective":[^,}]*' | cut -d: -f2; }
# close A B TOL: |A - B| <= TOL (1 + |B|), and A is a number
close() {
  awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b; exit !(a != "" && d <= t * (1 + s)) }'
}

"$bench" nl-generate --problem catenary --N 165 --output "$work/catenary165.nl" > /dev/null
generated=$(objective "$peer" "$work/catenary165.nl")
original=$(objective "$peer" "$shared")
echo "Ipopt objective: generated catenary165 $generated, shared catenary.nl $original"
close "$generated" "$original" 1e-9
"$bench" nl-generate --problem catenary --N 10 --output "$work/catenary10.nl" > /dev/null
"$nlp" "$work/catenary10.nl" --format json | tail -n 1 | grep -q '"status":"solved"'
echo "generated catenary10.nl solved by adasolve-nlp"

"$bench" nl-generate --problem chain --N 2 --output "$work/chain2.nl" > /dev/null
two=$(objective "$peer" "$work/chain2.nl")
exact=$(awk 'BEGIN { printf "%.15g", 8 - 2 * sqrt(0.55) }')
echo "chain2: Ipopt $two, exact $exact"
close "$two" "$exact" 1e-9
"$bench" nl-generate --problem chain --N 50 --output "$work/chain50.nl" > /dev/null
"$nlp" "$work/chain50.nl" --format json | tail -n 1 | grep -q '"status":"solved"'
ours=$(objective "$nlp" "$work/chain50.nl" --format json)
theirs=$(objective "$peer" "$work/chain50.nl")
echo "chain50: adasolve-nlp $ours, Ipopt $theirs, continuous chain 5.06848"
close "$ours" "$theirs" 1e-6
close "$theirs" 5.06848 2e-4
echo "generated catenary and chain files solved alike by adasolve-nlp and Ipopt"
