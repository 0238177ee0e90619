#!/usr/bin/env bash
# The installed package works from anywhere: `cmake --install` into a temporary prefix, the prefix is then
# moved (nothing may depend on where it was built or installed), and
#   - the layout is complete (apps, libraries, headers, config header, models, CMake config, pkg-config);
#   - no installed file holds the source tree's absolute path;
#   - the apps answer --version and find their data relative to themselves, ADASOLVE_DATA_DIR overriding it;
#   - examples/sequence configures with find_package(adasolve), builds and runs against the moved prefix;
#   - a program built with pkg-config's flags links and runs;
#   - the installed PETSc plugin runs in PETSc's ts ex13 (when both are built).
#   install_and_example.sh BUILD_DIR SOURCE_DIR WORK
set -euo pipefail
build=$1 source=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/installed" > "$work/install.log"
mv "$work/installed" "$work/moved"
prefix=$work/moved
fail() { echo "$*" >&2; exit 1; }

for file in bin/adasolve-seq bin/adasolve-gen bin/adasolve-mtx include/adasolve/config.hpp \
            include/adasolve/core/version.hpp include/adasolve/sequence/sequence_runner.hpp \
            lib/libadasolve_core.a lib/libadasolve_sequence.a lib/cmake/adasolve/adasolveConfig.cmake \
            lib/cmake/adasolve/adasolveConfigVersion.cmake lib/cmake/adasolve/adasolveTargets.cmake \
            lib/pkgconfig/adasolve.pc share/adasolve/models/dcdm32-from64.pt share/doc/adasolve/LICENSE; do
  [[ -e $prefix/$file ]] || fail "not installed: $file"
done
echo "installed layout complete ($(find "$prefix" -type f | wc -l) files)"

# The shipped models' metadata records where their training read its initial weights (provenance of the
# training run, never a path the apps look up), so model archives are left out of this check.
if grep -rlF --exclude='*.pt' "$source" "$prefix" > "$work/source_paths.txt"; then
  fail "installed files that name the source tree $source: $(head -5 "$work/source_paths.txt" | tr '\n' ' ')"
fi
echo "no installed file names the source tree"

line=$("$prefix/bin/adasolve-seq" --version)
[[ $line =~ ^adasolve-seq\ [0-9]+\.[0-9]+\.[0-9]+\ \(git\ ([0-9a-f]{12}(-dirty)?|unknown)\)$ ]] || fail "--version printed: $line"
echo "$line"

if [[ -x $prefix/bin/adasolve-dcdm ]]; then
  # The default model is found beside the moved installation, and ADASOLVE_DATA_DIR replaces that folder.
  "$prefix/bin/adasolve-dcdm" solve --grid 16 --format json > "$work/dcdm.json" 2> "$work/dcdm.err" ||
    fail "adasolve-dcdm solve with the installed model failed: $(cat "$work/dcdm.err")"
  grep -q '"git_revision"' "$work/dcdm.json" || fail "adasolve-dcdm's JSON has no git_revision"
  if ADASOLVE_DATA_DIR="$work/nowhere" "$prefix/bin/adasolve-dcdm" solve --grid 16 > /dev/null 2> "$work/dcdm_override.err"; then
    fail "ADASOLVE_DATA_DIR=$work/nowhere did not change where the model is looked for"
  fi
  grep -q "$work/nowhere/models/dcdm32-from64.pt" "$work/dcdm_override.err" ||
    fail "unexpected error with ADASOLVE_DATA_DIR: $(cat "$work/dcdm_override.err")"
  echo "adasolve-dcdm finds its model relative to bin/, and ADASOLVE_DATA_DIR overrides it"
fi

cmake -S "$source/examples/sequence" -B "$work/example" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_TYPE=Release > "$work/example_configure.log" || fail "example: configure failed: $(tail -20 "$work/example_configure.log")"
cmake --build "$work/example" > "$work/example_build.log" 2>&1 || fail "example: build failed: $(tail -20 "$work/example_build.log")"
"$work/example/learn_omega"

# The installed PETSc plugin in an unmodified PETSc tutorial (built by tests/petsc), loaded from the prefix.
tutorial=$build/bin/petsc_tutorial_ts_ex13
if [[ -f $prefix/lib/libadasolve_petsc.so && -x $tutorial ]]; then
  "$tutorial" -da_grid_x 16 -da_grid_y 16 -ts_type beuler -ts_max_steps 3 -ksp_type cg -ksp_converged_reason \
    -dll_append "$prefix/lib/libadasolve_petsc.so" -pc_type adasolve > "$work/plugin.log" 2>&1 ||
    fail "ex13 with the installed plugin failed: $(tail -5 "$work/plugin.log")"
  solves=$(grep -c "Linear solve converged" "$work/plugin.log" || true)
  (( solves >= 3 )) || fail "ex13 with the installed plugin: $solves converged linear solves"
  echo "ex13 -dll_append $prefix/lib/libadasolve_petsc.so -pc_type adasolve: $solves linear solves converged"
fi

# Optional parts are components: the PETSc one configures when the installed build has it, and a component
# that does not exist is reported missing.
mkdir -p "$work/components"
cat > "$work/components/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(components LANGUAGES CXX)
find_package(adasolve REQUIRED COMPONENTS ${wanted})
CMAKE
if grep -q "define ADASOLVE_HAS_PETSC 1" "$prefix/include/adasolve/config.hpp"; then
  cmake -S "$work/components" -B "$work/components/petsc" -DCMAKE_PREFIX_PATH="$prefix" -Dwanted=petsc \
    > "$work/components_petsc.log" 2>&1 || fail "find_package(adasolve COMPONENTS petsc) failed: $(tail -20 "$work/components_petsc.log")"
  echo "find_package(adasolve COMPONENTS petsc) configures"
fi
if cmake -S "$work/components" -B "$work/components/bogus" -DCMAKE_PREFIX_PATH="$prefix" -Dwanted=bogus \
    > "$work/components_bogus.log" 2>&1; then
  fail "find_package(adasolve REQUIRED COMPONENTS bogus) succeeded"
fi

cat > "$work/pc_version.cpp" <<'CPP'
#include <adasolve/core/version.hpp>
#include <cstdio>
#include <string>
int main() { std::printf("%s\n", std::string(adasolve::version()).c_str()); }
CPP
# shellcheck disable=SC2046  # pkg-config prints several words
c++ -o "$work/pc_version" "$work/pc_version.cpp" $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs adasolve)
[[ $("$work/pc_version") == $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --modversion adasolve) ]] ||
  fail "pkg-config build printed another version than the .pc file's"
echo "pkg-config: builds, links and reports version $("$work/pc_version")"
