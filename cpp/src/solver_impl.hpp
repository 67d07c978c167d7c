// SPDX-License-Identifier: MIT
// Internal: the factories of the four solvers, one per file.
#pragma once

#include <memory>

#include "logreg/solvers.hpp"

namespace logreg::detail {

std::unique_ptr<IterativeSolver> make_gradient_descent(Objective& f, const Vector& theta, const Options& o);
std::unique_ptr<IterativeSolver> make_sgd(Objective& f, const Vector& theta, const Options& o);
std::unique_ptr<IterativeSolver> make_newton(Objective& f, const Vector& theta, const Options& o);
std::unique_ptr<IterativeSolver> make_lbfgs(Objective& f, const Vector& theta, const Options& o);

}  // namespace logreg::detail
