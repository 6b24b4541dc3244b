#!/usr/bin/env bash
# build-web.sh — builds the browser version of Upfront into build-web/dist/: index.html and
# what it loads (upfront.js, upfront.wasm, upfront.data with the fonts and the shipped
# scenarios). The same C game (src/core, src/ui) built with Emscripten; src/web/ holds
# the little that differs in a browser.
#
# What it needs, it installs (apt-get; with sudo when not root): Debian's emscripten, and
# the libraries the game links, built with that toolchain from Debian's own source packages
# (apt-get source; a deb-src entry for the same archive is added when there is none):
# SDL2, FreeType, SDL2_ttf (no HarfBuzz), pixman and cJSON. They are built once into a
# cache outside the source tree,
#   ${UPFRONT_WEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/upfront-web}/<emscripten and recipe>/
# so a second run only builds the game (seconds). Nothing third-party enters the tree.
#
# Usage: scripts/build-web.sh [--clean]    (--clean: the game's build folder anew; the
# libraries stay cached — delete the cache folder to rebuild them)
# Environment: UPFRONT_WEB_BUILD (default build-web), UPFRONT_WEB_CACHE, UPFRONT_WEB_JOBS.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${UPFRONT_WEB_BUILD:-$root/build-web}
jobs=${UPFRONT_WEB_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
# bump when a library's recipe below changes: the cache is keyed on it
recipe=1
clean=0
for a in "$@"; do
  case "$a" in
    --clean) clean=1 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-web: unknown option $a (try --help)" >&2; exit 2 ;;
  esac
done

say() { printf 'build-web: %s\n' "$*" >&2; }
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo=$(command -v sudo || true); fi
export DEBIAN_FRONTEND=noninteractive

# --- 1. the toolchain --------------------------------------------------------------------
need=()
command -v emcc >/dev/null 2>&1 || need+=(emscripten)
command -v dpkg-source >/dev/null 2>&1 || need+=(dpkg-dev)
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v make >/dev/null 2>&1 || need+=(make)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v xz >/dev/null 2>&1 || need+=(xz-utils)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi
# Debian's emscripten runs its JavaScript tools with node and finds their modules (acorn)
# in /usr/share/nodejs, where Debian's own nodejs looks; another node (NodeSource's) does
# not look there by itself
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
emver=$(emcc --version | sed -n '1s/.*) \([0-9][0-9.]*\).*/\1/p')
[ -n "$emver" ] || emver=unknown

cache=${UPFRONT_WEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/upfront-web}/emscripten-$emver-r$recipe
prefix=$cache/prefix
case "$cache/" in
  "$root"/*) say "the library cache must be outside the source tree (it is $cache)"; exit 2 ;;
esac
mkdir -p "$cache/src" "$prefix"

# --- 2. the libraries, from Debian's source packages, once --------------------------------
have_deb_src() { apt-cache showsrc "$1" 2>/dev/null | grep -q '^Package:'; }

add_deb_src() {
  if have_deb_src libsdl2; then return 0; fi
  say "adding a deb-src entry for the archive the packages come from"
  local tmp
  tmp=$(mktemp)
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$tmp"
    $sudo install -m 644 "$tmp" /etc/apt/sources.list.d/upfront-deb-src.sources
  else
    grep -h '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      sed 's/^deb /deb-src /' >"$tmp" || true
    if [ ! -s "$tmp" ]; then
      rm -f "$tmp"
      say "no Debian archive found in /etc/apt to take the source packages from"; exit 2
    fi
    $sudo install -m 644 "$tmp" /etc/apt/sources.list.d/upfront-deb-src.list
  fi
  rm -f "$tmp"
  $sudo apt-get update -q
}

# fetch PKG: unpacks Debian's source package PKG (patches applied) under $cache/src and
# prints its folder
fetch() {
  local pkg=$1 dir
  dir=$(find "$cache/src" -mindepth 1 -maxdepth 1 -type d -name "$pkg-[0-9]*" | head -n 1)
  if [ -z "$dir" ]; then
    add_deb_src
    (cd "$cache/src" && apt-get source -q "$pkg" >&2) || orig_only "$pkg"
    dir=$(find "$cache/src" -mindepth 1 -maxdepth 1 -type d -name "$pkg-[0-9]*" | head -n 1)
  fi
  [ -n "$dir" ] || { say "apt-get source $pkg gave no folder"; exit 2; }
  echo "$dir"
}

# orig_only PKG: when part of a source package can't be had (this archive's mirror answers
# 404 for pixman's Debian diff, which only adds the packaging in debian/), unpacks the
# upstream tarball apt-get did fetch, after checking it against the .dsc's SHA-256.
orig_only() {
  local pkg=$1 dsc tarball sum want ver
  dsc=$(ls "$cache/src/${pkg}_"*.dsc 2>/dev/null | head -n 1)
  tarball=$(ls "$cache/src/${pkg}_"*.orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n 1)
  [ -n "$dsc" ] && [ -n "$tarball" ] || { say "apt-get source $pkg failed"; exit 2; }
  want=$(awk -v f="$(basename "$tarball")" '/^Checksums-Sha256:/ {c = 1; next} /^[^ ]/ {c = 0}
    c && $3 == f {print $1}' "$dsc")
  sum=$(sha256sum "$tarball" | cut -d' ' -f1)
  [ -n "$want" ] && [ "$sum" = "$want" ] || { say "$tarball does not match $dsc"; exit 2; }
  ver=$(basename "$tarball" | sed "s/^${pkg}_\(.*\)\.orig\.tar\..*/\1/")
  say "$pkg: the Debian part of the source package can't be fetched; using its upstream tarball (checked)"
  mkdir -p "$cache/src/$pkg-$ver"
  tar -xf "$tarball" -C "$cache/src/$pkg-$ver" --strip-components=1
}

