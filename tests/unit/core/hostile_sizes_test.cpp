// Sizes and values that must not pass silently (#12): memory estimates against a limit, NaN residuals.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "adasolve/core/error.hpp"
#include "adasolve/core/memory.hpp"
#include "adasolve/core/solve_report.hpp"

using namespace adasolve;

TEST_CASE("relative residual: NaN stays NaN, b = 0 gives 0", "[core][hostile]") {
  SolveReport r;
  r.final_residual = std::numeric_limits<double>::quiet_NaN();
  r.rhs_norm = 1.0;
  CHECK(std::isnan(r.relative_residual()));
  r.final_residual = 1.0;
  r.rhs_norm = std::numeric_limits<double>::quiet_NaN();
  CHECK(std::isnan(r.relative_residual()));  // was 0: NaN > 0 is false
  r.final_residual = 0.0;
  r.rhs_norm = 0.0;
  CHECK(r.relative_residual() == 0.0);
}

TEST_CASE("memory estimates are checked against ADASOLVE_MEMORY_LIMIT_GIB", "[core][hostile]") {
  ::setenv("ADASOLVE_MEMORY_LIMIT_GIB", "2", 1);
  CHECK(physical_memory_bytes() <= 2.0 * 1073741824.0);
  CHECK_NOTHROW(require_fits_in_memory(1e9, "small"));
  try {
    require_fits_in_memory(3.0 * 1073741824.0, "grid 9 x 9 x 9");
    FAIL("no error");
  } catch (const UsageError& e) {
    CHECK_THAT(e.what(),
               Catch::Equals("grid 9 x 9 x 9 needs about 3 GiB, more than the 2 GiB of memory here"));
  }
  ::unsetenv("ADASOLVE_MEMORY_LIMIT_GIB");
}
