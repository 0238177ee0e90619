#pragma once
// PortfolioLearner: chooses, for each system of a sequence, which solver configuration (arm) to use and
// whether to rebuild that arm's setup (factorisation, AMG hierarchy) from the current matrix or to reuse the
// setup kept from an earlier one. Like the omega policies it sees arm indices, contexts and costs only, never
// a solver, a matrix or a clock (design.md, "Sequences: arms, setups and what a learner may see").
//
// Protocol per instance t:  choice = choose(c_t, usable);  run the arm (rebuild or reuse); observe(feedback).
// `usable[a]` says whether arm a holds a setup that can be applied to this instance; an arm without one is
// always rebuilt.
//
// The learner has two parts.
//
// 1. When to rebuild: a renewal ("ski-rental") rule on iteration growth. A kept setup ages: its solves take
//    more iterations than a fresh setup would on the same instance. The learner estimates, per context bin
//    and arm, the iterations of a solve right after a rebuild (k0, a discounted mean over fresh solves) and
//    the arm's price of one iteration (tau, seconds per iteration), and prices every reused solve's excess
//        e_j = tau * max(0, k_j - k0(bin_j)).
//    It rebuilds once the excess summed since the last rebuild reaches the arm's setup cost S:
//        sum_j e_j >= S.
//    Paying the rent until it has cost the purchase is 2-competitive whatever the growth, and for linear
//    growth (e_j = g j) it rebuilds after P = sqrt(2 S / g) solves, the period that minimises the average
//    cost S / P + g (P - 1) / 2. Iterations are exact where seconds are noisy, so the rule does not react to
//    timing noise, only to the slower convergence of a stale setup.
//
// 2. Which arm: estimates per context bin, a lower bound that shrinks with the remaining horizon, and one
//    budget for everything spent on finding out. Each observation y is the instance's solve seconds plus,
//    when it reused a setup, what applying that setup cost (copying the matrix into the arm's format recurs
//    with every reuse), and when it rebuilt, the setup seconds spread over the solves the setup is expected
//    to serve,
//        y = solve + setup / P,   P = min(remaining instances, sqrt(2 S / g)),
//    (g the arm's priced excess per reused solve per instance of age; P = remaining when g ~ 0), so a
//    setup-heavy arm is neither condemned by its first solve nor flattered on a short sequence.
//    - Estimate J_{b,a}: a mean of the arm's observations in bin b that keeps `adaptation` of its weight per
//      new observation (with 0.9 about the last 20: it follows drift, not the noise of the last few solves),
//      shrunk toward the arm's mean over all bins by a prior worth one observation (sparse bins borrow).
//    - Lower bound (MOSS's width with the remaining horizon H and K arms):
//          L_{b,a} = J_{b,a} - s_a sqrt(log+(H / (K n_{b,a})) / n_{b,a}),
//      n the evidence (plays in the bin, plays elsewhere at half weight, each worth `forgetting` less per
//      instance that passes, at most the mean's effective sample size (1 + adaptation) / (1 - adaptation)),
//      s the measured spread of the arm's observations (at least `noise_floor` of J; `exploration` of J
//      before its second observation). The width vanishes once an arm was seen H / K times: near the end of
//      a sequence, or on a short one, the learner commits to the cheapest arm so far, since confirming a
//      small difference can no longer pay back.
//    - Budget: the greedy arm (lowest J) is played unless an exploratory play is affordable: the next
//      untried arm in the order given, or the arm with the lowest bound when it is not the greedy one. Each
//      exploratory play is charged what it cost beyond the estimate of the arm it displaced; the charges may
//      not exceed `exploration_budget` of the projected total, (t + remaining) times the cheapest arm's
//      average cost. An untried arm's first play is guessed, before it is made, to exceed the best arm by
//      `first_play_factor` times the heaviest setup seen so far (the order puts light setups first, and
//      what a first play risks beyond a solve is its setup; an arm that was dear for its iterations says
//      nothing about the next one's setup).
//    - Patience: an exploratory play is told the cost per instance expected of the arm it displaces
//      (PortfolioChoice::patience). A runner may abandon its solve once the solve alone has cost that, or is
//      projected from its residuals so far to cost twice that (it cannot win this bin then, setup aside),
//      and finish the instance with the displaced arm from the abandoned iterate. The learner records the
//      abandoned arm at its reported cost (solve seconds scaled to the reported iterations, a censored
//      observation that still ranks it), gives it no optimism until a play of it completes (a re-check
//      would cost up to twice the displaced arm again, to learn what the censoring hid: only that it is
//      dear), and charges the budget what the attempt and the continuation really cost beyond the
//      displaced arm's estimate: a first play of an arm that is dear for its
//      iterations (IC(0) on a large system) then costs its setup and a fraction of one solve instead of
//      several solves, and the budget lasts to try the setup-heavy arms after it.
//    - Failures: when the chosen arm fails and the fallback arm re-solves the instance, that rescue is a
//      play of the fallback arm (its first play, when it was untried); the failed arm's estimate carries
//      its attempt and the rescue (what choosing it cost), its first play only its attempt, and the budget
//      is charged the attempt (plus the rescue beyond the displaced arm when the rescue was a first play).
// Deterministic: no random numbers, ties go to the lower arm index.
#include <cstddef>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <vector>

