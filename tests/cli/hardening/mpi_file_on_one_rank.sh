#!/usr/bin/env bash
# mpi_file_on_one_rank.sh SEQ DATA_DIR: adasolve-seq --backend petsc on two ranks whose working folders
# differ (mpiexec -n 1 -wdir r0 ... : -n 1 -wdir r1 ...), as on two nodes whose file systems disagree. In
# each case one rank lacks a file (or cannot write one): every rank must exit 2 within seconds, and the
# ranks together print one line that names the file and the rank.
set -u
seq="$1" data="$2"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
status=0

# run_case NAME REGEX SETUP_R1 -- ARGS...: fresh r0 and r1 with the same data, then SETUP (run in r1 or r0).
run_case() {
  local name="$1" regex="$2" setup="$3"
  shift 4
  rm -rf "$dir/r0" "$dir/r1" "$dir/log"
  mkdir -p "$dir/r0" "$dir/r1" "$dir/log"
  for r in r0 r1; do
    cp "$data/A_1.mtx" "$data/A_2.mtx" "$data/b_1.mtx" "$data/good.manifest" "$dir/$r/"
  done
  (cd "$dir" && eval "$setup")
  local wrapper='"$@" >"'"$dir"'/log/out.$OMPI_COMM_WORLD_RANK" 2>"'"$dir"'/log/err.$OMPI_COMM_WORLD_RANK" </dev/null
echo $? >"'"$dir"'/log/code.$OMPI_COMM_WORLD_RANK"'
  local start=$SECONDS
  timeout 60 mpiexec -q -n 1 -wdir "$dir/r0" sh -c "$wrapper" sh "$seq" "$@" : \
    -n 1 -wdir "$dir/r1" sh -c "$wrapper" sh "$seq" "$@"
  local launcher=$? elapsed=$((SECONDS - start))
  local failed=0
  if [[ $launcher -eq 124 ]]; then echo "$name: timed out (a rank hangs)" >&2; failed=1; fi
  if ((elapsed > 30)); then echo "$name: took $elapsed s" >&2; failed=1; fi
  for r in 0 1; do
    local code
    code="$(cat "$dir/log/code.$r" 2>/dev/null || echo missing)"
    if [[ "$code" != 2 ]]; then echo "$name: rank $r exited with $code, expected 2" >&2; failed=1; fi
  done
  cat "$dir"/log/err.* >"$dir/log/stderr" 2>/dev/null
  local lines
  lines=$(wc -l <"$dir/log/stderr")
  if [[ $lines -ne 1 ]]; then echo "$name: expected 1 stderr line from both ranks, got $lines" >&2; failed=1; fi
  if ! grep -Eq -- "$regex" "$dir/log/stderr"; then echo "$name: stderr does not match /$regex/" >&2; failed=1; fi
  if ((failed)); then
    cat "$dir/log/stderr" >&2
    status=1
  else
    echo "$name: ok ($(cat "$dir/log/stderr"))"
  fi
}

# The manifest itself is missing on rank 1.
run_case manifest "^adasolve-seq: error: .*good\.manifest.*rank 1 of 2" "rm r1/good.manifest" -- \
  --backend petsc --manifest good.manifest --instances 3
# A matrix named by the manifest is missing on rank 1 only.
run_case matrix "^adasolve-seq: error: .*A_2\.mtx.*rank 1 of 2" "rm r1/A_2.mtx" -- \
  --backend petsc --manifest good.manifest
# Rank 1's copy of a matrix is unreadable garbage.
run_case garbled "^adasolve-seq: error: .*A_1\.mtx:[0-9]+: .*rank 1 of 2" "echo garbage >r1/A_1.mtx" -- \
  --backend petsc --manifest good.manifest
# Only rank 0 writes: its checkpoint folder is missing there (but present on rank 1).
run_case checkpoint "^adasolve-seq: error: out/run\.ckpt: cannot write.*rank 0 of 2" "mkdir r1/out" -- \
  --backend petsc --manifest good.manifest --checkpoint out/run.ckpt
# The --config file is missing on rank 1: read before MPI starts, yet every rank still exits 2.
run_case config "^adasolve-seq: error: run\\.ini: cannot open.*rank 1 of 2" \
  "printf 'backend = petsc\\nmanifest = good.manifest\\n' >r0/run.ini" -- --config run.ini
# The learner state is a FIFO on rank 1: refused there, not waited on.
run_case state "^adasolve-seq: error: run\.state: not a regular file.*rank 1 of 2" "mkfifo r1/run.state" -- \
  --backend petsc --manifest good.manifest --solver sor --policy tsallis-inf --state run.state
exit $status
