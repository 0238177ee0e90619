#!/usr/bin/env bash
# options_conformance.sh BIN_DIR [--mpi MPIEXEC]: the shared options rules (apps/common/options.hpp) on all six
# apps, at toy sizes (a few seconds in all):
#   * the shared names (--stop.rtol, --stop.max-iters, --seed, --threads, --format, --output, --config) are
#     accepted where the app has the concept;
#   * every deprecated spelling still works and warns exactly once on stderr;
#   * --seed -1 is refused with exit 2 and one line, the same command with a valid seed succeeds;
#   * NaN and Inf are refused in real options;
#   * a bare adasolve-seq exits 2 with the --preset hint.
# With --mpi MPIEXEC only the MPI rule is checked: `mpiexec -n 2 APP ...` without a distributed backend makes
# every rank exit 2 within seconds, with one line on stderr from all ranks together.
set -u
bin="$1"
shift
mpiexec=""
if [[ "${1:-}" == "--mpi" ]]; then mpiexec="$2"; fi
seq="$bin/adasolve-seq" nlp="$bin/adasolve-nlp" dcdm="$bin/adasolve-dcdm" gen="$bin/adasolve-gen"
mtx="$bin/adasolve-mtx" bench="$bin/adasolve-bench"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
status=0

# expect NAME EXIT STDERR_REGEX STDERR_LINES -- COMMAND...: runs COMMAND and checks its exit code, the number
# of stderr lines (- for any) and that stderr matches the regex ("" for any).
expect() {
  local name="$1" code="$2" regex="$3" lines="$4"
  shift 5
  "$@" >"$dir/out" 2>"$dir/err" </dev/null
  local got=$? failed=0
  if [[ $got -ne $code ]]; then echo "$name: exit $got, expected $code" >&2; failed=1; fi
  if [[ "$lines" != - && $(wc -l <"$dir/err") -ne $lines ]]; then
    echo "$name: $(wc -l <"$dir/err") stderr lines, expected $lines" >&2
    failed=1
  fi
  if [[ -n "$regex" ]] && ! grep -Eq -- "$regex" "$dir/err"; then echo "$name: stderr does not match /$regex/" >&2; failed=1; fi
  if ((failed)); then
    echo "--- $*" >&2
    head -5 "$dir/err" >&2
    status=1
  else
    echo "$name: ok"
  fi
}

# A tiny Matrix Market file for adasolve-mtx.
printf '%%%%MatrixMarket matrix coordinate real symmetric\n2 2 3\n1 1 4\n2 1 1\n2 2 3\n' >"$dir/a.mtx"

if [[ -n "$mpiexec" ]]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
  # every_rank NAME REGEX -- COMMAND...: two ranks, each rank's exit code recorded by a shell around it.
  every_rank() {
    local name="$1" regex="$2"
    shift 3
    rm -f "$dir"/code.* "$dir"/err.*
    local start=$SECONDS
    timeout 60 "$mpiexec" -q -n 2 sh -c '
      r="${OMPI_COMM_WORLD_RANK:-0}"
      "$@" >/dev/null 2>"'"$dir"'/err.$r" </dev/null
      echo $? >"'"$dir"'/code.$r"' sh "$@"
    local launcher=$? failed=0
    if [[ $launcher -eq 124 ]] || ((SECONDS - start > 30)); then echo "$name: took too long" >&2; failed=1; fi
    for r in 0 1; do
      local code
      code="$(cat "$dir/code.$r" 2>/dev/null || echo missing)"
      if [[ "$code" != 2 ]]; then echo "$name: rank $r exited with $code, expected 2" >&2; failed=1; fi
    done
    cat "$dir"/err.* >"$dir/err" 2>/dev/null
    if [[ $(wc -l <"$dir/err") -ne 1 ]]; then echo "$name: expected 1 stderr line from both ranks" >&2; failed=1; fi
    if ! grep -Eq -- "$regex" "$dir/err"; then echo "$name: stderr does not match /$regex/" >&2; failed=1; fi
    if ((failed)); then cat "$dir/err" >&2; status=1; else echo "$name: ok ($(cat "$dir/err"))"; fi
  }
  rule="error: started on 2 MPI ranks without a distributed backend"
  every_rank mpi_seq "^adasolve-seq: $rule: add --backend petsc" -- "$seq" --preset demo
  every_rank mpi_nlp "^adasolve-nlp: $rule" -- "$nlp" --problem HS6
  every_rank mpi_dcdm "^adasolve-dcdm: $rule" -- "$dcdm" solve --grid 8 --generator ic0
  every_rank mpi_gen "^adasolve-gen: $rule" -- "$gen" poisson2d --n 4 --out "$dir/mpi-gen"
  every_rank mpi_mtx "^adasolve-mtx: $rule" -- "$mtx" check "$dir/a.mtx"
  every_rank mpi_bench "^adasolve-bench: $rule" -- "$bench" relax-e1 --instances 2 --trials 1 --m 4
  exit $status
