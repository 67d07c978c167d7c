// SPDX-License-Identifier: MIT
// Benchmark of the fused gradient pass (kernels.hpp): the SIMD kernel against the scalar
// reference on seeded synthetic data, natively or as wasm under Node:
//   node build/wasm/logreg_bench.js        build/native/logreg_bench
// Prints a Markdown table: median milliseconds per pass over several repetitions (kernels
// alternate, so both see the same machine state), GB/s of X read (bytes of X / time), the
// best repetition too (on a busy machine the median drifts, the minimum much less), the
// SIMD/scalar speed ratio of the medians, and how far the two kernels' losses differ. A pass
// that only reads X gives the memory-bound floor of any kernel at that size (the physical
// limit); "of read floor" is the kernel's speed as a fraction of it (median and best). The
// "natural loop" row calibrates this machine against the one issue #2's figures come from.
// Every kernel runs for a while on a small problem first (see warm_up). Not a pass/fail test;
// ~10 s natively and under Node.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

#include "logreg/kernels.hpp"
#include "logreg/matrix.hpp"

namespace {

using logreg::DType;
using logreg::Kernel;
using logreg::MatrixView;
using Clock = std::chrono::steady_clock;

struct Data {
  std::size_t n, d;
  DType dtype;
  std::vector<float> x32;
  std::vector<double> x64, y, w;
  MatrixView view() const {
    return dtype == DType::f32 ? MatrixView(x32.data(), n, d) : MatrixView(x64.data(), n, d);
  }
};

/// X uniform on (−√3, √3) (unit variance), w scaled so that zᵢ has unit variance,
/// y ∈ {0, 1} with probability σ(zᵢ) (a well-specified model). Seeded: the same every run.
Data make_data(std::size_t n, std::size_t d, DType dtype) {
  std::mt19937 gen(12345);
  const auto uniform = [&gen] { return (gen() >> 8) * (1.0 / 16777216.0); };  // [0, 1)
  Data data{n, d, dtype, {}, {}, {}, {}};
  const double a = std::sqrt(3.0);
  if (dtype == DType::f32)
    data.x32.resize(n * d);
  else
    data.x64.resize(n * d);
  for (std::size_t k = 0; k < n * d; ++k) {
    const double v = a * (2 * uniform() - 1);
    if (dtype == DType::f32)
      data.x32[k] = float(v);
    else
      data.x64[k] = v;
  }
  data.w.resize(d);
  for (auto& wj : data.w) wj = a * (2 * uniform() - 1) / std::sqrt(double(d));
  std::vector<double> z(n);
  logreg::decision_function(Kernel::scalar, data.view(), data.w.data(), 0.1, z.data());
  data.y.resize(n);
  for (std::size_t i = 0; i < n; ++i) data.y[i] = uniform() < 1 / (1 + std::exp(-z[i])) ? 1.0 : 0.0;
  return data;
}

/// The time floor of any pass over X: a loop that only reads it, as fast as this machine
/// allows: 16-byte vector loads, 8 per iteration (128 bytes), combined by bitwise OR into four
/// accumulators (OR has a 1-cycle latency, so no dependency chain limits the loads; a float add
/// has 3–4 cycles, and four float accumulators measured ~20% slower from L2 under V8). GCC/Clang
/// vector extensions: SIMD natively and under -msimd128. Measured for the record (2-core EPYC,
/// Node 20): ~65 GB/s from L2, ~40–50 GB/s from L3 when X is hot there, ~12–16 GB/s from DRAM.
/// Not inlined: V8 swaps in optimized code only when a function is entered again.
__attribute__((noinline)) double read_only_pass(const Data& data) {
  typedef std::int32_t i32x4 __attribute__((vector_size(16)));
  const auto t0 = Clock::now();
  const std::size_t bytes = data.n * data.d * (data.dtype == DType::f32 ? 4 : 8);
  const char* p = data.dtype == DType::f32 ? reinterpret_cast<const char*>(data.x32.data())
                                           : reinterpret_cast<const char*>(data.x64.data());
  const auto at = [](const char* q) {  // unaligned-safe 16-byte load
    i32x4 v;
    __builtin_memcpy(&v, q, 16);
    return v;
  };
  i32x4 a0 = {}, a1 = {}, a2 = {}, a3 = {};
  const char* const end = p + bytes / 128 * 128;
  for (; p != end; p += 128) {
    a0 |= at(p);
    a1 |= at(p + 16);
    a2 |= at(p + 32);
    a3 |= at(p + 48);
    a0 |= at(p + 64);
    a1 |= at(p + 80);
    a2 |= at(p + 96);
    a3 |= at(p + 112);
  }
  const i32x4 a = (a0 | a1) | (a2 | a3);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  volatile std::int32_t sink = a[0] | a[1] | a[2] | a[3];  // keeps the loop
  (void)sink;
  return ms;
}

/// Calibration against the figures: the "natural row-by-row fused loop in scalar C++"
/// issue #2 quotes at ~3.3 GB/s (100k × 32 f32, Node 20) on the machine its prototype ran on.
/// Written the plain way: per row z = b + Σⱼ xᵢⱼwⱼ, r = σ(z) − yᵢ, gⱼ += r xᵢⱼ, in double. Its
/// speed here over 3.3 GB/s is roughly how fast this machine is against that one (it is mostly
/// compute, not memory), so the targets can be scaled by it. Not a kernel of the library.
template <class T>
__attribute__((noinline)) double natural_pass(const T* x, const Data& data, double* g) {
  const auto t0 = Clock::now();
  const std::size_t n = data.n, d = data.d;
  const double* w = data.w.data();
  for (std::size_t j = 0; j <= d; ++j) g[j] = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const T* row = x + i * d;
    double z = 0.1;
    for (std::size_t j = 0; j < d; ++j) z += row[j] * w[j];
    const double r = 1 / (1 + std::exp(-z)) - data.y[i];
    for (std::size_t j = 0; j < d; ++j) g[j] += r * row[j];
    g[d] += r;
  }
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  volatile double sink = g[0];
  (void)sink;
  return ms;
}

