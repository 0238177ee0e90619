#pragma once
// Dense vector kernels on std::span<double>. Sizes must agree (checked in debug builds by the callers'
// shape checks; the kernels themselves do not branch). Math is stated beside each.
#include <span>

#include "adasolve/core/types.hpp"

namespace adasolve::vec {

/// x . y
double dot(std::span<const Scalar> x, std::span<const Scalar> y);
/// ||x||_2, computed with scaling so that it neither overflows nor underflows for |x_i| near 1e+-300.
double norm2(std::span<const Scalar> x);
/// max_i |x_i|
double norm_inf(std::span<const Scalar> x);
/// y <- y + alpha x
void axpy(Scalar alpha, std::span<const Scalar> x, std::span<Scalar> y);
/// y <- x + beta y
void xpby(std::span<const Scalar> x, Scalar beta, std::span<Scalar> y);
/// x <- alpha x
void scale(Scalar alpha, std::span<Scalar> x);
/// y <- x
void copy(std::span<const Scalar> x, std::span<Scalar> y);
/// x <- value
void fill(std::span<Scalar> x, Scalar value);
/// true if every entry is finite
bool all_finite(std::span<const Scalar> x);

}  // namespace adasolve::vec
