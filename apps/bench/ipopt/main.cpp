// adasolve-ipopt-peer: solves one problem of adasolve-nlp (same NlpProblem, same x0 and lambda0, same exact
// derivatives) with Ipopt and prints one JSON line. It links no PETSc (see platform.md). The KKT residual in
// the output is computed by adasolve from Ipopt's final (x, lambda), so that both solvers are judged alike.
#include <IpIpoptApplication.hpp>
#include <IpSolveStatistics.hpp>
#include <IpTNLP.hpp>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "adasolve/nlp/merit.hpp"
#include "common/app_main.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"
#include "nlp/problem_selection.hpp"

namespace {

using namespace adasolve;
using Ipopt::Index;
using Ipopt::Number;

/// Ipopt's TNLP over an NlpProblem: no bounds, c(x) = 0 as g_l = g_u = 0, lower triangle of Hess L.
class ProblemTnlp final : public Ipopt::TNLP {
 public:
  explicit ProblemTnlp(nlp::NlpProblem& p) : p_(p) {
    const auto x0 = p_.initial_point();
    CsrMatrix h;
    p_.jacobian(x0, jac_);
    p_.lagrangian_hessian(x0, 1.0, p_.initial_multipliers(), h);
    for (adasolve::Index i = 0; i < h.rows(); ++i) {
      for (adasolve::Index q = h.row_offsets()[i]; q < h.row_offsets()[i + 1]; ++q) {
        if (h.column_indices()[q] <= i) {
          hess_lower_.push_back({i, h.column_indices()[q]});
        }
      }
    }
  }
  std::vector<double> x, lambda;
  int status = -1;

  bool get_nlp_info(Index& n, Index& m, Index& nnz_jac, Index& nnz_h, IndexStyleEnum& style) override {
    n = p_.num_variables();
    m = p_.num_constraints();
    nnz_jac = jac_.nnz();
    nnz_h = static_cast<Index>(hess_lower_.size());
    style = C_STYLE;
    return true;
  }
  bool get_bounds_info(Index n, Number* xl, Number* xu, Index m, Number* gl, Number* gu) override {
    for (Index i = 0; i < n; ++i) {
      xl[i] = -1e19;
      xu[i] = 1e19;
    }
    for (Index i = 0; i < m; ++i) {
      gl[i] = gu[i] = 0.0;
    }
    return true;
  }
  bool get_starting_point(Index n, bool init_x, Number* x0, bool, Number*, Number*, Index m, bool init_lambda,
                          Number* l0) override {
    if (init_x) {
      const auto v = p_.initial_point();
      std::copy(v.begin(), v.end(), x0);
    }
    if (init_lambda) {
      const auto v = p_.initial_multipliers();
      std::copy(v.begin(), v.end(), l0);
    }
    (void)n;
    (void)m;
    return true;
  }
  bool eval_f(Index n, const Number* x, bool, Number& f) override { return p_.objective(span(x, n), f); }
  bool eval_grad_f(Index n, const Number* x, bool, Number* g) override {
    return p_.gradient(span(x, n), std::span<double>(g, static_cast<std::size_t>(n)));
  }
  bool eval_g(Index n, const Number* x, bool, Index m, Number* g) override {
    return p_.constraints(span(x, n), std::span<double>(g, static_cast<std::size_t>(m)));
  }
  bool eval_jac_g(Index n, const Number* x, bool, Index, Index, Index* rows, Index* cols,
                  Number* values) override {
    if (values == nullptr) {
      Index k = 0;
      for (adasolve::Index i = 0; i < jac_.rows(); ++i) {
        for (adasolve::Index q = jac_.row_offsets()[i]; q < jac_.row_offsets()[i + 1]; ++q, ++k) {
          rows[k] = i;
          cols[k] = jac_.column_indices()[q];
        }
      }
      return true;
    }
    CsrMatrix j;
    if (!p_.jacobian(span(x, n), j)) {
      return false;
    }
    std::copy(j.values().begin(), j.values().end(), values);
    return true;
  }
  bool eval_h(Index n, const Number* x, bool, Number sigma, Index m, const Number* lambda, bool, Index,
              Index* rows, Index* cols, Number* values) override {
    if (values == nullptr) {
      for (std::size_t k = 0; k < hess_lower_.size(); ++k) {
        rows[k] = hess_lower_[k].first;
        cols[k] = hess_lower_[k].second;
      }
      return true;
    }
    CsrMatrix h;
    if (!p_.lagrangian_hessian(span(x, n), sigma, span(lambda, m), h)) {
      return false;
    }
    for (std::size_t k = 0; k < hess_lower_.size(); ++k) {
      values[k] = h.at(hess_lower_[k].first, hess_lower_[k].second);
    }
    return true;
  }
  void finalize_solution(Ipopt::SolverReturn s, Index n, const Number* xs, const Number*, const Number*,
                         Index m, const Number*, const Number* ls, Number, const Ipopt::IpoptData*,
                         Ipopt::IpoptCalculatedQuantities*) override {
    status = static_cast<int>(s);
    x.assign(xs, xs + n);
    lambda.assign(ls, ls + m);
  }

