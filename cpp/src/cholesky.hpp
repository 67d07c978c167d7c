// SPDX-License-Identifier: MIT
// A small dense Cholesky factorisation for the Newton solver (internal; not installed).
//
// H = L Lᵀ with L lower triangular, for the (d + 1) × (d + 1) Hessians of logreg (d is the
// number of features, small enough that O(d³) per Newton step is cheap next to the O(n d²)
// Hessian pass). "Numerically positive definite" is decided per pivot, relative to the
// column's own diagonal: column k fails when the part of it not explained by the columns
// before it, Hₖₖ − Σⱼ<ₖ Lₖⱼ², is ≤ rel_pivot · Hₖₖ (or not > 0 at all). That catches exact
// singularity (collinear features, a constant-zero column), indefiniteness (non-convex f)
// and near-singularity that would give steps of 1/ε, whatever the scale of H.
#pragma once

#include <cstddef>

#include "logreg/objective.hpp"

namespace logreg::detail {

/// @brief Factors A + shift·I = L Lᵀ into L (resized to A's shape; only the lower triangle
/// is written and read). A is not modified.
/// @param A symmetric m × m (only its lower triangle is read)
/// @param shift added to the diagonal (Levenberg ridge μ ≥ 0)
/// @param rel_pivot the relative pivot threshold described above
/// @return false when some pivot fails the test (L is then partial and must not be used)
bool cholesky_factor(const DenseMatrix& A, double shift, double rel_pivot, DenseMatrix& L);

/// @brief Solves L Lᵀ x = b in place (x holds b on entry), L from cholesky_factor.
void cholesky_solve(const DenseMatrix& L, Vector& x);

}  // namespace logreg::detail
