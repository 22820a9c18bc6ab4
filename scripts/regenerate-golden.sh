#!/bin/bash
# Regenerates the golden checksums of the baseline (tests/model/thaw/golden/), after a change that
# alters results on purpose. Say in the commit message why the results change.
#
#   scripts/regenerate-golden.sh            # uses build/release (builds it first)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build --preset release --target thaw_tests >/dev/null
THAW_REGENERATE_GOLDEN=1 ./build/release/tests/thaw_tests --gtest_filter='Golden.*' --gtest_brief=1
git --no-pager diff --stat -- tests/model/thaw/golden/ || true
