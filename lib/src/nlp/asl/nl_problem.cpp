// The ASL boundary: the only file that includes the AMPL Solver Library. ASL evaluation errors (domain
// errors in the model's expressions) are caught by passing nerror = 0 (the ASL then longjmps back and
// sets it instead of exiting) and become `false` returns.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstring>

#include "adasolve/core/error.hpp"
#include "adasolve/nlp/nl_file.hpp"
#include "nl_header.hpp"

extern "C" {
#include "asl_pfgh.h"
}

namespace adasolve::nlp {

namespace {

/// Empty when every variable number of the J and G segments (and every Jacobian slot) is inside the sizes
/// the file declares, else what is wrong, naming the segment.
std::string variable_index_problem(ASL* asl) {
  for (int i = 0; i < n_con; ++i) {
    for (cgrad* cg = Cgrad[i]; cg != nullptr; cg = cg->next) {
      if (cg->varno < 0 || cg->varno >= n_var || cg->goff < 0 || cg->goff >= nzc) {
        return "J segment of constraint " + std::to_string(i + 1) + " names variable " +
               std::to_string(cg->varno + 1) + ", outside the " + std::to_string(n_var) +
               " variables the header declares";
      }
    }
  }
  for (int k = 0; k < n_obj; ++k) {
    for (ograd* og = Ograd[k]; og != nullptr; og = og->next) {
      if (og->varno < 0 || og->varno >= n_var) {
        return "G segment of objective " + std::to_string(k + 1) + " names variable " +
               std::to_string(og->varno + 1) + ", outside the " + std::to_string(n_var) +
               " variables the header declares";
      }
    }
  }
  return {};
}

/// Reads the file with the ASL in a child process first: empty when the ASL read it without calling exit()
/// and its J and G segments name only declared variables, else why not. The ASL exits on a malformed file,
/// and a J or G variable number beyond n_var makes its reader write outside its own arrays, so the parent
/// reads only a file the child has vetted (a failed fork() refuses the file too). The child reports an
/// index problem through a pipe, in one line.
std::string asl_read_problem(const std::string& path) {
  const std::string unreadable = "the AMPL Solver Library cannot read this file (corrupt or unsupported .nl)";
  int channel[2] = {-1, -1};
  std::fflush(nullptr);
  if (pipe(channel) != 0) {
    return std::string("cannot check the file in a child process (pipe: ") + std::strerror(errno) + ")";
  }
  const pid_t pid = fork();
  if (pid < 0) {
    close(channel[0]);
    close(channel[1]);
    return std::string("cannot check the file in a child process (fork: ") + std::strerror(errno) + ")";
  }
  if (pid == 0) {
    close(channel[0]);
    const int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) {
      dup2(devnull, 1);
      dup2(devnull, 2);
    }
    ASL* asl = ASL_alloc(ASL_read_pfgh);
    return_nofile = 1;
    std::vector<char> stub(path.begin(), path.end());
    stub.push_back('\0');
    FILE* nl = jac0dim(stub.data(), static_cast<ftnlen>(path.size()));
    if (nl == nullptr) {
      _exit(3);
    }
    if (pfgh_read(nl, ASL_return_read_err | ASL_findgroups) != 0) {
      _exit(4);
    }
    const std::string problem = variable_index_problem(asl);
    if (!problem.empty()) {
      [[maybe_unused]] const ssize_t written = write(channel[1], problem.data(), problem.size());
      _exit(5);
    }
    _exit(0);  // no ASL_free: the parent reads the file again; nothing here outlives the child
  }
  close(channel[1]);
  std::string message;
  char buffer[256];
  ssize_t got = 0;
  while ((got = read(channel[0], buffer, sizeof buffer)) != 0) {
    if (got < 0 && errno != EINTR) {
      break;
    }
    if (got > 0 && message.size() < 4096) {
      message.append(buffer, static_cast<std::size_t>(got));
    }
  }
  close(channel[0]);
  // A signal (a timer, SIGCHLD of another child, a stop request) interrupts waitpid with EINTR: wait again,
  // or the child's verdict would be read from a status it never wrote.
  int status = 0;
  pid_t waited = -1;
  do {
    waited = waitpid(pid, &status, 0);
  } while (waited < 0 && errno == EINTR);
  if (waited != pid || !WIFEXITED(status)) {
    return unreadable;
  }
  if (WEXITSTATUS(status) == 5 && !message.empty()) {
    return message;
  }
  return WEXITSTATUS(status) == 0 ? std::string() : unreadable;
}

class AslProblem final : public NlpProblem {
 public:
  AslProblem(ASL* asl_handle, std::string name) : asl_(asl_handle), name_(std::move(name)) {
    {
      ASL* asl = asl_;  // the ASL macros expect a variable named `asl`
      n_ = n_var;
      m_ = n_con;
      rhs_.resize(static_cast<std::size_t>(m_));
      for (Index i = 0; i < m_; ++i) {
        rhs_[static_cast<std::size_t>(i)] = LUrhs[2 * i];
      }
      x0_.assign(static_cast<std::size_t>(n_), 0.0);
      if (X0 != nullptr) {
        std::copy(X0, X0 + n_, x0_.begin());
      }
      // AMPL's duals pi belong to the Lagrangian f - pi^T c (a dual is d f* / d rhs), ours to f + lambda^T c:
      // lambda = -pi, the negation Ipopt's AMPL interface applies too.
      lambda0_.assign(static_cast<std::size_t>(m_), 0.0);
      if (pi0 != nullptr) {
        for (Index i = 0; i < m_; ++i) {
          lambda0_[static_cast<std::size_t>(i)] = -pi0[i];
        }
      }
      // Jacobian pattern: constraint i's nonzeros are the Cgrad[i] list; goff is the slot jacval fills.
      std::vector<Triplet> t;
      jac_slot_.resize(static_cast<std::size_t>(nzc));
      for (Index i = 0; i < m_; ++i) {
        for (cgrad* cg = Cgrad[i]; cg != nullptr; cg = cg->next) {
          t.push_back({i, static_cast<Index>(cg->varno), 0.0});
        }
      }
      jac_pattern_ = CsrMatrix::from_triplets(m_, n_, t);
      for (Index i = 0; i < m_; ++i) {
        for (cgrad* cg = Cgrad[i]; cg != nullptr; cg = cg->next) {
          jac_slot_[static_cast<std::size_t>(cg->goff)] =
              position(jac_pattern_, i, static_cast<Index>(cg->varno));
        }
      }
      jac_values_.resize(static_cast<std::size_t>(nzc));
      // Hessian of the Lagrangian: full (both triangles) CSC pattern; symmetric, so it is also the CSR one.
      const fint nnz = sphsetup(-1, 1, 1, 0);
      hess_values_.resize(static_cast<std::size_t>(nnz));
      std::vector<Triplet> h;
      for (Index j = 0; j < n_; ++j) {
        for (fint p = sputinfo->hcolstarts[j]; p < sputinfo->hcolstarts[j + 1]; ++p) {
          h.push_back({static_cast<Index>(sputinfo->hrownos[p]), j, 0.0});
        }
      }
      hess_pattern_ = CsrMatrix::from_triplets(n_, n_, h);
      hess_slot_.resize(static_cast<std::size_t>(nnz));
      for (Index j = 0; j < n_; ++j) {
        for (fint p = sputinfo->hcolstarts[j]; p < sputinfo->hcolstarts[j + 1]; ++p) {
          hess_slot_[static_cast<std::size_t>(p)] =
              position(hess_pattern_, static_cast<Index>(sputinfo->hrownos[p]), j);
        }
      }
    }
  }
  ~AslProblem() override { ASL_free(&asl_); }

