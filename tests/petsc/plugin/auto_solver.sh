#!/usr/bin/env bash
# -pc_adasolve_solver auto in an unmodified PETSc program: every solve converges, -pc_view shows the
# portfolio and how many solves each arm took (they add up to the program's solves), an arm that cannot run
# on this operator is left out with one line, -pc_adasolve_state carries what was learned into a second run
# (which reports the restored solves), a state from another portfolio is refused naming the file, and a bad
# portfolio or rebuild rule is refused with a message naming it.
#   auto_solver.sh PLUGIN WORK PROGRAM [PROGRAM OPTIONS...]
set -euo pipefail
plugin=$1 work=$2
shift 2
rm -rf "$work" && mkdir -p "$work" && cd "$work"
options=(-dll_append "$plugin" -pc_type adasolve -pc_adasolve_solver auto -pc_adasolve_state state.json
         -ksp_converged_reason -pc_view)
solves_in() { grep -E '^ "solves": [0-9]+' "$1" | grep -o '[0-9]*'; }

"$@" "${options[@]}" > run1.log 2>&1 || { tail -20 run1.log >&2; exit 1; }
if grep -q DIVERGED run1.log; then
  echo "a linear solve diverged with -pc_adasolve_solver auto:" >&2
  grep -m3 DIVERGED run1.log >&2
  exit 1
fi
ran=$(grep -c "Linear solve converged" run1.log)
per_arm=$(grep "solves per arm:" run1.log | tail -1)
sum=$(sed 's/.*solves per arm://' <<< "$per_arm" | tr ',' '\n' | awk '{ s += $NF } END { print s + 0 }')
echo "run 1: $ran solves;$per_arm"
grep "left out" run1.log | sort -u || true
if (( sum != ran )); then
  echo "the arms' solves add up to $sum, not the $ran solves of the run" >&2
  exit 1
fi
first=$(solves_in state.json)
(( first == ran )) || { echo "the state file counts $first solves, the run made $ran" >&2; exit 1; }

"$@" "${options[@]}" > run2.log 2>&1 || { tail -20 run2.log >&2; exit 1; }
grep -q "($first of them restored from the state file)" run2.log || {
  echo "run 2 did not report that it restored run 1's $first solves" >&2
  exit 1
}
second=$(solves_in state.json)
(( second == 2 * first )) || { echo "after run 2 the state counts $second solves, expected $((2 * first))" >&2; exit 1; }
echo "run 2 restored $first solves and saved $second"

before=$(md5sum < state.json)
if "$@" "${options[@]}" -pc_adasolve_portfolio ssor,gamg > run3.log 2>&1; then
  echo "a state learned on another portfolio was accepted" >&2
  exit 1
fi
grep -q "state.json: learned on the portfolio" run3.log || { echo "unexpected message:" >&2; grep -m3 -i error run3.log >&2; exit 1; }
[[ $(md5sum < state.json) == "$before" ]] || { echo "the refused run changed the state file" >&2; exit 1; }
echo "a state from another portfolio is refused"

for bad in "-pc_adasolve_portfolio ssor,nonsense" "-pc_adasolve_portfolio gamg:7" "-pc_adasolve_rebuild every:0"; do
  # shellcheck disable=SC2086
  if "$@" -dll_append "$plugin" -pc_type adasolve -pc_adasolve_solver auto $bad > bad.log 2>&1; then
    echo "accepted: $bad" >&2
    exit 1
  fi
  value=${bad#* }
  grep -q -- "${value%%,*}\|${value#*,}" bad.log || { echo "no message naming '$value':" >&2; tail -5 bad.log >&2; exit 1; }
  echo "refused: $bad"
done
