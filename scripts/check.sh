#!/usr/bin/env bash
# Installs what is missing, builds thaw, and runs the whole test suite: once optimised, once under
# AddressSanitizer + UndefinedBehaviorSanitizer; then fuzzes each input surface for 30 s. This is
# what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
# The browser front-end thaw serve serves (web/dist); never a downloaded browser.
(cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund && npm run build)
jobs=$(nproc)

cmake --preset release
cmake --build --preset release
ctest --preset release -j "$jobs"

cmake --preset asan
cmake --build --preset asan
ctest --preset asan -j "$jobs"

# A bounded fuzzing run: each libFuzzer target (Debian's clang, ASan + UBSan) for 30 s, from the
# corpus in tests/fuzz/corpus (tests/fuzz/README.md has the longer run for a release).
cmake --preset fuzz -DTHAW_FUZZ_SECONDS=30
cmake --build --preset fuzz
ctest --preset fuzz -j "$jobs"
echo "check: all tests passed (release, sanitizers, and a bounded fuzzing run)"