  /// write_sol on this problem's ASL: STUB.sol with x and AMPL duals pi = -lambda.
  void write_solution(const std::string& message, std::span<const double> x, std::span<const double> lambda,
                      int code) {
    ASL* asl = use();
    std::vector<double> xs(x.begin(), x.end());
    std::vector<double> pi(lambda.size());
    for (std::size_t i = 0; i < pi.size(); ++i) {
      pi[i] = -lambda[i];
    }
    std::vector<char> msg(message.begin(), message.end());
    msg.push_back('\0');
    solve_result_num = code;
    amplflag = 1;  // answer as a solver invoked with -AMPL: write STUB.sol
    need_nl = 0;
    write_sol(msg.data(), xs.data(), pi.empty() ? nullptr : pi.data(), nullptr);
  }

  std::string name() const override { return name_; }
  Index num_variables() const override { return n_; }
  Index num_constraints() const override { return m_; }
  std::vector<double> initial_point() const override { return x0_; }
  std::vector<double> initial_multipliers() const override { return lambda0_; }

  bool objective(std::span<const double> x, double& f) override {
    ASL* asl = use();
    fint ne = 0;
    f = objval(0, mutable_x(x), &ne);
    return ne == 0 && std::isfinite(f);
  }
  bool gradient(std::span<const double> x, std::span<double> g) override {
    ASL* asl = use();
    fint ne = 0;
    objval(0, mutable_x(x), &ne);
    if (ne != 0) {
      return false;
    }
    objgrd(0, mutable_x(x), g.data(), &ne);
    return ne == 0 && finite(g);
  }
  bool constraints(std::span<const double> x, std::span<double> c) override {
    if (m_ == 0) {
      return true;
    }
    ASL* asl = use();
    fint ne = 0;
    conval(mutable_x(x), c.data(), &ne);
    if (ne != 0) {
      return false;
    }
    for (Index i = 0; i < m_; ++i) {
      c[static_cast<std::size_t>(i)] -= rhs_[static_cast<std::size_t>(i)];  // body - rhs
    }
    return finite(c);
  }
  bool jacobian(std::span<const double> x, CsrMatrix& jac) override {
    jac = jac_pattern_;
    if (m_ == 0) {
      return true;
    }
    ASL* asl = use();
    fint ne = 0;
    std::vector<double> c(static_cast<std::size_t>(m_));
    conval(mutable_x(x), c.data(), &ne);
    if (ne != 0) {
      return false;
    }
    jacval(mutable_x(x), jac_values_.data(), &ne);
    if (ne != 0) {
      return false;
    }
    auto v = jac.values_mutable();
    for (std::size_t s = 0; s < jac_values_.size(); ++s) {
      v[static_cast<std::size_t>(jac_slot_[s])] = jac_values_[s];
    }
    return finite(v);
  }
  bool lagrangian_hessian(std::span<const double> x, double sigma, std::span<const double> lambda,
                          CsrMatrix& h) override {
    ASL* asl = use();
    fint ne = 0;
    // sphes uses the point of the last objval/conval: evaluate both at x first.
    objval(0, mutable_x(x), &ne);
    if (ne != 0) {
      return false;
    }
    std::vector<double> c(static_cast<std::size_t>(m_));
    if (m_ > 0) {
      conval(mutable_x(x), c.data(), &ne);
      if (ne != 0) {
        return false;
      }
    }
    real ow = sigma;
    std::vector<double> y(lambda.begin(), lambda.end());
    // sphes has no nerror argument: an error in the derivatives it evaluates (the gradient of a
    // partially separable objective, say) would end the program through exit(). With err_jmp set the ASL
    // longjmps back here instead (only C frames of the ASL lie between), and the point is refused.
    Jmp_buf jump;
    err_jmp = &jump;
    if (setjmp(jump.jb) != 0) {
      err_jmp = nullptr;
      return false;
    }
    sphes(hess_values_.data(), -1, &ow, m_ > 0 ? y.data() : nullptr);
    err_jmp = nullptr;
    h = hess_pattern_;
    auto v = h.values_mutable();
    for (std::size_t s = 0; s < hess_values_.size(); ++s) {
      v[static_cast<std::size_t>(hess_slot_[s])] = hess_values_[s];
    }
    return finite(v);
  }

