#!/usr/bin/env bash
# PETSc skips a dynamic library whose registration function is misnamed without a word, so this checks the
# name three ways: the exported symbol is PetscDLLibraryRegister_<file name without lib and .so>; the same
# file under another name (which makes PETSc look for another symbol) leaves -pc_type adasolve unknown, so
# the runs in compare_pcs.sh and here fail on a wrong name instead of passing; and PETSC_OPTIONS loads it
# as -dll_append does, with -help listing the -pc_adasolve_ options.
#   registration.sh PLUGIN WORK PROGRAM [PROGRAM OPTIONS...]
set -euo pipefail
plugin=$1 work=$2
shift 2
rm -rf "$work" && mkdir -p "$work" && cd "$work"

name=$(basename "$plugin" .so)
symbol="PetscDLLibraryRegister_${name#lib}"
if ! nm -D --defined-only "$plugin" | grep -qw "$symbol"; then
  echo "$plugin does not export $symbol (exports: $(nm -D --defined-only "$plugin" | grep -o 'PetscDLL[A-Za-z_]*' | tr '\n' ' '))" >&2
  exit 1
fi
exported=$(nm -D --defined-only "$plugin" | awk '$2 == "T"' | wc -l)
echo "exports $symbol ($exported functions exported in all)"

cp "$plugin" libadasolve_renamed.so
if "$@" -dll_append "$PWD/libadasolve_renamed.so" -pc_type adasolve > renamed.log 2>&1; then
  echo "a plugin whose registration symbol does not match its file name still provided -pc_type adasolve" >&2
  exit 1
fi
grep -q "adasolve" renamed.log || { echo "unexpected failure of the renamed plugin:" >&2; tail -5 renamed.log >&2; exit 1; }
echo "renamed copy: PETSc skipped it and -pc_type adasolve is unknown, as expected"

PETSC_OPTIONS="-dll_append $plugin" "$@" -pc_type adasolve -help > help.log 2>&1 || { tail -20 help.log >&2; exit 1; }
for option in solver portfolio rebuild policy omega_min omega_max omega_count omega cost seed state; do
  grep -q -- "-pc_adasolve_$option" help.log || { echo "-help does not list -pc_adasolve_$option" >&2; exit 1; }
done
echo "PETSC_OPTIONS=-dll_append loads it; -help lists the -pc_adasolve_ options"

PETSC_OPTIONS="-dll_append $plugin" "$@" -pc_type adasolve -pc_adasolve_policy nonsense > bad.log 2>&1 && {
  echo "an unknown -pc_adasolve_policy was accepted" >&2
  exit 1
}
grep -q "nonsense" bad.log || { echo "no message naming the bad policy:" >&2; tail -5 bad.log >&2; exit 1; }
echo "an unknown policy is refused with a message"
