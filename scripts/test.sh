#!/usr/bin/env bash
# The test command of the README: installs what the tests need, builds, checks, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

npm run -s build
npx tsc -p tsconfig.json --noEmit
npx biome check .

# What other tests need from Debian (a headless Chromium, a DNS server): each setup script installs
# its package when missing.
for setup in scripts/setup-*.sh; do
  [ -e "$setup" ] && bash "$setup"
done

# A real PostgreSQL server for the store tests (the same suite runs on SQLite files).
if [ -z "${DIAGNOSA_TEST_PG_URL:-}" ] && [ "${DIAGNOSA_SKIP_PG:-}" != "1" ]; then
  pg=$(bash scripts/pg.sh)
  trap 'bash scripts/pg.sh stop "${pg%% *}"' EXIT
  export DIAGNOSA_TEST_PG_URL="${pg#* }"
fi

# node's own test runner (TAP when not on a terminal: CI reads its closing "# pass" / "# fail").
node --test dist/test/
