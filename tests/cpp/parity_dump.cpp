// SPDX-License-Identifier: MIT
// Prints, as JSON, native fits of the cases tests/js/native-parity.test.js repeats through the
// wasm package: the same code compiled twice must give the same numbers (1e-12).
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "datasets.hpp"
#include "logreg/model.hpp"

using namespace logreg;

namespace {
struct Case {
  std::string name;
  Options options;
  bool iris = true;  // else breast cancer, all 30 features
  std::string positive;  // binary target, or "" for the species index
  bool weights = false;  // sample weights 1 + (i mod 3)
};

void print(const char* name, const LogisticModel& m, const FitReport& r, bool last) {
  std::printf("  \"%s\": {\"iterations\": %zu, \"loss\": %.17g, \"coefficients\": [", name, r.iterations, r.loss);
  const Vector w = m.coefficients(), b = m.intercepts();
  for (std::size_t j = 0; j < w.size(); ++j) std::printf("%s%.17g", j ? ", " : "", w(j));
  std::printf("], \"intercepts\": [");
  for (std::size_t j = 0; j < b.size(); ++j) std::printf("%s%.17g", j ? ", " : "", b(j));
  std::printf("]}%s\n", last ? "" : ",");
}
}  // namespace

int main() {
  const auto iris = logreg_test::read_dataset("iris.csv");
  const auto bc = logreg_test::read_dataset("breast_cancer.csv");
  std::vector<Case> cases;
  auto add = [&](std::string name, bool use_iris, std::string positive, auto configure, bool weights = false) {
    Case c;
    c.name = std::move(name);
    c.iris = use_iris;
    c.positive = std::move(positive);
    c.options.tolerance = 1e-10;
    configure(c.options);
    c.weights = weights;
    cases.push_back(c);
  };
  add("newton_versicolor", true, "versicolor", [](Options& o) { o.solver = Solver::newton; });
  // The softmax pass uses the C library's exp, which differs in the last bit between glibc and
  // Emscripten's libc: the iterates differ, so compare optima reached at the rounding floor.
  add("newton_multinomial_l2", true, "", [](Options& o) { o.solver = Solver::newton; o.l2 = 0.01; o.tolerance = 1e-14; });
  add("auto_breast_cancer_l1", false, "malignant", [](Options& o) { o.solver = Solver::automatic; o.l1 = 0.01; o.standardize = true; });
  add("sgd_virginica", true, "virginica", [](Options& o) { o.solver = Solver::sgd; o.learning_rate = 0.05; o.max_iterations = 30; o.standardize = true; o.seed = 11; });
  add("gd_weighted", true, "versicolor", [](Options& o) { o.solver = Solver::gd; o.learning_rate = 0.5; o.max_iterations = 500; o.standardize = true; }, true);
  std::printf("{\n");
  for (std::size_t c = 0; c < cases.size(); ++c) {
    const Case& k = cases[c];
    const auto& table = k.iris ? iris : bc;
    const std::size_t d = k.iris ? 4 : 30;
    std::vector<double> X, y, w;
    const std::map<std::string, double> species{{"setosa", 0}, {"versicolor", 1}, {"virginica", 2}};
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
      const auto& row = table.rows[i];
      for (std::size_t j = 0; j < d; ++j) X.push_back(std::stod(row[j]));
      y.push_back(k.positive.empty() ? species.at(row[d]) : double(row[d] == k.positive));
      w.push_back(1.0 + double(i % 3));
    }
    LogisticModel m(k.options);
    const FitReport r = m.fit(MatrixView(X.data(), y.size(), d), y, k.weights ? &w : nullptr);
    print(k.name.c_str(), m, r, c + 1 == cases.size());
  }
  std::printf("}\n");
}
