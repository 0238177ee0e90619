# DCDM pillar (docs/methods/dcdm.md), in two targets so that libtorch stays out of everything that does not
# run the network:
#   adasolve_dcdm_core  adasolve::dcdm: the solver loop, classical direction generators, grid maps, Lanczos /
#                       right-hand-side synthesis (src/dcdm/*.cpp; no libtorch, built always; the conformance
#                       suite links it; CHOLMOD through adasolve_suitesparse for the exact direction)
#   adasolve_dcdm       adasolve::dcdm_network: the CNN, its training and serialisation (src/dcdm/torch/*.cpp;
#                       ADASOLVE_WITH_TORCH); the only libtorch user. Public headers never include torch.
file(GLOB dcdm_core_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/dcdm/*.cpp)
adasolve_library(adasolve_dcdm_core dcdm ${dcdm_core_sources})
target_link_libraries(adasolve_dcdm_core PUBLIC adasolve::pde adasolve::linear adasolve_suitesparse PRIVATE $<BUILD_INTERFACE:Eigen3::Eigen>)

if(ADASOLVE_WITH_TORCH)
  file(GLOB dcdm_torch_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/dcdm/torch/*.cpp)
  adasolve_library(adasolve_dcdm dcdm_network ${dcdm_torch_sources})
  target_link_libraries(adasolve_dcdm PUBLIC adasolve_dcdm_core adasolve::io adasolve_suitesparse PRIVATE ${TORCH_LIBRARIES})
  # Torch's own headers are vendor code: no warnings from them.
  target_include_directories(adasolve_dcdm SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
endif()
