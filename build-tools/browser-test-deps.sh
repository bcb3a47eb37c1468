#!/usr/bin/env bash
# Installs the npm packages of the report browser test (operator/controller/src/test/browser: playwright-core, no
# browser: it drives Debian's chromium) with `npm ci` from the lock file, once per lock file. Without npm it says so in
# one line and the test is skipped; with TF_REQUIRE_REAL_BINARIES=true (CI) a missing npm or a failed install fails.
set -euo pipefail
dir="$(cd "$(dirname "$0")/.." && pwd)/operator/controller/src/test/browser"
required="${TF_REQUIRE_REAL_BINARIES:-false}"
if ! command -v npm >/dev/null 2>&1; then
  echo "browser-test-deps: npm is not installed, so the what-if report browser test is skipped (install Node.js 18+)"
  [ "$required" = "true" ] && { echo "browser-test-deps: TF_REQUIRE_REAL_BINARIES=true: npm is required" >&2; exit 1; }
  exit 0
fi
stamp="$dir/node_modules/.trust-fabric-lock"
want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
cd "$dir"
if PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --prefer-offline --loglevel=error; then
  echo "$want" > "$stamp"
  echo "browser-test-deps: installed $(node -p "require('./node_modules/playwright-core/package.json').version" 2>/dev/null | sed 's/^/playwright-core /')"
else
  echo "browser-test-deps: npm ci failed, so the what-if report browser test is skipped" >&2
  [ "$required" = "true" ] && exit 1
  exit 0
fi
