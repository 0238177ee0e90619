# adasolve::petsc: the PETSc / MPI boundary (included by lib/CMakeLists.txt when this file exists).
# PETSc's .pc file carries no MPI include path, so MPI::MPI_C is linked beside it (platform.md).
if(ADASOLVE_WITH_PETSC)
  adasolve_module_sources(petsc_sources backend/petsc)
  adasolve_library(adasolve_petsc petsc ${petsc_sources})
  # libadasolve_petsc.so is the name of the PETSc plugin; the static backend must not shadow it.
  set_target_properties(adasolve_petsc PROPERTIES OUTPUT_NAME adasolve_petsc_backend)
  target_link_libraries(adasolve_petsc PUBLIC adasolve::io adasolve::linear PRIVATE PkgConfig::PETSC MPI::MPI_C)
endif()
