// The person pass written by hand for AVX-512 (people_avx512.cpp). Each function does its work and
// returns true where the CPU has AVX-512 (F, BW, VL, DQ), and returns false, having done nothing,
// elsewhere: the caller then runs the compiler-vectorised loops of people.cpp. Same rules, same
// bits (tests/model/society/people_test.cpp).
#pragma once

#include "model/society/people.hpp"

namespace thaw::model::society::avx512 {

// Whether the kernels below run: the CPU has AVX-512 (checked once) and they are not switched off.
bool available();
// Switches the kernels off (or on again where the CPU has them), for the whole process: the tests
// compare whole runs with and without them.
void use(bool on);

// pass_demography, except that it leaves x.belief alone (the next kernel derives it from the
// belief bytes, which nothing changes in between).
bool pass_demography(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n);

// pass_learning of `topics` and pass_belief in one pass over the cell, each person kept in
// registers from learning to protest. Of the scratch it writes key and migrant.
bool pass_learning_and_belief(const CellRules& r, uint8_t topics, const CellColumns& c, CellScratch& x, CellCounts& n);

// count_persons and count_knowers (people.hpp), the result in the last argument.
bool count_persons(const uint8_t* status, uint32_t n, uint32_t& persons);
bool count_knowers(const uint8_t* info, const uint8_t* status, uint32_t n, std::array<uint32_t, kTopics + 1>& counts);

// select_above and select_nonzero (people.hpp), the count in the last argument.
bool select_above(const float* key, uint32_t n, float threshold, uint32_t* index, float* kept, uint32_t& count);
bool select_nonzero(const uint8_t* flag, uint32_t n, uint32_t* index, uint32_t& count);

}  // namespace thaw::model::society::avx512
