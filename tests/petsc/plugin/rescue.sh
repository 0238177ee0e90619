#!/usr/bin/env bash
# -pc_adasolve_solver auto re-solves a failed linear solve with the fallback arm inside the same KSPSolve, so
# the program goes on. The iteration cap is set below what the SSOR arm needs on this operator and above
# what BoomerAMG needs, so every SSOR play fails: without the rescue ex13's first failed step stops the
# program (TSStep: DIVERGED_NONLINEAR_SOLVE). Checks: the program finishes, -pc_view counts the rescues
# (at least one: the learner plays SSOR, the first arm, before it knows better), and the rescued solves
# are reported converged to the program.
#   rescue.sh PLUGIN WORK PROGRAM [PROGRAM OPTIONS...]
set -euo pipefail
plugin=$1 work=$2
shift 2
rm -rf "$work" && mkdir -p "$work" && cd "$work"
if ! "$@" -dll_append "$plugin" -pc_type adasolve -pc_adasolve_solver auto -pc_adasolve_portfolio ssor,hypre \
     -ksp_max_it 8 -ksp_converged_reason -pc_view > run.log 2>&1; then
  echo "the program stopped after a failed solve:" >&2
  grep -m3 -E "DIVERGED|ERROR" run.log >&2
  exit 1
fi
rescued=$(grep "failed solves re-solved by the fallback arm hypre:" run.log | tail -1 | grep -o '[0-9]*$')
failed=$(grep -c "Linear solve did not converge" run.log || true)
echo "failed solves: $failed, re-solved by hypre: ${rescued:-none}"
(( ${rescued:-0} >= 1 )) || { echo "no rescue was counted" >&2; exit 1; }
(( rescued == failed )) || { echo "$failed solves failed but $rescued were re-solved" >&2; exit 1; }
