#!/bin/bash
# Usage: app_conformance.sh BIN_DIR SCHEMA_DIR VALIDATOR WORK_DIR DATA_DIR
# The command-line and output contract that every adasolve app keeps (docs/schema/README.md):
#   --help     exits 0 and prints a "Usage: APP [SUBCOMMAND]" line on stdout, nothing on stderr
#   --version  prints exactly "APP VERSION (git REVISION)" (also after a subcommand)
#   bad input  an unknown option, a missing file: exit 2 and exactly one line "APP: error: ..." on stderr
#   --config   an INI file sets an option (seen in the output), and the same option on the command line wins
#   --format json  every line of a tiny run validates against its record's schema (VALIDATOR, run with
#              /usr/bin/python3 and Debian's python3-jsonschema)
# for all six apps and every subcommand they list in --help. Before that, the checks themselves are shown to
# fail on inputs that break them (a float count, a record without schema, a second stderr line, ...), so a
# check that cannot fail does not pass unnoticed. Prints every failure and exits 1 if there was one.
set -uo pipefail
bin=$1 schema_dir=$2 validator=$3 work=$4 data=$5
python=/usr/bin/python3  # Debian's interpreter, the one python3-jsonschema is installed for
rm -rf "$work" && mkdir -p "$work" || exit 1
# Results go to a log, one line per check, so that checks run in background subshells count too.
log=$work/results.log
: > "$log"
fail() { echo "app_conformance: FAIL: $*" | tee -a "$log"; }
pass() { echo PASS >> "$log"; }

# ---- the checks, each a function that returns non-zero and prints why -------------------------------------

# check_usage NAME OUT ERR RC: --help output. NAME is "APP" or "APP SUBCOMMAND".
check_usage() {
  local name=$1 out=$2 err=$3 rc=$4
  [[ $rc -eq 0 ]] || { echo "exit $rc"; return 1; }
  grep -q "^Usage: $name\( \|$\)" "$out" || { echo "no 'Usage: $name' line on stdout"; return 1; }
  [[ ! -s $err ]] || { echo "stderr not empty: $(head -1 "$err")"; return 1; }
}

# check_version APP OUT ERR RC
check_version() {
  local app=$1 out=$2 err=$3 rc=$4
  [[ $rc -eq 0 ]] || { echo "exit $rc"; return 1; }
  [[ $(wc -l < "$out") -eq 1 ]] || { echo "not one line on stdout"; return 1; }
  grep -Eq "^$app [0-9]+\.[0-9]+\.[0-9]+ \(git ([0-9a-f]{12}(-dirty)?|unknown)\)$" "$out" ||
    { echo "printed '$(head -1 "$out")'"; return 1; }
  [[ ! -s $err ]] || { echo "stderr not empty"; return 1; }
}

# check_error APP ERR RC: a usage or input error.
check_error() {
  local app=$1 err=$2 rc=$3
  [[ $rc -eq 2 ]] || { echo "exit $rc, not 2"; return 1; }
  [[ $(wc -l < "$err") -eq 1 ]] || { echo "stderr has $(wc -l < "$err") lines, not 1: $(head -3 "$err" | tr '\n' '|')"; return 1; }
  grep -q "^$app: error: ." "$err" || { echo "stderr is not '$app: error: ...': $(cat "$err")"; return 1; }
}

# check_json FILE: every line a valid record of its schema.
check_json() { "$python" "$validator" "$schema_dir" "$1"; }

# json_value FILE SCHEMA KEY: KEY of the last record of type SCHEMA in FILE (empty when there is none).
json_value() {
  "$python" - "$@" <<'EOF'
import json, sys
path, schema, key = sys.argv[1:4]
value = ""
for line in open(path, encoding="utf-8"):
    try:
        record = json.loads(line)
    except ValueError:
        continue
    if isinstance(record, dict) and record.get("schema") == schema and key in record:
        value = json.dumps(record[key]).strip('"')
print(value)
EOF
}

# ---- running the apps --------------------------------------------------------------------------------------

