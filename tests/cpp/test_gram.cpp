// SPDX-License-Identifier: MIT
// The weighted Gram kernels (kernels_gram.cpp): the blocked SIMD kernel against the scalar
// reference and against entry-by-entry sums, on shapes that exercise every edge of the
// blocking (rows around the 64-row block and the 2-row vector, columns around the 4-row and
// 2-column tiles), for float and double data.
//
// Tolerance: |G_jk − G'_jk| ≤ 1e-13 · Σᵢ |cᵢ x̃ᵢⱼ x̃ᵢₖ| (the size of the entry's terms, which
// cancellation in the sum cannot defeat; both accumulate in double, only the order differs).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "logreg/kernels.hpp"
#include "logreg/math.hpp"
#include "logreg/matrix.hpp"

namespace {

using logreg::Kernel;
using logreg::MatrixView;

// Uniform in [lo, hi) from std::mt19937 (fully specified by the standard) by exact arithmetic.
struct Uniform {
  explicit Uniform(std::uint32_t seed) : gen(seed) {}
  double operator()(double lo, double hi) { return lo + (hi - lo) * (double(gen()) / 4294967296.0); }
  std::mt19937 gen;
};

// Σᵢ cᵢ x̃ᵢⱼ x̃ᵢₖ and Σᵢ |cᵢ x̃ᵢⱼ x̃ᵢₖ| for one entry, straight from the definition.
template <class T>
void entry(const std::vector<T>& X, std::size_t n, std::size_t d, const std::vector<double>& c,
           std::size_t j, std::size_t k, double& sum, double& size) {
  sum = size = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double xj = j == d ? 1.0 : double(X[i * d + j]);
    const double xk = k == d ? 1.0 : double(X[i * d + k]);
    sum += c[i] * xj * xk;
    size += std::fabs(c[i] * xj * xk);
  }
}

// Checks G (m × m) against the definition: every entry within the tolerance, exactly symmetric.
template <class T>
void check_against_definition(const std::vector<double>& G, const std::vector<T>& X, std::size_t n,
                              std::size_t d, const std::vector<double>& c) {
  const std::size_t m = d + 1;
  for (std::size_t j = 0; j < m; ++j)
    for (std::size_t k = 0; k < m; ++k) {
      double sum, size;
      entry(X, n, d, c, j, k, sum, size);
      INFO("n = " << n << ", d = " << d << ", entry (" << j << ", " << k << ")");
      REQUIRE(std::fabs(G[j * m + k] - sum) <= 1e-13 * size);
      REQUIRE(G[j * m + k] == G[k * m + j]);
    }
}

template <class T>
void compare_kernels(std::uint32_t seed) {
  Uniform u(seed);
  for (std::size_t n : {1, 2, 3, 63, 64, 65, 127, 130, 300})
    for (std::size_t d : {1, 2, 3, 4, 5, 7, 8, 9, 33}) {
      std::vector<T> X(n * d);
      for (auto& v : X) v = T(u(-3, 3));
      std::vector<double> c(n);
      for (std::size_t i = 0; i < n; ++i) c[i] = i % 7 == 3 ? 0.0 : u(0, 2);  // some weights 0
      const MatrixView view(X.data(), n, d);
      const std::size_t m = d + 1;
      std::vector<double> Gs(m * m, -1), Gv(m * m, -1);
      logreg::weighted_gram(Kernel::scalar, view, c.data(), Gs.data());
      logreg::weighted_gram(Kernel::simd, view, c.data(), Gv.data());
      check_against_definition(Gs, X, n, d, c);
      check_against_definition(Gv, X, n, d, c);
    }
}

}  // namespace

TEST_CASE("weighted_gram: simd and scalar kernels equal the definition on awkward shapes", "[gram]") {
  compare_kernels<double>(11);
  compare_kernels<float>(12);
}

TEST_CASE("weighted_gram: the default overload is the default kernel's result", "[gram]") {
  Uniform u(3);
  const std::size_t n = 150, d = 6;
  std::vector<double> X(n * d), c(n);
  for (auto& v : X) v = u(-1, 1);
  for (auto& v : c) v = u(0, 1);
  std::vector<double> a((d + 1) * (d + 1)), b(a.size());
  logreg::weighted_gram(MatrixView(X.data(), n, d), c.data(), a.data());
  logreg::weighted_gram(logreg::default_kernel(), MatrixView(X.data(), n, d), c.data(), b.data());
  REQUIRE(a == b);
}

TEST_CASE("logistic_gram: cᵢ = sᵢσ(zᵢ)(1 − σ(zᵢ)) computed in the same pass", "[gram]") {
  Uniform u(21);
  for (Kernel kernel : {Kernel::scalar, Kernel::simd})
    for (std::size_t n : {1, 5, 64, 65, 200})
      for (std::size_t d : {1, 3, 4, 10}) {
        std::vector<double> X(n * d), w(d), s(n);
        for (auto& v : X) v = u(-2, 2);
        for (auto& v : w) v = u(-40, 40);  // |z| up to ~800: σ' underflows to 0 on some rows
        for (auto& v : s) v = u(0, 3);
        const double b = 0.5;
        std::vector<double> c(n), c1(n);
        for (std::size_t i = 0; i < n; ++i) {
          double z = b;
          for (std::size_t j = 0; j < d; ++j) z += X[i * d + j] * w[j];
          const double p = logreg::sigmoid(z), q = logreg::sigmoid(-z);  // 1 − σ(z) = σ(−z)
          c[i] = s[i] * p * q;
          c1[i] = p * q;
        }
        const std::size_t m = d + 1;
        std::vector<double> G(m * m), G1(m * m);
        logreg::logistic_gram(kernel, MatrixView(X.data(), n, d), w.data(), b, s.data(), G.data());
        logreg::logistic_gram(kernel, MatrixView(X.data(), n, d), w.data(), b, nullptr, G1.data());
        for (double v : G) REQUIRE(std::isfinite(v));
        // σ(1 − σ) evaluated two ways agrees to a few ulps; the tolerance covers that.
        for (std::size_t j = 0; j < m; ++j)
          for (std::size_t k = 0; k < m; ++k) {
            double sum, size;
            entry(X, n, d, c, j, k, sum, size);
            REQUIRE(std::fabs(G[j * m + k] - sum) <= 1e-12 * size + 1e-300);
            entry(X, n, d, c1, j, k, sum, size);
            REQUIRE(std::fabs(G1[j * m + k] - sum) <= 1e-12 * size + 1e-300);
          }
      }
}

TEST_CASE("logistic_gram on float data widens every value exactly", "[gram]") {
  Uniform u(5);
  const std::size_t n = 97, d = 5;
  std::vector<float> Xf(n * d);
  for (auto& v : Xf) v = float(u(-2, 2));
  std::vector<double> Xd(Xf.begin(), Xf.end()), w{0.3, -0.2, 0.1, 0.0, 1.0};
  for (Kernel kernel : {Kernel::scalar, Kernel::simd}) {
    std::vector<double> Gf(36), Gd(36);
    logreg::logistic_gram(kernel, MatrixView(Xf.data(), n, d), w.data(), -0.1, nullptr, Gf.data());
    logreg::logistic_gram(kernel, MatrixView(Xd.data(), n, d), w.data(), -0.1, nullptr, Gd.data());
    for (std::size_t e = 0; e < Gf.size(); ++e) REQUIRE(Gf[e] == Approx(Gd[e]).epsilon(1e-12).margin(1e-14));
  }
}
