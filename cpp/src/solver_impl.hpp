// SPDX-License-Identifier: MIT
// Internal: the factories of the four solvers, one per file, and their shared vector helpers.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "logreg/solvers.hpp"

namespace logreg::detail {

/// ‖v‖∞, NaN if any component is NaN.
inline double inf_norm(const Vector& v) {
  double m = 0;
  for (std::size_t j = 0; j < v.size(); ++j) {
    const double a = std::fabs(v(j));
    if (std::isnan(a)) return a;
    m = std::max(m, a);
  }
  return m;
}

inline double dot(const double* a, const double* b, std::size_t n) {
  double s = 0;
  for (std::size_t j = 0; j < n; ++j) s += a[j] * b[j];
  return s;
}
inline double dot(const Vector& a, const Vector& b) { return dot(a.data(), b.data(), a.size()); }

/// ‖θ⁺ − θ‖∞ ≤ 8 ε ‖θ‖∞: the step moved θ by a few ulps at most (the rounding floor).
inline bool tiny_step(const Vector& theta, const Vector& next) {
  double step = 0, size = 0;
  for (std::size_t j = 0; j < theta.size(); ++j) {
    step = std::max(step, std::fabs(next(j) - theta(j)));
    size = std::max(size, std::fabs(theta(j)));
  }
  return step <= 8 * std::numeric_limits<double>::epsilon() * size;
}

std::unique_ptr<IterativeSolver> make_gradient_descent(Objective& f, const Vector& theta, const Options& o);
std::unique_ptr<IterativeSolver> make_sgd(Objective& f, const Vector& theta, const Options& o);
std::unique_ptr<IterativeSolver> make_newton(Objective& f, const Vector& theta, const Options& o);
std::unique_ptr<IterativeSolver> make_lbfgs(Objective& f, const Vector& theta, const Options& o);

}  // namespace logreg::detail