n=0 tag=main
# run_app COMMAND...: runs the command with stdout/stderr into fresh files; sets out, err, rc. `tag` keeps
# the files of concurrent subshells apart.
run_app() {
  n=$((n + 1))
  out=$work/$tag.$n.out err=$work/$tag.$n.err
  "$@" > "$out" 2> "$err" < /dev/null
  rc=$?
}

# expect LABEL CHECK ARGS...: runs a check function, counts it.
expect() {
  local label=$1 why
  shift
  if why=$("$@" 2>&1); then pass; else fail "$label: ${why:-failed}"; fi
}

# config_pair LABEL EXPECTED_FROM_FILE EXPECTED_FROM_COMMAND_LINE FROM_FILE FROM_COMMAND_LINE
config_pair() {
  local label=$1
  if [[ $4 == "$2" ]]; then pass; else fail "$label: --config file value not used (got '$4', expected '$2')"; fi
  if [[ $5 == "$3" ]]; then pass; else fail "$label: command line did not win over --config (got '$5', expected '$3')"; fi
}

# json_run LABEL SCHEMA... -- COMMAND...: the run's stdout validates and holds each SCHEMA at least once.
json_run() {
  local label=$1 schemas=() s
  shift
  while [[ $1 != -- ]]; do schemas+=("$1"); shift; done
  shift
  run_app "$@"
  if [[ $rc -gt 1 ]]; then fail "$label: exit $rc: $(head -1 "$err")"; return; fi
  expect "$label --format json" check_json "$out"
  for s in "${schemas[@]}"; do
    if grep -q "\"schema\":\"$s\"" "$out"; then pass; else fail "$label: no $s record"; fi
  done
}

# adasolve-dcdm's runs (--config and --format json) go in the background from the start: every start of
# adasolve-dcdm spends about 2 s loading libtorch.
dcdm_runs() {
  tag=dcdm
  printf 'grid = 6\nformat = json\n' > "$work/dcdm.ini"
  "$bin/adasolve-dcdm" solve --config "$work/dcdm.ini" > "$work/dcdm_config.jsonl" 2> /dev/null
  "$bin/adasolve-dcdm" solve --config "$work/dcdm.ini" --grid 8 > "$work/dcdm_config_cli.jsonl" 2> /dev/null
  config_pair "adasolve-dcdm solve grid" 216 512 \
    "$(json_value "$work/dcdm_config.jsonl" adasolve-dcdm/solve-result unknowns)" \
    "$(json_value "$work/dcdm_config_cli.jsonl" adasolve-dcdm/solve-result unknowns)"
  json_run "adasolve-dcdm solve" adasolve-dcdm/solve-result -- "$bin/adasolve-dcdm" solve --grid 8 --format json
  json_run "adasolve-dcdm bench" adasolve-dcdm/bench-row adasolve-dcdm/network-cost -- \
    "$bin/adasolve-dcdm" bench --grids 8 --domains cube --methods cg,cholmod --format json
}

# ---- 1. the checks reject what they must reject ------------------------------------------------------------

good=$work/good.jsonl
"$bin/adasolve-seq" --generator poisson --instances 2 --solver cg --format json > "$good" 2> /dev/null
expect "validator accepts a real adasolve-seq run" check_json "$good"
sed 's/"total_iterations":\([0-9]*\)/"total_iterations":\1.0/' "$good" > "$work/float_count.jsonl"
sed 's/"schema":"[^"]*",//' "$good" > "$work/no_schema.jsonl"
sed 's/"residual":[^,]*/"residual":NaN/' "$good" > "$work/nan.jsonl"
sed 's/"version":/"unlisted_key":1,"version":/' "$good" > "$work/extra_key.jsonl"
sed 's/"schema":"adasolve-seq\/instance"/"schema":"adasolve-seq\/nothing"/' "$good" > "$work/unknown_schema.jsonl"
: > "$work/empty.jsonl"
for broken in float_count no_schema nan extra_key unknown_schema empty; do
  if check_json "$work/$broken.jsonl" > /dev/null 2>&1; then
    fail "the validator accepted a broken record ($broken)"
  else
    pass
  fi
