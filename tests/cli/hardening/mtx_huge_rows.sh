#!/usr/bin/env bash
# mtx_huge_rows.sh MTX: a 76-byte valid Matrix Market file declaring 300000000 x 300000000 with 1 entry.
# `check` validates it in O(1) memory (it built the CSR matrix: 4.7 GB of row offsets); a reader that
# builds the matrix (`info`) refuses it up front when the estimate exceeds the memory (here a 2 GiB limit),
# naming the file, the size line and the estimate.
set -u
mtx="$1"
source "$(dirname "$0")/../../support/gnu_time.sh"  # time_bin, dir
printf '%%%%MatrixMarket matrix coordinate real general\n300000000 300000000 1\n1 1 1.0\n' >"$dir/huge.mtx"
status=0
timeout 60 "$time_bin" -f "%M" -o "$dir/rss" "$mtx" check "$dir/huge.mtx" >"$dir/out" 2>"$dir/err"
code=$?
[[ $code -eq 0 ]] || { echo "check: expected exit 0, got $code" >&2; cat "$dir/err" >&2; status=1; }
grep -q "valid, 300000000 x 300000000, 1 stored entries" "$dir/out" || { echo "check: no summary" >&2; status=1; }
rss_kib=$(tail -1 "$dir/rss")
if ! [[ $rss_kib =~ ^[0-9]+$ ]] || ((rss_kib >= 200 * 1024)); then
  echo "check: peak RSS ${rss_kib} KiB is not below 200 MiB" >&2
  status=1
fi
ADASOLVE_MEMORY_LIMIT_GIB=2 "$(dirname "$0")/outcome.sh" 2 \
  "^adasolve-mtx: error: .*huge\.mtx:2: a matrix of 300000000 rows needs at least [0-9.]+ GiB, more than" \
  - -- "$mtx" info "$dir/huge.mtx" || status=1
exit $status
