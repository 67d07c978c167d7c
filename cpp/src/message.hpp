// SPDX-License-Identifier: MIT
// Internal: error and warning messages without <sstream> (std::ostringstream pulls libc++'s
// locale machinery into the wasm module: ~42 KB gzip of 150). Numbers are spelled as
// JavaScript spells them where it matters, since JavaScript users read these messages:
// integers exactly ("100000001", not "1e+08"), "NaN", "Infinity", "-Infinity"; other values
// with 6 significant digits ("2.5", "0.1", "1e-07"), as an ostream would.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <type_traits>

namespace logreg::detail {

/// @brief A number for a message (see the file comment).
inline std::string fmt(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buffer[40];
  if (v == std::floor(v) && std::fabs(v) < 1e21) {
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%g", v);  // 6 significant digits, as an ostream
  return buffer;
}

/// @brief `Message() << "row " << i << ": " << value` builds a std::string.
class Message {
 public:
  Message& operator<<(const std::string& s) {
    text_ += s;
    return *this;
  }
  Message& operator<<(const char* s) {
    text_ += s;
    return *this;
  }
  Message& operator<<(char c) {
    text_ += c;
    return *this;
  }
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, char> &&
                                          !std::is_same_v<T, bool>, int> = 0>
  Message& operator<<(T v) {
    text_ += std::to_string(v);
    return *this;
  }
  Message& operator<<(double v) {
    text_ += fmt(v);
    return *this;
  }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

}  // namespace logreg::detail
