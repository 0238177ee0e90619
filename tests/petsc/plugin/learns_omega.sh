#!/usr/bin/env bash
# The plugin learns omega within one run of an unmodified PETSc tutorial: its total KSP iterations are at
# most RATIO times those of the best fixed -pc_type sor -pc_sor_omega W over the plugin's own omega grid,
# chosen in hindsight. The grid's mean (what a learner that picks omega at random costs) is printed beside
# it; on the test's sequence it is about 1.5 times the best, so a learner that does not learn fails.
#   learns_omega.sh PLUGIN WORK RATIO PROGRAM [PROGRAM OPTIONS...]
set -euo pipefail
plugin=$1 work=$2 ratio=$3
shift 3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
grid=(-pc_adasolve_omega_min 1.0 -pc_adasolve_omega_max 1.95 -pc_adasolve_omega_count 20)

iterations() {  # iterations PC-OPTIONS...: the run's summed KSP iterations (every solve must converge)
  local log
  log=$("$@" -ksp_converged_reason 2>&1) || { echo "the program failed: $*" >&2; echo "$log" | tail -5 >&2; exit 1; }
  if grep -q DIVERGED <<< "$log"; then
    echo "a linear solve diverged: $*" >&2
    exit 1
  fi
  grep -o "Linear solve converged due to [A-Z_]* iterations [0-9]*" <<< "$log" | awk '{ s += $NF } END { print s + 0 }'
}

best=0 best_omega=0 sum=0 count=0
for k in $(seq 0 19); do
  omega=$(awk -v k="$k" 'BEGIN { printf "%.2f", 1.0 + 0.05 * k }')
  its=$(iterations "$@" -pc_type sor -pc_sor_omega "$omega")
  echo "sor omega $omega: $its iterations"
  if (( best == 0 || its < best )); then best=$its best_omega=$omega; fi
  sum=$((sum + its)) count=$((count + 1))
done
learned=$(iterations "$@" -dll_append "$plugin" -pc_type adasolve "${grid[@]}")
echo "best fixed: omega $best_omega, $best iterations; grid mean $((sum / count)); adasolve: $learned iterations"
awk -v l="$learned" -v b="$best" -v r="$ratio" -v m="$((sum / count))" 'BEGIN {
  printf "adasolve / best fixed = %.3f (bound %s); grid mean / best fixed = %.3f\n", l / b, r, m / b
  exit !(l <= r * b) }'
