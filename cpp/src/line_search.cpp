// SPDX-License-Identifier: MIT
#include "line_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace logreg::detail {

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

struct Point {
  double alpha, value, slope;
};

// Minimiser of the cubic through (a, φa, φ'a) and (b, φb, φ'b), Nocedal & Wright eq. (3.59):
//   d₁ = φ'a + φ'b − 3 (φa − φb)/(a − b),   d₂ = sign(b − a) √(d₁² − φ'a φ'b),
//   α = b − (b − a) (φ'b + d₂ − d₁) / (φ'b − φ'a + 2 d₂).
// NaN when the cubic has no local minimiser (d₁² < φ'a φ'b) or the data are not finite.
double cubic_minimizer(const Point& a, const Point& b) {
  const double d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.alpha - b.alpha);
  const double disc = d1 * d1 - a.slope * b.slope;
  if (!(disc >= 0)) return std::numeric_limits<double>::quiet_NaN();
  const double d2 = std::copysign(std::sqrt(disc), b.alpha - a.alpha);
  const double denom = b.slope - a.slope + 2 * d2;
  if (denom == 0) return std::numeric_limits<double>::quiet_NaN();
  return b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / denom;
}

// Zero of the secant of φ' (the minimiser of the quadratic with those two slopes): the
// interpolation that uses no values of φ, for when they are below the noise.
double secant_minimizer(const Point& a, const Point& b) {
  const double ds = b.slope - a.slope;
  if (!(ds != 0)) return std::numeric_limits<double>::quiet_NaN();
  return b.alpha - b.slope * (b.alpha - a.alpha) / ds;
}

class WolfeSearch {
 public:
  WolfeSearch(LineFunction& phi, double value0, double slope0, const WolfeOptions& o)
      : phi_(phi), zero_{0, value0, slope0}, o_(o) {}

  LineSearchResult run(double alpha1) {
    Point prev = zero_;
    double alpha = std::min(alpha1, o_.alpha_max);
    for (;;) {  // Algorithm 3.5: grow α until [prev, cur] brackets a strong Wolfe point
      const Point cur = evaluate(alpha);
      if (!sufficient(cur) || (evaluations_ > 1 && not_lower(cur, prev))) return zoom(prev, cur);
      if (curvature(cur)) return done(cur, LineSearchStatus::strong_wolfe);
      if (cur.slope >= 0) return zoom(cur, prev);
      if (cur.alpha >= o_.alpha_max || evaluations_ >= o_.max_evaluations)
        return done(cur, LineSearchStatus::sufficient_decrease);
      // Still descending steeply: extrapolate into [α + 1.1 Δ, α + 4 Δ], Δ = α − α_prev,
      // at the cubic's minimiser when it lies there (Moré & Thuente's bounds).
      const double delta = cur.alpha - prev.alpha;
      const double lo = cur.alpha + 1.1 * delta, hi = cur.alpha + 4 * delta;
      double next = interpolate(prev, cur);
      if (!std::isfinite(next) || next <= cur.alpha) next = hi;
      alpha = std::min(std::clamp(next, lo, hi), o_.alpha_max);
      prev = cur;
    }
  }

 private:
  Point evaluate(double alpha) {
    ++evaluations_;
    Point p{alpha, 0, 0};
    p.value = phi_.evaluate(alpha, p.slope);
    return p;
  }

  bool below_noise(double change) const { return std::fabs(change) <= o_.noise; }

  // Sufficient decrease: Armijo, or its derivative form below the noise (line_search.hpp).
  bool sufficient(const Point& p) const {
    if (!std::isfinite(p.value) || !std::isfinite(p.slope)) return false;
    if (below_noise(p.alpha * zero_.slope))
      return p.value <= zero_.value + o_.noise &&
             p.slope <= (1 - 2 * o_.c1) * std::fabs(zero_.slope);
    return p.value <= zero_.value + o_.c1 * p.alpha * zero_.slope;
  }

  bool curvature(const Point& p) const {
    return std::fabs(p.slope) <= o_.c2 * std::fabs(zero_.slope);
  }

  // φ(a) ≥ φ(b)? Below the noise, by the trapezoid rule on φ' instead of the values.
  bool not_lower(const Point& a, const Point& b) const {
    const double span = a.alpha - b.alpha;
    if (below_noise(span * std::max(std::fabs(a.slope), std::fabs(b.slope))))
      return 0.5 * span * (a.slope + b.slope) >= 0;
    return a.value >= b.value;
  }