double natural_pass(const Data& data, double* g) {
  return data.dtype == DType::f32 ? natural_pass(data.x32.data(), data, g)
                                  : natural_pass(data.x64.data(), data, g);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

struct Result {
  double ms_simd, ms_scalar, ms_read, ms_natural;        // medians
  double best_simd, best_scalar, best_read, best_natural;  // minima: what the code can do on a quiet machine
  double loss_rel_diff;
};

/// V8 first runs wasm code compiled by its baseline compiler (Liftoff) and switches to the
/// optimized (TurboFan) code when a background compile of a hot function has finished. Call
/// every kernel on a small problem for a while first, so the timings below measure the
/// optimized code a long fit would run.
void warm_up() {
  for (DType dtype : {DType::f32, DType::f64}) {
    const Data data = make_data(4096, 32, dtype);
    std::vector<double> grad(data.d + 1);
    const auto t0 = Clock::now();
    while (Clock::now() - t0 < std::chrono::milliseconds(400)) {
      for (Kernel k : {Kernel::simd, Kernel::scalar})
        logreg::loss_gradient(k, data.view(), data.y.data(), nullptr, data.w.data(), 0.1,
                              grad.data());
      read_only_pass(data);
      natural_pass(data, grad.data());
    }
  }
}

/// Each repetition: one scalar pass, then (after an untimed read that brings X back into the
/// caches the slow scalar pass may have lost to other processes) alternately a SIMD pass and a
/// read-only pass, `inner` times each. The SIMD kernel and the read floor thus run under the
/// same conditions, back to back as in a fit, and their ratio is meaningful.
Result run(const Data& data, int reps, int inner) {
  const MatrixView X = data.view();
  std::vector<double> grad(data.d + 1);
  double loss[2] = {0, 0};
  const auto pass = [&](Kernel k) {
    const auto t0 = Clock::now();
    loss[k == Kernel::simd] =
        logreg::loss_gradient(k, X, data.y.data(), nullptr, data.w.data(), 0.1, grad.data());
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  };
  for (int k = 0; k < 2; ++k) {  // warm-up: page faults, caches
    pass(Kernel::simd);
    pass(Kernel::scalar);
  }
  std::vector<double> t_simd, t_scalar, t_read, t_natural;
  for (int r = 0; r < reps; ++r) {  // alternate, so drift affects all alike
    t_scalar.push_back(pass(Kernel::scalar));
    t_natural.push_back(natural_pass(data, grad.data()));
    read_only_pass(data);
    for (int k = 0; k < inner; ++k) {
      t_simd.push_back(pass(Kernel::simd));
      t_read.push_back(read_only_pass(data));
    }
  }
  const auto best = [](const std::vector<double>& t) {
    return *std::min_element(t.begin(), t.end());
  };
  return {median(t_simd),
          median(t_scalar),
          median(t_read),
          median(t_natural),
          best(t_simd),
          best(t_scalar),
          best(t_read),
          best(t_natural),
          std::fabs(loss[1] - loss[0]) / std::fabs(loss[0])};
}

}  // namespace

