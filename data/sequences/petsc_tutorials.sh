#!/usr/bin/env bash
# Real sequences of linear systems from programs nobody here wrote: PETSc's own tutorials, compiled unmodified
# from Debian's libpetsc3.18-dev-examples and run with PETSc's dump options, one PETSc binary file of matrices
# (A.bin) and one of right-hand sides (b.bin) per sequence, one system per KSPSolve:
#
#   ts-ex13-heat    src/ts/tutorials/ex13.c: u_t = u_xx + u_yy on a 128 x 128 grid (n = 16384), backward
#                   Euler, 40 steps; each step's Newton iteration solves with a new Jacobian
#   snes-ex5-bratu  src/snes/tutorials/ex5.c: the Bratu problem -Lap u - lambda e^u = 0 on 128 x 128, a
#                   continuation in lambda = 0.5, 1, ..., 6.5; each Newton step's Jacobian (SPD) is one system
#
# The generated files are not kept in the repository: run this to make them, then for example
#   build/bin/adasolve-seq --petsc-binary OUT/ts-ex13-heat/A.bin --rhs OUT/ts-ex13-heat/b.bin --solver ssor-pcg
#
# Usage: data/sequences/petsc_tutorials.sh OUT [GRID]   (GRID: points per side, default 128; tests use 16)
set -euo pipefail
out=${1:?usage: petsc_tutorials.sh OUT [GRID]}
grid=${2:-128}
examples=${ADASOLVE_PETSC_EXAMPLES:-/usr/share/petsc/3.18/share/petsc/examples/src}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
for source in ts/tutorials/ex13.c snes/tutorials/ex5.c; do
  if [[ ! -f $examples/$source ]]; then
    echo "petsc_tutorials.sh: $examples/$source not found: install libpetsc3.18-dev-examples" >&2
    exit 2
  fi
done
mkdir -p "$out/bin"
flags=$(pkg-config --cflags --libs petsc)
# shellcheck disable=SC2086  # pkg-config's flags are several words
mpicc -O2 -o "$out/bin/ts-ex13" "$examples/ts/tutorials/ex13.c" $flags -lm
# shellcheck disable=SC2086
mpicc -O2 -o "$out/bin/snes-ex5" "$examples/snes/tutorials/ex5.c" $flags -lm

dump=(-ksp_type cg -pc_type jacobi -ksp_view_mat "binary:A.bin::append" -ksp_view_rhs "binary:b.bin::append")

rm -rf "$out/ts-ex13-heat" && mkdir -p "$out/ts-ex13-heat"
(cd "$out/ts-ex13-heat" && "$out/bin/ts-ex13" -da_grid_x "$grid" -da_grid_y "$grid" -ts_type beuler \
  -ts_max_steps 40 "${dump[@]}" > run.log)

rm -rf "$out/snes-ex5-bratu" && mkdir -p "$out/snes-ex5-bratu"
for lambda in 0.5 1.0 1.5 2.0 2.5 3.0 3.5 4.0 4.5 5.0 5.5 6.0 6.5; do
  (cd "$out/snes-ex5-bratu" && "$out/bin/snes-ex5" -da_grid_x "$grid" -da_grid_y "$grid" -par "$lambda" \
    "${dump[@]}" >> run.log)
done
rm -f "$out"/*/*.info
for sequence in ts-ex13-heat snes-ex5-bratu; do
  echo "$out/$sequence: A.bin $(du -h "$out/$sequence/A.bin" | cut -f1), b.bin $(du -h "$out/$sequence/b.bin" | cut -f1)"
done
