#!/usr/bin/env bash
# nonregular_targets.sh SEQ: adasolve-seq's file outputs (--checkpoint, --state) aimed at a FIFO, at a
# symbolic link to /dev/null and at a directory. Each must be refused with exit 2 and one line, and the
# target must be left as it was (a FIFO stays a FIFO, a link stays a link to the device).
set -u
seq="$1"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
here="$(cd "$(dirname "$0")" && pwd)"
status=0
check() {  # check NAME TEST_OF_TARGET -- ARGS...
  local name="$1" test_expr="$2"
  shift 3
  if ! "$here/outcome.sh" 2 "^adasolve-seq: error: .*(refusing to replace|not a regular file)" - -- "$seq" "$@"; then
    echo "$name: not refused" >&2; status=1
  fi
  if ! eval "$test_expr"; then echo "$name: the target was changed" >&2; status=1; fi
}
cd "$dir" || exit 1
mkfifo fifo
ln -s /dev/null devnull
mkdir folder
run=(--generator poisson --m 8 --instances 2)
check checkpoint-fifo "test -p fifo" -- "${run[@]}" --checkpoint fifo
check checkpoint-device-link "test -L devnull && test -c devnull" -- "${run[@]}" --checkpoint devnull
check checkpoint-folder "test -d folder" -- "${run[@]}" --checkpoint folder
check state-fifo "test -p fifo" -- "${run[@]}" --solver sor --policy tsallis-inf --state fifo
check state-device-link "test -L devnull && test -c devnull" -- "${run[@]}" --solver sor --policy tsallis-inf --state devnull
exit $status
