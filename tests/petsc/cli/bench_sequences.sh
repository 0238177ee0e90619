#!/usr/bin/env bash
# adasolve-bench sequences at a toy size: it drives adasolve-seq --solver auto --oracle best-fixed and writes
# a markdown table whose rows carry auto's seconds, the best fixed (arm, schedule) and their ratio, with the
# command and machine lines; with --defaults, the table of adasolve-seq's candidate defaults.
# Usage: bench_sequences.sh ADASOLVE_BENCH
set -u
bench="$1"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
fail() { echo "FAIL: $*" >&2; cat "$out" >&2; exit 1; }
"$bench" sequences --quick --trials 2 --only e1-high,poisson3d-sphere --output "$out" >/dev/null \
  || fail "exit $?"
grep -A1 -x '```sh' "$out" | grep -q '^adasolve-bench sequences --quick --trials 2' || fail "no command line"
grep -q '^Machine: .*load average' "$out" || fail "no machine line"
header=$(grep -c '^| sequence | auto s | best fixed | best fixed s | auto / best |' "$out")
[[ $header -eq 1 ]] || fail "no table header"
for name in e1-high poisson3d-sphere; do
  row=$(grep "^| $name |" "$out") || fail "no row for $name"
  cells=$(awk -F'|' '{print NF - 2}' <<<"$row")
  [[ $cells -eq 9 ]] || fail "$name: $cells cells, expected 9"
  # auto's median with its spread over the 2 trials, a named best schedule, the ratio of medians and the
  # per-trial ratio with its spread
  grep -Eq "^\| $name \| [0-9.]+ \([0-9.]+-[0-9.]+\) \| (ssor-pcg|ic0-pcg|petsc-icc|gamg|hypre) (every|every:[0-9]+|once) \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \([0-9.]+-[0-9.]+\) \|" <<<"$row" \
    || fail "$name: malformed row: $row"
done
# --defaults: each candidate default of adasolve-seq with its seconds and [iterations], and the fastest
"$bench" sequences --defaults --quick --trials 2 --only e1-high --output "$out" >/dev/null || fail "--defaults: exit $?"
grep -q '^| sequence | cg | ssor-pcg chebcb | ssor-pcg tsallis-inf | ssor-pcg zoom-descent | auto chebcb | auto zoom-descent | fastest |$' "$out" \
  || fail "--defaults: no table header"
row=$(grep "^| e1-high |" "$out") || fail "--defaults: no row for e1-high"
cells=$(awk -F'|' '{print NF - 2}' <<<"$row")
[[ $cells -eq 8 ]] || fail "--defaults: $cells cells, expected 8"
grep -Eq '^\| e1-high (\| [0-9.]+ \([0-9.]+-[0-9.]+\) \[[0-9]+\] ){6}\| (cg|ssor-pcg [a-z-]+|auto [a-z-]+) \|$' <<<"$row" \
  || fail "--defaults: malformed row: $row"
grep -q '^Sequences won: cg [0-9]; ' "$out" || fail "--defaults: no tally of the sequences won"
echo ok