fi

# --- adasolve-seq
heat=(--preset demo --nx 8 --steps 3)
printf 'preset = demo\nnx = 8\nsteps = 3\n[stop]\nrtol = 1e-6\nmax-iters = 200\n' >"$dir/seq.ini"
expect seq_shared 0 "" 0 -- "$seq" "${heat[@]}" --stop.rtol 1e-6 --stop.max-iters 200 --seed 2 --format json \
  --output "$dir/seq.json"
expect seq_config 0 "" 0 -- "$seq" --config "$dir/seq.ini"
expect seq_no_sequence 2 "^adasolve-seq: error: no sequence given \(try --preset demo\)$" 1 -- "$seq"
expect seq_seed_negative 2 "^adasolve-seq: error: --seed must be >= 0, got -1$" 1 -- "$seq" "${heat[@]}" --seed -1
expect seq_seed_valid 0 "" 0 -- "$seq" "${heat[@]}" --seed 1
expect seq_rtol_nan 2 "^adasolve-seq: error: --stop.rtol must be a finite number, got nan$" 1 -- "$seq" "${heat[@]}" --stop.rtol nan
expect seq_dt_inf 2 "^adasolve-seq: error: --dt must be a finite number, got inf$" 1 -- "$seq" "${heat[@]}" --dt inf
expect seq_deprecated_max_iters 0 "^adasolve-seq: warning: --stop.max_iters is deprecated; use --stop.max-iters$" 1 -- \
  "$seq" "${heat[@]}" --stop.max_iters 200
printf 'preset = demo\nnx = 8\nsteps = 3\n[stop]\nmax_iters = 200\n' >"$dir/old.ini"
expect seq_deprecated_config_key 0 "^adasolve-seq: warning: --stop.max_iters is deprecated; use --stop.max-iters$" 1 -- \
  "$seq" --config "$dir/old.ini" --stop.max_iters=100

# --- adasolve-nlp
printf 'problem = HS6\n[stop]\nkkt-tol = 1e-6\nmax-iters = 100\n' >"$dir/nlp.ini"
expect nlp_shared 0 "" 0 -- "$nlp" --problem HS6 --stop.kkt-tol 1e-6 --stop.max-iters 100 --seed 2 --format json \
  --solution "$dir/nlp.sol" --output "$dir/nlp.jsonl"
expect nlp_config 0 "" 0 -- "$nlp" --config "$dir/nlp.ini"
expect nlp_seed_negative 2 "^adasolve-nlp: error: --seed must be >= 0, got -1$" 1 -- "$nlp" --problem HS6 --seed -1
expect nlp_seed_valid 0 "" 0 -- "$nlp" --problem HS6 --seed 1
expect nlp_mu0_inf 2 "^adasolve-nlp: error: --mu0 must be a finite number, got inf$" 1 -- "$nlp" --problem HS6 --mu0 inf
expect nlp_tol_nan 2 "^adasolve-nlp: error: --stop.kkt-tol must be a finite number, got nan$" 1 -- "$nlp" --problem HS6 --stop.kkt-tol nan
expect nlp_deprecated_max_outer 0 "^adasolve-nlp: warning: --max-outer is deprecated; use --stop.max-iters$" 1 -- \
  "$nlp" --problem HS6 --max-outer 100
expect nlp_deprecated_tol 0 "^adasolve-nlp: warning: --tol is deprecated; use --stop.kkt-tol$" 1 -- \
  "$nlp" --problem HS6 --tol=1e-6

