#!/usr/bin/env bash
# reuse_preconditioner.sh ADASOLVE_SEQ
# The runner keeps one solver while omega repeats, so PETSc's own reuse works across instances: with
# -ksp_reuse_preconditioner the BoomerAMG hierarchy built at the first heat step serves all 30 steps and goes
# stale, so the iterations grow above those of a hierarchy rebuilt at every step.
set -euo pipefail
seq=$1
total() {
  "$seq" --generator heat --nx 60 --steps 30 --backend petsc --solver cg --format csv --petsc "-pc_type hypre $1" 2>/dev/null |
    awk -F, 'NR > 1 { s += $5; n++ } END { if (n != 30) exit 1; print s }'
}
rebuilt=$(total "")
reused=$(total "-ksp_reuse_preconditioner")
echo "total iterations over 30 steps: hierarchy rebuilt each step $rebuilt, built once and reused $reused"
[[ $rebuilt -gt 0 && $reused -gt $rebuilt ]]
