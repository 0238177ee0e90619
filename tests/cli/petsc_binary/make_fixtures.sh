#!/usr/bin/env bash
# Writes the PETSc binary files of the CLI tests into DIR: good ones converted by adasolve-mtx from a
# Matrix Market file, bad ones byte by byte (big-endian int32 class id, sizes, row lengths, columns,
# then doubles), so that each kind of damage is one file.
#   make_fixtures.sh ADASOLVE_MTX SPD3_MTX DIR
set -euo pipefail
mtx=$1 spd3=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"

"$mtx" convert "$spd3" spd3.bin >/dev/null
printf '%%%%MatrixMarket matrix array real general\n3 1\n1\n-2.5\n0.125\n' > b3.mtx
"$mtx" convert b3.mtx b3.bin >/dev/null
cat spd3.bin spd3.bin > two.bin          # two matrices
cat spd3.bin b3.bin > with_rhs.bin       # a matrix and its right-hand side (one viewer for both options)
cat b3.bin b3.bin > two_rhs.bin

i32() {  # each argument as a big-endian int32
  local v u
  for v in "$@"; do
    u=$(( v & 0xFFFFFFFF ))
    printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(( u >> 24 & 255 )) $(( u >> 16 & 255 )) $(( u >> 8 & 255 )) $(( u & 255 )))"
  done
}
one() { printf '\x3f\xf0\x00\x00\x00\x00\x00\x00'; }  # the double 1.0
mat=1211216
head -c -5 spd3.bin > truncated.bin
{ i32 1211217 3 3 0; } > wrong_class.bin
i32 $mat 2 2 0 > whole_header.tmp && head -c 10 whole_header.tmp > cut_header.bin && rm whole_header.tmp
{ i32 $mat -2 2 0; } > negative_rows.bin
{ i32 $mat 2 2 2; i32 1 2; i32 0 1; one; one; } > bad_row_lengths.bin
{ i32 $mat 2 2 2; i32 1 1; i32 0 2; one; one; } > bad_column.bin
{ i32 $mat 2147483647 2147483647 2147483647; } > hostile_size.bin
printf '\x50\x7b\x12\x00\x03\x00\x00\x00\x03\x00\x00\x00\x00\x00\x00\x00' > little_endian.bin
