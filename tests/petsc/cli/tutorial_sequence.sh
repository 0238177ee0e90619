#!/usr/bin/env bash
# A sequence dumped by an unmodified PETSc tutorial program (-ksp_view_mat / -ksp_view_rhs binary) solves
# through adasolve-seq --petsc-binary with the same iterations, residuals and stop reasons, instance by
# instance, as through the same systems converted to Matrix Market files and a manifest. With MPIEXEC set,
# the dump also solves on 2 ranks (--backend petsc, CG) within one iteration per instance of one rank.
#   [MPIEXEC=mpiexec] tutorial_sequence.sh ADASOLVE_SEQ ADASOLVE_MTX DIR TUTORIAL [TUTORIAL OPTIONS...]
set -euo pipefail
seq=$1 mtx=$2 dir=$3
shift 3
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"

"$@" -ksp_view_mat binary:A.bin -ksp_view_rhs binary:b.bin > tutorial.log
summary=$("$mtx" check A.bin | head -1)
count=$(sed -E 's/.*PETSc binary, ([0-9]+) matri.*/\1/' <<<"$summary")
echo "$summary"
if ! [[ $count =~ ^[0-9]+$ ]] || (( count < 5 )); then
  echo "expected a sequence of at least 5 systems from the tutorial, got: $summary" >&2
  exit 1
fi

: > manifest.txt
for ((k = 1; k <= count; k++)); do
  "$mtx" convert A.bin "A_$k.mtx" --matrix "$k" > /dev/null
  "$mtx" convert b.bin "b_$k.mtx" --vector "$k" > /dev/null
  echo "A_$k.mtx b_$k.mtx" >> manifest.txt
done

options=(--solver ssor-pcg --policy chebcb --context auto --format csv)
"$seq" --petsc-binary A.bin --rhs b.bin "${options[@]}" > binary.csv 2> /dev/null
"$seq" --manifest manifest.txt "${options[@]}" > manifest.csv 2> /dev/null
# Columns: index,name,context,omega,iterations,cost,residual,seconds,reason,choice_matvecs; names differ.
compare() { cut -d, -f1,3-7,9 "$1" | tail -n +2; }
if ! diff <(compare binary.csv) <(compare manifest.csv); then
  echo "the binary dump and the converted Matrix Market files gave different solves" >&2
  exit 1
fi
rows=$(compare binary.csv | wc -l)
iterations=$(compare binary.csv | awk -F, '{ s += $5 } END { print s }')
if (( rows != count || iterations <= count )); then
  echo "expected $count solved instances with iterations, got $rows rows and $iterations iterations" >&2
  exit 1
fi
echo "$count instances, $iterations iterations in all, identical through both inputs"

if [[ -n "${MPIEXEC:-}" ]]; then
  "$seq" --petsc-binary A.bin --rhs b.bin --solver cg --format csv > cg_1.csv 2> /dev/null
  "$MPIEXEC" -n 2 "$seq" --backend petsc --petsc-binary A.bin --rhs b.bin --solver cg --format csv \
    > cg_2.csv 2> /dev/null
  iterations() { cut -d, -f5 "$1" | tail -n +2; }
  if [[ $(iterations cg_2.csv | wc -l) -ne $count ]] ||
     paste -d' ' <(iterations cg_1.csv) <(iterations cg_2.csv) | awk '{ d = $1 - $2 } d > 1 || d < -1 { bad = 1 } END { exit !bad }'; then
    echo "2 ranks did not take one rank's CG iterations (within one) on the dump:" >&2
    paste -d' ' <(iterations cg_1.csv) <(iterations cg_2.csv) >&2
    exit 1
  fi
  echo "2 ranks: CG iterations within one of one rank's on every instance"
fi
