// The deterministic elementary functions: as accurate as they say (against the C library's long
// double functions, 11 more bits), the C functions' special values, the same bits on every
// machine (a table of results), and the only ones the models call.
#include "engine/detmath.hpp"
#include "engine/rng.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <regex>
#include <sstream>

namespace thaw {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Error of `got` in units in the last place of the exact value `exact`.
double ulps(double got, long double exact) {
  if (std::isnan(got) && std::isnan(exact)) return 0;
  if (got == exact) return 0;
  const double e = static_cast<double>(exact);
  const double ulp = std::nextafter(std::fabs(e), kInf) - std::fabs(e);
  return static_cast<double>(std::fabs(static_cast<long double>(got) - exact) / ulp);
}

// Largest error over `n` arguments drawn uniformly in [lo, hi).
double worst(const std::function<double(double)>& f, const std::function<long double(long double)>& exact, double lo,
             double hi, int n = 200000) {
  rng::SplitStream g(1, rng::stream_id("test.detmath"), 0, 0);
  double w = 0;
  for (int i = 0; i < n; ++i) {
    const double x = lo + (hi - lo) * g.uniform();
    w = std::max(w, ulps(f(x), exact(static_cast<long double>(x))));
  }
  return w;
}

TEST(Detmath, ExpLogAndCosAreWithinOneUlp) {
  auto dexp = [](double x) { return det::exp(x); };
  auto dlog = [](double x) { return det::log(x); };
  auto dcos = [](double x) { return det::cos(x); };
  auto dexp2 = [](double x) { return det::exp2(x); };
  EXPECT_LE(worst(dexp, [](long double x) { return expl(x); }, -745, 709.7), 1.0);
  EXPECT_LE(worst(dexp, [](long double x) { return expl(x); }, -1, 1), 1.0);
  EXPECT_LE(worst(dexp2, [](long double x) { return exp2l(x); }, -1074, 1023.9), 1.0);
  EXPECT_LE(worst(dlog, [](long double x) { return logl(x); }, 1e-300, 1e300), 1.0);
  EXPECT_LE(worst(dlog, [](long double x) { return logl(x); }, 0.5, 2), 1.0);
  EXPECT_LE(worst(dlog, [](long double x) { return logl(x); }, 0, 1e-300), 1.0);  // subnormals too
  EXPECT_LE(worst(dcos, [](long double x) { return cosl(x); }, 0, 2 * 3.141592653589793), 1.0);
  EXPECT_LE(worst(dcos, [](long double x) { return cosl(x); }, -1e5, 1e5), 1.0);
}

TEST(Detmath, Log1pAndExpm1AreWithinTwoUlpsTanhThree) {
  auto dlog1p = [](double x) { return det::log1p(x); };
  auto dexpm1 = [](double x) { return det::expm1(x); };
  auto dtanh = [](double x) { return det::tanh(x); };
  EXPECT_LE(worst(dlog1p, [](long double x) { return log1pl(x); }, -0.999, 1), 2.0);
  EXPECT_LE(worst(dlog1p, [](long double x) { return log1pl(x); }, -1e-8, 1e-8), 2.0);
  EXPECT_LE(worst(dlog1p, [](long double x) { return log1pl(x); }, 1, 1e10), 2.0);
  EXPECT_LE(worst(dexpm1, [](long double x) { return expm1l(x); }, -1e-6, 1e-6), 2.0);
  EXPECT_LE(worst(dexpm1, [](long double x) { return expm1l(x); }, -50, 700), 2.0);
  EXPECT_LE(worst(dtanh, [](long double x) { return tanhl(x); }, -1e-3, 1e-3), 2.0);
  EXPECT_LE(worst(dtanh, [](long double x) { return tanhl(x); }, -25, 25), 3.0);
}

TEST(Detmath, PowIsWithinTwoUlpsPlusAThirtySecondOfAnUlpPerUnitOfY) {
  rng::SplitStream g(1, rng::stream_id("test.detmath.pow"), 0, 0);
  double small_y = 0, powers = 0, per_y = 0;
  for (int i = 0; i < 200000; ++i) {
    const double x = det::exp(-40 + 80 * g.uniform());
    const double y = -17 + 34 * g.uniform();
    small_y = std::max(small_y, ulps(det::pow(x, y), powl(x, y)));
    const double n = std::floor(1e6 * g.uniform());  // as in the binomial's inversion: q^n
    const double q = 1 - 1e-4 * g.uniform();
    powers = std::max(powers, ulps(det::pow(q, n), powl(q, n)));
    const double big = (2 * g.uniform() - 1) * 700 / std::fabs(det::log(x));  // |y log x| up to 700
    const long double exact = powl(x, big);
    if (exact > 1e-300L) per_y = std::max(per_y, (ulps(det::pow(x, big), exact) - 2) / std::fabs(big));
  }
  EXPECT_LE(small_y, 2.0);
  EXPECT_LE(powers, 2.0);
  EXPECT_LE(per_y, 1.0 / 32);
}

TEST(Detmath, ErfcAndLgammaAreWithinTenToTheMinusThirteen) {
  rng::SplitStream g(1, rng::stream_id("test.detmath.erfc"), 0, 0);
  double erfc_worst = 0, lgamma_worst = 0;
  for (int i = 0; i < 100000; ++i) {
    const double x = -6 + 32 * g.uniform();  // erfc(26) = 6e-296: results above the subnormals
    const long double e = erfcl(x);
    erfc_worst = std::max(erfc_worst, static_cast<double>(std::fabs((det::erfc(x) - e) / e)));
    const double z = i % 2 ? 40 * g.uniform() : std::exp(20 * g.uniform());
    const long double l = lgammal(z);
    lgamma_worst = std::max(lgamma_worst, static_cast<double>(std::fabs(det::lgamma(z) - l) / std::max<long double>(1, std::fabs(l))));
  }
  EXPECT_LE(erfc_worst, 1e-13);
  EXPECT_LE(lgamma_worst, 1e-13);
  EXPECT_NEAR(det::lgamma(1), 0, 1e-14);
  EXPECT_NEAR(det::lgamma(2), 0, 1e-14);
}

TEST(Detmath, FloatExpIsCorrectlyRoundedButForNearTies) {
  rng::SplitStream g(1, rng::stream_id("test.detmath.expf"), 0, 0);
  int off = 0, n = 0;
  for (; n < 1000000; ++n) {
    const auto x = static_cast<float>(-103 + 191 * g.uniform());
    const auto exact = static_cast<float>(expl(static_cast<long double>(x)));
    const float got = det::exp(x);
    if (got == exact) continue;
    ++off;
    EXPECT_EQ(std::fabs(got - exact), std::fabs(std::nextafter(exact, got) - exact)) << x;  // one float ulp at most
  }
  EXPECT_LE(off, 1);
}

TEST(Detmath, SpecialValuesAreTheCLibrarys) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(det::exp(0), 1.0);
  EXPECT_EQ(det::exp(-kInf), 0.0);
  EXPECT_EQ(det::exp(kInf), kInf);
  EXPECT_EQ(det::exp(710), kInf);
  EXPECT_EQ(det::exp(-746), 0.0);
  EXPECT_TRUE(std::isnan(det::exp(nan)));
  EXPECT_EQ(det::exp2(10), 1024.0);
  EXPECT_EQ(det::exp2(-1074), std::ldexp(1.0, -1074));
  EXPECT_EQ(det::log(1), 0.0);
  EXPECT_EQ(det::log(0), -kInf);
  EXPECT_EQ(det::log(kInf), kInf);
  EXPECT_TRUE(std::isnan(det::log(-1)));
  EXPECT_EQ(det::log1p(0), 0.0);
  EXPECT_EQ(det::log1p(-1), -kInf);
  EXPECT_EQ(det::log1p(1e-300), 1e-300);
  EXPECT_TRUE(std::isnan(det::log1p(-2)));
  EXPECT_EQ(det::expm1(0), 0.0);
  EXPECT_EQ(det::expm1(-kInf), -1.0);
  EXPECT_EQ(det::pow(0.5, 0), 1.0);
  EXPECT_EQ(det::pow(1, nan), 1.0);
  EXPECT_EQ(det::pow(2, 10), 1024.0);
  EXPECT_EQ(det::pow(-2, 3), -8.0);
  EXPECT_EQ(det::pow(-2, 2), 4.0);
  EXPECT_TRUE(std::isnan(det::pow(-2, 0.5)));
  EXPECT_EQ(det::pow(0, 2), 0.0);
  EXPECT_EQ(det::pow(0, -1), kInf);
  EXPECT_EQ(det::pow(0.5, kInf), 0.0);
  EXPECT_EQ(det::pow(2, -kInf), 0.0);
  EXPECT_EQ(det::pow(10, 400), kInf);
  EXPECT_EQ(det::pow(10, -400), 0.0);
  EXPECT_EQ(det::cos(0), 1.0);
  EXPECT_TRUE(std::isnan(det::cos(kInf)));
  EXPECT_EQ(det::tanh(0), 0.0);
  EXPECT_EQ(det::tanh(30), 1.0);
  EXPECT_EQ(det::tanh(-30), -1.0);
  EXPECT_EQ(det::erfc(0), 1.0);
  EXPECT_EQ(det::erfc(30), 0.0);
  EXPECT_EQ(det::erfc(-30), 2.0);
  EXPECT_EQ(det::erfc(kInf), 0.0);
  EXPECT_TRUE(std::isnan(det::lgamma(0)));
  EXPECT_EQ(det::exp(0.5f), static_cast<float>(det::exp(0.5)));
}

