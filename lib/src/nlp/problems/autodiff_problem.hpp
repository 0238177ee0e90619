#pragma once
// A small NLP (n <= 8) written once as templated formulas and differentiated exactly by second-order
// forward AD (second_order_dual.hpp). Jacobian and Hessian are stored dense (all n*m and n*n positions), so
// the sparsity pattern never changes between points.
#include <cmath>
#include <functional>
#include <utility>

#include "adasolve/nlp/nlp_problem.hpp"
#include "second_order_dual.hpp"

namespace adasolve::nlp::detail {

struct SmallProblemDefinition {
  std::string name;
  int n = 0;
  int m = 0;
  std::vector<double> x0;
  std::optional<KnownOptimum> optimum;
  std::function<double(const double*)> f;
  std::function<void(const double*, double*)> c;
  std::function<Dual2(const Dual2*)> f_dual;
  std::function<void(const Dual2*, Dual2*)> c_dual;
};

/// Instantiates the generic formulas `f(x)` and `c(x, out)` for double and Dual2.
template <class F, class C>
SmallProblemDefinition define_problem(std::string name, int n, int m, std::vector<double> x0,
                                      std::optional<KnownOptimum> optimum, F f, C c) {
  SmallProblemDefinition d;
  d.name = std::move(name);
  d.n = n;
  d.m = m;
  d.x0 = std::move(x0);
  d.optimum = optimum;
  d.f = [f](const double* x) { return static_cast<double>(f(x)); };
  d.c = [c](const double* x, double* out) { c(x, out); };
  d.f_dual = [f](const Dual2* x) { return Dual2(f(x)); };
  d.c_dual = [c](const Dual2* x, Dual2* out) { c(x, out); };
  return d;
}

class AutodiffProblem final : public NlpProblem {
 public:
  explicit AutodiffProblem(SmallProblemDefinition d) : d_(std::move(d)) {}

  std::string name() const override { return d_.name; }
  Index num_variables() const override { return d_.n; }
  Index num_constraints() const override { return d_.m; }
  std::vector<double> initial_point() const override { return d_.x0; }
  std::optional<KnownOptimum> known_optimum() const override { return d_.optimum; }

  bool objective(std::span<const double> x, double& f) override {
    f = d_.f(x.data());
    return std::isfinite(f);
  }
  bool gradient(std::span<const double> x, std::span<double> g) override {
    const Dual2 f = d_.f_dual(variables(x).data());
    for (int i = 0; i < d_.n; ++i) {
      g[static_cast<std::size_t>(i)] = f.g[static_cast<std::size_t>(i)];
    }
    return finite(g);
  }
  bool constraints(std::span<const double> x, std::span<double> c) override {
    d_.c(x.data(), c.data());
    return finite(c);
  }
  bool jacobian(std::span<const double> x, CsrMatrix& jac) override {
    std::vector<Dual2> c(static_cast<std::size_t>(d_.m));
    d_.c_dual(variables(x).data(), c.data());
    std::vector<Triplet> t;
    for (int i = 0; i < d_.m; ++i) {
      for (int j = 0; j < d_.n; ++j) {
        t.push_back({i, j, c[static_cast<std::size_t>(i)].g[static_cast<std::size_t>(j)]});
      }
    }
    jac = CsrMatrix::from_triplets(d_.m, d_.n, t);
    return finite(jac.values());
  }
  bool lagrangian_hessian(std::span<const double> x, double sigma, std::span<const double> lambda,
                          CsrMatrix& h) override {
    const auto xv = variables(x);
    const Dual2 f = d_.f_dual(xv.data());
    std::vector<Dual2> c(static_cast<std::size_t>(d_.m));
    d_.c_dual(xv.data(), c.data());
    std::vector<Triplet> t;
    for (int i = 0; i < d_.n; ++i) {
      for (int j = 0; j < d_.n; ++j) {
        double v = sigma * f.hess(i, j);  // sigma Hess f + sum_k lambda_k Hess c_k
        for (int k = 0; k < d_.m; ++k) {
          v += lambda[static_cast<std::size_t>(k)] * c[static_cast<std::size_t>(k)].hess(i, j);
        }
        t.push_back({i, j, v});
      }
    }
    h = CsrMatrix::from_triplets(d_.n, d_.n, t);
    return finite(h.values());
  }

 private:
  std::vector<Dual2> variables(std::span<const double> x) const {
    std::vector<Dual2> v(static_cast<std::size_t>(d_.n));
    for (int i = 0; i < d_.n; ++i) {
      v[static_cast<std::size_t>(i)] = Dual2::variable(x[static_cast<std::size_t>(i)], i);
    }
    return v;
  }
  static bool finite(std::span<const double> v) {
    for (double a : v) {
      if (!std::isfinite(a)) {
        return false;
      }
    }
    return true;
  }

  SmallProblemDefinition d_;
};

}  // namespace adasolve::nlp::detail
