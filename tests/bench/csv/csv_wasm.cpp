// SPDX-License-Identifier: MIT
// Prototype for the CSV parser measurement in tests/bench/csv-parsers.mjs (not used by the page):
// an RFC 4180 tokenizer with the same rules and errors as web/demo/csv.js (delimiter given; BOM;
// CRLF, LF or CR; empty lines skipped; "" inside quotes; line and column of the first problem),
// which parses every cell as a number with fast_float as it goes. Plain C exports, no Embind, no
// JS glue: the benchmark instantiates the .wasm itself.
//
// Output, for the benchmark to turn into columns: per cell a double (NaN when the cell is not a
// finite number) and its [start, end) byte span in the input (inside the quotes for a quoted
// field, whose "" pairs the reader still has to undouble: bit 31 of `end` flags them), and the
// line of each record.
#include <fast_float/fast_float.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <system_error>
#include <vector>

#define EXPORT extern "C" __attribute__((used, visibility("default")))

namespace {

enum Error : uint32_t { ok = 0, unterminated = 1, after_quote = 2, quote_inside = 3, ragged = 4 };

struct Result {
  std::vector<double> values;
  std::vector<uint32_t> spans;
  std::vector<uint32_t> lines;
  uint32_t rows = 0, cols = 0;
  uint32_t error = ok, error_line = 0, error_offset = 0, error_line_start = 0, error_fields = 0;
};
Result result;

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

// The cell as a finite number (spaces and tabs around it allowed, a leading '+' too), else NaN.
double number(const uint8_t* first, const uint8_t* last) {
  while (first < last && (*first == ' ' || *first == '\t')) ++first;
  while (last > first && (last[-1] == ' ' || last[-1] == '\t')) --last;
  if (first < last && *first == '+') ++first;
  if (first == last) return not_a_number;
  double value = 0;
  const auto r = fast_float::from_chars(reinterpret_cast<const char*>(first), reinterpret_cast<const char*>(last), value);
  return r.ec == std::errc() && r.ptr == reinterpret_cast<const char*>(last) && std::isfinite(value) ? value : not_a_number;
}

}  // namespace

EXPORT uint8_t* csv_alloc(uint32_t n) { return static_cast<uint8_t*>(std::malloc(n)); }
EXPORT void csv_free(uint8_t* p) { std::free(p); }

/** Tokenizes s[0, n); returns 0, or an error code (then csv_error_* say where). */
EXPORT uint32_t csv_parse(const uint8_t* s, uint32_t n, uint8_t delim) {
  Result& r = result;
  r = Result{};
  r.values.reserve(n / 8);
  r.spans.reserve(n / 4);
  uint32_t i = n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? 3 : 0;
  uint32_t line = 1, line_start = i;
  auto fail = [&](Error e, uint32_t at_line, uint32_t offset, uint32_t start) {
    r.error = e, r.error_line = at_line, r.error_offset = offset, r.error_line_start = start;
    return e;
  };
  while (i < n) {
    if (s[i] == '\n' || s[i] == '\r') {  // an empty line
      i += s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
      ++line, line_start = i;
      continue;
    }
    const uint32_t record_line = line;
    uint32_t fields = 0;
    for (;;) {
      if (s[i] == '"') {
        const uint32_t open_line = line, open_offset = i, open_start = line_start;
        const uint32_t start = ++i;
        uint32_t escaped = 0;
        for (;;) {
          while (i < n && s[i] != '"') {
            if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n'))) ++line, line_start = i + 1;
            ++i;
          }
          if (i >= n) return fail(unterminated, open_line, open_offset, open_start);
          if (i + 1 < n && s[i + 1] == '"') { i += 2; escaped = 1u << 31; continue; }
          break;
        }
        const uint32_t end = i++;
        r.values.push_back(escaped ? not_a_number : number(s + start, s + end));
        r.spans.push_back(start);
        r.spans.push_back(end | escaped);
        ++fields;
        const uint8_t c = i < n ? s[i] : '\n';
        if (c == delim) { ++i; continue; }
        if (c == '\n' || c == '\r') break;
        return fail(after_quote, line, i, line_start);
      }
      const uint32_t start = i;
      while (i < n && s[i] != delim && s[i] != '\n' && s[i] != '\r') {
        if (s[i] == '"') return fail(quote_inside, line, i, line_start);
        ++i;
      }
      r.values.push_back(number(s + start, s + i));
      r.spans.push_back(start);
      r.spans.push_back(i);
      ++fields;
      if (i < n && s[i] == delim) { ++i; continue; }
      break;
    }
    if (i < n) {
      i += s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
      ++line, line_start = i;
    }
    if (r.rows == 0) r.cols = fields;
    if (fields != r.cols) {
      r.error_fields = fields;
      return fail(ragged, record_line, 0, 0);
    }
    r.lines.push_back(record_line);
    ++r.rows;
  }
  return ok;
}

EXPORT uint32_t csv_rows() { return result.rows; }
EXPORT uint32_t csv_cols() { return result.cols; }
EXPORT const double* csv_values() { return result.values.data(); }
EXPORT const uint32_t* csv_spans() { return result.spans.data(); }
EXPORT const uint32_t* csv_lines() { return result.lines.data(); }
EXPORT uint32_t csv_error_line() { return result.error_line; }
EXPORT uint32_t csv_error_offset() { return result.error_offset; }
EXPORT uint32_t csv_error_line_start() { return result.error_line_start; }
EXPORT uint32_t csv_error_fields() { return result.error_fields; }