 private:
  static std::span<const double> span(const Number* v, Index n) { return {v, static_cast<std::size_t>(n)}; }
  nlp::NlpProblem& p_;
  CsrMatrix jac_;
  std::vector<std::pair<adasolve::Index, adasolve::Index>> hess_lower_;
};

int run(int argc, char** argv) {
  app::ProblemChoice choice;
  double tol = 1e-8;
  int max_iter = 3000;
  app::po::options_description opts("adasolve-ipopt-peer options");
  opts.add_options()("problem", app::po::value(&choice.problem), "built-in problem, logreg or pde-control")(
      "data", app::po::value(&choice.data), "LIBSVM file for logreg");
  app::add_setting_options(opts, choice);
  opts.add_options()("seed", app::po::value(&choice.seed)->default_value(2023), "logreg seed")(
      "tol", app::po::value(&tol)->default_value(tol), "Ipopt tol")(
      "max-iter", app::po::value(&max_iter)->default_value(max_iter), "Ipopt max_iter");
  app::po::options_description hidden;
  hidden.add_options()("nl-file", app::po::value(&choice.nl_file));
  app::po::options_description all;
  all.add(opts).add(hidden);
  app::po::positional_options_description pos;
  pos.add("nl-file", 1);
  const auto parsed = app::parse_options(argc, argv, all, &pos);
  app::read_setting_options(parsed.values, choice);
  if (parsed.help) {
    app::print_help("adasolve-ipopt-peer [FILE.nl | --problem NAME]",
                    "Ipopt on an adasolve-nlp problem; one JSON line.", opts);
    return 0;
  }
  auto problem = app::make_problem(choice);
  Ipopt::SmartPtr<ProblemTnlp> tnlp = new ProblemTnlp(*problem);
  Ipopt::SmartPtr<Ipopt::IpoptApplication> ipopt = IpoptApplicationFactory();
  ipopt->Options()->SetIntegerValue("print_level", 0);
  ipopt->Options()->SetStringValue("sb", "yes");
  ipopt->Options()->SetNumericValue("tol", tol);
  ipopt->Options()->SetIntegerValue("max_iter", max_iter);
  // No options file: Initialize() would read an ipopt.opt from the working directory, and a stray one would
  // change the peer of every benchmark run there. The peer's options are the ones set above.
  if (ipopt->Initialize("") != Ipopt::Solve_Succeeded) {
    throw BackendError("Ipopt initialisation failed");
  }
  const auto t0 = std::chrono::steady_clock::now();
  const Ipopt::ApplicationReturnStatus st = ipopt->OptimizeTNLP(tnlp);
  const double seconds = seconds_since(t0);
  nlohmann::json out{{"solver", "ipopt"}, {"ipopt_status", static_cast<int>(st)}, {"seconds", seconds}};
  int iterations = -1;
  if (auto stats = ipopt->Statistics(); IsValid(stats)) {
    iterations = stats->IterationCount();
  }
  out["iterations"] = iterations;
  nlp::EvaluatedPoint point;
  if (!tnlp->x.empty() && nlp::evaluate_point(*problem, tnlp->x, tnlp->lambda, point)) {
    out["objective"] = point.f;
    out["kkt_residual"] = point.kkt_residual();
  } else {
    out["objective"] = nullptr;
    out["kkt_residual"] = nullptr;
  }
  std::cout << out.dump() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return adasolve::app::run("adasolve-ipopt-peer", argc, argv, run); }
