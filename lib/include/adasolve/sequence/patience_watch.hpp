#pragma once
// PatienceWatch: when the portfolio runner abandons an exploratory play (bandit::PortfolioChoice::patience).
//
// With C the cost per instance expected of the arm the play displaces and s the seconds its solve has cost
// after k iterations (measured, or priced under --cost model), the play is abandoned when
//     k >= 3, s >= C / 4 and s K / k >= 2 C        (its solve alone is projected to cost twice C; an arm's
//                                                  first play only), or
//     s >= 2 C                                     (it has, whatever the projection said),
// where K is the number of iterations a whole solve takes if the residual keeps falling at its mean rate
// over the later half of the iterations so far,
//     K = k + log(threshold / r_k) / log(rho),   rho = (r_k / r_j)^(1 / (k - j)),   j = floor(k / 2).
// Not the rate from r_0: CG's residual norm is not monotone, and with an AMG or IC(0) preconditioner it
// often rises tenfold over the first iterations before it falls (GAMG on the snes-ex5-bratu dump:
// 4.1e-4, 4.3e-3, 5.9e-4, 1.3e-4, a projection of 48 iterations from r_0 against 13 from the later half;
// it takes 12 to 14). Either way the arm cannot win this instance, whatever
// its setup. The margin of 2 and the C / 4 floor keep a slow start from condemning an arm on a projection
// made from too few iterations, and let an arm that is only somewhat dearer finish (near its end, finishing
// costs less than the displaced arm's continuation): the learner then sees its true cost.
//
// The projection judges first plays only. A re-check of a known arm (an optimistic play) is stopped by the
// second rule alone: SSOR-PCG, whose rate improves most as it goes, was projected at 127 iterations after
// 16 on the bratu dump and took 47, and its known cost need not be guessed.
//
// What an abandoned play reports is censored at the threshold: the iterations that would cost 2 C at the
// seconds per iteration so far, when the projection is larger. CG speeds up as it goes (its rate improves
// once the extreme eigenvalues are resolved), so early projections run high: on the snes-ex5-bratu dump
// PETSc ICC was projected at 240 iterations after 9 and takes about 75; all that is known is that the arm
// was projected past 2 C.
#include <span>
#include <vector>

namespace adasolve::sequence {

class PatienceWatch {
 public:
  /// A watch that never abandons.
  PatienceWatch() = default;
  /// `patience` = C > 0; `max_iters`: the solve's own cap; `project`: abandon on a projection too (a first
  /// play).
  PatienceWatch(double patience, int max_iters, bool project = true);

  /// Asked after every iteration (0: the initial residual, which is recorded); false abandons.
  bool keep_going(int iteration, double residual, double threshold, double seconds);
  bool abandoned() const { return abandoned_; }
  /// The iterations a whole solve was projected to take when it was abandoned, at most those that cost
  /// 2 C (see above) and more than the iterations run; 0 when it was not abandoned.
  int projected() const { return projected_; }

  /// K of the rule above from the residuals r_0..r_k (k >= 1); +inf when the later half made no progress.
  static double projection(std::span<const double> residuals, double threshold);

 private:
  double patience_ = 0.0;
  int max_iters_ = 0;
  bool project_ = true;
  std::vector<double> residuals_;
  bool abandoned_ = false;
  int projected_ = 0;
};

}  // namespace adasolve::sequence
