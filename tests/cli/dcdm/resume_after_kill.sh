#!/usr/bin/env bash
# resume_after_kill.sh BIN DIR: trains a tiny model straight through, then again with a SIGKILL after the
# epoch-2 checkpoint and --resume; the logs (losses to 9 digits) and the solves with the final weights
# must be identical.
set -eu
bin="$1" dir="$2"
rm -rf "$dir" && mkdir -p "$dir"
args=(--grid 8 --ritz 40 --train-count 80 --validation-count 10 --batch 5 --lr 1e-3 --epochs 5 --seed 7)
"$bin" train --out "$dir/straight" "${args[@]}" >/dev/null
"$bin" train --out "$dir/killed" "${args[@]}" >"$dir/killed.log" 2>&1 &
pid=$!
for _ in $(seq 600); do
  if grep -q '"checkpoint": "checkpoint-2"' "$dir/killed/state.json" 2>/dev/null; then break; fi
  sleep 0.1
done
kill -9 "$pid" 2>/dev/null || { echo "training ended before it could be killed" >&2; exit 1; }
wait "$pid" 2>/dev/null || true
if grep -q '"checkpoint": "checkpoint-5"' "$dir/killed/state.json"; then
  echo "the kill came too late to test anything" >&2; exit 1
fi
"$bin" train --out "$dir/killed" --resume >/dev/null
diff <(cut -d, -f1-3 "$dir/straight/training_log.csv") <(cut -d, -f1-3 "$dir/killed/training_log.csv")
for run in straight killed; do
  "$bin" solve --grid 8 --model "$dir/$run/best.pt" --stop.rtol 1e-4 --stop.max-iters 200 \
    --history "$dir/$run.history.csv" >/dev/null || true
done
cmp "$dir/straight.history.csv" "$dir/killed.history.csv"
echo "resumed run identical to the uninterrupted one ($(wc -l <"$dir/straight/training_log.csv") log lines)"
