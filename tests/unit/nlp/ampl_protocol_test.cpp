// adasolve-nlp STUB -AMPL: the .sol it writes, read back by the AMPL Solver Library.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "adasolve/nlp/nl_file.hpp"
#include "test_support.hpp"

using namespace adasolve;

#ifdef ADASOLVE_NLP_APP

namespace {

/// Runs `adasolve_options='OPTIONS' adasolve-nlp STUB -AMPL` and returns its exit status.
int run_ampl(const std::filesystem::path& stub, const std::string& options) {
  const std::string cmd = "adasolve_options='" + options + "' '" + std::string(ADASOLVE_NLP_APP) + "' '" +
                          stub.string() + "' -AMPL > '" + stub.string() + ".out' 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("the AMPL protocol (-AMPL) writes STUB.sol with x, AMPL duals and solve_result_num",
          "[nlp][ampl]") {
  ADASOLVE_REQUIRE_SHARED_DATA();
  const auto dir = std::filesystem::temp_directory_path() / ("adasolve_ampl_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(test::shared_data() / "nlp" / "nl" / "hs039.nl", dir / "hs039.nl",
                             std::filesystem::copy_options::overwrite_existing);
  const auto stub = dir / "hs039";  // without .nl, as AMPL passes it

  REQUIRE(run_ampl(stub, "inner=direct tol=1e-10") == 0);
  const auto sol = nlp::read_ampl_solution((dir / "hs039.nl").string(), (dir / "hs039.sol").string());
  CHECK(sol.solve_result == 0);
  CHECK(sol.message.find("solved") != std::string::npos);
  // variables in the .nl order (x1, x3, x4, x2); x* = (1, 1, 0, 0)
  REQUIRE(sol.x.size() == 4);
  CHECK(sol.x[0] == Approx(1.0).margin(1e-8));
  CHECK(sol.x[1] == Approx(0.0).margin(1e-8));
  CHECK(sol.x[2] == Approx(0.0).margin(1e-8));
  CHECK(sol.x[3] == Approx(1.0).margin(1e-8));
  // AMPL's duals pi = -lambda: grad f - G^T pi = 0 at x* gives pi = (1, 1)
  REQUIRE(sol.duals.size() == 2);
  CHECK(sol.duals[0] == Approx(1.0).margin(1e-8));
  CHECK(sol.duals[1] == Approx(1.0).margin(1e-8));

  // options from the environment reach the solver: one outer iteration is an iteration limit (400), and the
  // protocol still exits 0 because the .sol is written
  std::filesystem::remove(dir / "hs039.sol");
  REQUIRE(run_ampl(stub, "stop.max-iters=1") == 0);
  const auto capped = nlp::read_ampl_solution((dir / "hs039.nl").string(), (dir / "hs039.sol").string());
  CHECK(capped.solve_result == 400);

  // a bad option is bad input: exit 2 and no .sol
  std::filesystem::remove(dir / "hs039.sol");
  CHECK(run_ampl(stub, "beta=0.9") == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "hs039.sol"));
  std::filesystem::remove_all(dir);
}

#endif
