// SPDX-License-Identifier: MIT
#include "logreg/matrix.hpp"

namespace logreg {

Matrix::Matrix(DType dtype, std::size_t rows, std::size_t cols)
    : dtype_(dtype), rows_(rows), cols_(cols) {
  if (dtype == DType::f32)
    f32_.resize(rows * cols);
  else
    f64_.resize(rows * cols);
}

MatrixView Matrix::view() const {
  return dtype_ == DType::f32 ? MatrixView(f32_.data(), rows_, cols_)
                              : MatrixView(f64_.data(), rows_, cols_);
}

}  // namespace logreg
