#!/usr/bin/env bash
# The E1 example sequence in matrices/ (written by adasolve-gen) solved from its manifest gives exactly the
# per-instance results of the in-process generator with the same seed: same contexts, omegas, iterations
# and residuals (names and timings aside). Usage: manifest_matches_generator.sh ADASOLVE_SEQ SOURCE_DIR
set -u
seq_bin="$1" src="$2"
fail() { echo "FAIL: $*" >&2; exit 1; }
common=(--solver sor --policy chebcb --context.min -0.15 --context.max 0.65 --seed 1 --format csv)  # seed 1: the examples were generated with it
from_files=$("$seq_bin" --manifest "$src/matrices/e1-high-10/manifest.txt" "${common[@]}" 2>/dev/null) \
  || fail "manifest run failed"
in_process=$("$seq_bin" --generator shifted-laplacian --instances 10 "${common[@]}" 2>/dev/null) \
  || fail "generator run failed"
[[ $(wc -l <<<"$from_files") -eq 11 ]] || fail "expected 10 instances from the manifest"
diff <(cut -d, -f1,3-7,9 <<<"$from_files") <(cut -d, -f1,3-7,9 <<<"$in_process") || fail "results differ"
echo "ok"
