// SPDX-License-Identifier: MIT
// The objectives: values against direct formulas, gradients and Hessians against finite
// differences, penalties, weights, minibatches, the Lipschitz bound, the L1 pseudo-gradient.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <vector>

#include "logreg/math.hpp"
#include "logreg/objective.hpp"

using namespace logreg;

namespace {
// Deterministic pseudo-random data (a fixed LCG: identical on every platform).
struct Data {
  std::size_t n, d;
  std::vector<double> X, y, s;
  Data(std::size_t n_, std::size_t d_, std::size_t k) : n(n_), d(d_), X(n_ * d_), y(n_), s(n_) {
    std::uint64_t state = 12345;
    auto next = [&] {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      return double(state >> 11) / double(1ull << 53);
    };
    for (double& v : X) v = 4 * next() - 2;
    for (std::size_t i = 0; i < n; ++i) {
      y[i] = double(std::size_t(next() * double(k)) % k);
      s[i] = 0.5 + next();
    }
  }
  MatrixView view() const { return MatrixView(X.data(), n, d); }
};

Vector some_theta(std::size_t m, double scale = 0.3) {
  Vector t(Vector::shape_type{m});
  for (std::size_t j = 0; j < m; ++j) t(j) = scale * std::sin(1.7 * double(j) + 0.4);
  return t;
}

// Central differences of f and of ∇f.
void check_derivatives(Objective& f, const Vector& theta, double grad_tol, double hess_tol) {
  const std::size_t m = f.dim();
  Vector g, gp, gm;
  f.value_gradient(theta, g);
  DenseMatrix H;
  f.hessian(theta, H);
  REQUIRE(H.shape()[0] == m);
  const double h = 1e-5;
  for (std::size_t j = 0; j < m; ++j) {
    Vector tp = theta, tm = theta;
    tp(j) += h;
    tm(j) -= h;
    const double fd = (f.value_gradient(tp, gp) - f.value_gradient(tm, gm)) / (2 * h);
    CHECK(g(j) == Approx(fd).margin(grad_tol));
    for (std::size_t l = 0; l < m; ++l) {
      CHECK(H(j, l) == Approx((gp(l) - gm(l)) / (2 * h)).margin(hess_tol));
      CHECK(H(j, l) == H(l, j));
    }
  }
}
}  // namespace

TEST_CASE("LogLoss: value is the weighted mean log-loss plus the L2 term", "[objective]") {
  Data data(37, 3, 2);
  const Penalty pen{0.25, 0};
  LogLoss f(data.view(), data.y.data(), true, Kernel::scalar, data.s.data(), pen);
  const Vector t = some_theta(4);
  Vector g;
  double expected = 0;
  for (std::size_t i = 0; i < data.n; ++i) {
    double z = t(3);
    for (std::size_t j = 0; j < 3; ++j) z += t(j) * data.X[i * 3 + j];
    expected += data.s[i] * log_loss(z, data.y[i]);
  }
  expected = expected / double(data.n) + 0.125 * (t(0) * t(0) + t(1) * t(1) + t(2) * t(2));
  CHECK(f.value_gradient(t, g) == Approx(expected).epsilon(1e-14));
  CHECK_FALSE(f.penalized(3));  // the intercept
}

TEST_CASE("LogLoss: gradient and Hessian match finite differences", "[objective]") {
  Data data(50, 4, 2);
  for (bool intercept : {true, false}) {
    LogLoss f(data.view(), data.y.data(), intercept, Kernel::scalar, data.s.data(), Penalty{0.1, 0});
    check_derivatives(f, some_theta(f.dim()), 1e-8, 1e-7);
  }
}

TEST_CASE("LogLoss: a minibatch of all rows equals the full objective", "[objective]") {
  Data data(23, 3, 2);
  LogLoss f(data.view(), data.y.data(), true, Kernel::scalar, data.s.data(), Penalty{0.05, 0});
  std::vector<std::size_t> rows(data.n);
  std::iota(rows.rbegin(), rows.rend(), std::size_t{0});  // reversed order: same sums
  const Vector t = some_theta(4);
  Vector g_full, g_batch;
  CHECK(f.batch_value_gradient(t, rows.data(), rows.size(), g_batch) ==
        Approx(f.value_gradient(t, g_full)).epsilon(1e-14));
  for (std::size_t j = 0; j < 4; ++j) CHECK(g_batch(j) == Approx(g_full(j)).epsilon(1e-12));
  // A single row: its own loss.
  const std::size_t one = 5;
  f.batch_value_gradient(t, &one, 1, g_batch);
  const double z = t(0) * data.X[15] + t(1) * data.X[16] + t(2) * data.X[17] + t(3);
  CHECK(g_batch(3) == Approx(data.s[5] * (sigmoid(z) - data.y[5])).epsilon(1e-14));
}

