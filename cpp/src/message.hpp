// SPDX-License-Identifier: MIT
// Internal: error and warning messages without <sstream>. std::ostringstream pulls libc++'s
// locale machinery into the wasm module (~42 KB gzip of 150); this builder formats numbers
// the way an ostream with default settings does (%g, 6 significant digits: "-1", "2.5",
// "1e-06", "nan", "inf") with snprintf.
#pragma once

#include <cstdio>
#include <string>
#include <type_traits>

namespace logreg::detail {

/// @brief A number as an ostream prints it by default (%g).
inline std::string fmt(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
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
