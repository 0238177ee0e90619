#!/usr/bin/env bash
# adasolve-mtx convert: Matrix Market -> PETSc binary -> Matrix Market gives the same file (values bit for
# bit; only the '%' comment naming the source differs), for every matrix given.
#   roundtrip.sh ADASOLVE_MTX DIR MATRIX.mtx...
set -euo pipefail
mtx=$1 dir=$2
shift 2
rm -rf "$dir" && mkdir -p "$dir"
for input in "$@"; do
  name=$(basename "$input" .mtx)
  "$mtx" convert "$input" "$dir/$name.general.mtx" >/dev/null
  "$mtx" convert "$dir/$name.general.mtx" "$dir/$name.bin" >/dev/null
  "$mtx" convert "$dir/$name.bin" "$dir/$name.back.mtx" >/dev/null
  if ! cmp -s <(grep -v '^%' "$dir/$name.general.mtx") <(grep -v '^%' "$dir/$name.back.mtx"); then
    echo "round trip changed $input" >&2
    diff <(grep -v '^%' "$dir/$name.general.mtx") <(grep -v '^%' "$dir/$name.back.mtx") | head >&2
    exit 1
  fi
  echo "$input: bit-exact round trip"
done
