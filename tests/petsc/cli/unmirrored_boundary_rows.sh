#!/usr/bin/env bash
# PETSc's ts ex13 imposes its boundary values with MatZeroRows, leaving the couplings to the boundary rows in
# the interior rows' columns. adasolve-seq --solver auto must serve that sequence with every CG arm: PETSc's
# ICC finishes (it never did on the unmirrored matrix), GAMG converges in a few iterations (thousands on the
# unmirrored matrix) and no arm is left out.
#   unmirrored_boundary_rows.sh ADASOLVE_SEQ DIR EX13 [EX13 OPTIONS...]
set -euo pipefail
seq=$1 dir=$2
shift 2
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
"$@" -ksp_type cg -pc_type jacobi -ksp_view_mat binary:A.bin -ksp_view_rhs binary:b.bin > tutorial.log

for arm in petsc-icc gamg ic0-pcg; do
  if ! timeout -k 5 60 "$seq" --petsc-binary A.bin --rhs b.bin --solver auto --portfolio "$arm" --rebuild every \
    --format csv > "$arm.csv" 2> "$arm.err"; then
    echo "$arm did not solve the ex13 dump within 60 s:" >&2
    cat "$arm.err" >&2
    exit 1
  fi
  if grep -q "left out" "$arm.err"; then
    echo "$arm was left out of the portfolio on the ex13 dump:" >&2
    cat "$arm.err" >&2
    exit 1
  fi
  column=$(head -1 "$arm.csv" | tr ',' '\n' | grep -nx iterations | cut -d: -f1)
  most=$(tail -n +2 "$arm.csv" | cut -d, -f"$column" | sort -n | tail -1)
  rows=$(tail -n +2 "$arm.csv" | wc -l)
  if (( rows < 5 || most > 100 )); then
    echo "$arm: expected at least 5 instances of at most 100 iterations, got $rows rows, at most $most" >&2
    exit 1
  fi
  echo "$arm: $rows instances, at most $most iterations"
done
