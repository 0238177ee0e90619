#!/usr/bin/env bash
# -pc_adasolve_state FILE: the second run starts from what the first saved. Run 1 starts without FILE and
# saves N solves; run 2 must report (-pc_view) that it restored N solves, and save 2N.
#   state_across_runs.sh PLUGIN WORK PROGRAM [PROGRAM OPTIONS...]
set -euo pipefail
plugin=$1 work=$2
shift 2
rm -rf "$work" && mkdir -p "$work" && cd "$work"
options=(-dll_append "$plugin" -pc_type adasolve -pc_adasolve_state state.json -ksp_converged_reason)
solves_in() { grep -E '^ "solves": [0-9]+' "$1" | grep -o '[0-9]*'; }  # the top-level key (dump(1) indents it by one space)

"$@" "${options[@]}" > run1.log 2>&1 || { tail -20 run1.log >&2; exit 1; }
[[ -f state.json ]] || { echo "run 1 wrote no state file" >&2; exit 1; }
first=$(solves_in state.json)
ran=$(grep -c "Linear solve converged" run1.log)
if [[ $first != "$ran" ]]; then
  echo "run 1: $ran linear solves, but the state file counts $first" >&2
  exit 1
fi
grep -q '"git_revision"' state.json && grep -q '"version"' state.json || { echo "state file without version keys" >&2; exit 1; }

"$@" "${options[@]}" -pc_view > run2.log 2>&1 || { tail -20 run2.log >&2; exit 1; }
if ! grep -q "($first of them restored from the state file)" run2.log; then
  echo "run 2 did not report that it restored run 1's $first solves:" >&2
  grep -m2 "solves observed" run2.log >&2 || true
  exit 1
fi
second=$(solves_in state.json)
if (( second != 2 * first )); then
  echo "after run 2 the state counts $second solves, expected $((2 * first))" >&2
  exit 1
fi
echo "run 1 saved $first solves; run 2 restored them and saved $second"
grep -m1 "lowest mean cost so far" run2.log

# A state learned on another omega grid is refused, naming the file, and left as it was.
before=$(md5sum < state.json)
if "$@" "${options[@]}" -pc_adasolve_omega_count 10 > run3.log 2>&1; then
  echo "a state file from a 20-value grid was accepted for a 10-value grid" >&2
  exit 1
fi
grep -q "state.json: learned on 20 omega values, not 10" run3.log || { echo "unexpected message:" >&2; grep -m3 -i "error" run3.log >&2; exit 1; }
[[ $(md5sum < state.json) == "$before" ]] || { echo "the refused run changed the state file" >&2; exit 1; }
echo "a state from another grid is refused: $(grep -m1 -o 'state.json: learned on.*' run3.log)"