int main() {
#ifdef __EMSCRIPTEN__
  const char* target = "wasm (simd128)";
#elif defined(LOGREG_BENCH_MARCH_NATIVE)
  const char* target = "native, the kernels compiled with -march=native (this CPU's AVX2/FMA allowed)";
#else
  const char* target = "native";
#endif
  std::printf(
      "## Fused loss + gradient pass, %s, %s\n\n", target,
      logreg::simd_available() ? "SIMD kernel compiled in" : "scalar only (LOGREG_SIMD=OFF)");
  warm_up();
  std::printf(
      "| n × d | dtype | kernel | median ms | GB/s of X | best ms | best GB/s | of read floor "
      "(median, best) | SIMD/scalar | loss rel. diff |\n");
  std::printf("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
  struct Case {
    std::size_t n, d;
    DType dtype;
    int reps, inner;
  };
  // 2k × 30 is cache-resident (and d is not a multiple of the vector width); 100k × 32 f32
  // (12.8 MB) fits the L3 cache when the machine is quiet; 1M × 32 streams X from DRAM.
  const Case cases[] = {{2000, 30, DType::f32, 101, 10},  {2000, 30, DType::f64, 101, 10},
                        {100000, 32, DType::f32, 21, 5},  {100000, 32, DType::f64, 15, 5},
                        {1000000, 32, DType::f32, 5, 3}, {1000000, 32, DType::f64, 4, 3}};
  for (const Case& c : cases) {
    const Data data = make_data(c.n, c.d, c.dtype);
    const Result r = run(data, c.reps, c.inner);
    const double bytes = double(c.n) * c.d * (c.dtype == DType::f32 ? 4 : 8);
    const char* dt = c.dtype == DType::f32 ? "f32" : "f64";
    const auto gbs = [bytes](double ms) { return bytes / ms * 1e-6; };
    std::printf("| %zu × %zu | %s | simd | %.3f | %.1f | %.3f | %.1f | %.0f%%, %.0f%% | %.2f× | %.1e |\n",
                c.n, c.d, dt, r.ms_simd, gbs(r.ms_simd), r.best_simd, gbs(r.best_simd),
                100 * r.ms_read / r.ms_simd, 100 * r.best_read / r.best_simd,
                r.ms_scalar / r.ms_simd, r.loss_rel_diff);
    std::printf("| %zu × %zu | %s | scalar | %.3f | %.1f | %.3f | %.1f | %.0f%%, %.0f%% | | |\n",
                c.n, c.d, dt, r.ms_scalar, gbs(r.ms_scalar), r.best_scalar, gbs(r.best_scalar),
                100 * r.ms_read / r.ms_scalar, 100 * r.best_read / r.best_scalar);
    std::printf("| %zu × %zu | %s | (read X only) | %.3f | %.1f | %.3f | %.1f | | | |\n", c.n,
                c.d, dt, r.ms_read, gbs(r.ms_read), r.best_read, gbs(r.best_read));
    std::printf("| %zu × %zu | %s | (natural loop, calibration) | %.3f | %.1f | %.3f | %.1f | | | |\n",
                c.n, c.d, dt, r.ms_natural, gbs(r.ms_natural), r.best_natural, gbs(r.best_natural));
    std::fflush(stdout);
  }
  return 0;
}
