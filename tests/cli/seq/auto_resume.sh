#!/usr/bin/env bash
# adasolve-seq --solver auto killed with a real SIGTERM and resumed from its checkpoint: the resumed output
# starts with exactly the rows written before the signal, has every instance once, and (--cost model) prices
# every rebuild of an arm at the one price calibrated by the first process, so the learner resumes with the
# costs it had observed instead of a new calibration's.
# Usage: auto_resume.sh ADASOLVE_SEQ
set -u
seq_bin="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
options=(--generator heat --nx 40 --steps 300 --warm-start --solver auto --portfolio ssor-pcg,ic0-pcg
         --cost model --format csv --checkpoint "$work/run.ckpt" --checkpoint-interval 0.05)

"$seq_bin" "${options[@]}" --output "$work/part.csv" 2>"$work/part.err" &
pid=$!
for _ in $(seq 1 3000); do
  [[ -f "$work/part.csv" ]] && (($(wc -l <"$work/part.csv") > 30)) && break
  sleep 0.01
done
kill -TERM "$pid" 2>/dev/null
wait "$pid"
code=$?
[[ $code -eq 143 ]] || fail "interrupted run exited $code, expected 143 ($(cat "$work/part.err"))"
written=$(($(wc -l <"$work/part.csv") - 1))
((written > 0 && written < 300)) || fail "interrupted after $written instances"

"$seq_bin" "${options[@]}" --resume --output "$work/full.csv" 2>"$work/full.err" \
  || fail "resume exited $? ($(cat "$work/full.err"))"
[[ $(($(wc -l <"$work/full.csv") - 1)) -eq 300 ]] || fail "resumed output has $(($(wc -l <"$work/full.csv") - 1)) rows"
head -n $((written + 1)) "$work/full.csv" | cmp -s - "$work/part.csv" || fail "the first $written rows changed"
# index column 0..299 once each
awk -F, 'NR > 1 && $1 != NR - 2 { bad = 1 } END { exit bad }' "$work/full.csv" || fail "instances out of order"
# one setup price per arm on rebuilt rows, before and after the resume
prices=$(awk -F, 'NR > 1 && $5 == 1 { print $4, $8 }' "$work/full.csv" | sort -u | awk '{ print $1 }' | uniq -d)
[[ -z "$prices" ]] || fail "arm(s) $prices priced differently after the resume"
# a resume with other options is refused with one line
"$seq_bin" "${options[@]/#model/seconds}" --resume --output "$work/other.csv" 2>"$work/other.err"
[[ $? -eq 2 && $(wc -l <"$work/other.err") -eq 1 ]] && grep -q "written by a different run" "$work/other.err" \
  || fail "a resume with other options: $(cat "$work/other.err")"
echo "ok: interrupted after $written of 300, resumed"
