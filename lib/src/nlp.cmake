# adasolve::nlp: the sketched inexact Newton pillar (problems, sketches, AdaSketchNewton). The AMPL Solver
# Library is used only by lib/src/nlp/asl/ (the .nl boundary), compiled when ADASOLVE_WITH_ASL is on.
file(GLOB_RECURSE nlp_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/nlp/*.cpp)
# Without the ASL, nl_file_without_asl.cpp answers every .nl request with a clear error instead.
if(ADASOLVE_WITH_ASL)
  list(FILTER nlp_sources EXCLUDE REGEX "/nl_file_without_asl\\.cpp$")
else()
  list(FILTER nlp_sources EXCLUDE REGEX "/src/nlp/asl/")
endif()
adasolve_library(adasolve_nlp nlp ${nlp_sources})
target_link_libraries(adasolve_nlp PUBLIC adasolve::io adasolve_suitesparse PRIVATE $<BUILD_INTERFACE:Eigen3::Eigen>)
if(ADASOLVE_WITH_ASL)
  target_link_libraries(adasolve_nlp PRIVATE adasolve_vendor::asl)
endif()
