# adasolve::petsc: the PETSc / MPI boundary (included by lib/CMakeLists.txt when this file exists).
# PETSc's .pc file carries no MPI include path, so MPI::MPI_C is linked beside it (platform.md).
if(ADASOLVE_WITH_PETSC)
  adasolve_module_sources(petsc_sources backend/petsc)
  adasolve_library(adasolve_petsc petsc ${petsc_sources})
  # libadasolve_petsc.so is the plugin below; the static backend must not shadow it for -ladasolve_petsc.
  set_target_properties(adasolve_petsc PROPERTIES OUTPUT_NAME adasolve_petsc_backend)
  target_link_libraries(adasolve_petsc PUBLIC adasolve::io adasolve::linear PRIVATE PkgConfig::PETSC MPI::MPI_C)

  # The PETSc plugin: PC type "adasolve", loaded by any PETSc program with
  #   -dll_append <prefix>/lib/libadasolve_petsc.so -pc_type adasolve
  # (src/plugin/petsc). Self-contained: the static, position-independent adasolve libraries are linked in
  # and hidden (--exclude-libs), so only the two PETSc entry points are exported and nothing clashes with
  # the host program; --no-undefined turns a missing symbol into a link error instead of a dlopen failure.
  file(GLOB plugin_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/plugin/petsc/*.cpp)
  add_library(adasolve_petsc_plugin MODULE ${plugin_sources})
  set_target_properties(adasolve_petsc_plugin PROPERTIES OUTPUT_NAME adasolve_petsc PREFIX lib
                        CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_include_directories(adasolve_petsc_plugin PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(adasolve_petsc_plugin PRIVATE adasolve::sequence adasolve::bandit adasolve::io PkgConfig::PETSC MPI::MPI_C adasolve_warnings)
  target_compile_options(adasolve_petsc_plugin PRIVATE -ffile-prefix-map=${CMAKE_SOURCE_DIR}/=)
  target_link_options(adasolve_petsc_plugin PRIVATE -Wl,--exclude-libs,ALL -Wl,--no-undefined)
endif()
