# adasolve_petsc: the PETSc / MPI boundary (included by lib/CMakeLists.txt when this file exists).
# PETSc's .pc file carries no MPI include path, so MPI::MPI_C is linked beside it (platform.md).
if(ADASOLVE_WITH_PETSC)
  adasolve_module_sources(petsc_sources backend/petsc)
  add_library(adasolve_petsc STATIC ${petsc_sources})
  target_include_directories(adasolve_petsc PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(adasolve_petsc PUBLIC adasolve_core
                                       PRIVATE PkgConfig::PETSC MPI::MPI_C adasolve_warnings)
endif()
