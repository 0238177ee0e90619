#!/usr/bin/env bash
# adasolve-seq's file outputs: --plot writes a PNG; --state saves the learner and a later run continues from
# it (and refuses another policy's state); --checkpoint refuses to resume a different run.
# Usage: plot_and_state.sh ADASOLVE_SEQ
set -u
seq_bin="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
e1=(--generator shifted-laplacian --solver sor)

# --plot: a PNG (magic bytes \x89 P N G), with an oracle curve.
"$seq_bin" "${e1[@]}" --instances 30 --policy chebcb --oracle best-fixed --plot "$work/run.png" >/dev/null 2>"$work/err" \
  || fail "plot run failed: $(cat "$work/err")"
[[ "$(head -c 4 "$work/run.png" | od -An -c | tr -d ' ')" == "211PNG" ]] || fail "no PNG written"

# --state: created after a run, atomically (no temp file left behind).
"$seq_bin" "${e1[@]}" --instances 300 --policy tsallis-inf --state "$work/learner.json" --format csv >/dev/null \
  || fail "first learning run failed"
grep -q '"kind":"adasolve-seq learner state"' "$work/learner.json" || fail "state file lacks its kind"
grep -q '"policy":"tsallis-inf"' "$work/learner.json" || fail "state file does not name the policy"
ls "$work" | grep -q '\.tmp\.' && fail "temporary state file left behind"
cp "$work/learner.json" "$work/learner.before"
# A second run starting from the learned state chooses differently from a fresh learner.
"$seq_bin" "${e1[@]}" --instances 30 --policy tsallis-inf --seed 2 --state "$work/learner.json" --format csv \
  | cut -d, -f4 >"$work/continued.omega" || fail "continued run failed"
"$seq_bin" "${e1[@]}" --instances 30 --policy tsallis-inf --seed 2 --format csv | cut -d, -f4 >"$work/fresh.omega"
cmp -s "$work/continued.omega" "$work/fresh.omega" && fail "the saved state was not used"
cmp -s "$work/learner.json" "$work/learner.before" && fail "the state was not saved again"
# Another policy's state is an input error on one line.
"$seq_bin" "${e1[@]}" --instances 3 --policy chebcb --state "$work/learner.json" >/dev/null 2>"$work/err"
code=$?
[[ $code -eq 2 ]] || fail "loading another policy's state exited with $code"
grep -q "holds the state of policy 'tsallis-inf'" "$work/err" || fail "unclear message: $(cat "$work/err")"
[[ $(wc -l <"$work/err") -eq 1 ]] || fail "error is not one line"

# --checkpoint: a finished run's checkpoint resumes to the same rows; a different run is refused.
"$seq_bin" "${e1[@]}" --instances 20 --policy chebcb --checkpoint "$work/run.ckpt" --format csv \
  | cut -d, --complement -f8 >"$work/first.csv" || fail "checkpointed run failed"
"$seq_bin" "${e1[@]}" --instances 20 --policy chebcb --checkpoint "$work/run.ckpt" --resume --format csv \
  | cut -d, --complement -f8 >"$work/again.csv" || fail "resuming a finished run failed"
cmp -s "$work/first.csv" "$work/again.csv" || fail "resuming a finished run changed its rows"
"$seq_bin" "${e1[@]}" --instances 20 --policy chebcb --seed 9 --checkpoint "$work/run.ckpt" --resume \
  >/dev/null 2>"$work/err"
code=$?
[[ $code -eq 2 ]] || fail "resuming with other options exited with $code"
grep -q "written by a different run" "$work/err" || fail "unclear message: $(cat "$work/err")"
echo "ok"
