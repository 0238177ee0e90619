# cmake --install build --prefix P:
#   P/bin                                   the apps
#   P/lib/libadasolve_<module>.a            the libraries; P/lib/libadasolve_petsc.so the PETSc plugin
#   P/include/adasolve                      public headers and the generated config.hpp
#   P/share/adasolve/{models,sequences,cluster}  the shipped data (found by the apps relative to bin/)
#   P/lib/cmake/adasolve                    package config, version file, exported adasolve:: targets
#   P/lib/pkgconfig/adasolve.pc             the same for pkg-config users
include(CMakePackageConfigHelpers)
set(ADASOLVE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/adasolve)

# Data: installed under share/adasolve; in the build tree the same layout is made of links into the source
# tree, so that build/bin/<app> finds ../share/adasolve exactly as an installed app does.
set(ADASOLVE_DATA_PARTS models sequences cluster)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/share/adasolve)
foreach(part IN LISTS ADASOLVE_DATA_PARTS)
  file(CREATE_LINK ${CMAKE_SOURCE_DIR}/data/${part} ${CMAKE_BINARY_DIR}/share/adasolve/${part} SYMBOLIC)
  install(DIRECTORY data/${part} DESTINATION ${CMAKE_INSTALL_DATADIR}/adasolve)
endforeach()
# The external test data (../shared/data), for the benchmarks' defaults; build tree only, never installed.
file(CREATE_LINK ${ADASOLVE_SHARED_DATA} ${CMAKE_BINARY_DIR}/share/adasolve/shared SYMBOLIC)

# Apps: every executable target named adasolve-* of this build.
get_property(app_dirs DIRECTORY ${CMAKE_SOURCE_DIR}/apps PROPERTY SUBDIRECTORIES)
set(apps)
foreach(dir IN ITEMS ${CMAKE_SOURCE_DIR}/apps ${app_dirs})
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(type STREQUAL "EXECUTABLE" AND t MATCHES "^adasolve-")
      list(APPEND apps ${t})
    endif()
  endforeach()
endforeach()
if(TARGET adasolve-ipopt-peer)  # added by apps/nlp from apps/bench/ipopt
  list(APPEND apps adasolve-ipopt-peer)
endif()
install(TARGETS ${apps} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Libraries and headers.
# Three export sets, so that a project that needs neither PETSc nor libtorch does not have to find them:
# adasolveTargets (everything else), adasolvePetscTargets (component petsc), adasolveTorchTargets (torch).
set(base_targets ${ADASOLVE_EXPORTED_TARGETS})
list(REMOVE_ITEM base_targets adasolve_petsc adasolve_dcdm)
install(TARGETS ${base_targets} EXPORT adasolveTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
foreach(part IN ITEMS Petsc:adasolve_petsc Torch:adasolve_dcdm)
  string(REPLACE ":" ";" part ${part})
  list(GET part 0 set)
  list(GET part 1 target)
  if(TARGET ${target})
    install(TARGETS ${target} EXPORT adasolve${set}Targets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
    install(EXPORT adasolve${set}Targets NAMESPACE adasolve:: DESTINATION ${ADASOLVE_CMAKE_DIR})
  endif()
endforeach()
install(DIRECTORY lib/include/adasolve DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${ADASOLVE_GENERATED_INCLUDE}/adasolve/config.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/adasolve)
install(EXPORT adasolveTargets NAMESPACE adasolve:: DESTINATION ${ADASOLVE_CMAKE_DIR})
install(FILES LICENSE CITATION.cff DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/adasolve)

# Package config: optional parts are components (petsc, torch, asl); asking for one that was not built
# fails find_package(adasolve REQUIRED COMPONENTS ...).
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/templates/adasolveConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/adasolveConfig.cmake INSTALL_DESTINATION ${ADASOLVE_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/adasolveConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/adasolveConfig.cmake ${CMAKE_BINARY_DIR}/adasolveConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/AdasolveVendorTargets.cmake DESTINATION ${ADASOLVE_CMAKE_DIR})

# pkg-config: the base modules and SuiteSparse backend (static libraries in link order). Private
# requirements name the vendor libraries that pkg-config knows; the rest are plain -l flags.
set(pc_libs "-ladasolve_suitesparse -ladasolve_sequence -ladasolve_io -ladasolve_pde -ladasolve_linear -ladasolve_bandit -ladasolve_core")
configure_file(${CMAKE_CURRENT_LIST_DIR}/templates/adasolve.pc.in ${CMAKE_BINARY_DIR}/adasolve.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/adasolve.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The PETSc plugin (lib/src/petsc.cmake): PREFIX/lib/libadasolve_petsc.so, for -dll_append.
if(TARGET adasolve_petsc_plugin)
  install(TARGETS adasolve_petsc_plugin LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()
