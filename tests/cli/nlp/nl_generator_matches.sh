#!/usr/bin/env bash
# The .nl generator against the shared catenary.nl: Ipopt solves both to the same objective, and
# adasolve-nlp solves a small generated instance. Usage: BENCH PEER NLP SHARED_CATENARY WORKDIR
set -euo pipefail
bench=$1 peer=$2 nlp=$3 shared=$4 work=$5
mkdir -p "$work"
"$bench" nl-generate --problem catenary --N 165 --output "$work/catenary165.nl" > /dev/null
objective() { "$peer" "$1" 2> /dev/null | tail -n 1 | grep -o '"objective":[^,}]*' | cut -d: -f2; }
generated=$(objective "$work/catenary165.nl")
original=$(objective "$shared")
echo "Ipopt objective: generated $generated, shared $original"
awk -v a="$generated" -v b="$original" 'BEGIN { d = a - b; if (d < 0) d = -d; s = b < 0 ? -b : b; exit !(a != "" && d <= 1e-9 * (1 + s)) }'
"$bench" nl-generate --problem catenary --N 10 --output "$work/catenary10.nl" > /dev/null
"$nlp" "$work/catenary10.nl" --format json | tail -n 1 | grep -q '"status":"solved"'
echo "generated catenary10.nl solved by adasolve-nlp"
