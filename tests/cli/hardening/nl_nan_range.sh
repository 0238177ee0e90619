#!/usr/bin/env bash
# nl_nan_range.sh NLP HS039_NL: hs039.nl with its first constraint's equality bound replaced by NaN
# ("4 nan" in the r segment) must be refused as a broken file (exit 2, one line), not called an inequality.
set -u
nlp="$1" source="$2"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
sed '/^r$/{n;s/^4 0$/4 nan/;}' "$source" >"$dir/nan.nl"
grep -q '^4 nan$' "$dir/nan.nl" || { echo "could not place the NaN bound" >&2; exit 1; }
exec "$(dirname "$0")/outcome.sh" 2 "^adasolve-nlp: error: .*nan\.nl: 1 constraint\(s\) with a NaN bound" - -- "$nlp" "$dir/nan.nl"
