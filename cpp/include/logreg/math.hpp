// SPDX-License-Identifier: MIT
// Scalar building blocks of the logistic model, in their overflow-free forms.
#pragma once

#include <cmath>

namespace logreg {

/// @brief σ(z) = 1 / (1 + e^(−z)), finite and in [0, 1] for every finite z.
/// For z ≥ 0 the exponent e^(−z) ≤ 1 cannot overflow; for z < 0 we use the
/// equivalent σ(z) = e^z / (1 + e^z), where again e^z ≤ 1.
inline double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

/// @brief softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^(−|z|)).
/// Never takes the log of 0 and never overflows (|z| = 1000 gives 1000 or ~0).
inline double softplus(double z) {
  return (z > 0 ? z : 0.0) + std::log1p(std::exp(-std::fabs(z)));
}

/// @brief One row's cross-entropy −[y log σ(z) + (1 − y) log(1 − σ(z))] = log(1 + e^z) − y·z.
/// Written as log1p(e^(−|z|)) + (1 − y)·max(z, 0) + y·max(−z, 0), which is the same
/// quantity (max(z, 0) − y·z split by sign) but never subtracts two large equal numbers:
/// for z = 40, y = 1 it returns e^(−40) where softplus(z) − y·z would round to 0.
inline double log_loss(double z, double y) {
  const double l = std::log1p(std::exp(-std::fabs(z)));
  return z > 0 ? l + (1 - y) * z : l - y * z;
}

}  // namespace logreg
