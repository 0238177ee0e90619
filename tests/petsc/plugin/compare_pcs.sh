#!/usr/bin/env bash
# An unmodified PETSc tutorial solved three ways on RANKS ranks: -pc_type sor, -pc_type hypre, and
# -pc_type adasolve loaded from the plugin with -dll_append. All three must converge every linear solve and
# reach the same answer (the final solution, written by VIEW_OPTION in binary and read back with
# adasolve-mtx, within a relative 1e-6 in the max norm); the iterations of each are reported.
#   compare_pcs.sh PLUGIN ADASOLVE_MTX WORK RANKS VIEW_OPTION PROGRAM [PROGRAM OPTIONS...]
# MPIEXEC must be set when RANKS > 1.
set -euo pipefail
plugin=$1 mtx=$2 work=$3 ranks=$4 view=$5
shift 5
rm -rf "$work" && mkdir -p "$work" && cd "$work"
launch=()
if (( ranks > 1 )); then
  launch=("$MPIEXEC" -n "$ranks")
fi

run() {  # run NAME PC-OPTIONS...: solution in NAME.mtx, log in NAME.log, prints "NAME: S solves, I iterations"
  local name=$1
  shift
  "${launch[@]}" "$@" -ksp_converged_reason "$view" "binary:$name.bin" > "$name.log" 2>&1 || {
    echo "$name: the program failed:" >&2
    tail -20 "$name.log" >&2
    exit 1
  }
  if grep -q "DIVERGED" "$name.log"; then
    echo "$name: a linear solve diverged:" >&2
    grep -m3 "DIVERGED" "$name.log" >&2
    exit 1
  fi
  local solves iterations
  solves=$(grep -c "Linear solve converged" "$name.log" || true)
  iterations=$(grep -o "Linear solve converged due to [A-Z_]* iterations [0-9]*" "$name.log" | awk '{ s += $NF } END { print s + 0 }')
  if (( solves < 2 )); then
    echo "$name: expected several converged linear solves, found $solves" >&2
    exit 1
  fi
  "$mtx" convert "$name.bin" "$name.mtx" --vector 1 > /dev/null
  echo "$name: $solves linear solves, $iterations iterations"
  echo "$solves" > "$name.solves"
}

run sor "$@" -pc_type sor
run hypre "$@" -pc_type hypre
run adasolve "$@" -dll_append "$plugin" -pc_type adasolve

# Matrix Market array files: skip the comments and the size line, compare the values.
values() { grep -v '^%' "$1" | tail -n +2; }
for other in hypre adasolve; do
  if ! paste -d' ' <(values sor.mtx) <(values "$other.mtx") |
      awk '{ d = $1 - $2; if (d < 0) d = -d; if (d > dmax) dmax = d; a = $1 < 0 ? -$1 : $1; if (a > amax) amax = a; n++ }
           END { printf "  %s vs sor: max |difference| %.3g, max |u| %.3g over %d values\n", other, dmax, amax, n;
                 exit !(n > 0 && dmax <= 1e-6 * amax) }' other="$other"; then
    echo "-pc_type $other did not reach -pc_type sor's answer" >&2
    exit 1
  fi
done
if [[ $(cat sor.solves) != $(cat adasolve.solves) ]]; then
  echo "note: $(cat sor.solves) linear solves with sor, $(cat adasolve.solves) with adasolve"
fi
