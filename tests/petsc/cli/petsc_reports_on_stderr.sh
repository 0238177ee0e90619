#!/usr/bin/env bash
# petsc_reports_on_stderr.sh SEQ: PETSc's global options pass through --petsc (-log_view, -malloc_debug act at
# PetscInitialize/PetscFinalize) and everything PETSc prints (-ksp_monitor, -log_view) goes to stderr, so
# that stdout holds the CSV table alone.
set -u
seq="$1"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
status=0
fail() { echo "$*" >&2; status=1; }
run=(--backend petsc --preset demo --nx 8 --steps 3 --format csv)
"$seq" "${run[@]}" --petsc "-log_view -malloc_debug -ksp_monitor" >"$dir/out" 2>"$dir/err" || fail "exit $? with -log_view -malloc_debug -ksp_monitor"
# stdout: the header and one row per instance, nothing else.
[[ $(wc -l <"$dir/out") -eq 4 ]] || fail "stdout has $(wc -l <"$dir/out") lines, expected 4 (header and 3 rows)"
grep -Evq '^(index,|[0-9]+,heat-)' "$dir/out" && fail "stdout holds lines other than the table"
grep -q "KSP Residual norm" "$dir/err" || fail "no -ksp_monitor lines on stderr"
grep -q "PETSc Performance Summary" "$dir/err" || fail "no -log_view summary on stderr"
if ((status)); then head -20 "$dir/out" "$dir/err" >&2; else echo "ok"; fi
exit $status