// The results on the machine these were written on, bit for bit. A compiler, a flag or a CPU that
// changes one of them breaks the promise that a run is the same everywhere (docs/architecture.md,
// "What the bit-identity rests on").
TEST(Detmath, GiveTheSameBitsEverywhere) {
  struct Case {
    const char* what;
    double value;
    uint64_t bits;
  };
  const Case cases[] = {
      {"exp(-2.3 * 0.37)", det::exp(-2.3 * 0.37), 0x3fdb53c458bcac15ULL},
      {"exp(0.1)", det::exp(0.1), 0x3ff1aec7b35a00d4ULL},
      {"exp2(-1/36)", det::exp2(-1.0 / 36), 0x3fef63c77ec669b3ULL},
      {"log(0.3)", det::log(0.3), 0xbff34378fcbda721ULL},
      {"log1p(-0.25)", det::log1p(-0.25), 0xbfd269621134db92ULL},
      {"pow(0.5, 1/36)", det::pow(0.5, 1.0 / 36), 0x3fef63c77ec669b3ULL},
      {"pow(0.9999, 12345)", det::pow(0.9999, 12345), 0x3fd29f202617174dULL},
      {"cos(5)", det::cos(5.0), 0x3fd22785706b4ad9ULL},
      {"tanh(0.7)", det::tanh(0.7), 0x3fe356fb17af2e92ULL},
      {"erfc(1.3)", det::erfc(1.3), 0x3fb0e4daf646962eULL},
      {"lgamma(17.5)", det::lgamma(17.5), 0x40400a61f910a7fbULL},
      {"exp(-2.3f * 0.37f) as a double", static_cast<double>(det::exp(-2.3f * 0.37f)), 0x3fdb53c460000000ULL},
  };
  for (const auto& c : cases) EXPECT_EQ(std::bit_cast<uint64_t>(c.value), c.bits) << c.what << " = " << c.value;
}

