#!/usr/bin/env bash
# mtx_fifo.sh MTX: `adasolve-mtx check|info|convert` on a FIFO with no writer must exit 2 at once with one
# line (outcome.sh gives each command 60 s; before the fix, opening the FIFO blocked without end).
set -u
mtx="$1"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
mkfifo "$dir/pipe.mtx"
outcome="$(dirname "$0")/outcome.sh"
status=0
for command in check info; do
  "$outcome" 2 "^adasolve-mtx: error: .*pipe\.mtx: not a regular file \(it is a FIFO\)$" - -- \
    timeout 10 "$mtx" "$command" "$dir/pipe.mtx" || status=1
done
"$outcome" 2 "^adasolve-mtx: error: .*pipe\.mtx: not a regular file \(it is a FIFO\)$" - -- \
  timeout 10 "$mtx" convert "$dir/pipe.mtx" "$dir/out.mtx" || status=1
exit $status
