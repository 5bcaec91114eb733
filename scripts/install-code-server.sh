#!/usr/bin/env bash
# A real VS Code for the browser end-to-end test: code-server 4.100.3 (VS Code 1.100 on Node 20)
# and Debian's Chromium, installed from the npm and Debian registries only. Cached: a second run
# with the same folder does nothing. Needs root (apt-get) on a fresh machine.
#   usage: scripts/install-code-server.sh [DIR]   (default: $CODE_SERVER_DIR, else ~/.cache/nats-conf-e2e/code-server-4.100.3)
# The stock install fails here in three places (ripgrep and node-gyp are downloaded, native
# modules need rebuilding); each is handled below.
set -euo pipefail
VERSION=4.100.3
dir=${1:-${CODE_SERVER_DIR:-$HOME/.cache/nats-conf-e2e/code-server-$VERSION}}
marker="$dir/.ready-$VERSION"
if [ -f "$marker" ] && [ -x /usr/bin/chromium ]; then
  echo "code-server $VERSION: cached in $dir"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
packages=(build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
mkdir -p "$dir" && cd "$dir"
[ -f package.json ] || npm init -y >/dev/null
echo "code-server $VERSION: installing into $dir"
# 1. its postinstall downloads ripgrep: install without scripts, then do its steps by hand.
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >/dev/null
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin && cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
# 2. node-pty's build calls npx for node-gyp: npm_config_yes lets it through.
deps=$(node -e "const p=require('./package.json');console.log(Object.keys(p.dependencies).filter(d=>d!=='@vscode/ripgrep').join(' '))")
# shellcheck disable=SC2086
npm_config_yes=true npm rebuild $deps >/dev/null
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null)
# 3. code-server's own password hashing module is native too.
cd "$dir" && npm_config_yes=true npm rebuild argon2 >/dev/null
touch "$marker"
echo "code-server $VERSION: ready in $dir"