done
printf 'Usage: adasolve-other\n' > "$work/usage.out"
printf 'adasolve-seq 0.1.0 (git 1234)\n' > "$work/version.out"
printf 'adasolve-seq: error: a\nsecond line\n' > "$work/two_lines.err"
: > "$work/none.err"
if check_usage adasolve-seq "$work/usage.out" "$work/none.err" 0 > /dev/null; then fail "check_usage accepted another app's Usage line"; else pass; fi
if check_version adasolve-seq "$work/version.out" "$work/none.err" 0 > /dev/null; then fail "check_version accepted a short revision"; else pass; fi
if check_error adasolve-seq "$work/two_lines.err" 2 > /dev/null; then fail "check_error accepted two stderr lines"; else pass; fi
if check_error adasolve-seq "$work/none.err" 1 > /dev/null; then fail "check_error accepted exit 1"; else pass; fi

dcdm_runs &

# ---- 2. --help, --version and an unknown option on every app and subcommand ------------------------------

# The subcommands an app lists in its --help: the names indented by two spaces under "Commands:",
# "Benchmarks:" or "Generators:".
subcommands() {
  "$bin/$1" --help 2> /dev/null | awk '/^(Commands|Benchmarks|Generators):$/ { on = 1; next }
                                       on && /^$/ { on = 0 }
                                       on && /^  [a-z]/ { print $1 }'
}
declare -A min_subcommands=([adasolve-seq]=0 [adasolve-nlp]=0 [adasolve-dcdm]=3 [adasolve-mtx]=3
                            [adasolve-gen]=4 [adasolve-bench]=10)
