// SPDX-License-Identifier: MIT
// The one loop every solver runs in, and the factory of solvers by kind.
#include <cmath>
#include <stdexcept>

#include "logreg/solvers.hpp"
#include "solver_impl.hpp"

namespace logreg {

SolverReport run(IterativeSolver& solver, const Options& options, const IterationCallback& callback) {
  SolverReport report;
  auto snapshot = [&] {
    report.iterations = solver.iterations();
    report.loss = solver.loss();
    report.gradient_norm = solver.gradient_norm();
    report.converged = report.gradient_norm <= options.tolerance;
  };
  for (;;) {
    snapshot();
    if (report.converged || !std::isfinite(report.loss) || !std::isfinite(report.gradient_norm) ||
        solver.iterations() >= options.max_iterations)
      break;
    if (!solver.step()) {
      snapshot();
      report.diverged = solver.diverged();
      break;
    }
    if (callback) {
      IterationInfo info;
      info.iteration = solver.iterations();
      info.loss = solver.loss();
      info.gradient_norm = solver.gradient_norm();
      info.step_size = solver.step_size();
      info.theta = &solver.theta();
      if (!callback(info)) {
        snapshot();
        report.converged = false;
        report.stopped = true;
        break;
      }
    }
  }
  return report;
}

std::unique_ptr<IterativeSolver> make_solver(Solver kind, Objective& objective, const Vector& theta,
                                             const Options& options) {
  switch (kind) {
    case Solver::gd: return detail::make_gradient_descent(objective, theta, options);
    case Solver::sgd: return detail::make_sgd(objective, theta, options);
    case Solver::newton: return detail::make_newton(objective, theta, options);
    case Solver::lbfgs: return detail::make_lbfgs(objective, theta, options);
    case Solver::automatic: break;
  }
  throw std::invalid_argument("make_solver: resolve Solver::automatic first");
}

namespace {
SolverReport run_kind(Solver kind, Objective& objective, Vector& theta, const Options& options,
                      const IterationCallback& callback) {
  auto solver = make_solver(kind, objective, theta, options);
  const SolverReport report = run(*solver, options, callback);
  theta = solver->theta();
  return report;
}
}  // namespace

SolverReport gradient_descent(Objective& objective, Vector& theta, const Options& options,
                              const IterationCallback& callback) {
  return run_kind(Solver::gd, objective, theta, options, callback);
}
SolverReport sgd(Objective& objective, Vector& theta, const Options& options,
                 const IterationCallback& callback) {
  return run_kind(Solver::sgd, objective, theta, options, callback);
}
SolverReport newton(Objective& objective, Vector& theta, const Options& options,
                    const IterationCallback& callback) {
  return run_kind(Solver::newton, objective, theta, options, callback);
}
SolverReport lbfgs(Objective& objective, Vector& theta, const Options& options,
                   const IterationCallback& callback) {
  return run_kind(Solver::lbfgs, objective, theta, options, callback);
}

}  // namespace logreg
