// The model's elementary functions, the same to the bit on every machine.
//
//   #include "engine/detmath.hpp"
//   const double p = 1.0 - det::exp(-k * cops);      // instead of std::exp
//   const double g = det::log(u) / det::log1p(-take);
//
// The C library picks its own code for exp, log, pow, cos and friends, and glibc picks it at run
// time: on a CPU with FMA it calls variants compiled for it, whose last bits can differ from those
// of the plain ones, and another version or another library can differ again. A simulation that
// feeds such a value back into itself then parts from the same run on another machine. These are
// written with the four operations, sqrt, floor and ldexp only (all exactly rounded by IEEE 754),
// so given IEEE doubles with round-to-nearest, no contraction into FMA (-ffp-contract=off, which
// CMakeLists.txt sets) and no -ffast-math, they give the same bits everywhere
// (docs/architecture.md, "What the bit-identity rests on").
//
// Accuracy, measured against the C library's long double functions (tests/engine/detmath_test.cpp):
// exp, exp2, log, cos within 1 ulp; exp of a float correctly rounded save within about 2^-50 of a
// tie; log1p, expm1 within 2 ulp, tanh 3; pow within 2 ulp for |y| <= 16 and 2 + |y|/32 ulp in
// general; erfc within 1e-13 relative (while above 1e-300), lgamma within 1e-13 (relative, or
// absolute where |lgamma| < 1). Arguments as for the C functions, except that lgamma takes x > 0
// only and cos reduces exactly only for |x| < 1.6e6 (the model takes cos of angles in [0, 2 pi)).
// They are slower than the C library's (exp 2-3 times, log 4 times): none is in a loop over people.
#pragma once

#include <concepts>

namespace thaw::det {

double exp(double x);
double exp2(double x);
double expm1(double x);
double log(double x);
double log1p(double x);
double pow(double x, double y);
double cos(double x);
double tanh(double x);
double erfc(double x);
double lgamma(double x);  // log Gamma(x) for x > 0; NaN otherwise

// Floats: exp has its own, shorter series (it is in the protest rounds of every cell); the others
// go through the double functions and round once to float.
float exp(float x);
inline float log(float x) { return static_cast<float>(log(static_cast<double>(x))); }
inline float pow(float x, float y) { return static_cast<float>(pow(static_cast<double>(x), static_cast<double>(y))); }
// Integers as doubles, as the C library takes them.
inline double pow(double x, int n) { return pow(x, static_cast<double>(n)); }
template <std::integral I> double exp(I x) { return exp(static_cast<double>(x)); }
template <std::integral I> double log(I x) { return log(static_cast<double>(x)); }
template <std::integral I> double exp2(I x) { return exp2(static_cast<double>(x)); }
template <std::integral I> double cos(I x) { return cos(static_cast<double>(x)); }
template <std::integral I> double tanh(I x) { return tanh(static_cast<double>(x)); }
template <std::integral I> double erfc(I x) { return erfc(static_cast<double>(x)); }
template <std::integral I> double lgamma(I x) { return lgamma(static_cast<double>(x)); }
template <std::integral I> double log1p(I x) { return log1p(static_cast<double>(x)); }
template <std::integral I> double expm1(I x) { return expm1(static_cast<double>(x)); }

}  // namespace thaw::det