# check_command APP [SUBCOMMAND]: --help, --version and an unknown option. Each runs in its own background
# subshell: adasolve-dcdm alone spends about 2 s per start loading libtorch.
check_command() {
  local app=$1 sub=${2:-}
  local name="$app${sub:+ $sub}"
  tag="$app${sub:+.$sub}"
  run_app "$bin/$app" ${sub:+"$sub"} --help
  expect "$name --help" check_usage "$name" "$out" "$err" "$rc"
  run_app "$bin/$app" ${sub:+"$sub"} --version
  expect "$name --version" check_version "$app" "$out" "$err" "$rc"
  run_app "$bin/$app" ${sub:+"$sub"} --no-such-option 1
  expect "$name --no-such-option" check_error "$app" "$err" "$rc"
}
for app in adasolve-seq adasolve-dcdm adasolve-nlp adasolve-gen adasolve-mtx adasolve-bench; do
  if [[ ! -x $bin/$app ]]; then
    fail "$app: not built in $bin"
    continue
  fi
  mapfile -t subs < <(subcommands "$app")
  # A help layout change must not make this loop check nothing.
  if ((${#subs[@]} < ${min_subcommands[$app]})); then
    fail "$app --help lists ${#subs[@]} subcommands, expected at least ${min_subcommands[$app]}"
  fi
  for sub in "" "${subs[@]}"; do
    check_command "$app" "$sub" &
  done
done
wait
tag=main

# ---- 3. one-line errors for bad input ---------------------------------------------------------------------

missing=$work/no_such_file.mtx
run_app "$bin/adasolve-seq" --manifest "$work/no_such_manifest.txt"
expect "adasolve-seq: missing manifest" check_error adasolve-seq "$err" "$rc"
run_app "$bin/adasolve-seq" --generator poisson --instances 2 --format xml
expect "adasolve-seq: bad --format" check_error adasolve-seq "$err" "$rc"
run_app "$bin/adasolve-nlp" "$work/no_such_problem.nl"
expect "adasolve-nlp: missing .nl file" check_error adasolve-nlp "$err" "$rc"
run_app "$bin/adasolve-mtx" info "$missing"
expect "adasolve-mtx info: missing file" check_error adasolve-mtx "$err" "$rc"
printf '%%%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n' > "$work/bad_index.mtx"
run_app "$bin/adasolve-mtx" check "$work/bad_index.mtx"
expect "adasolve-mtx check: index out of range" check_error adasolve-mtx "$err" "$rc"
run_app "$bin/adasolve-dcdm" solve --matrix "$missing" --grid 2,2,2
expect "adasolve-dcdm solve: missing matrix" check_error adasolve-dcdm "$err" "$rc"
run_app "$bin/adasolve-gen" shifted-laplacian --instances 2 --distribution medium --out "$work/gen_bad"
expect "adasolve-gen: bad --distribution" check_error adasolve-gen "$err" "$rc"
run_app "$bin/adasolve-bench" relax-e1 --instances 2 --trials 1 --format xml
expect "adasolve-bench relax-e1: bad --format" check_error adasolve-bench "$err" "$rc"
run_app "$bin/adasolve-bench" no-such-benchmark
expect "adasolve-bench: unknown benchmark" check_error adasolve-bench "$err" "$rc"

# ---- 4. --config: the file sets an option, the command line wins -----------------------------------------

printf 'generator = poisson\ninstances = 3\nsolver = cg\nformat = json\n' > "$work/seq.ini"
"$bin/adasolve-seq" --config "$work/seq.ini" > "$work/seq_config.jsonl" 2> /dev/null
"$bin/adasolve-seq" --config "$work/seq.ini" --instances 2 > "$work/seq_config_cli.jsonl" 2> /dev/null
config_pair "adasolve-seq instances" 3 2 "$(json_value "$work/seq_config.jsonl" adasolve-seq/summary instances)" \
  "$(json_value "$work/seq_config_cli.jsonl" adasolve-seq/summary instances)"

printf 'problem = HS39\nformat = json\n' > "$work/nlp.ini"
"$bin/adasolve-nlp" --config "$work/nlp.ini" > "$work/nlp_config.jsonl" 2> /dev/null
"$bin/adasolve-nlp" --config "$work/nlp.ini" --problem HS6 > "$work/nlp_config_cli.jsonl" 2> /dev/null
config_pair "adasolve-nlp problem" HS39 HS6 "$(json_value "$work/nlp_config.jsonl" adasolve-nlp/result problem)" \
  "$(json_value "$work/nlp_config_cli.jsonl" adasolve-nlp/result problem)"

printf 'format = json\n' > "$work/mtx.ini"
"$bin/adasolve-mtx" info "$data/spd3.mtx" --config "$work/mtx.ini" > "$work/mtx_config.jsonl" 2> /dev/null
"$bin/adasolve-mtx" info "$data/spd3.mtx" --config "$work/mtx.ini" --format table > "$work/mtx_config_cli.txt" 2> /dev/null
config_pair "adasolve-mtx info format" 3 table "$(json_value "$work/mtx_config.jsonl" adasolve-mtx/info rows)" \
  "$(grep -q '^size  *3 x 3$' "$work/mtx_config_cli.txt" && echo table)"

printf 'instances = 3\nout = %s\n' "$work/gen_config" > "$work/gen.ini"
"$bin/adasolve-gen" shifted-laplacian --config "$work/gen.ini" > /dev/null 2>&1
"$bin/adasolve-gen" shifted-laplacian --config "$work/gen.ini" --instances 2 --out "$work/gen_config_cli" > /dev/null 2>&1
config_pair "adasolve-gen shifted-laplacian instances" 3 2 \
  "$(grep -c '\.mtx' "$work/gen_config/manifest.txt" 2> /dev/null)" \
  "$(grep -c '\.mtx' "$work/gen_config_cli/manifest.txt" 2> /dev/null)"

printf 'instances = 10\ntrials = 1\nformat = json\n' > "$work/bench.ini"
"$bin/adasolve-bench" relax-e1 --config "$work/bench.ini" > "$work/bench_config.jsonl" 2> /dev/null
"$bin/adasolve-bench" relax-e1 --config "$work/bench.ini" --instances 20 > "$work/bench_config_cli.jsonl" 2> /dev/null
config_pair "adasolve-bench relax-e1 instances" 10 20 \
  "$(json_value "$work/bench_config.jsonl" adasolve-bench/relax-method instances)" \
  "$(json_value "$work/bench_config_cli.jsonl" adasolve-bench/relax-method instances)"

# ---- 5. --format json of tiny runs validates against the schemas -------------------------------------------

"$bin/adasolve-mtx" convert "$data/spd3.mtx" "$work/spd3.bin" > /dev/null 2>&1
printf '%%%%MatrixMarket matrix array real general\n3 1\n1\n-2.5\n0.125\n' > "$work/b3.mtx"
"$bin/adasolve-mtx" convert "$work/b3.mtx" "$work/b3.bin" > /dev/null 2>&1
cat "$work/spd3.bin" "$work/b3.bin" > "$work/with_rhs.bin"
# A matrix with an Inf entry: its asymmetry and max |a_ij| are not finite and must come out as null.
printf '%%%%MatrixMarket matrix coordinate real general\n2 2 3\n1 1 1.0\n1 2 inf\n2 1 2.0\n' > "$work/inf.mtx"

json_run "adasolve-seq" adasolve-seq/instance adasolve-seq/summary -- \
  "$bin/adasolve-seq" --generator shifted-laplacian --instances 10 --solver sor --policy chebcb --oracle both --format json
# young spends matrix-vector products choosing omega: choice_matvecs are counts that are not all 0.
json_run "adasolve-seq --policy young" adasolve-seq/summary -- \
  "$bin/adasolve-seq" --generator shifted-laplacian --instances 5 --solver sor --policy young --format json
if [[ $(json_value "$out" adasolve-seq/summary total_choice_matvecs) =~ ^[1-9][0-9]*$ ]]; then pass; else
  fail "adasolve-seq --policy young: total_choice_matvecs is not a positive integer"; fi
seq_help=$("$bin/adasolve-seq" --help 2> /dev/null)
if [[ $seq_help =~ --backend[^$'\n']*petsc ]]; then
  json_run "adasolve-seq --backend petsc" adasolve-seq/instance adasolve-seq/summary -- \
    "$bin/adasolve-seq" --backend petsc --generator poisson --instances 2 --solver cg --format json
fi
json_run "adasolve-seq --solver auto" adasolve-seq/auto-instance adasolve-seq/auto-summary -- \
  "$bin/adasolve-seq" --generator poisson --instances 3 --solver auto --oracle best-fixed --format json
json_run "adasolve-seq --solver auto --cost model" adasolve-seq/auto-summary -- \
  "$bin/adasolve-seq" --generator poisson --instances 3 --solver auto --cost model --format json
json_run "adasolve-nlp" adasolve-nlp/iteration adasolve-nlp/result -- "$bin/adasolve-nlp" --problem HS39 --format json
json_run "adasolve-mtx info" adasolve-mtx/info -- "$bin/adasolve-mtx" info "$data/spd3.mtx" --format json
json_run "adasolve-mtx info (Inf entry)" adasolve-mtx/info -- "$bin/adasolve-mtx" info "$work/inf.mtx" --format json
if [[ $(json_value "$out" adasolve-mtx/info max_abs) == null ]]; then pass; else fail "adasolve-mtx info: max_abs of a matrix with an Inf entry is not null"; fi
json_run "adasolve-mtx info (PETSc binary)" adasolve-mtx/binary-info -- \
  "$bin/adasolve-mtx" info "$work/with_rhs.bin" --format json
json_run "adasolve-bench relax-e1" adasolve-bench/relax-method -- \
  "$bin/adasolve-bench" relax-e1 --instances 20 --trials 2 --format json
json_run "adasolve-bench relax-e2" adasolve-bench/relax-method -- \
  "$bin/adasolve-bench" relax-e2 --nx 6 --steps 5 --trials 1 --format json

checks=$(grep -c '^PASS$' "$log")
failures=$(grep -c FAIL "$log")
wait  # dcdm_runs, if still running
echo "app_conformance: $checks checks passed, $failures failed"
((failures == 0 && checks > 0))
