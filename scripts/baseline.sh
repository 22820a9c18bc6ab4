#!/usr/bin/env bash
# Installs what is missing, builds thaw, and runs the historical baseline (scenarios/thaw-1953.toml):
# the month-by-month narrative, the indicators and the report land in runs/thaw-1953/seed-1/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
# The browser front-end thaw serve serves (web/dist); never a downloaded browser.
(cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund && npm run build)
cmake --preset release
cmake --build --preset release
./build/release/thaw run "$@"
