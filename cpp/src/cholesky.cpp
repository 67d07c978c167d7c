// SPDX-License-Identifier: MIT
#include "cholesky.hpp"

#include <cmath>

namespace logreg::detail {

// Row-oriented (Cholesky–Banachiewicz): row k of L from the rows above it; every inner
// product runs along contiguous rows of the row-major L.
bool cholesky_factor(const DenseMatrix& A, double shift, double rel_pivot, DenseMatrix& L) {
  const std::size_t m = A.shape(0);
  if (L.shape(0) != m || L.shape(1) != m) L.resize({m, m});
  const double* a = A.data();
  double* l = L.data();
  for (std::size_t k = 0; k < m; ++k) {
    double* lk = l + k * m;
    for (std::size_t j = 0; j < k; ++j) {
      const double* lj = l + j * m;
      double acc = a[k * m + j];
      for (std::size_t i = 0; i < j; ++i) acc -= lk[i] * lj[i];
      lk[j] = acc / lj[j];
    }
    const double diag = a[k * m + k] + shift;
    double pivot = diag;
    for (std::size_t i = 0; i < k; ++i) pivot -= lk[i] * lk[i];
    // `!(… > …)` also rejects NaN.
    if (!(pivot > rel_pivot * diag) || !(pivot > 0)) return false;
    lk[k] = std::sqrt(pivot);
  }
  return true;
}

void cholesky_solve(const DenseMatrix& L, Vector& x) {
  const std::size_t m = L.shape(0);
  const double* l = L.data();
  double* v = x.data();
  for (std::size_t k = 0; k < m; ++k) {  // L z = b
    double acc = v[k];
    for (std::size_t i = 0; i < k; ++i) acc -= l[k * m + i] * v[i];
    v[k] = acc / l[k * m + k];
  }
  for (std::size_t k = m; k-- > 0;) {  // Lᵀ x = z
    double acc = v[k];
    for (std::size_t i = k + 1; i < m; ++i) acc -= l[i * m + k] * v[i];
    v[k] = acc / l[k * m + k];
  }
}

}  // namespace logreg::detail
