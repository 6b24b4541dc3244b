#!/usr/bin/env bash
# setup.sh — what the browser tests (tests/web/test_web.js, ctest -L web) need beside the
# browser build: Debian's chromium (apt-get; sudo when not root) and puppeteer-core from
# npm, installed outside the source tree, in
#   ${UPFRONT_WEB_NODE_MODULES:-${XDG_CACHE_HOME:-$HOME/.cache}/upfront-web/node/node_modules}
# puppeteer-core drives a browser it is given (it downloads none): /usr/bin/chromium. Its
# version is pinned; 24.x runs on Node.js 18 and later (25 needs Node.js 22).
set -euo pipefail
PUPPETEER_CORE_VERSION=24.43.1
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo=$(command -v sudo || true); fi
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "web tests: installing ${need[*]}" >&2
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi
modules=${UPFRONT_WEB_NODE_MODULES:-${XDG_CACHE_HOME:-$HOME/.cache}/upfront-web/node/node_modules}
dir=$(dirname "$modules")
have=$(node -e "try{console.log(require('$modules/puppeteer-core/package.json').version)}catch(e){}" 2>/dev/null || true)
if [ "$have" != "$PUPPETEER_CORE_VERSION" ]; then
  echo "web tests: npm install puppeteer-core@$PUPPETEER_CORE_VERSION into $dir" >&2
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name": "upfront-web-tests", "private": true}' >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "puppeteer-core@$PUPPETEER_CORE_VERSION" >&2)
fi
echo "$modules"
