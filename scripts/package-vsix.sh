#!/usr/bin/env bash
# Builds the extension and packages it as a .vsix for the e2e tests (or by hand).
#   scripts/package-vsix.sh [OUT]   (default: dist/corroborate-e2e.vsix)
# esbuild bundles every dependency into dist/, so vsce needs none of node_modules.
set -euo pipefail
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$PROJECT_DIR/dist/corroborate-e2e.vsix}"
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
cd "$PROJECT_DIR"
if [ ! -f src/client/extension.ts ]; then
  echo "package-vsix: src/client/extension.ts does not exist yet; nothing to package" >&2
  exit 1
fi
npm run --silent build
mkdir -p "$(dirname "$OUT")"
# No stdin in CI: vsce would otherwise stop and ask about a missing LICENSE or repository.
npx --no-install vsce package --no-dependencies --skip-license --allow-missing-repository --no-rewrite-relative-links -o "$OUT" </dev/null
echo "package-vsix: wrote $OUT"
