// Deterministic elementary functions (detmath.hpp). Each reduces its argument exactly where it can
// (Cody and Waite's split constants, whose products with small integers are exact), evaluates a
// Taylor series of fixed length by Horner's rule and scales by a power of two. The splitting of
// log into an exact main term and a small correction follows the scheme of Sun's fdlibm (e_log.c,
// 1993); the series are plain Taylor series (and for erfc Laplace's continued fraction), long
// enough that their truncation is below half an ulp on the reduced range. Exact products and sums
// without FMA: Dekker (1971).
#include "engine/detmath.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace thaw::det {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// ln 2 = kLn2Hi + kLn2Lo; kLn2Hi has 32 significant bits, so k * kLn2Hi is exact for |k| < 2^21.
constexpr double kLn2Hi = 0x1.62e42ff000000p-1;
constexpr double kLn2Lo = -0x1.718432a1b0e26p-35;
constexpr double kLn2 = 0x1.62e42fefa39efp-1;
constexpr double kInvLn2 = 0x1.71547652b82fep+0;
// pi/2 = kPio2A + kPio2B + kPio2C; A and B have 33 significant bits (k * A, k * B exact for |k| < 2^20).
constexpr double kPio2A = 0x1.921fb54400000p+0;
constexpr double kPio2B = 0x1.0b4611a600000p-34;
constexpr double kPio2C = 0x1.3198a2e037073p-69;
constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;
constexpr double kSqrtHalf = 0x1.6a09e667f3bcdp-1;
constexpr double kTwoOverSqrtPi = 0x1.20dd750429b6dp+0;
constexpr double kOneOverSqrtPi = 0x1.20dd750429b6dp-1;
constexpr double kHalfLog2Pi = 0x1.d67f1c864beb5p-1;
constexpr double kExpMax = 0x1.62e42fefa39efp+9;    // ln(DBL_MAX): above, exp overflows
constexpr double kExpMin = -0x1.74910d52d3051p+9;   // ln(smallest subnormal / 2): below, exp is 0

// 1/n!, rounded (the compiler folds them with the same IEEE arithmetic as at run time).
constexpr double inverse_factorial(int n) {
  double f = 1.0;
  for (int i = 2; i <= n; ++i) f *= i;
  return 1.0 / f;
}
// 2/(2n + 1): the series of 2 atanh(s)/s.
constexpr double kAtanhSeries[13] = {2.0 / 1, 2.0 / 3, 2.0 / 5, 2.0 / 7, 2.0 / 9, 2.0 / 11, 2.0 / 13,
                                     2.0 / 15, 2.0 / 17, 2.0 / 19, 2.0 / 21, 2.0 / 23, 2.0 / 25};
constexpr double kInvFactorial[15] = {1, 1, inverse_factorial(2), inverse_factorial(3), inverse_factorial(4),
                                      inverse_factorial(5), inverse_factorial(6), inverse_factorial(7), inverse_factorial(8),
                                      inverse_factorial(9), inverse_factorial(10), inverse_factorial(11),
                                      inverse_factorial(12), inverse_factorial(13), inverse_factorial(14)};

// e^r - 1 for |r| <= ln(2)/2: r + r^2 (1/2! + r (1/3! + ... + r/14!)), the Taylor series to r^14
// (its remainder is below 2^-58 of the result); r is exact, the rounding falls on the small rest.
double expm1_reduced(double r) {
  double q = kInvFactorial[14];
  for (int n = 13; n >= 3; --n) q = q * r + kInvFactorial[n];
  q = q * r + 0.5;
  return r + (r * r) * q;
}

// 2^k for an integer k in [-1022, 1023], from its bits.
double two_to(int k) { return std::bit_cast<double>(static_cast<uint64_t>(k + 1023) << 52); }

// y 2^k: by one exact product where 2^k is a normal number, else ldexp (also exact, rounded once).
double scale(double y, double k) {
  if (k >= -1022 && k <= 1023) {
    const double out = y * two_to(static_cast<int>(k));
    if (std::fabs(out) >= 0x1p-1022) return out;  // normal: the product was exact
  }
  return std::ldexp(y, static_cast<int>(k));
}

