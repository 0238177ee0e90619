#!/bin/bash
# Usage: report_tiny.sh ADASOLVE_BENCH OUT_DIR
# Runs `adasolve-bench report --tiny` into OUT_DIR (emptied first), twice so that the second run replaces the
# blocks of the first instead of appending, then checks the pages and that the check rejects a broken table.
set -euo pipefail
bench=$1
out=$2
rm -rf "$out"
mkdir -p "$out"
fail() { echo "report_tiny: $*" >&2; exit 1; }

"$bench" report --tiny --out "$out"
"$bench" report --tiny --out "$out" --only pde-gen,dcdm-ablation
"$bench" report --check "$out" || fail "the pages written by the tiny mode do not check"

pages=$(ls "$out"/*.md | wc -l)
[ "$pages" -ge 6 ] || fail "expected at least 6 pages, got $pages"
for page in "$out"/*.md; do
  # One block per page, however often the report ran, and its command line names a binary.
  [ "$(grep -c '^<!-- begin adasolve-bench report: ' "$page")" -eq 1 ] || fail "$page: not exactly one block"
  grep -A1 '^```sh$' "$page" | grep -q '^adasolve-\(bench\|dcdm\) ' || fail "$page: no adasolve command line"
  grep -q '^Machine: .*load average .* Date: ' "$page" || fail "$page: no machine / date line"
done
# The generated tables are markdown: pde-gen's aligned text and the JSON of relax-e1 and adasolve-dcdm bench.
for page in pde-gen relax-e1; do
  grep -q '^| --- |' "$out/$page.md" || fail "$page.md: no markdown table"
done
if [ -f "$out/dcdm-ablation.md" ]; then
  grep -q '| dcdm-multigrid:cholmod |' "$out/dcdm-ablation.md" || fail "dcdm-ablation.md: no cholmod row"
fi

# The check fails on a table row with a missing cell and on a page without a command line.
printf '# broken\n\n```sh\nadasolve-bench x\n```\n\n| a | b |\n|---|---|\n| 1 |\n' > "$out/broken.md"
if "$bench" report --check "$out" > "$out/check.log"; then fail "a broken table passed the check"; fi
grep -q 'broken.md: line 9: table row has 1 cells, its header 2' "$out/check.log" || fail "unexpected check output"
printf '# no command\n\n| a |\n|---|\n| 1 |\n' > "$out/broken.md"
if "$bench" report --check "$out" > "$out/check.log"; then fail "a page without a command passed the check"; fi
rm "$out/broken.md"
echo "report_tiny: $pages pages written and checked"
