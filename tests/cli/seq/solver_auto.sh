#!/usr/bin/env bash
# adasolve-seq --solver auto on the tiny manifest: the JSON rows and summary are parsed (jq) and checked for
# what the output contract promises (arm, rebuilt, setup_seconds, solve_seconds; arm_counts adding up), and
# the fixed rebuild schedules are checked row by row (once: only the first instance builds; every: all do).
# Usage: solver_auto.sh ADASOLVE_SEQ MANIFEST [LAUNCHER...]   (LAUNCHER: e.g. mpiexec -n 2, then --backend petsc)
set -u
seq_bin="$1" manifest="$2"
shift 2
launcher=("$@")
extra=()
if ((${#launcher[@]})); then extra=(--backend petsc); fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

run() {  # run NAME OPTIONS...: JSON lines into $work/NAME.json
  local name="$1"; shift
  "${launcher[@]}" "$seq_bin" --manifest "$manifest" --solver auto --format json "${extra[@]}" "$@" \
    >"$work/$name.json" 2>"$work/$name.err" || fail "$name: exit $? ($(tail -3 "$work/$name.err"))"
  jq -e . "$work/$name.json" >/dev/null || fail "$name: output is not JSON lines"
}

# 1. The default portfolio: every row names an arm of the portfolio and prices its setup and solve.
run default
instances=$(jq -s '[.[] | select(.type == "instance")] | length' "$work/default.json")
[[ $instances -eq 3 ]] || fail "default: $instances instance rows, expected 3"
jq -es '[.[] | select(.type == "instance")] | all(
          (.arm | type == "string" and length > 0) and (.rebuilt | type == "boolean") and
          (.setup_seconds >= 0) and (.solve_seconds >= 0) and (.iterations | type == "number") and
          (.iterations == (.iterations | floor)) and (.reason | startswith("converged")))' "$work/default.json" \
  >/dev/null || fail "default: a row lacks arm/rebuilt/setup_seconds/solve_seconds or did not converge"
jq -es '(map(select(.type == "instance")) | length) as $n | (map(select(.type == "instance") | .iterations) | add) as $its
        | map(select(.type == "summary"))[0]
        | .instances == $n and .not_converged == 0 and .total_iterations == $its and
          ([.arm_counts[]] | add) == $n and .total_seconds > 0' "$work/default.json" >/dev/null \
  || fail "default: the summary does not add up: $(tail -1 "$work/default.json")"
# Arms without an omega write null, the SSOR arm a number.
jq -es 'map(select(.type == "instance")) | all(if .arm == "ssor-pcg" then (.omega | type == "number")
                                                 else .omega == null end)' "$work/default.json" >/dev/null \
  || fail "default: omega must be a number for ssor-pcg and null for the other arms"

# 2. A fixed schedule on one arm that keeps its setup: once builds at the first instance only, every always.
arm=ic0-pcg
if ((${#launcher[@]})); then arm=hypre; fi
run once --portfolio "$arm" --rebuild once
[[ "$(jq -sc '[.[] | select(.type == "instance") | .rebuilt]' "$work/once.json")" == "[true,false,false]" ]] \
  || fail "--rebuild once: rebuilt flags $(jq -sc '[.[] | select(.type == "instance") | .rebuilt]' "$work/once.json")"
run every --portfolio "$arm" --rebuild every
[[ "$(jq -sc '[.[] | select(.type == "instance") | .rebuilt]' "$work/every.json")" == "[true,true,true]" ]] \
  || fail "--rebuild every: rebuilt flags $(jq -sc '[.[] | select(.type == "instance") | .rebuilt]' "$work/every.json")"
[[ "$(jq -sc '[.[] | select(.type == "instance") | .arm] | unique' "$work/once.json")" == "[\"$arm\"]" ]] \
  || fail "--portfolio $arm: another arm was used"
# 3. CSV: a matrix whose file name holds a comma is one quoted field (RFC 4180), so every line has 12 fields.
if ((${#launcher[@]} == 0)); then
  data="$(dirname "$manifest")"
  cp "$data/A_1.mtx" "$work/a,1.mtx"
  cp "$data/b_1.mtx" "$work/b.mtx"
  printf 'a,1.mtx b.mtx\na,1.mtx b.mtx\n' >"$work/comma.manifest"
  "$seq_bin" --manifest "$work/comma.manifest" --solver auto --format csv >"$work/comma.csv" 2>"$work/comma.err" \
    || fail "csv: exit $? ($(tail -1 "$work/comma.err"))"
  /usr/bin/python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
assert len(rows) == 3 and all(len(r) == 13 for r in rows), rows
assert rows[1][1] == "a,1", rows[1]' "$work/comma.csv" || fail "csv: a name with a comma broke the columns: $(cat "$work/comma.csv")"
fi
echo "ok: $instances instances, arms $(jq -sc 'map(select(.type == "summary"))[0].arm_counts' "$work/default.json")"
