// SPDX-License-Identifier: MIT
// Gradient descent and SGD: exact updates, divergence handling, seeded reproducibility.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>
#include <xtensor/xmath.hpp>

#include "logreg/objective.hpp"
#include "logreg/solvers.hpp"

using namespace logreg;

namespace {
// Noisy labels from a logistic model (non-separable), fixed LCG so every platform agrees.
struct Problem {
  std::size_t n = 400, d = 3;
  std::vector<double> X, y;
  Problem() : X(n * d), y(n) {
    std::uint64_t state = 777;
    auto u = [&] {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      return double(state >> 11) / double(1ull << 53);
    };
    for (std::size_t i = 0; i < n; ++i) {
      double z = 0.3;
      for (std::size_t j = 0; j < d; ++j) {
        X[i * d + j] = 2 * u() - 1;
        z += (j + 1.0) * X[i * d + j];
      }
      y[i] = u() < 1 / (1 + std::exp(-z)) ? 1.0 : 0.0;
    }
  }
  MatrixView view() const { return MatrixView(X.data(), n, d); }
};

Vector optimum(Objective& f) {  // long, safe GD as the reference
  Options o;
  o.learning_rate = 1 / f.lipschitz_bound();
  o.max_iterations = 1000000;
  o.tolerance = 1e-12;
  Vector theta = xt::zeros<double>({f.dim()});
  REQUIRE(gradient_descent(f, theta, o).converged);
  return theta;
}
}  // namespace

TEST_CASE("gd: a step above 2/L is caught as divergence and the best θ is kept", "[gd]") {
  Problem p;
  LogLoss f(p.view(), p.y.data(), true);
  Options o;
  o.learning_rate = 50 / f.lipschitz_bound();
  o.max_iterations = 1000;
  o.tolerance = 1e-10;
  Vector theta = xt::zeros<double>({4});
  std::vector<double> losses;
  const SolverReport r = gradient_descent(f, theta, o, [&](const IterationInfo& info) {
    losses.push_back(info.loss);
    return true;
  });
  CHECK(r.diverged);
  CHECK_FALSE(r.converged);
  CHECK(r.iterations < 1000);
  Vector g;
  CHECK(f.value_gradient(theta, g) == r.loss);  // θ is the one reported
  for (double l : losses) CHECK(r.loss <= l);   // and the best seen
  CHECK(r.loss <= std::log(2.0) + 1e-12);       // never worse than the start (θ = 0)
}

TEST_CASE("gd: a safe step never raises the loss and the callback can stop it", "[gd]") {
  Problem p;
  LogLoss f(p.view(), p.y.data(), true);
  Options o;
  o.learning_rate = 1 / f.lipschitz_bound();
  o.max_iterations = 500;
  o.tolerance = 0;
  Vector theta = xt::zeros<double>({4});
  double previous = INFINITY;
  std::size_t calls = 0;
  const SolverReport r = gradient_descent(f, theta, o, [&](const IterationInfo& info) {
    CHECK(info.iteration == ++calls);
    CHECK(info.loss <= previous);
    CHECK(info.step_size == o.learning_rate);
    previous = info.loss;
    return info.iteration < 7;
  });
  CHECK(r.stopped);
  CHECK(r.iterations == 7);
  CHECK_FALSE(r.diverged);
}

TEST_CASE("sgd: the same seed gives bit-identical results, another seed does not", "[sgd]") {
  Problem p;
  LogLoss f(p.view(), p.y.data(), true);
  Options o;
  o.solver = Solver::sgd;
  o.learning_rate = 0.5;
  o.batch_size = 16;
  o.max_iterations = 5;
  o.tolerance = 0;
  o.seed = 42;
  Vector a = xt::zeros<double>({4}), b = a, c = a;
  const SolverReport ra = sgd(f, a, o);
  sgd(f, b, o);
  o.seed = 43;
  sgd(f, c, o);
  CHECK(ra.iterations == 5);
  for (std::size_t j = 0; j < 4; ++j) CHECK(a(j) == b(j));  // bit for bit
  CHECK(xt::amax(xt::abs(a - c))() > 1e-6);
}

TEST_CASE("sgd with one batch of all rows is gradient descent", "[sgd]") {
  Problem p;
  LogLoss f(p.view(), p.y.data(), true);
  Options o;
  o.learning_rate = 0.8;
  o.max_iterations = 20;
  o.tolerance = 0;
  o.batch_size = 100000;  // capped at n
  Vector a = xt::zeros<double>({4}), b = a;
  sgd(f, a, o);
  gradient_descent(f, b, o);
  for (std::size_t j = 0; j < 4; ++j) CHECK(a(j) == Approx(b(j)).epsilon(1e-12));
}

TEST_CASE("sgd with inverse decay approaches the optimum, and divergence is caught", "[sgd]") {
  Problem p;
  LogLoss f(p.view(), p.y.data(), true, default_kernel(), nullptr, Penalty{0.01, 0});
  const Vector best = optimum(f);
  Options o;
  o.learning_rate = 0.5;
  o.batch_size = 10;
  o.schedule = Schedule::inverse;
  o.decay_steps = 200;
  o.max_iterations = 300;
  o.tolerance = 1e-4;
  Vector theta = xt::zeros<double>({4});
  const SolverReport r = sgd(f, theta, o);
  CHECK_FALSE(r.diverged);
  CHECK(xt::amax(xt::abs(theta - best))() < 2e-2);
  Vector g;
  CHECK(r.loss - f.value_gradient(best, g) < 1e-4);

  o.learning_rate = 1e4;
  o.schedule = Schedule::constant;
  theta = xt::zeros<double>({4});
  const SolverReport bad = sgd(f, theta, o);
  CHECK(bad.diverged);
  CHECK(bad.loss <= std::log(2.0) + 1e-12);  // the best θ: no worse than θ = 0
}

TEST_CASE("SoftmaxLoss trains with gd to the stationary point", "[gd]") {
  Problem p;
  std::vector<double> y3(p.n);
  for (std::size_t i = 0; i < p.n; ++i) y3[i] = double((i * 7 + std::size_t(p.y[i]) * 2) % 3);
  SoftmaxLoss f(p.view(), y3.data(), 3, true, true);
  Options o;
  o.learning_rate = 1 / f.lipschitz_bound();
  o.max_iterations = 200000;
  o.tolerance = 1e-9;
  Vector theta = xt::zeros<double>({f.dim()});
  const SolverReport r = gradient_descent(f, theta, o);
  CHECK(r.converged);
  CHECK(r.gradient_norm <= 1e-9);
}
