# Imported targets for the vendor libraries that ship no CMake config (SuiteSparse 5.12, the AMPL Solver
# Library). Used twice: by the build (AdasolveDependencies.cmake) and by the installed package config, so
# that the exported adasolve:: targets find the same libraries on the user's machine.
#   adasolve_SUITESPARSE_REQUIRED / adasolve_ASL_REQUIRED: REQUIRED or empty.
if(NOT TARGET adasolve_vendor::suitesparse)
  find_path(SUITESPARSE_INCLUDE_DIR cholmod.h PATH_SUFFIXES suitesparse ${adasolve_SUITESPARSE_REQUIRED})
  set(SUITESPARSE_LIBRARIES)
  foreach(component cholmod umfpack amd colamd camd ccolamd suitesparseconfig)
    find_library(SUITESPARSE_${component}_LIBRARY ${component} ${adasolve_SUITESPARSE_REQUIRED})
    list(APPEND SUITESPARSE_LIBRARIES ${SUITESPARSE_${component}_LIBRARY})
  endforeach()
  add_library(adasolve_vendor::suitesparse INTERFACE IMPORTED)
  target_include_directories(adasolve_vendor::suitesparse SYSTEM INTERFACE ${SUITESPARSE_INCLUDE_DIR})
  target_link_libraries(adasolve_vendor::suitesparse INTERFACE ${SUITESPARSE_LIBRARIES})
endif()

if(adasolve_WANT_ASL AND NOT TARGET adasolve_vendor::asl)
  find_path(ASL_INCLUDE_DIR asl.h PATH_SUFFIXES ampl-netlib-solvers ${adasolve_ASL_REQUIRED})
  find_library(ASL_LIBRARY amplsolver ${adasolve_ASL_REQUIRED})
  add_library(adasolve_vendor::asl INTERFACE IMPORTED)
  target_include_directories(adasolve_vendor::asl SYSTEM INTERFACE ${ASL_INCLUDE_DIR})
  target_link_libraries(adasolve_vendor::asl INTERFACE ${ASL_LIBRARY} ${CMAKE_DL_LIBS})
endif()
