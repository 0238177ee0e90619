# Version information compiled into the libraries:
#   <build>/generated/include/adasolve/config.hpp   version + optional parts, written at configure time;
#   <build>/generated/git_revision.cpp              the git revision, refreshed before every build of
#                                                   adasolve::core (target adasolve_git_revision).
set(ADASOLVE_GENERATED_INCLUDE ${CMAKE_BINARY_DIR}/generated/include)
foreach(part PETSC TORCH ASL)
  if(ADASOLVE_WITH_${part})
    set(ADASOLVE_HAS_${part} 1)
  else()
    set(ADASOLVE_HAS_${part} 0)
  endif()
endforeach()
configure_file(${CMAKE_CURRENT_LIST_DIR}/templates/config.hpp.in ${ADASOLVE_GENERATED_INCLUDE}/adasolve/config.hpp @ONLY)

set(ADASOLVE_GIT_REVISION_SOURCE ${CMAKE_BINARY_DIR}/generated/git_revision.cpp)
set(revision_command ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${ADASOLVE_GIT_REVISION_SOURCE}
                     -P ${CMAKE_CURRENT_LIST_DIR}/AdasolveGitRevision.cmake)
execute_process(COMMAND ${revision_command})  # so that the file exists before the first build
add_custom_target(adasolve_git_revision COMMAND ${revision_command} BYPRODUCTS ${ADASOLVE_GIT_REVISION_SOURCE}
                  COMMENT "git revision of the source tree" VERBATIM)
