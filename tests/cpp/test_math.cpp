// SPDX-License-Identifier: MIT
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "logreg/math.hpp"

using logreg::log_loss;
using logreg::sigmoid;
using logreg::softplus;

TEST_CASE("sigmoid is finite, symmetric and exact at the extremes", "[math]") {
  CHECK(sigmoid(0) == 0.5);
  CHECK(sigmoid(1000) == 1.0);
  CHECK(sigmoid(-1000) == 0.0);
  CHECK(std::isfinite(sigmoid(-1000)));
  CHECK(sigmoid(-745) > 0);  // e^-745 is the smallest subnormal: still resolved
  for (double z : {-30.0, -5.0, -0.1, 0.3, 2.0, 17.0})  // σ(−z) = 1 − σ(z)
    CHECK(sigmoid(-z) + sigmoid(z) == Approx(1.0).epsilon(1e-15));
  for (double z : {-5.0, -0.1, 0.3, 2.0}) {
    // σ'(z) = σ(z)(1 − σ(z)) by central differences
    const double h = 1e-6;
    CHECK((sigmoid(z + h) - sigmoid(z - h)) / (2 * h) ==
          Approx(sigmoid(z) * (1 - sigmoid(z))).epsilon(1e-6).margin(1e-12));
  }
  CHECK(sigmoid(-40) == Approx(std::exp(-40.0)).epsilon(1e-15));
}

TEST_CASE("log-loss never overflows and keeps tiny values", "[math]") {
  // log(1 + e^1000) = 1000 exactly in double; naive evaluation overflows to inf.
  CHECK(softplus(1000) == 1000.0);
  CHECK(softplus(-1000) == 0.0);
  CHECK(log_loss(1000, 1) == 0.0);
  CHECK(log_loss(-1000, 0) == 0.0);
  CHECK(log_loss(1000, 0) == 1000.0);   // confidently wrong: −log(1 − σ(1000)) = 1000
  CHECK(log_loss(-1000, 1) == 1000.0);  // naive −log(σ(−1000)) = −log(0) = inf
  // Where σ(z) rounds to 1, the stable form still gives −log σ(z) ≈ e^−z.
  CHECK(log_loss(40, 1) == Approx(std::exp(-40.0)).epsilon(1e-14));
  CHECK(log_loss(0, 1) == Approx(std::log(2.0)).epsilon(1e-15));
  // Same value as the textbook form where that one is accurate.
  for (double z : {-3.0, -0.5, 0.7, 4.0})
    for (double y : {0.0, 1.0}) {
      const double p = 1 / (1 + std::exp(-z));
      CHECK(log_loss(z, y) == Approx(-(y * std::log(p) + (1 - y) * std::log(1 - p))).epsilon(1e-13));
    }
}