// x = k ln 2 + r + rr with |r| <= ln(2)/2 (to rounding): x - k kLn2Hi is exact, and rr carries
// the rounding of r (Cody and Waite).
void reduce_ln2(double x, double& k, double& r, double& rr) {
  k = std::floor(x * kInvLn2 + 0.5);
  const double hi = x - k * kLn2Hi;
  const double lo = k * kLn2Lo;
  r = hi - lo;
  rr = (hi - r) - lo;
}

// e^(r + rr) for |r| <= ln(2)/2 and rr below half an ulp of r: 1 + em(r) + rr e^r.
double exp_reduced(double r, double rr) {
  const double em = expm1_reduced(r);
  return 1.0 + (em + rr * (1.0 + em));
}

void split(double a, double& hi, double& lo) {
  const double c = 134217729.0 * a;  // 2^27 + 1
  hi = c - (c - a);
  lo = a - hi;
}
// a b = hi + lo exactly.
void two_product(double a, double b, double& hi, double& lo) {
  double ah, al, bh, bl;
  split(a, ah, al);
  split(b, bh, bl);
  hi = a * b;
  lo = ((ah * bh - hi) + ah * bl + al * bh) + al * bl;
}
// a + b = hi + lo exactly.
void two_sum(double a, double b, double& hi, double& lo) {
  hi = a + b;
  const double v = hi - a;
  lo = (a - (hi - v)) + (b - v);
}

// log(1 + f) = hi + lo for sqrt(1/2) <= 1 + f < sqrt(2), f exact, to about 2^-62 absolute:
// 2 atanh(s) with s = f / (2 + f) carried as s_hi + s_lo, = 2s + 2s^3/3 + 2s^5/5 + ..., where only
// the small tail s (2s^2/3 + 2s^4/5 + ...) is computed with rounding.
void log1p_parts(double f, double& hi, double& lo) {
  double d_hi, d_lo;
  two_sum(2.0, f, d_hi, d_lo);  // 2 + f exactly
  const double s_hi = f / d_hi;
  double p_hi, p_lo;
  two_product(s_hi, d_hi, p_hi, p_lo);
  const double s_lo = (((f - p_hi) - p_lo) - s_hi * d_lo) / d_hi;  // f / (2 + f) - s_hi
  const double z = s_hi * s_hi;  // <= 0.0295
  double r = 0.0;                // 2z/3 + 2z^2/5 + ... + 2z^12/25
  for (int n = 12; n >= 1; --n) r = z * (kAtanhSeries[n] + r);
  two_sum(2.0 * s_hi, 2.0 * s_lo + s_hi * r, hi, lo);
}

// log x = hi + lo for finite x > 0 (hi = the rounded sum): x = 2^e (1 + f) with sqrt(1/2) <=
// 1 + f < sqrt(2), f exact, and log x = e ln 2 + log(1 + f).
void log_parts(double x, double& hi, double& lo) {
  int e = 0;
  double m = std::frexp(x, &e);  // exact: x = m 2^e, 0.5 <= m < 1, subnormals included
  if (m < kSqrtHalf) {
    m *= 2;
    --e;
  }
  double l_hi, l_lo;
  log1p_parts(m - 1.0, l_hi, l_lo);  // m - 1 is exact (Sterbenz)
  const double k = static_cast<double>(e);
  double main_hi, main_lo;
  two_sum(k * kLn2Hi, l_hi, main_hi, main_lo);
  two_sum(main_hi, main_lo + (l_lo + k * kLn2Lo), hi, lo);
}

// sin(x + y) and cos(x + y) for |x| <= pi/4 (a little more after rounding) and |y| below half an
// ulp of x: Taylor series to x^21 and x^22, y to first order (fdlibm's __kernel_sin, __kernel_cos).
double sin_reduced(double x, double y) {
  const double z = x * x;
  double q = 1.0;  // sin x = x - x^3/6 + x^5/120 q', q' = 1 - z/(6 7) (1 - z/(8 9) (...))
  for (int n = 10; n >= 3; --n) q = 1.0 - z / ((2 * n) * (2 * n + 1)) * q;
  const double r = q / 120.0;
  const double v = z * x;
  return x - ((z * (0.5 * y - v * r) - y) - v * (-1.0 / 6.0));
}
double cos_reduced(double x, double y) {
  const double z = x * x;
  double q = 1.0;  // cos x = 1 - z/2 + z^2/24 q, q = 1 - z/(5 6) (1 - z/(7 8) (...))
  for (int n = 11; n >= 3; --n) q = 1.0 - z / ((2 * n - 1) * (2 * n)) * q;
  const double hz = 0.5 * z;
  const double w = 1.0 - hz;
  return w + (((1.0 - w) - hz) + (z * z / 24.0 * q - x * y));  // the bracket recovers the rounding of w
}