#include "adasolve/bandit/policy_settings.hpp"

namespace adasolve::bandit {

struct PortfolioSettings {
  int bins = 4;               ///< context bins over the context range (1: not contextual)
  double adaptation = 0.9;    ///< weight an arm's estimates keep per new observation of that arm, in (0, 1]
  double forgetting = 0.99;   ///< weight the evidence of every arm keeps per instance, in (0, 1]
  double exploration = 0.3;   ///< an arm's relative noise assumed before its second observation, in [0, 1)
  double noise_floor = 0.05;  ///< the least relative noise assumed of any arm's cost, in [0, 1)
  std::size_t horizon = 100;  ///< instances a setup is amortised over when the sequence's size is unknown
  double exploration_budget =
      0.05;  ///< share of the projected total that exploration may cost, >= 0 (inf: all)
  double first_play_factor = 4.0;  ///< an untried arm's first play is guessed to exceed the best arm by this
                                   ///< times the heaviest setup so far
  void validate() const;
};

struct PortfolioChoice {
  std::size_t arm = 0;
  bool rebuild = true;
  /// Exploratory plays only (else inf): the cost per instance expected of the arm the play displaces. The
  /// runner may abandon the solve once it is clear the arm costs more
  /// (PortfolioFeedback::projected_iterations).
  double patience = std::numeric_limits<double>::infinity();
  std::size_t displaced = 0;  ///< the arm that finishes an abandoned play (meaningful with a finite patience)
  bool first_play = false;    ///< the arm's first play (its cost is unknown, not only uncertain)
};

/// The fallback arm's re-solve of an instance the chosen arm failed (always with a fresh setup).
struct PortfolioRescue {
  std::size_t arm = 0;
  double setup_seconds = 0.0;
  double solve_seconds = 0.0;
  int iterations = 0;
  bool rebuilt = true;     ///< its setup was built for this instance (else a kept one was applied)
  bool continued = false;  ///< it went on from an abandoned play's iterate: not a whole solve of its arm
};

/// What the runner measured on the instance it solved with the last choice.
struct PortfolioFeedback {
  double setup_seconds = 0.0;  ///< the chosen arm's setup (0 when reused and free)
  double solve_seconds = 0.0;  ///< the chosen arm's solve, converged or not
  int iterations = 0;          ///< the chosen arm's iterations
  /// Set when the chosen arm failed and another arm re-solved the instance: that play is an observation of
  /// the rescuing arm too.
  std::optional<PortfolioRescue> rescue;
  /// > 0 when the runner abandoned the play (PortfolioChoice::patience): the iterations a whole solve was
  /// projected to take; setup_seconds, solve_seconds and iterations are what the attempt ran, and `rescue`
  /// finished the instance.
  int projected_iterations = 0;
};

class PortfolioLearner {
 public:
  /// `arms` >= 1. `size`: the number of instances when known (setups are amortised over what remains).
  PortfolioLearner(std::size_t arms, ContextRange range, PortfolioSettings settings,
                   std::optional<std::size_t> size = std::nullopt);

