# Every external dependency is found here, once, and turned into an imported target.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(fmt REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)

# SuiteSparse 5.12 ships no CMake config and no .pc file; neither does the ASL (AdasolveVendorTargets.cmake).
set(adasolve_SUITESPARSE_REQUIRED REQUIRED)
set(adasolve_ASL_REQUIRED REQUIRED)
set(adasolve_WANT_ASL ${ADASOLVE_WITH_ASL})
include(AdasolveVendorTargets)

find_package(Eigen3 3.3 NO_MODULE)

if(ADASOLVE_WITH_PETSC)
  set(MPI_CXX_SKIP_MPICXX ON)
  find_package(MPI REQUIRED COMPONENTS C)
  if(DEFINED ENV{PETSC_DIR})
    set(ENV{PKG_CONFIG_PATH} "$ENV{PETSC_DIR}/$ENV{PETSC_ARCH}/lib/pkgconfig:$ENV{PKG_CONFIG_PATH}")
  endif()
  pkg_check_modules(PETSC REQUIRED IMPORTED_TARGET petsc>=3.18)
endif()

if(ADASOLVE_WITH_TORCH)
  find_package(Torch REQUIRED)
endif()
