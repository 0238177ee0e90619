// PatienceWatch: the abandon rule of an exploratory play (sequence/patience_watch.hpp).
#include "adasolve/sequence/patience_watch.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "adasolve/core/error.hpp"

using namespace adasolve;
using namespace adasolve::sequence;

TEST_CASE("patience: the projection holds the mean rate of the later half of the iterations",
          "[sequence][patience]") {
  // A decade per iteration for 10 iterations: 1e-14 is 4 iterations past 1e-10.
  std::vector<double> decades;
  for (int j = 0; j <= 10; ++j) {
    decades.push_back(std::pow(10.0, -j));
  }
  CHECK(PatienceWatch::projection(decades, 1e-14) == Approx(14.0));
  // CG's residual may rise before it falls (GAMG's first iterations on the snes-ex5-bratu dump): the rate
  // is measured after the rise, r_1 to r_3, a decade per iteration, so 1e-8 is 7 iterations past 0.1. From
  // r_0 (1 to 0.1 in 3 iterations) it would be 24.
  const std::vector<double> rise{1.0, 10.0, 1.0, 0.1};
  CHECK(PatienceWatch::projection(rise, 1e-8) == Approx(10.0));
  const std::vector<double> flat{1.0, 1.0, 1.0};
  CHECK(std::isinf(PatienceWatch::projection(flat, 1e-8)));  // no progress, no projection
  const std::vector<double> up{1.0, 2.0, 3.0};
  CHECK(std::isinf(PatienceWatch::projection(up, 1e-8)));
}

TEST_CASE("patience: an arm whose solve alone is projected to cost twice the displaced arm's is abandoned",
          "[sequence][patience]") {
  // C = 1 s. Fast progress (a residual decade per iteration) at 0.3 s per iteration: projected to take
  // 8 iterations = 2.4 s, abandoned once that is >= 2 C with at least C / 4 spent (iteration 3). What is
  // reported is censored at 2 C: 6.7 iterations, the 7th.
  PatienceWatch dear(1.0, 1000);
  CHECK(dear.keep_going(0, 1.0, 1e-8, 0.0));
  CHECK(dear.keep_going(1, 1e-1, 1e-8, 0.3));
  CHECK(dear.keep_going(2, 1e-2, 1e-8, 0.6));
  CHECK_FALSE(dear.keep_going(3, 1e-3, 1e-8, 0.9));
  CHECK(dear.abandoned());
  CHECK(dear.projected() == 7);
  CHECK_FALSE(dear.keep_going(4, 1e-4, 1e-8, 1.2));  // stays abandoned

  // The same progress at 0.1 s per iteration is projected at 0.8 s < 2 C: it runs to the end.
  PatienceWatch cheap(1.0, 1000);
  CHECK(cheap.keep_going(0, 1.0, 1e-8, 0.0));
  for (int k = 1; k <= 8; ++k) {
    CHECK(cheap.keep_going(k, std::pow(10.0, -k), 1e-8, 0.1 * k));
  }
  CHECK_FALSE(cheap.abandoned());
  CHECK(cheap.projected() == 0);

  // Somewhat dearer than C (1.5 s projected): it runs to the end, the learner sees its true cost.
  PatienceWatch dearer(1.0, 1000);
  CHECK(dearer.keep_going(0, 1.0, 1e-8, 0.0));
  for (int k = 1; k <= 8; ++k) {
    CHECK(dearer.keep_going(k, std::pow(10.0, -k), 1e-8, 0.1875 * k));
  }
  CHECK_FALSE(dearer.abandoned());

  // Stagnation, nothing to project: abandoned when the solve has cost 2 C; one more iteration is reported.
  PatienceWatch stuck(1.0, 500);
  CHECK(stuck.keep_going(0, 1.0, 1e-8, 0.0));
  CHECK(stuck.keep_going(1, 1.0, 1e-8, 1.0));
  CHECK(stuck.keep_going(2, 1.0, 1e-8, 1.9));
  CHECK_FALSE(stuck.keep_going(3, 1.0, 1e-8, 2.0));
  CHECK(stuck.projected() == 4);
}

TEST_CASE("patience: a projection made too early does not condemn", "[sequence][patience]") {
  // The residual falls by 0.9 per iteration at 0.02 s each: a whole solve is projected at 175 iterations,
  // 3.5 s, from the first iteration on. Fewer than 3 iterations, or less than C / 4 spent, are not trusted.
  PatienceWatch early(1.0, 1000);
  CHECK(early.keep_going(0, 1.0, 1e-8, 0.0));
  for (int k = 1; k <= 12; ++k) {
    INFO(k);
    CHECK(early.keep_going(k, std::pow(0.9, k), 1e-8, 0.02 * k));
  }
  CHECK_FALSE(early.keep_going(13, std::pow(0.9, 13), 1e-8, 0.26));
  CHECK(early.projected() == 100);  // censored: 100 iterations cost 2 C

  // A known arm's re-check is judged by its seconds alone: the same run goes on to 2 C.
  PatienceWatch known(1.0, 1000, false);
  CHECK(known.keep_going(0, 1.0, 1e-8, 0.0));
  for (int k = 1; k <= 99; ++k) {
    CHECK(known.keep_going(k, std::pow(0.9, k), 1e-8, 0.02 * k));
  }
  CHECK_FALSE(known.keep_going(100, std::pow(0.9, 100), 1e-8, 2.0));
}

TEST_CASE("patience: a watch needs a positive finite patience", "[sequence][patience]") {
  CHECK_THROWS_AS(PatienceWatch(0.0, 10), UsageError);
  CHECK_THROWS_AS(PatienceWatch(INFINITY, 10), UsageError);
  CHECK_THROWS_AS(PatienceWatch(1.0, 0), UsageError);
  PatienceWatch never;
  CHECK(never.keep_going(5, 1.0, 1e-8, 1e9));
}
