# Every external dependency is found here, once, and turned into an imported target.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(fmt REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)

# SuiteSparse 5.12 ships no CMake config and no .pc file.
find_path(SUITESPARSE_INCLUDE_DIR cholmod.h PATH_SUFFIXES suitesparse REQUIRED)
foreach(component cholmod umfpack amd colamd camd ccolamd suitesparseconfig)
  find_library(SUITESPARSE_${component}_LIBRARY ${component} REQUIRED)
  list(APPEND SUITESPARSE_LIBRARIES ${SUITESPARSE_${component}_LIBRARY})
endforeach()
add_library(adasolve::suitesparse INTERFACE IMPORTED)
target_include_directories(adasolve::suitesparse SYSTEM INTERFACE ${SUITESPARSE_INCLUDE_DIR})
target_link_libraries(adasolve::suitesparse INTERFACE ${SUITESPARSE_LIBRARIES})

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

if(ADASOLVE_WITH_ASL)
  find_path(ASL_INCLUDE_DIR asl.h PATH_SUFFIXES ampl-netlib-solvers REQUIRED)
  find_library(ASL_LIBRARY amplsolver REQUIRED)
  add_library(adasolve::asl INTERFACE IMPORTED)
  target_include_directories(adasolve::asl SYSTEM INTERFACE ${ASL_INCLUDE_DIR})
  target_link_libraries(adasolve::asl INTERFACE ${ASL_LIBRARY} ${CMAKE_DL_LIBS})
endif()