 private:
  ASL* use() {
    cur_ASL = asl_;
    return asl_;
  }
  static real* mutable_x(std::span<const double> x) { return const_cast<real*>(x.data()); }
  static bool finite(std::span<const double> v) {
    for (double a : v) {
      if (!std::isfinite(a)) {
        return false;
      }
    }
    return true;
  }
  static Index position(const CsrMatrix& a, Index i, Index j) {
    for (Index p = a.row_offsets()[i]; p < a.row_offsets()[i + 1]; ++p) {
      if (a.column_indices()[p] == j) {
        return p;
      }
    }
    return -1;
  }

  ASL* asl_;
  std::string name_;
  Index n_ = 0, m_ = 0;
  std::vector<double> rhs_, x0_, lambda0_;
  CsrMatrix jac_pattern_, hess_pattern_;
  std::vector<Index> jac_slot_, hess_slot_;
  std::vector<double> jac_values_, hess_values_;
};

/// Opens an .nl file only far enough for the ASL to know the sizes (for read_ampl_solution).
ASL* open_for_sizes(const std::string& path) {
  ASL* asl = ASL_alloc(ASL_read_fg);
  return_nofile = 1;
  std::vector<char> stub(path.begin(), path.end());
  stub.push_back('\0');
  FILE* nl = jac0dim(stub.data(), static_cast<ftnlen>(path.size()));
  if (nl == nullptr) {
    ASL_free(&asl);
    throw InputError::at(path, 0, "cannot open file");
  }
  std::fclose(nl);
  return asl;
}

std::string plural(long count, const std::string& what) { return std::to_string(count) + " " + what + "(s)"; }

}  // namespace