# --- adasolve-dcdm (solve with a classical generator: no network needed)
solve=(solve --grid 8 --generator ic0)
printf 'grid = 8\ngenerator = ic0\nseed = 2\n[stop]\nrtol = 1e-6\n' >"$dir/dcdm.ini"
expect dcdm_shared 0 "" 0 -- "$dcdm" "${solve[@]}" --stop.rtol 1e-6 --stop.max-iters 100 --seed 2 --threads 1 --format json
expect dcdm_config 0 "" 0 -- "$dcdm" solve --config "$dir/dcdm.ini"
expect dcdm_seed_negative 2 "^adasolve-dcdm: error: --seed must be >= 0, got -1$" 1 -- "$dcdm" "${solve[@]}" --seed -1
expect dcdm_seed_valid 0 "" 0 -- "$dcdm" "${solve[@]}" --seed 1
expect dcdm_threads_negative 2 "^adasolve-dcdm: error: --threads must be >= 1, got -2$" 1 -- "$dcdm" "${solve[@]}" --threads -2
expect dcdm_rtol_nan 2 "^adasolve-dcdm: error: --stop.rtol must be a finite number, got nan$" 1 -- "$dcdm" "${solve[@]}" --stop.rtol nan
bench_dcdm=(bench --grids 8 --domains cube --methods cg --no-network-cost --format json)
expect dcdm_bench_shared 0 "" 0 -- "$dcdm" "${bench_dcdm[@]}" --stop.max-iters 100 --dcdm.max-iters 10 --threads 1
expect dcdm_deprecated_max_iters 0 "^adasolve-dcdm: warning: --max-iters is deprecated; use --stop.max-iters$" 1 -- \
  "$dcdm" "${bench_dcdm[@]}" --max-iters 100
expect dcdm_deprecated_dcdm_max_iters 0 "^adasolve-dcdm: warning: --dcdm-max-iters is deprecated; use --dcdm.max-iters$" 1 -- \
  "$dcdm" "${bench_dcdm[@]}" --dcdm-max-iters 10

# --- adasolve-gen
printf 'n = 4\nseed = 2\nout = %s\n' "$dir/gen-config" >"$dir/gen.ini"
expect gen_shared 0 "" 0 -- "$gen" poisson2d --n 4 --seed 2 --out "$dir/gen"
expect gen_config 0 "" 0 -- "$gen" poisson2d --config "$dir/gen.ini"
expect gen_seed_negative 2 "^adasolve-gen: error: --seed must be >= 0, got -1$" 1 -- "$gen" poisson2d --n 4 --seed -1 --out "$dir/gen"
expect gen_seed_valid 0 "" 0 -- "$gen" poisson2d --n 4 --seed 1 --out "$dir/gen"
expect gen_dt_nan 2 "^adasolve-gen: error: --dt must be a finite number, got nan$" 1 -- "$gen" heat --nx 4 --steps 2 --dt nan --out "$dir/gen"

# --- adasolve-mtx (no seed, no tolerance: the shared names it has)
printf 'format = json\n' >"$dir/mtx.ini"
expect mtx_shared 0 "" 0 -- "$mtx" info "$dir/a.mtx" --format json
expect mtx_config 0 "" 0 -- "$mtx" info "$dir/a.mtx" --config "$dir/mtx.ini"
expect mtx_matrix_negative 2 "^adasolve-mtx: error: --matrix must be >= 1, got -1$" 1 -- \
  "$mtx" convert "$dir/a.mtx" "$dir/b.mtx" --matrix -1

# --- adasolve-bench
e1=(relax-e1 --instances 3 --trials 1 --m 4)
printf 'instances = 3\ntrials = 1\nm = 4\nseed = 2\nformat = json\n' >"$dir/bench.ini"
expect bench_shared 0 "" 0 -- "$bench" "${e1[@]}" --seed 2 --format json
expect bench_config 0 "" 0 -- "$bench" relax-e1 --config "$dir/bench.ini"
expect bench_seed_negative 2 "^adasolve-bench: error: --seed must be >= 0, got -1$" 1 -- "$bench" "${e1[@]}" --seed -1
expect bench_seed_valid 0 "" 0 -- "$bench" "${e1[@]}" --seed 1
expect bench_deprecated_max_outer 0 "^adasolve-bench: warning: --max-outer is deprecated; use --stop.max-iters$" 1 -- \
  "$bench" nlp-set --max-outer 10 --help

exit $status