lib_flags="-O2"
cmake_lib() { # cmake_lib SRC BUILD [CMAKE ARGS]
  local src=$1 bdir=$2
  shift 2
  rm -rf "$bdir"
  emcmake cmake -S "$src" -B "$bdir" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="$lib_flags" \
    -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_FIND_ROOT_PATH="$prefix" -DCMAKE_PREFIX_PATH="$prefix" \
    -DBUILD_SHARED_LIBS=OFF "$@" >"$bdir.log" 2>&1 || { tail -n 40 "$bdir.log" | cut -c1-400 >&2; exit 2; }
  cmake --build "$bdir" -j "$jobs" >>"$bdir.log" 2>&1 || { tail -n 40 "$bdir.log" | cut -c1-400 >&2; exit 2; }
  cmake --install "$bdir" >>"$bdir.log" 2>&1 || { tail -n 40 "$bdir.log" | cut -c1-400 >&2; exit 2; }
}

built() { [ -f "$cache/stamp-$1" ]; }
mark() { echo "$2" >"$cache/stamp-$1"; }

if ! built sdl2; then
  say "SDL2 (Debian source package libsdl2)"
  src=$(fetch libsdl2)
  cmake_lib "$src" "$cache/build-sdl2" -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
    -DSDL_AUDIO=OFF -DSDL_THREADS=OFF -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF -DSDL_SENSOR=OFF
  mark sdl2 "$(basename "$src")"
fi
if ! built freetype; then
  say "FreeType (Debian source package freetype)"
  src=$(fetch freetype)
  cmake_lib "$src" "$cache/build-freetype" -DFT_DISABLE_HARFBUZZ=ON -DFT_DISABLE_BZIP2=ON \
    -DFT_DISABLE_PNG=ON -DFT_DISABLE_BROTLI=ON -DFT_DISABLE_ZLIB=ON
  mark freetype "$(basename "$src")"
fi
if ! built sdl2_ttf; then
  say "SDL2_ttf (Debian source package libsdl2-ttf), without HarfBuzz"
  src=$(fetch libsdl2-ttf)
  cmake_lib "$src" "$cache/build-sdl2_ttf" -DSDL2TTF_HARFBUZZ=OFF -DSDL2TTF_VENDORED=OFF \
    -DSDL2TTF_SAMPLES=OFF -DSDL2_DIR="$prefix/lib/cmake/SDL2" \
    -DFREETYPE_LIBRARY="$prefix/lib/libfreetype.a" -DFREETYPE_INCLUDE_DIRS="$prefix/include/freetype2"
  mark sdl2_ttf "$(basename "$src")"
fi
if ! built pixman; then
  say "pixman (Debian source package pixman), no SIMD or threads"
  src=$(fetch pixman)
  (
    cd "$src" &&
    emconfigure ./configure --host=wasm32-unknown-emscripten --prefix="$prefix" --disable-shared --enable-static --disable-openmp \
      --disable-mmx --disable-sse2 --disable-ssse3 --disable-gtk --disable-libpng \
      CFLAGS="$lib_flags" >"$cache/build-pixman.log" 2>&1 &&
    emmake make -j "$jobs" -C pixman >>"$cache/build-pixman.log" 2>&1 &&
    emmake make -C pixman install >>"$cache/build-pixman.log" 2>&1 &&
    make -j1 install-pkgconfigDATA >>"$cache/build-pixman.log" 2>&1
  ) || { tail -n 40 "$cache/build-pixman.log" | cut -c1-400 >&2; exit 2; }
  mark pixman "$(basename "$src")"
fi
if ! built cjson; then
  say "cJSON (Debian source package cjson)"
  src=$(fetch cjson)
  cmake_lib "$src" "$cache/build-cjson" -DENABLE_CUSTOM_COMPILER_FLAGS=OFF -DENABLE_CJSON_TEST=OFF \
    -DENABLE_CJSON_UTILS=OFF -DENABLE_TARGET_EXPORT=ON
  mark cjson "$(basename "$src")"
fi
cat "$cache"/stamp-* >"$cache/versions.txt"

# --- 3. the game -------------------------------------------------------------------------
if [ "$clean" -eq 1 ]; then rm -rf "$build"; fi
say "the game (emscripten $emver; libraries in $cache)"
mkdir -p "$build"
emcmake cmake -S "$root" -B "$build/cmake" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_FIND_ROOT_PATH="$prefix" -DCMAKE_PREFIX_PATH="$prefix" \
  -DUPFRONT_WEB_DIST="$build/dist" >"$build/configure.log" 2>&1 ||
  { tail -n 40 "$build/configure.log" | cut -c1-400 >&2; exit 2; }
rm -f "$build/configure.log"
cmake --build "$build/cmake" -j "$jobs" --target upfront_web_dist
du -ab "$build/dist" | sort -k2 >&2
total=$(du -sb "$build/dist" | cut -f1)
say "build-web/dist: $total bytes in all (the budget: 8 MiB = 8388608)"
if [ "$total" -gt 8388608 ]; then
  say "over the 8 MiB budget"; exit 1
fi