// The tail of erfc: sqrt(pi) e^(x^2) erfc(x) = 1 / K(x), K(x) = x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))
// (Laplace's continued fraction), evaluated from a fixed depth back, for x >= 1.
double erfc_tail(double x) {
  double k = x;
  for (int n = 200; n >= 1; --n) k = x + (0.5 * n) / k;
  double sq_hi, sq_lo;
  two_product(x, x, sq_hi, sq_lo);
  const double e = exp(-sq_hi);
  return (e - e * sq_lo) * kOneOverSqrtPi / k;
}

// log Gamma(x) for x >= 10: Stirling's series to the term in x^-13.
double lgamma_stirling(double x) {
  const double c = 1.0 / x;
  const double c2 = c * c;
  const double series =
      c * (1.0 / 12 - c2 * (1.0 / 360 - c2 * (1.0 / 1260 - c2 * (1.0 / 1680 - c2 * (1.0 / 1188 - c2 * (691.0 / 360360 - c2 / 156))))));
  return (x - 0.5) * log(x) - x + kHalfLog2Pi + series;
}

}  // namespace

double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > kExpMax) return kInf;
  if (x < kExpMin) return 0.0;
  double k, r, rr;
  reduce_ln2(x, k, r, rr);
  return scale(exp_reduced(r, rr), k);
}

float exp(float x) {
  if (std::isnan(x)) return x;
  if (x > 88.8f) return std::numeric_limits<float>::infinity();
  if (x < -104.0f) return 0.0f;
  // In double, with a Taylor series to r^12 (remainder below 2^-52 of the result), rounded once to
  // float: the correctly rounded float save where e^x lies within about 2^-50 of a tie.
  const double xd = x;
  const double k = std::floor(xd * kInvLn2 + 0.5);
  const double r = (xd - k * kLn2Hi) - k * kLn2Lo;
  double q = kInvFactorial[12];
  for (int n = 11; n >= 2; --n) q = q * r + kInvFactorial[n];
  const double p = 1.0 + (r + (r * r) * q);
  return static_cast<float>(p * two_to(static_cast<int>(k)));  // 2^k normal for k in [-151, 129]
}

double exp2(double x) {
  if (std::isnan(x)) return x;
  if (x >= 1024) return kInf;
  if (x < -1075) return 0.0;
  const double k = std::floor(x + 0.5);
  double hi, lo;
  two_product(x - k, kLn2, hi, lo);  // x - k is exact; (x - k) ln 2 = hi + lo, to ln 2's rounding
  return scale(exp_reduced(hi, lo), k);
}

double expm1(double x) {
  if (std::isnan(x)) return x;
  if (x > kExpMax) return kInf;
  if (x < -40) return -1.0;  // e^-40 is below half an ulp of 1
  if (std::fabs(x) <= 0.5 * kLn2) return expm1_reduced(x);
  double k, r, rr;
  reduce_ln2(x, k, r, rr);
  if (k > 56) return exp(x) - 1.0;
  const double two_k = std::ldexp(1.0, static_cast<int>(k));
  const double em = expm1_reduced(r);
  return (two_k - 1.0) + two_k * (em + rr * (1.0 + em));  // e^x - 1 = 2^k e^(r + rr) - 1
}

double log(double x) {
  if (std::isnan(x) || x < 0) return kNaN;
  if (x == 0) return -kInf;
  if (std::isinf(x)) return x;
  double hi, lo;
  log_parts(x, hi, lo);
  return hi;
}

double log1p(double x) {
  if (std::isnan(x) || x < -1) return kNaN;
  if (x == -1) return -kInf;
  if (std::isinf(x)) return x;
  if (x > kSqrtHalf - 1 && x < 2 * kSqrtHalf - 1) {  // 1 + x within [sqrt(1/2), sqrt(2)): f = x exactly
    double hi, lo;
    log1p_parts(x, hi, lo);
    return hi;
  }
  double u, err;
  two_sum(1.0, x, u, err);  // 1 + x = u + err exactly
  double hi, lo;
  log_parts(u, hi, lo);
  return hi + (lo + err / u);
}

