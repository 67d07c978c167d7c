// SPDX-License-Identifier: MIT
// Test-only reader for the bundled demo datasets (web/demo/data/*.csv, found through the
// LOGREG_DATA_DIR compile definition; absolute paths work under wasm via -sNODERAWFS=1).
//
// Deliberately small: the files are ours and simple (a header row, comma-separated cells,
// no quoting, no embedded commas), so this parser accepts exactly that and throws
// std::runtime_error naming file, line and column for anything else. It is not the
// library's CSV reader and must not be used on user data.
#pragma once

#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <map>
#include <string>
#include <vector>

#include "logreg/matrix.hpp"

namespace logreg_test {

/// @brief A CSV file as strings: the header's column names and the data rows.
struct CsvTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  /// @brief Index of the column called `name`; throws if there is none.
  std::size_t column(const std::string& name) const {
    for (std::size_t j = 0; j < header.size(); ++j)
      if (header[j] == name) return j;
    throw std::runtime_error(path + ": no column named \"" + name + "\"");
  }

  /// @brief The named columns as a row-major n × d matrix of doubles (strtod: the
  /// correctly rounded double of each decimal, as numpy's float() gives).
  std::vector<double> matrix(const std::vector<std::string>& names) const {
    std::vector<std::size_t> idx;
    for (const auto& name : names) idx.push_back(column(name));
    std::vector<double> X;
    X.reserve(rows.size() * idx.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
      for (std::size_t j : idx) X.push_back(number(i, j));
    return X;
  }

  /// @brief 1 where column `name` equals `positive`, else 0.
  std::vector<double> indicator(const std::string& name, const std::string& positive) const {
    const std::size_t j = column(name);
    std::vector<double> y;
    y.reserve(rows.size());
    for (const auto& row : rows) y.push_back(row[j] == positive ? 1.0 : 0.0);
    return y;
  }

 private:
  double number(std::size_t i, std::size_t j) const {
    const std::string& cell = rows[i][j];
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(cell.c_str(), &end);
    if (cell.empty() || end != cell.c_str() + cell.size() || errno == ERANGE || !std::isfinite(v)) {
      std::ostringstream msg;
      msg << path << ": line " << i + 2 << ", column " << j + 1 << " (" << header[j]
          << "): not a finite number: \"" << cell << "\"";
      throw std::runtime_error(msg.str());
    }
    return v;
  }
};

/// @brief Reads a header + rows CSV with a fixed number of cells per line.
inline CsvTable read_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  const auto split = [](const std::string& line) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = line.find(',', start);
      cells.push_back(line.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return cells;
  };
  CsvTable table;
  table.path = path;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line.find('"') != std::string::npos)
      throw std::runtime_error(path + ": line " + std::to_string(line_no) +
                               ": quoted cells are not supported by this test reader");
    auto cells = split(line);
    if (table.header.empty()) {
      table.header = std::move(cells);
      continue;
    }
    if (cells.size() != table.header.size())
      throw std::runtime_error(path + ": line " + std::to_string(line_no) + " has " +
                               std::to_string(cells.size()) + " cells, the header has " +
                               std::to_string(table.header.size()));
    table.rows.push_back(std::move(cells));
  }
  if (table.header.empty()) throw std::runtime_error(path + ": empty file");
  return table;
}

/// @brief read_csv of a file in web/demo/data.
inline CsvTable read_dataset(const std::string& file) {
  return read_csv(std::string(LOGREG_DATA_DIR) + "/" + file);
}

/// @brief A dataset as the model takes it: n × d row-major features and class indices.
struct Data {
  std::size_t n = 0, d = 0;
  std::vector<double> X, y;
  logreg::MatrixView view() const { return logreg::MatrixView(X.data(), n, d); }
};

/// @brief Iris, the 4 measurements; y = species index (setosa 0, versicolor 1, virginica 2),
/// or with `positive` set, 1 for that species and 0 for the rest.
inline Data iris(const std::string& positive = "") {
  const CsvTable csv = read_dataset("iris.csv");
  const std::map<std::string, double> index{{"setosa", 0}, {"versicolor", 1}, {"virginica", 2}};
  Data t;
  t.d = 4;
  for (const auto& row : csv.rows) {
    for (std::size_t j = 0; j < 4; ++j) t.X.push_back(std::stod(row[j]));
    t.y.push_back(positive.empty() ? index.at(row[4]) : double(row[4] == positive));
  }
  t.n = t.y.size();
  return t;
}

/// @brief Breast cancer, all 30 features; y = 1 for malignant.
inline Data breast_cancer() {
  const CsvTable csv = read_dataset("breast_cancer.csv");
  Data t;
  t.d = 30;
  for (const auto& row : csv.rows) {
    for (std::size_t j = 0; j < 30; ++j) t.X.push_back(std::stod(row[j]));
    t.y.push_back(row[30] == "malignant" ? 1.0 : 0.0);
  }
  t.n = t.y.size();
  return t;
}

}  // namespace logreg_test
