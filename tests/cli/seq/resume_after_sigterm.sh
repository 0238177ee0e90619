#!/usr/bin/env bash
# A run of adasolve-seq killed with a real SIGTERM and resumed from its checkpoint must produce exactly the
# per-instance results of an uninterrupted run with the same seed (every column but the timing).
# Usage: resume_after_sigterm.sh ADASOLVE_SEQ [SIGNAL] -- OPTIONS...
set -u
seq_bin="$1"; shift
signal="TERM"
if [[ "$1" != "--" ]]; then signal="$1"; shift; fi
shift  # --
options=("$@")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. Reference: uninterrupted.
"$seq_bin" "${options[@]}" --format csv --output "$work/reference.csv" 2>"$work/reference.err" \
  || fail "reference run failed: $(cat "$work/reference.err")"
total=$(($(wc -l <"$work/reference.csv") - 1))
((total > 20)) || fail "reference run too short ($total instances)"

# 2. Interrupted: wait until a few instances are done, then send the signal.
"$seq_bin" "${options[@]}" --format csv --output "$work/part.csv" --checkpoint "$work/run.ckpt" \
  2>"$work/part.err" &
pid=$!
for _ in $(seq 1 2000); do
  [[ -f "$work/part.csv" ]] && (($(wc -l <"$work/part.csv") > 5)) && break
  sleep 0.01
done
kill -"$signal" "$pid" 2>/dev/null
wait "$pid"
code=$?
expected=$((128 + $(kill -l "$signal")))
[[ $code -eq $expected ]] || fail "interrupted run exited with $code, expected $expected (did it finish before the signal? $(wc -l <"$work/part.csv") lines)"
done_before=$(($(wc -l <"$work/part.csv") - 1))
((done_before < total)) || fail "the run was not interrupted"
[[ -s "$work/run.ckpt" ]] || fail "no checkpoint written"
grep -q "interrupted" "$work/part.err" || fail "no 'interrupted' note on stderr: $(cat "$work/part.err")"
# What it flushed matches the reference so far.
diff <(head -n $((done_before + 1)) "$work/reference.csv" | cut -d, -f1-7,9) \
     <(cut -d, -f1-7,9 "$work/part.csv") >/dev/null || fail "rows flushed before the signal differ"

# 3. Resume: the full CSV equals the reference in every column but seconds (column 8).
"$seq_bin" "${options[@]}" --format csv --output "$work/resumed.csv" --checkpoint "$work/run.ckpt" --resume \
  2>"$work/resumed.err" || fail "resumed run failed: $(cat "$work/resumed.err")"
if ! diff <(cut -d, -f1-7,9 "$work/reference.csv") <(cut -d, -f1-7,9 "$work/resumed.csv") >"$work/diff"; then
  head -20 "$work/diff" >&2
  fail "resumed results differ from the uninterrupted run"
fi
echo "ok: interrupted after $done_before of $total instances, resumed, identical results"
