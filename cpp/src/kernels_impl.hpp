// SPDX-License-Identifier: MIT
// Internal: the two implementations behind kernels.hpp's dispatch, one per element type.
#pragma once

#include <cstddef>

namespace logreg::detail {

template <class T>
double loss_gradient_scalar(const T* X, std::size_t n, std::size_t d, const double* y,
                            const double* sample_weight, const double* w, double b, double* grad,
                            double* z);
template <class T>
void decision_function_scalar(const T* X, std::size_t n, std::size_t d, const double* w, double b,
                              double* z);

#if LOGREG_SIMD
template <class T>
double loss_gradient_simd(const T* X, std::size_t n, std::size_t d, const double* y,
                          const double* sample_weight, const double* w, double b, double* grad,
                          double* z);
template <class T>
void decision_function_simd(const T* X, std::size_t n, std::size_t d, const double* w, double b,
                            double* z);
#endif

}  // namespace logreg::detail