// The models call these, never the C library's exp, log, pow, cos..., whose bits depend on the
// machine. (sqrt, floor, round and friends are exact: they are allowed.)
TEST(Detmath, TheModelsCallNoOtherElementaryFunctions) {
  const std::regex forbidden(R"(\bstd::(exp|exp2|expm1|log|log2|log10|log1p|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|erf|erfc|lgamma|tgamma|cbrt|hypot)\s*\()");
  const std::filesystem::path src = std::filesystem::path(THAW_SOURCE_DIR) / "src";
  std::vector<std::filesystem::path> files = {src / "engine/distributions.hpp", src / "engine/rng.hpp"};
  for (const auto& e : std::filesystem::recursive_directory_iterator(src / "model"))
    if (e.path().extension() == ".cpp" || e.path().extension() == ".hpp") files.push_back(e.path());
  for (const auto& path : files) {
    std::ifstream f(path);
    std::string line;
    for (int n = 1; std::getline(f, line); ++n) {
      const auto comment = line.find("//");
      const std::string code = comment == std::string::npos ? line : line.substr(0, comment);
      EXPECT_FALSE(std::regex_search(code, forbidden))
          << path.lexically_relative(src).string() << ":" << n << ": use det:: (engine/detmath.hpp): " << line;
    }
  }
}

}  // namespace
}  // namespace thaw
