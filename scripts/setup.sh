#!/usr/bin/env bash
# Sets Upfront up on Debian or Ubuntu: installs the system packages that are missing
# (with sudo when not root), then configures and builds everything in build/.
#   UPFRONT_BUILD_DIR   build folder (default: build)
#   UPFRONT_CMAKE_ARGS  extra arguments for cmake's configure step
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libsdl2-dev libsdl2-ttf-dev libpixman-1-dev libcjson-dev python3
          python3-jsonschema libmicrohttpd-dev libsqlite3-dev libcurl4-openssl-dev)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} > 0)); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo=$(command -v sudo) || { echo "setup: installing ${missing[*]} needs root or sudo" >&2; exit 2; }
  fi
  echo "setup: installing ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

build=${UPFRONT_BUILD_DIR:-build}
jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
# shellcheck disable=SC2086  # UPFRONT_CMAKE_ARGS is a list of arguments
cmake -S . -B "$build" ${UPFRONT_CMAKE_ARGS:-}
cmake --build "$build" -j "$jobs"
