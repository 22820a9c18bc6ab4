#include "engine/two_sample.hpp"

#include "engine/distributions.hpp"
#include "engine/rng.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace thaw::two_sample {

namespace {

struct Pooled {
  std::vector<double> value;    // sorted
  std::vector<uint8_t> from_a;  // 1 where the value came from the first sample
};

Pooled pool(std::span<const double> a, std::span<const double> b) {
  std::vector<std::pair<double, uint8_t>> all;
  all.reserve(a.size() + b.size());
  for (double x : a) all.emplace_back(x, 1);
  for (double x : b) all.emplace_back(x, 0);
  std::sort(all.begin(), all.end());
  Pooled p;
  for (const auto& [v, f] : all) {
    p.value.push_back(v);
    p.from_a.push_back(f);
  }
  return p;
}

// Twice the mid-rank of every pooled value: integers, so that sums compare exactly.
std::vector<int64_t> doubled_midranks(const std::vector<double>& sorted) {
  std::vector<int64_t> r(sorted.size());
  size_t i = 0;
  while (i < sorted.size()) {
    size_t j = i;
    while (j + 1 < sorted.size() && sorted[j + 1] == sorted[i]) ++j;
    // ranks i+1 .. j+1 share their mean (i + j + 2) / 2; doubled: i + j + 2
    for (size_t k = i; k <= j; ++k) r[k] = static_cast<int64_t>(i + j + 2);
    i = j + 1;
  }
  return r;
}

double normal_upper_tail(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

}  // namespace

Summary summarise(std::span<const double> x) {
  Summary s;
  s.n = x.size();
  if (x.empty()) return s;
  double sum = 0;
  for (double v : x) sum += v;
  s.mean = sum / static_cast<double>(x.size());
  if (x.size() > 1) {
    double ss = 0;
    for (double v : x) ss += (v - s.mean) * (v - s.mean);
    s.sd = std::sqrt(ss / static_cast<double>(x.size() - 1));
  }
  return s;
}

MannWhitney mann_whitney(std::span<const double> a, std::span<const double> b) {
  MannWhitney out;
  const size_t m = a.size(), n = b.size(), total = m + n;
  if (m == 0 || n == 0) return out;
  const Pooled p = pool(a, b);
  const std::vector<int64_t> r2 = doubled_midranks(p.value);
  int64_t w2 = 0;  // doubled rank sum of the first sample
  for (size_t i = 0; i < total; ++i)
    if (p.from_a[i]) w2 += r2[i];
  out.u = static_cast<double>(w2) / 2.0 - static_cast<double>(m * (m + 1)) / 2.0;
  const int64_t mean2 = static_cast<int64_t>(m * (total + 1));  // E[doubled W]
  const int64_t dev_obs = w2 > mean2 ? w2 - mean2 : mean2 - w2;

  // The permutation distribution counts the m-subsets of the pooled ranks by their sum:
  // O(total * k * max_sum) with k the smaller sample (the two tails are symmetric in the labels).
  const size_t k = std::min(m, n);
  const int64_t max_sum = static_cast<int64_t>(total * (total + 1));
  const double work = static_cast<double>(total) * static_cast<double>(k) * static_cast<double>(max_sum);
  if (work <= 4e8) {
    // Counts of subsets reach C(total, k), beyond 64-bit integers for large samples; long double
    // keeps 64 significant bits, ample for a p-value.
    std::vector<long double> ways((k + 1) * static_cast<size_t>(max_sum + 1), 0.0L);
    auto at = [&](size_t size, int64_t sum) -> long double& {
      return ways[size * static_cast<size_t>(max_sum + 1) + static_cast<size_t>(sum)];
    };
    at(0, 0) = 1.0L;
    int64_t reach = 0;
    for (size_t i = 0; i < total; ++i) {
      reach += r2[i];
      for (size_t size = std::min(k, i + 1); size >= 1; --size)
        for (int64_t s = reach; s >= r2[i]; --s) at(size, s) += at(size - 1, s - r2[i]);
    }
    // Statistic of the smaller sample: its doubled rank sum deviates by the same amount.
    const int64_t mean_k = static_cast<int64_t>(k * (total + 1));
    long double extreme = 0, all = 0;
    for (int64_t s = 0; s <= max_sum; ++s) {
      const long double c = at(k, s);
      if (c == 0) continue;
      all += c;
      if ((s > mean_k ? s - mean_k : mean_k - s) >= dev_obs) extreme += c;
    }
    out.p = static_cast<double>(extreme / all);
    out.exact = true;
    return out;
  }
  // Normal approximation with the tie-corrected variance and a continuity correction.
  double tie_term = 0;
  for (size_t i = 0; i < total;) {
    size_t j = i;
    while (j + 1 < total && p.value[j + 1] == p.value[i]) ++j;
    const double t = static_cast<double>(j - i + 1);
    tie_term += t * t * t - t;
    i = j + 1;
  }
  const double N = static_cast<double>(total);
  const double var_u = static_cast<double>(m) * static_cast<double>(n) / 12.0 * ((N + 1) - tie_term / (N * (N - 1)));
  if (var_u <= 0) return out;
  const double dev = std::fabs(out.u - static_cast<double>(m) * static_cast<double>(n) / 2.0);
  const double z = std::max(0.0, dev - 0.5) / std::sqrt(var_u);
  out.p = std::min(1.0, 2.0 * normal_upper_tail(z));
  return out;
}

namespace {
// sup |F_a - F_b| scaled by m * n, evaluated only where the pooled value changes (so ties are
// never split). Integer, so that permuted statistics compare with the observed one exactly.
int64_t ks_scaled(const std::vector<double>& value, const std::vector<uint8_t>& from_a, int64_t m, int64_t n) {
  int64_t ca = 0, cb = 0, best = 0;
  const size_t total = value.size();
  for (size_t i = 0; i < total; ++i) {
    if (from_a[i]) ++ca;
    else ++cb;
    if (i + 1 < total && value[i + 1] == value[i]) continue;
    const int64_t gap = ca * n - cb * m;
    best = std::max(best, gap < 0 ? -gap : gap);
  }
  return best;
}
}  // namespace

KolmogorovSmirnov kolmogorov_smirnov(std::span<const double> a, std::span<const double> b, uint32_t permutations,
                                     uint64_t seed) {
  KolmogorovSmirnov out;
  const auto m = static_cast<int64_t>(a.size()), n = static_cast<int64_t>(b.size());
  if (m == 0 || n == 0) return out;
  Pooled p = pool(a, b);
  const int64_t observed = ks_scaled(p.value, p.from_a, m, n);
  out.d = static_cast<double>(observed) / static_cast<double>(m * n);
  rng::Draws draws(seed, rng::stream_id("two_sample.ks_permutation"), 0, 0);
  uint32_t at_least = 0;
  std::vector<uint8_t> labels = p.from_a;
  for (uint32_t i = 0; i < permutations; ++i) {
    dist::shuffle(draws, std::span<uint8_t>(labels));
    if (ks_scaled(p.value, labels, m, n) >= observed) ++at_least;
  }
  out.p = (1.0 + at_least) / (1.0 + permutations);
  return out;
}

}  // namespace thaw::two_sample
