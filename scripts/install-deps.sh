#!/usr/bin/env bash
# Installs what thaw needs from Debian's packages (Debian 12), skipping what is already there.
# Run as root (or with sudo). Safe to run again.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git
  libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev librandom123-dev
  libtbb-dev libgtest-dev libgmock-dev libbenchmark-dev libhwy-dev
  libsqlite3-dev sqlite3 openmpi-bin libopenmpi-dev
  libcpp-httplib-dev chromium
  clang libclang-rt-14-dev
)
# The web front-end (web/) is built with Node.js and npm. A machine that already has them (e.g.
# nodesource's nodejs, which bundles npm) keeps its own; otherwise Debian's packages are installed
# (Debian's nodejs ships npm separately, and the two must not be mixed with nodesource's).
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "install-deps: everything is installed"
fi