TEST_CASE("Lipschitz bound: no curvature of the loss exceeds it, and it is tight-ish", "[objective]") {
  Data data(60, 3, 2);
  LogLoss f(data.view(), data.y.data(), true, Kernel::scalar);
  const double L = f.lipschitz_bound();
  // At θ = 0 every σ' = 1/4, so the Hessian is exactly [X 1]ᵀ[X 1]/(4n): its λ_max equals L.
  DenseMatrix H;
  f.hessian(xt::zeros<double>({4}), H);
  Vector v = xt::ones<double>({4});
  double lambda = 0;
  for (int it = 0; it < 500; ++it) {
    Vector u = xt::zeros<double>({4});
    for (std::size_t j = 0; j < 4; ++j)
      for (std::size_t k = 0; k < 4; ++k) u(j) += H(j, k) * v(k);
    lambda = std::sqrt(xt::sum(u * u)());
    v = u / lambda;
  }
  CHECK(L >= lambda);
  CHECK(L == Approx(lambda).epsilon(1e-5));
}

TEST_CASE("SoftmaxLoss: gradient and Hessian match finite differences", "[objective]") {
  Data data(40, 3, 4);
  for (bool pin : {true, false})
    for (bool intercept : {true, false}) {
      SoftmaxLoss f(data.view(), data.y.data(), 4, intercept, pin, data.s.data(), Penalty{0.2, 0});
      CHECK(f.dim() == (pin ? 3u : 4u) * (intercept ? 4u : 3u));
      check_derivatives(f, some_theta(f.dim()), 1e-8, 1e-7);
    }
}

TEST_CASE("SoftmaxLoss with k = 2 and a pinned class 0 is the binary LogLoss", "[objective]") {
  // P(y = 1) = e^(z₁) / (e^0 + e^(z₁)) = σ(z₁): the same model with w = w₁ − w₀, w₀ = 0.
  Data data(31, 3, 2);
  LogLoss binary(data.view(), data.y.data(), true, Kernel::scalar, data.s.data());
  SoftmaxLoss multi(data.view(), data.y.data(), 2, true, true, data.s.data());
  const Vector t = some_theta(4);
  Vector gb, gm;
  CHECK(multi.value_gradient(t, gm) == Approx(binary.value_gradient(t, gb)).epsilon(1e-14));
  for (std::size_t j = 0; j < 4; ++j) CHECK(gm(j) == Approx(gb(j)).epsilon(1e-13));
  DenseMatrix Hb, Hm;
  binary.hessian(t, Hb);
  multi.hessian(t, Hm);
  for (std::size_t j = 0; j < 4; ++j)
    for (std::size_t l = 0; l < 4; ++l) CHECK(Hm(j, l) == Approx(Hb(j, l)).epsilon(1e-13));
}

TEST_CASE("SoftmaxLoss: stable for huge logits", "[objective]") {
  Data data(20, 2, 3);
  SoftmaxLoss f(data.view(), data.y.data(), 3, true, false);
  Vector g;
  const double v = f.value_gradient(some_theta(f.dim(), 2000.0), g);
  CHECK(std::isfinite(v));
  CHECK(v > 0);
  for (double x : g) CHECK(std::isfinite(x));
}

TEST_CASE("pseudo-gradient: the minimum-norm subgradient of f + λ₁‖w‖₁", "[objective]") {
  Data data(30, 3, 2);
  LogLoss f(data.view(), data.y.data(), true, Kernel::scalar, nullptr, Penalty{0, 0.5});
  Vector theta = {1.0, -1.0, 0.0, 0.3};  // intercept last, never penalized
  Vector g = {0.2, 0.2, 0.2, 0.2}, out;
  f.pseudo_gradient(theta, g, out);
  CHECK(out(0) == Approx(0.7));   // θ > 0: g + λ
  CHECK(out(1) == Approx(-0.3));  // θ < 0: g − λ
  CHECK(out(2) == 0.0);           // θ = 0 and |g| ≤ λ: 0 is a subgradient
  CHECK(out(3) == Approx(0.2));   // intercept: plain gradient
  g = {0.2, 0.2, -0.9, 0.2};
  f.pseudo_gradient(theta, g, out);
  CHECK(out(2) == Approx(-0.4));  // θ = 0, g + λ < 0
  Vector grad;
  CHECK(f.full_value_gradient(theta, grad) ==
        Approx(f.value_gradient(theta, grad) + 0.5 * 2.0).epsilon(1e-14));
}
