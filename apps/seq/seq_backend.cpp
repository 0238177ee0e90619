#include "seq/seq_backend.hpp"

#include "seq/seq_components.hpp"

namespace adasolve::app {

sequence::SolverFactory SeqBackend::solvers(const SeqConfig& config) const { return solver_factory(config); }

}  // namespace adasolve::app
