#!/usr/bin/env bash
# adasolve-seq's --state and --checkpoint files carry "version" and "git_revision".
#   state_keys.sh ADASOLVE_SEQ WORK
set -euo pipefail
seq=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
"$seq" --generator shifted-laplacian --instances 5 --solver sor --policy tsallis-inf \
  --state "$work/state.json" --checkpoint "$work/checkpoint.json" > /dev/null
for file in state.json checkpoint.json; do
  grep -Eq '"git_revision":"([0-9a-f]{12}(-dirty)?|unknown)"' "$work/$file" || { echo "$file: no git_revision" >&2; exit 1; }
  grep -Eq '"version":"[0-9]+\.[0-9]+\.[0-9]+"' "$work/$file" || { echo "$file: no version" >&2; exit 1; }
done
echo "state and checkpoint files carry version and git_revision"
