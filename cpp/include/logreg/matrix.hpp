// SPDX-License-Identifier: MIT
// Row-major feature matrices in float32 or float64; the caller's dtype is kept
// (no conversion copy) and every reduction over it accumulates in double.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace logreg {

enum class DType : std::uint8_t { f32, f64 };

/// @brief A non-owning view of an n × d row-major matrix of float or double.
struct MatrixView {
  const void* data = nullptr;
  DType dtype = DType::f64;
  std::size_t rows = 0;
  std::size_t cols = 0;

  MatrixView() = default;
  MatrixView(const float* p, std::size_t n, std::size_t d) : data(p), dtype(DType::f32), rows(n), cols(d) {}
  MatrixView(const double* p, std::size_t n, std::size_t d) : data(p), dtype(DType::f64), rows(n), cols(d) {}

  const float* f32() const { return static_cast<const float*>(data); }
  const double* f64() const { return static_cast<const double*>(data); }
  /// @brief Element (i, j) widened to double (slow path: validation, tests).
  double at(std::size_t i, std::size_t j) const {
    return dtype == DType::f32 ? double(f32()[i * cols + j]) : f64()[i * cols + j];
  }
};

/// @brief An owning row-major matrix; holds exactly one of the two buffers.
class Matrix {
 public:
  Matrix() = default;
  Matrix(DType dtype, std::size_t rows, std::size_t cols);

  DType dtype() const { return dtype_; }
  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  std::size_t size() const { return rows_ * cols_; }
  /// @brief Writable storage; its element type is dtype()'s.
  void* data() { return dtype_ == DType::f32 ? static_cast<void*>(f32_.data()) : static_cast<void*>(f64_.data()); }
  MatrixView view() const;

 private:
  DType dtype_ = DType::f64;
  std::size_t rows_ = 0, cols_ = 0;
  std::vector<float> f32_;
  std::vector<double> f64_;
};

}  // namespace logreg
