#!/usr/bin/env bash
# Installs what is missing, builds thaw, and runs the whole test suite: once optimised, once under
# AddressSanitizer + UndefinedBehaviorSanitizer. This is what CI runs (.ci/run).
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
echo "check: all tests passed (release and sanitizers)"
