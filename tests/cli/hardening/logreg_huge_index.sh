#!/usr/bin/env bash
# logreg_huge_index.sh NLP INDEX: a 3-line LIBSVM file whose second line names feature INDEX (10^8 or 10^9)
# is refused up front under a 4 GiB limit, with exit 2 and one line naming the file and that line (it hung
# at 10^8 before #12, defect 5).
set -u
nlp="$1" index="$2"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
printf '+1 1:0.5 2:1\n-1 1:-0.5 %s:1\n+1 2:0.25\n' "$index" >"$dir/huge.svm"
exec env ADASOLVE_MEMORY_LIMIT_GIB=4 "$(dirname "$0")/outcome.sh" 2 \
  "^adasolve-nlp: error: .*huge\.svm:2: logistic regression on $index features .*needs about [0-9.]+ GiB, more than the 4" \
  - -- "$nlp" --problem logreg --data "$dir/huge.svm"