  /// The arm and whether to rebuild it. usable.size() == arms; an arm that is not usable is rebuilt.
  PortfolioChoice choose(double context, std::span<const bool> usable);
  /// Feedback on the last choice.
  void observe(const PortfolioFeedback& feedback);

  std::size_t arms() const { return arms_.size(); }
  /// Instances observed so far.
  std::size_t instances() const { return t_; }

  nlohmann::json state() const;
  /// Inverse of state(); UsageError when the state was saved by a learner with another shape.
  void restore(const nlohmann::json& state);

 private:
  struct Mean {  ///< exponentially weighted mean: each new value after the old weight is multiplied by `keep`
    double weight = 0.0;
    double sum = 0.0;
    void add(double value, double keep) { weight = keep * weight + 1.0, sum = keep * sum + value; }
    double value() const { return weight > 0.0 ? sum / weight : 0.0; }
  };
  struct Arm {
    Mean setup;                 ///< setup seconds
    Mean price;                 ///< solve seconds per iteration (tau)
    Mean growth;                ///< priced excess per reused solve per instance of age (g)
    std::vector<Mean> k0;       ///< iterations of fresh solves, per bin
    std::vector<Mean> cost;     ///< amortised cost per instance (y), per bin
    std::vector<Mean> cost_sq;  ///< y^2, per bin (the spread of y)
    std::vector<double> plays;  ///< evidence n: plays per bin, forgotten over time
    Mean cost_all;              ///< y over every bin
    Mean cost_all_sq;           ///< y^2 over every bin
    double first_play = 0.0;    ///< setup + solve of its first play
    double first_setup = 0.0;   ///< setup of its first play
    double total = 0.0;         ///< every cost observed of it (setup + solve)
    double count = 0.0;         ///< its plays
    double plays_all = 0.0;
    double excess = 0.0;      ///< priced excess since the last rebuild
    long long built_at = -1;  ///< instance of the last rebuild (-1: never)
    bool censored = false;    ///< its last play was abandoned: its cost is known to be high, not how high
  };

  /// Records one play of arm `index` in the bin of the last choice. `failed`: its solve did not converge
  /// (its iterations say nothing about a fresh setup's); `extra`: seconds that choosing it cost beyond its
  /// own setup and solve (the rescue of a failed play).
  void record_play(std::size_t index, double setup_seconds, double solve_seconds, int iterations,
                   bool rebuilt, bool failed, double extra);
  std::size_t bin_of(double context) const;
  double fresh_iterations(const Arm& arm, std::size_t bin) const;
  double estimate(const Arm& arm, std::size_t bin) const;
  double lower_bound(const Arm& arm, std::size_t bin) const;
  double amortisation_period(const Arm& arm) const;
  double remaining() const;  ///< instances still to come (the horizon when the size is unknown)
  /// What the exploration budget has left; sets `first_play_guess` to the guessed excess of an untried
  /// arm's first play.
  double budget_left(double* first_play_guess) const;
  /// The lowest average cost per instance of a tried arm (inf when none has been tried).
  double typical_cost() const;
  /// The tried arm with that cost (arms() when none has been tried).
  std::size_t cheapest_tried() const;

  ContextRange range_;
  PortfolioSettings settings_;
  std::optional<std::size_t> size_;
  std::vector<Arm> arms_;
  std::size_t t_ = 0;
  double spent_ = 0.0;     ///< every observed cost (setup + solve) so far
  double explored_ = 0.0;  ///< what exploratory plays cost beyond the estimate of the arm they displaced
  // The choice awaiting feedback.
  PortfolioChoice last_{};
  std::size_t last_bin_ = 0;
  bool exploring_ = false;  ///< the last choice was a first play or not the greedy arm
  double baseline_ = 0.0;   ///< then: the cost per instance expected of the arm it displaced
  bool waiting_ = false;
};

}  // namespace adasolve::bandit
