#!/usr/bin/env bash
# compare_runs.sh TOLERANCE "COMMAND A" "COMMAND B"
# Runs two adasolve-seq commands that print --format csv and compares them row by row: the omega columns
# must be equal, and each instance's iteration count of B must be within TOLERANCE of A's, where TOLERANCE
# is either an absolute count ("1") or a relative bound in percent ("25%", B <= A * 1.25 and B >= A).
# Prints both totals.
set -u
tolerance="$1"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
a="$(mktemp)" b="$(mktemp)"
trap 'rm -f "$a" "$b"' EXIT
timeout 100 bash -c "$2" >"$a" || { echo "command A failed: $2" >&2; exit 1; }
timeout 100 bash -c "$3" >"$b" || { echo "command B failed: $3" >&2; exit 1; }
paste -d, <(grep -E '^[0-9]+,' "$a") <(grep -E '^[0-9]+,' "$b") | awk -F, -v tol="$tolerance" '
  # columns: index,name,context,omega,iterations,... for A (1-9) then B (10-18)
  {
    n++; ta += $5; tb += $14
    if ($4 != $13) { printf "instance %s: omega %s vs %s\n", $1, $4, $13; bad = 1 }
    if (tol ~ /%$/) {
      limit = $5 * (1 + substr(tol, 1, length(tol) - 1) / 100)
      if ($14 < $5 || $14 > limit) { printf "instance %s: iterations %s vs %s (outside %s)\n", $1, $5, $14, tol; bad = 1 }
    } else if ($14 - $5 > tol || $5 - $14 > tol) {
      printf "instance %s: iterations %s vs %s (more than %s apart)\n", $1, $5, $14, tol; bad = 1
    }
  }
  END {
    printf "instances %d, total iterations A %d, B %d\n", n, ta, tb
    if (n == 0) { print "no rows"; exit 1 }
    exit bad
  }'