double pow(double x, double y) {
  if (y == 0 || x == 1) return 1.0;
  if (std::isnan(x) || std::isnan(y)) return kNaN;
  bool negative = false;
  if (x < 0) {
    if (std::isinf(y)) return -x == 1 ? 1.0 : (-x > 1) == (y > 0) ? kInf : 0.0;
    if (y != std::floor(y)) return kNaN;
    negative = std::fabs(y) < 9007199254740992.0 && std::floor(y * 0.5) * 2 != y;  // an odd integer
    x = -x;
  }
  const double sign = negative ? -1.0 : 1.0;
  if (x == 0) return y > 0 ? sign * 0.0 : sign * kInf;
  if (std::isinf(x)) return y > 0 ? sign * kInf : sign * 0.0;
  if (std::isinf(y)) return (x > 1) == (y > 0) ? kInf : 0.0;
  double lh, ll;
  log_parts(x, lh, ll);
  const double rough = y * lh;
  if (rough > kExpMax + 1) return sign * kInf;
  if (rough < kExpMin - 1) return sign * 0.0;
  double ph, pl;
  two_product(y, lh, ph, pl);  // y log x = ph + pl, to about 2^-105 of it
  pl += y * ll;
  double zh, zl;
  two_sum(ph, pl, zh, zl);
  if (zh > kExpMax) return sign * kInf;
  const double e = exp(zh);
  return sign * (e + e * zl);  // e^(zh + zl) = e^zh (1 + zl), zl below half an ulp of zh
}

double cos(double x) {
  if (!std::isfinite(x)) return kNaN;
  const double k = std::floor(x * kTwoOverPi + 0.5);
  // x - k pi/2 = hi + lo: x - k A is exact (Sterbenz), the rest is carried as hi and lo.
  const double a = x - k * kPio2A;
  double hi, lo;
  two_sum(a, -k * kPio2B, hi, lo);
  lo -= k * kPio2C;
  two_sum(hi, lo, hi, lo);
  auto quadrant = static_cast<int64_t>(std::fmod(k, 4.0));
  if (quadrant < 0) quadrant += 4;
  switch (quadrant) {
    case 0: return cos_reduced(hi, lo);
    case 1: return -sin_reduced(hi, lo);
    case 2: return -cos_reduced(hi, lo);
    default: return sin_reduced(hi, lo);
  }
}

double tanh(double x) {
  if (std::isnan(x)) return x;
  const double a = std::fabs(x);
  if (a > 22) return std::copysign(1.0, x);
  if (a < 0x1p-28) return x;
  double y;
  if (a >= 1) {
    const double t = expm1(2 * a);
    y = 1.0 - 2.0 / (t + 2.0);
  } else {
    const double t = expm1(-2 * a);
    y = -t / (t + 2.0);
  }
  return std::copysign(y, x);
}

double erfc(double x) {
  if (std::isnan(x)) return x;
  if (x < -1) return 2.0 - erfc(-x);
  if (x < 1) {
    // 1 - erf(x), erf(x) = 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1)), to n = 30.
    const double z = x * x;
    double term = x, sum = x;
    for (int n = 1; n <= 30; ++n) {
      term *= -z / n;
      sum += term / (2 * n + 1);
    }
    return 1.0 - kTwoOverSqrtPi * sum;
  }
  if (x > 27.3) return 0.0;  // below the smallest subnormal
  return erfc_tail(x);
}

double lgamma(double x) {
  if (std::isnan(x)) return x;
  if (x <= 0) return kNaN;
  if (std::isinf(x)) return x;
  if (x >= 10) return lgamma_stirling(x);
  // Gamma(x) = Gamma(x + n) / (x (x + 1) ... (x + n - 1)) with x + n >= 10.
  double product = 1.0, shifted = x;
  while (shifted < 10) {
    product *= shifted;
    shifted += 1.0;
  }
  return lgamma_stirling(shifted) - log(product);
}

}  // namespace thaw::det
