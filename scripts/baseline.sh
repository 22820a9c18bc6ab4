#!/usr/bin/env bash
# Installs what is missing, builds thaw, and runs the historical baseline (scenarios/thaw-1953.toml):
# the month-by-month narrative, the indicators and the report land in runs/thaw-1953/seed-1/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
./build/release/thaw run "$@"
