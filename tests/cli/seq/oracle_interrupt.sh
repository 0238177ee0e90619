#!/usr/bin/env bash
# SIGTERM while the oracles replay the sequence: the run stops promptly, keeps its rows, says the oracles
# were skipped and exits with 143. Usage: oracle_interrupt.sh ADASOLVE_SEQ
set -u
seq_bin="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
instances=1000
"$seq_bin" --generator shifted-laplacian --instances $instances --solver sor --policy chebcb --oracle both \
  --format json --output "$work/run.jsonl" 2>"$work/err" &
pid=$!
# All rows written = the learner's run is over and the oracles have started.
for _ in $(seq 1 3000); do
  [[ -f "$work/run.jsonl" ]] && (($(wc -l <"$work/run.jsonl") >= instances)) && break
  sleep 0.01
done
kill -TERM "$pid"
start=$(date +%s)
wait "$pid"
code=$?
(($(date +%s) - start <= 10)) || fail "the oracles did not stop promptly"
[[ $code -eq 143 ]] || fail "exit code $code, expected 143"
[[ $(grep -c '"type":"instance"' "$work/run.jsonl") -eq $instances ]] || fail "rows lost"
tail -1 "$work/run.jsonl" | grep -q '"oracles_skipped":true' || fail "summary does not say the oracles were skipped"
echo "ok"