std::unique_ptr<NlpProblem> load_nl_problem(const std::string& path) {
  const detail::NlHeader header = detail::read_nl_header(path);  // throws file:line on a malformed header
  const std::string read_problem = asl_read_problem(path);
  if (!read_problem.empty()) {
    throw InputError::at(path, 0, read_problem);
  }
  ASL* asl = ASL_alloc(ASL_read_pfgh);
  return_nofile = 1;
  want_xpi0 = 3;  // allocate X0 and pi0 when the file has them
  std::vector<char> stub(path.begin(), path.end());
  stub.push_back('\0');
  FILE* nl = jac0dim(stub.data(), static_cast<ftnlen>(path.size()));
  if (nl == nullptr) {
    ASL_free(&asl);
    throw InputError::at(path, 0, "cannot open file");
  }
  if (pfgh_read(nl, ASL_return_read_err | ASL_findgroups) != 0) {
    ASL_free(&asl);
    throw InputError::at(path, 0, "the AMPL Solver Library failed to read this file");
  }
  // Everything an equality-only minimiser cannot take, all reasons in one line.
  std::vector<std::string> reasons;
  long not_equal = 0;
  long not_a_number = 0;  // NaN != NaN: a NaN bound is not an inequality, it is a broken file
  for (int i = 0; i < n_con; ++i) {
    if (std::isnan(LUrhs[2 * i]) || std::isnan(LUrhs[2 * i + 1])) {
      ++not_a_number;
    } else if (LUrhs[2 * i] != LUrhs[2 * i + 1]) {
      ++not_equal;
    }
  }
  if (not_a_number > 0) {
    ASL_free(&asl);
    throw InputError::at(path, 0, plural(not_a_number, "constraint") + " with a NaN bound (r segment)");
  }
  not_equal = std::max(not_equal, header.constraints - header.equalities);
  if (not_equal > 0) {
    reasons.push_back(plural(not_equal, "inequality constraint"));
  }
  long bounded = 0;
  for (int j = 0; j < n_var; ++j) {
    if (LUv[2 * j] > negInfinity || LUv[2 * j + 1] < Infinity) {
      ++bounded;
    }
  }
  if (bounded > 0) {
    reasons.push_back(plural(bounded, "bounded variable"));
  }
  if (header.integer_variables > 0) {
    reasons.push_back(plural(header.integer_variables, "integer variable"));
  }
  if (n_obj == 0) {
    reasons.push_back("no objective");
  }
  if (n_obj > 1) {
    reasons.push_back(plural(n_obj, "objective"));
  }
  if (n_obj >= 1 && objtype[0] == 1) {
    reasons.push_back("maximize objective");
  }
  if (!reasons.empty()) {
    ASL_free(&asl);
    std::string line = "not an equality-constrained minimisation problem: ";
    for (std::size_t i = 0; i < reasons.size(); ++i) {
      line += (i ? ", " : "") + reasons[i];
    }
    throw InputError::at(path, 0, line);
  }
  std::string name = path.substr(path.find_last_of('/') + 1);
  if (name.size() > 3 && name.substr(name.size() - 3) == ".nl") {
    name.resize(name.size() - 3);
  }
  return std::make_unique<AslProblem>(asl, name);
}

}  // namespace adasolve::nlp

namespace adasolve::nlp {

void write_ampl_solution(NlpProblem& problem, const std::string& message, std::span<const double> x,
                         std::span<const double> lambda, int code) {
  auto* p = dynamic_cast<AslProblem*>(&problem);
  if (p == nullptr) {
    throw UsageError("-AMPL: the problem was not read from an .nl file");
  }
  if (x.size() != static_cast<std::size_t>(p->num_variables()) ||
      lambda.size() != static_cast<std::size_t>(p->num_constraints())) {
    throw UsageError("write_ampl_solution: x or lambda has the wrong size");
  }
  p->write_solution(message, x, lambda, code);
}

AmplSolution read_ampl_solution(const std::string& nl_path, const std::string& sol_path) {
  ASL* asl = open_for_sizes(nl_path);
  real* x = nullptr;
  real* y = nullptr;
  char* msg = fread_sol_ASL(asl, sol_path.c_str(), &x, &y);
  if (msg == nullptr) {
    ASL_free(&asl);
    throw InputError::at(sol_path, 0, "the AMPL Solver Library cannot read this .sol file");
  }
  AmplSolution out;
  out.message = msg;
  if (x != nullptr) {
    out.x.assign(x, x + n_var);
  }
  if (y != nullptr) {
    out.duals.assign(y, y + n_con);
  }
  out.solve_result = solve_result_num;  // the ASL macro: asl->p.solve_code_, set by fread_sol
  // msg, x and y come from the ASL's allocator (some of it from the ASL's own blocks): they are left to it
  // rather than freed here (a test-only reader).
  ASL_free(&asl);
  return out;
}

}  // namespace adasolve::nlp
