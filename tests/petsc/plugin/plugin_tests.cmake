# The PETSc plugin (-pc_type adasolve from libadasolve_petsc.so) in unmodified PETSc tutorials compiled from
# Debian's libpetsc3.18-dev-examples: registration, the same answer as -pc_type sor and hypre on 1 and 2
# ranks, and learning kept across runs. Small grids: the whole set runs in well under a minute.
if(NOT TARGET adasolve_petsc_plugin OR NOT TARGET adasolve-mtx)
  return()
endif()
set(ex13 ${ADASOLVE_PETSC_EXAMPLES}/ts/tutorials/ex13.c)
set(ex5 ${ADASOLVE_PETSC_EXAMPLES}/snes/tutorials/ex5.c)
if(NOT EXISTS ${ex13} OR NOT EXISTS ${ex5})
  add_test(NAME petsc:plugin_tutorials_missing
           COMMAND ${CMAKE_COMMAND} -E echo "missing ${ex13} or ${ex5}: install libpetsc3.18-dev-examples")
  set_tests_properties(petsc:plugin_tutorials_missing PROPERTIES WILL_FAIL TRUE)
  return()
endif()
if(NOT TARGET petsc_tutorial_ts_ex13)
  add_executable(petsc_tutorial_ts_ex13 ${ex13})
  target_link_libraries(petsc_tutorial_ts_ex13 PRIVATE PkgConfig::PETSC MPI::MPI_C m)
endif()
add_executable(petsc_tutorial_snes_ex5 ${ex5})
target_link_libraries(petsc_tutorial_snes_ex5 PRIVATE PkgConfig::PETSC MPI::MPI_C m)

set(plugin $<TARGET_FILE:adasolve_petsc_plugin>)
set(dir ${CMAKE_CURRENT_SOURCE_DIR}/plugin)
set(work ${CMAKE_CURRENT_BINARY_DIR}/plugin)
# The issue's time-stepping command at a test-sized grid, and the Bratu problem; tight linear tolerances so
# that every preconditioner's answer agrees to 1e-6.
set(ex13_run $<TARGET_FILE:petsc_tutorial_ts_ex13> -da_grid_x 32 -da_grid_y 32 -ts_type beuler -ts_max_steps 10
             -ksp_type cg -ksp_rtol 1e-10)
set(ex5_run $<TARGET_FILE:petsc_tutorial_snes_ex5> -da_grid_x 24 -da_grid_y 24 -ksp_rtol 1e-10 -snes_rtol 1e-10)

add_test(NAME petsc:plugin_registration COMMAND ${dir}/registration.sh ${plugin} ${work}/registration ${ex13_run})
add_test(NAME petsc:plugin_state_across_runs COMMAND ${dir}/state_across_runs.sh ${plugin} ${work}/state ${ex13_run})
# Learning within one run: ex13 at 64 x 64 over 40 steps (80 solves; the best fixed omega, 1.80, is inside
# the grid), against every omega of the grid.
add_test(NAME petsc:plugin_learns_omega_ts_ex13
         COMMAND ${dir}/learns_omega.sh ${plugin} ${work}/learns 1.15 $<TARGET_FILE:petsc_tutorial_ts_ex13>
                 -da_grid_x 64 -da_grid_y 64 -ts_type beuler -ts_max_steps 40 -ksp_type cg)
add_test(NAME petsc:plugin_auto_solver_ts_ex13 COMMAND ${dir}/auto_solver.sh ${plugin} ${work}/auto ${ex13_run})
# A failed solve of the auto mode is re-solved by the fallback arm (BoomerAMG) inside KSPSolve.
add_test(NAME petsc:plugin_auto_rescues_failed_solve_ts_ex13
         COMMAND ${dir}/rescue.sh ${plugin} ${work}/rescue $<TARGET_FILE:petsc_tutorial_ts_ex13> -da_grid_x 64
                 -da_grid_y 64 -ts_type beuler -ts_max_steps 20 -ksp_type cg)
set(plugin_tests petsc:plugin_registration petsc:plugin_state_across_runs petsc:plugin_learns_omega_ts_ex13
                 petsc:plugin_auto_solver_ts_ex13 petsc:plugin_auto_rescues_failed_solve_ts_ex13)
foreach(ranks 1 2)
  add_test(NAME petsc:plugin_ts_ex13_${ranks}_rank_vs_sor_hypre
           COMMAND ${dir}/compare_pcs.sh ${plugin} $<TARGET_FILE:adasolve-mtx> ${work}/ex13_${ranks} ${ranks}
                   -ts_view_solution ${ex13_run})
  add_test(NAME petsc:plugin_snes_ex5_${ranks}_rank_vs_sor_hypre
           COMMAND ${dir}/compare_pcs.sh ${plugin} $<TARGET_FILE:adasolve-mtx> ${work}/ex5_${ranks} ${ranks}
                   -snes_view_solution ${ex5_run})
  # The same with the preconditioner learned too (-pc_adasolve_solver auto; the option is unused by sor/hypre).
  add_test(NAME petsc:plugin_auto_snes_ex5_${ranks}_rank_vs_sor_hypre
           COMMAND ${dir}/compare_pcs.sh ${plugin} $<TARGET_FILE:adasolve-mtx> ${work}/ex5_auto_${ranks} ${ranks}
                   -snes_view_solution ${ex5_run} -pc_adasolve_solver auto)
  list(APPEND plugin_tests petsc:plugin_ts_ex13_${ranks}_rank_vs_sor_hypre petsc:plugin_snes_ex5_${ranks}_rank_vs_sor_hypre
       petsc:plugin_auto_snes_ex5_${ranks}_rank_vs_sor_hypre)
endforeach()
set_tests_properties(${plugin_tests} PROPERTIES
                     ENVIRONMENT "${ADASOLVE_MPI_ENVIRONMENT};MPIEXEC=${MPIEXEC_EXECUTABLE}" PROCESSORS 2
                     TIMEOUT 120 LABELS "petsc;mpi;plugin")
