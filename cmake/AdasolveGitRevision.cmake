# cmake -DSOURCE_DIR=... -DOUTPUT=... -P AdasolveGitRevision.cmake
# Writes the git revision of SOURCE_DIR ("<12 hex digits>", "-dirty" when tracked files differ from it,
# "unknown" outside a git checkout or without git) into OUTPUT from git_revision.cpp.in. configure_file
# leaves OUTPUT untouched when the text is the same, so an unchanged revision recompiles nothing.
set(ADASOLVE_GIT_REVISION unknown)
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SOURCE_DIR} describe --always --dirty --abbrev=12 --exclude=*
                  OUTPUT_VARIABLE revision OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE failed)
  if(NOT failed AND revision MATCHES "^[0-9a-f]+(-dirty)?$")
    set(ADASOLVE_GIT_REVISION ${revision})
  endif()
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/templates/git_revision.cpp.in ${OUTPUT} @ONLY)
