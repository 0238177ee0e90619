#include "adasolve/core/error.hpp"
#include "adasolve/sequence/instance_source.hpp"

namespace adasolve::sequence {

ForwardingSource::ForwardingSource(std::unique_ptr<InstanceSource> inner) : inner_(std::move(inner)) {
  if (!inner_) {
    throw UsageError("ForwardingSource: no source to forward to");
  }
}

}  // namespace adasolve::sequence
