// SPDX-License-Identifier: MIT
#include <cmath>
#include <stdexcept>
#include <string>

#include "logreg/options.hpp"
#include "message.hpp"

namespace logreg {

namespace {
[[noreturn]] void bad(const char* name, const char* rule, double value) {
  detail::Message msg;
  msg << "option " << name << " must be " << rule << ", got " << value;
  throw std::invalid_argument(msg.str());
}
}  // namespace

void validate(const Options& o) {
  if (!(std::isfinite(o.learning_rate) && o.learning_rate > 0))
    bad("learningRate", "a finite number > 0", o.learning_rate);
  if (o.max_iterations < 1 || o.max_iterations > 100000000)
    bad("maxIterations", "an integer from 1 to 100000000", double(o.max_iterations));
  if (!(std::isfinite(o.tolerance) && o.tolerance >= 0))
    bad("tolerance", "a finite number >= 0", o.tolerance);
  if (o.batch_size < 1) bad("batchSize", "an integer >= 1", double(o.batch_size));
  if (!(std::isfinite(o.decay_steps) && o.decay_steps > 0))
    bad("decaySteps", "a finite number > 0", o.decay_steps);
  if (!(std::isfinite(o.l2) && o.l2 >= 0)) bad("l2", "a finite number >= 0", o.l2);
  if (!(std::isfinite(o.l1) && o.l1 >= 0)) bad("l1", "a finite number >= 0", o.l1);
  for (double w : o.class_weight)
    if (!(std::isfinite(w) && w > 0)) bad("classWeight", "finite numbers > 0", w);
  if (o.l1 > 0 && (o.solver == Solver::gd || o.solver == Solver::sgd || o.solver == Solver::newton))
    throw std::invalid_argument("option l1 needs solver 'lbfgs' or 'auto'");
  if (o.history_size < 1 || o.history_size > 1000)
    bad("historySize", "an integer from 1 to 1000", double(o.history_size));
}

const char* solver_name(Solver solver) {
  switch (solver) {
    case Solver::automatic: return "auto";
    case Solver::gd: return "gd";
    case Solver::sgd: return "sgd";
    case Solver::newton: return "newton";
    case Solver::lbfgs: return "lbfgs";
  }
  return "auto";
}

Solver solver_from_name(const std::string& name) {
  for (Solver s : {Solver::automatic, Solver::gd, Solver::sgd, Solver::newton, Solver::lbfgs})
    if (name == solver_name(s)) return s;
  throw std::invalid_argument("option solver must be 'auto', 'gd', 'sgd', 'newton' or 'lbfgs', got '" + name + "'");
}

}  // namespace logreg
