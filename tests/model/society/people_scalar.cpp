// The society's person pass compiled a second time: no vectors, no clones, into the namespace
// thaw::model::society::scalar (tests/CMakeLists.txt adds -fno-tree-vectorize). people_test.cpp
// checks that it and the vectorised version the program runs give the same bits.
#define THAW_NO_CLONES 1
#define THAW_PEOPLE_NAMESPACE thaw::model::society::scalar
#include "model/society/people_scalar.hpp"

#include "../../../src/model/society/people.cpp"
