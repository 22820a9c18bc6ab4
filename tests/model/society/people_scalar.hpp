// The scalar twin of src/model/society/people.hpp's passes (see people_scalar.cpp).
#pragma once

#include "model/society/people.hpp"

namespace thaw::model::society::scalar {
void pass_demography(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n);
void pass_learning(const CellRules& r, uint8_t topics, const CellColumns& c, CellScratch& x);
void pass_belief(const CellRules& r, const CellColumns& c, CellScratch& x, CellCounts& n);
uint32_t count_persons(const uint8_t* status, uint32_t n);
uint32_t select_above(const float* key, uint32_t n, float threshold, uint32_t* index, float* kept);
uint32_t select_nonzero(const uint8_t* flag, uint32_t n, uint32_t* index);
std::array<uint32_t, kTopics + 1> count_knowers(const uint8_t* info, const uint8_t* status, uint32_t n);
}  // namespace thaw::model::society::scalar
