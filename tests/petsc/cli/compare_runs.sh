#!/usr/bin/env bash
# compare_runs.sh TOLERANCE "COMMAND A" "COMMAND B"
# Runs two adasolve-seq commands that print --format csv and compares them row by row: the omega columns
# must be equal, and each instance's iteration count of B must be within TOLERANCE of A's, where TOLERANCE
# is either an absolute count ("1") or a relative bound in percent ("25%": A - 1 <= B <= A * 1.25 + 1).
# Prints both totals.
set -u
tolerance="$1"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
a="$(mktemp)" b="$(mktemp)"
trap 'rm -f "$a" "$b"' EXIT
timeout 100 bash -c "$2" >"$a" || { echo "command A failed: $2" >&2; exit 1; }
timeout 100 bash -c "$3" >"$b" || { echo "command B failed: $3" >&2; exit 1; }
# Columns are found by name in each CSV header ("omega", "iterations").
column() { head -1 "$1" | tr ',' '\n' | grep -nx "$2" | cut -d: -f1; }
oa=$(column "$a" omega) ia=$(column "$a" iterations) ob=$(column "$b" omega) ib=$(column "$b" iterations)
if [[ -z "$oa" || -z "$ia" || -z "$ob" || -z "$ib" ]]; then echo "no omega/iterations columns" >&2; exit 1; fi
paste -d'|' <(grep -E '^[0-9]+,' "$a") <(grep -E '^[0-9]+,' "$b") | awk -F'|' -v tol="$tolerance" \
    -v oa="$oa" -v ia="$ia" -v ob="$ob" -v ib="$ib" '
  {
    split($1, A, ","); split($2, B, ",")
    n++; ta += A[ia]; tb += B[ib]
    if (A[oa] != B[ob]) { printf "instance %s: omega %s vs %s\n", A[1], A[oa], B[ob]; bad = 1 }
    if (tol ~ /%$/) {
      limit = A[ia] * (1 + substr(tol, 1, length(tol) - 1) / 100) + 1
      if (B[ib] < A[ia] - 1 || B[ib] > limit) { printf "instance %s: iterations %s vs %s (outside %s)\n", A[1], A[ia], B[ib], tol; bad = 1 }
    } else if (B[ib] - A[ia] > tol || A[ia] - B[ib] > tol) {
      printf "instance %s: iterations %s vs %s (more than %s apart)\n", A[1], A[ia], B[ib], tol; bad = 1
    }
  }
  END {
    printf "instances %d, total iterations A %d, B %d\n", n, ta, tb
    if (n == 0) { print "no rows"; exit 1 }
    exit bad
  }'
