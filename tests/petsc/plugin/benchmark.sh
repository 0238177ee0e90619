#!/usr/bin/env bash
# Benchmarks of -pc_type adasolve (docs/results/petsc-plugin.md). Not a test: timings depend on the machine
# and its load, so the script prints the machine, load and every repetition. Each run reports the KSPSolve
# wall-clock seconds from -log_view, the process's user CPU seconds (less sensitive to a loaded machine) and
# the total KSP iterations (exact, the same on any machine).
#   [OMEGAS="1.00 1.05 ..."] benchmark.sh PLUGIN WORK [REPEATS]
# 1. overhead: ex13 on a 317 x 317 grid (100 489 unknowns), 10 backward-Euler steps, CG; -pc_type sor
#    -pc_sor_omega 1.5 against -pc_type adasolve -pc_adasolve_policy fixed -pc_adasolve_omega 1.5 (the same
#    sweeps and iterations, so the difference is the plugin's own cost); KSPSolve time from -log_view,
#    REPEATS runs of each, interleaved.
# 2. learning: the issue's ex13 command (256 x 256, 100 steps, CG): total KSPSolve time and iterations of
#    -pc_type sor with every omega of the plugin's grid (1, 1.05, ..., 1.95), of the plugin learning from
#    scratch, and of a second plugin run that continues from the first one's state file, for the default
#    policy (zoom-descent) and for tsallis-inf; then -pc_type gamg and hypre, and the plugin choosing the
#    preconditioner too (-pc_adasolve_solver auto, two runs sharing a state file).
set -euo pipefail
plugin=$1 work=$2 repeats=${3:-5}
if [[ $(basename "$plugin") != libadasolve_petsc.so ]]; then  # PETSc derives the symbol name from it
  echo "benchmark.sh: the plugin file must be named libadasolve_petsc.so, got $plugin" >&2
  exit 2
fi
examples=${ADASOLVE_PETSC_EXAMPLES:-/usr/share/petsc/3.18/share/petsc/examples/src}
mkdir -p "$work" && cd "$work"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
# shellcheck disable=SC2046
mpicc -O2 -o ex13 "$examples/ts/tutorials/ex13.c" $(pkg-config --cflags --libs petsc) -lm

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(grep -c ^processor /proc/cpuinfo) cores"
echo "load before: $(uptime | sed 's/.*load average: //')"

# KSPSolve seconds (max over ranks), user CPU seconds and the summed iterations of one run's log.
ksp_seconds() { awk '$1 == "KSPSolve" { print $4 }' "$1"; }
user_seconds() { tail -1 "$1"; }
timed() { local log=$1; shift; /usr/bin/time -f "%U" -a -o "$log" "$@" > "$log"; }
ksp_iterations() { grep -o "iterations [0-9]*" "$1" | awk '{ s += $2 } END { print s + 0 }'; }

echo
echo "## overhead, 317 x 317 (100489 unknowns), 10 steps, omega 1.5"
small=(-da_grid_x 317 -da_grid_y 317 -ts_type beuler -ts_max_steps 10 -ksp_type cg -ksp_converged_reason -log_view)
for ((r = 1; r <= repeats; ++r)); do
  timed sor.log ./ex13 "${small[@]}" -pc_type sor -pc_sor_omega 1.5
  timed ada.log ./ex13 "${small[@]}" -dll_append "$plugin" -pc_type adasolve -pc_adasolve_policy fixed -pc_adasolve_omega 1.5
  echo "repeat $r: sor KSPSolve $(ksp_seconds sor.log) s, user $(user_seconds sor.log) s, $(ksp_iterations sor.log) it | adasolve fixed KSPSolve $(ksp_seconds ada.log) s, user $(user_seconds ada.log) s, $(ksp_iterations ada.log) it"
done

echo
echo "## learning, 256 x 256, 100 steps"
big=(-da_grid_x 256 -da_grid_y 256 -ts_type beuler -ts_max_steps 100 -ksp_type cg -ksp_converged_reason -log_view)
# OMEGAS: the fixed omegas to try (default: the plugin's whole grid).
for omega in ${OMEGAS:-1.00 1.05 1.10 1.15 1.20 1.25 1.30 1.35 1.40 1.45 1.50 1.55 1.60 1.65 1.70 1.75 1.80 1.85 1.90 1.95}; do
  timed "sor_$omega.log" ./ex13 "${big[@]}" -pc_type sor -pc_sor_omega "$omega"
  echo "sor omega $omega: KSPSolve $(ksp_seconds "sor_$omega.log") s, user $(user_seconds "sor_$omega.log") s, $(ksp_iterations "sor_$omega.log") it"
done
for policy in zoom-descent tsallis-inf; do
  rm -f "state_$policy.json"
  for run in 1 2; do
    log="ada_${policy}_$run.log"
    timed "$log" ./ex13 "${big[@]}" -dll_append "$plugin" -pc_type adasolve -pc_adasolve_policy "$policy" \
      -pc_adasolve_state "state_$policy.json"
    echo "adasolve $policy run $run: KSPSolve $(ksp_seconds "$log") s, user $(user_seconds "$log") s, $(ksp_iterations "$log") it"
  done
done
for pc in gamg hypre; do
  timed "$pc.log" ./ex13 "${big[@]}" -pc_type "$pc"
  echo "$pc: KSPSolve $(ksp_seconds "$pc.log") s, user $(user_seconds "$pc.log") s, $(ksp_iterations "$pc.log") it"
done
rm -f state_auto.json
for run in 1 2; do
  log="ada_auto_$run.log"
  timed "$log" ./ex13 "${big[@]}" -dll_append "$plugin" -pc_type adasolve -pc_adasolve_solver auto \
    -pc_adasolve_state state_auto.json -pc_view
  echo "adasolve auto run $run: KSPSolve $(ksp_seconds "$log") s, user $(user_seconds "$log") s, $(ksp_iterations "$log") it;$(grep "solves per arm" "$log" | tail -1 | sed 's/^ *solves per arm:/ arms:/')"
done
echo
echo "load after: $(uptime | sed 's/.*load average: //')"
