#!/usr/bin/env bash
# every_rank_exits.sh RANKS EXIT STDERR_REGEX -- COMMAND...
# Runs COMMAND on RANKS MPI ranks and checks that every rank exits with EXIT, that the ranks together write
# exactly one line to stderr, and that it matches STDERR_REGEX. (Each rank's code is recorded by a shell
# around it, so mpiexec's abort of the other ranks cannot hide a rank's own code.)
set -u
ranks="$1" expected="$2" regex="$3"
shift 4
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
timeout 100 mpiexec -q -n "$ranks" sh -c '
  r="${OMPI_COMM_WORLD_RANK:-0}"
  "$@" >"'"$dir"'/out.$r" 2>"'"$dir"'/err.$r" </dev/null
  echo $? >"'"$dir"'/code.$r"' sh "$@"
launcher=$?
status=0
if [[ $launcher -eq 124 ]]; then echo "timed out: a rank hangs" >&2; status=1; fi
for ((r = 0; r < ranks; ++r)); do
  code="$(cat "$dir/code.$r" 2>/dev/null || echo missing)"
  if [[ "$code" != "$expected" ]]; then echo "rank $r exited with $code, expected $expected" >&2; status=1; fi
done
cat "$dir"/err.* >"$dir/stderr"
lines=$(wc -l <"$dir/stderr")
if [[ $lines -ne 1 ]]; then echo "expected 1 stderr line from all ranks together, got $lines" >&2; status=1; fi
if ! grep -Eq -- "$regex" "$dir/stderr"; then echo "stderr does not match /$regex/" >&2; status=1; fi
if [[ $status -ne 0 ]]; then echo "--- command: $*" >&2; cat "$dir/stderr" >&2; fi
exit $status
