#!/usr/bin/env bash
# Installs what the integration suite needs into DIR (default .vscode-test/code-server): apt packages,
# then code-server 4.100.3 from npm, offline-safe (see ../shared/testing/real-vscode.md). Idempotent.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep 1.15.11 is the version code-server 4.100.3 pins; its postinstall downloads this asset
# unless the tarball is already in its cache, so we seed the cache with Debian's rg.
RIPGREP_CACHE_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

DIR="${1:-.vscode-test/code-server}"
# fonts-ipafont-gothic: Japanese text (the certificate report's column names) renders in screenshots instead of boxes.
APT_PACKAGES=(chromium build-essential python3 pkg-config libkrb5-dev ripgrep fonts-ipafont-gothic)

log() { echo "setup-code-server: $*"; }
die() { echo "setup-code-server: ERROR: $*" >&2; exit 1; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  command -v apt-get >/dev/null || die "apt-get not found; install by hand: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
else
  log "apt packages already present"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after apt"

installed_version() {
  node -p "require('./$DIR/node_modules/code-server/package.json').version" 2>/dev/null || true
}

# The native modules and rg are what a silently skipped install script would leave out (pitfall 6).
check_install() {
  local cs="$DIR/node_modules/code-server"
  local spdlog pty
  spdlog="$(find "$cs" -name spdlog.node -path '*build/Release*' 2>/dev/null | head -n1)"
  pty="$(find "$cs" -name pty.node -path '*build/Release*' 2>/dev/null | head -n1)"
  [ -n "$spdlog" ] || die "spdlog.node missing under $cs (install scripts did not run?)"
  [ -n "$pty" ] || die "pty.node missing under $cs (install scripts did not run?)"
  [ -n "$(find "$cs" -path '*@vscode/ripgrep/bin/rg' 2>/dev/null | head -n1)" ] || die "@vscode/ripgrep bin/rg missing under $cs"
}

if [ "$(installed_version)" = "$CODE_SERVER_VERSION" ]; then
  check_install
  log "code-server $CODE_SERVER_VERSION already installed in $DIR"
  exit 0
fi

cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_CACHE_VERSION"
mkdir -p "$cache"
if [ ! -s "$cache/$RIPGREP_ASSET" ]; then
  tar czf "$cache/$RIPGREP_ASSET" -C "$(dirname "$(command -v rg)")" rg
  log "seeded ripgrep cache $cache/$RIPGREP_ASSET"
fi

mkdir -p "$DIR"
# A package.json of its own keeps npm from walking up into the project's manifest.
[ -f "$DIR/package.json" ] || echo '{"private":true}' > "$DIR/package.json"
log "npm install code-server@$CODE_SERVER_VERSION into $DIR (about a minute)"
start=$(date +%s)
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`; nodedir: build native modules against
# /usr/include/node instead of downloading headers; unsafe_perm: run install scripts as root.
(
  cd "$DIR"
  npm_config_yes=true npm_config_nodedir=/usr npm_config_unsafe_perm=true \
    npm install "code-server@$CODE_SERVER_VERSION" --unsafe-perm --no-audit --no-fund
)
[ "$(installed_version)" = "$CODE_SERVER_VERSION" ] || die "code-server $CODE_SERVER_VERSION not found in $DIR after npm install"
check_install
log "code-server $CODE_SERVER_VERSION installed in $(( $(date +%s) - start )) s"