  double interpolate(const Point& a, const Point& b) const {
    const double span = a.alpha - b.alpha;
    if (below_noise(span * std::max(std::fabs(a.slope), std::fabs(b.slope))))
      return secant_minimizer(a, b);
    return cubic_minimizer(a, b);
  }

  // Algorithm 3.6. Invariants: lo satisfies the sufficient decrease and is the lowest such
  // point so far; φ'(lo)(hi − lo) < 0, so a strong Wolfe point lies between them.
  LineSearchResult zoom(Point lo, Point hi) {
    while (evaluations_ < o_.max_evaluations) {
      const double a = std::min(lo.alpha, hi.alpha), b = std::max(lo.alpha, hi.alpha);
      const double width = b - a;
      if (width <= 4 * kEps * b) break;  // the bracket has collapsed to one double
      // The cubic's minimiser, kept 10% of the width away from both ends so the bracket
      // shrinks by at least that much; the midpoint when the cubic has none.
      double next = interpolate(lo, hi);
      next = std::isfinite(next) ? std::clamp(next, a + 0.1 * width, b - 0.1 * width)
                                 : a + 0.5 * width;
      const Point j = evaluate(next);
      if (!sufficient(j) || not_lower(j, lo)) {
        hi = j;
      } else {
        if (curvature(j)) return done(j, LineSearchStatus::strong_wolfe);
        if (j.slope * (hi.alpha - lo.alpha) >= 0) hi = lo;
        lo = j;
      }
    }
    if (lo.alpha > 0) return done(lo, LineSearchStatus::sufficient_decrease);
    return done(zero_, LineSearchStatus::no_progress);
  }

  LineSearchResult done(const Point& p, LineSearchStatus status) const {
    LineSearchResult r;
    r.alpha = p.alpha;
    r.value = p.value;
    r.slope = p.slope;
    r.evaluations = evaluations_;
    r.status = status;
    r.below_noise = status != LineSearchStatus::no_progress && below_noise(p.alpha * zero_.slope);
    return r;
  }

  LineFunction& phi_;
  const Point zero_;
  const WolfeOptions& o_;
  std::size_t evaluations_ = 0;
};

}  // namespace

LineSearchResult strong_wolfe_search(LineFunction& phi, double value0, double slope0, double alpha1,
                                     const WolfeOptions& options) {
  if (!(slope0 < 0) || !(alpha1 > 0)) {  // not a descent direction: nothing to search
    LineSearchResult r;
    r.value = value0;
    r.slope = slope0;
    return r;
  }
  return WolfeSearch(phi, value0, slope0, options).run(alpha1);
}

BacktrackResult backtracking_search(TrialFunction& trial, double value0, double t0,
                                    const BacktrackOptions& o) {
  BacktrackResult r;
  std::size_t noise_trials = 0;
  double t = t0;
  while (r.trials < o.max_trials) {
    const Trial tr = trial.evaluate(t);
    ++r.trials;
    if (!tr.moved) break;  // the step no longer changes θ
    if (std::isfinite(tr.value) && std::isfinite(tr.end_slope)) {
      if (std::fabs(tr.predicted) <= o.noise) {
        // F cannot resolve this step: accept on the derivative form of Armijo, letting the
        // computed F rise by no more than its noise.
        if (tr.value <= value0 + o.noise &&
            tr.end_slope <= (1 - 2 * o.c1) * std::fabs(tr.predicted)) {
          r.t = t;
          r.value = tr.value;
          r.accepted = true;
          r.below_noise = true;
          return r;
        }
        if (++noise_trials >= o.max_noise_trials) break;  // flat at machine precision
      } else {
        if (!(tr.predicted < 0)) break;  // not a descent direction: shrinking cannot help
        if (tr.value <= value0 + o.c1 * tr.predicted) {
          r.t = t;
          r.value = tr.value;
          r.accepted = true;
          return r;
        }
      }
    }
    t *= o.shrink;
  }
  r.value = value0;
  return r;
}

double noise_level(double value) { return 1e3 * kEps * std::fabs(value); }

}  // namespace logreg::detail
