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

# node's own test runner (TAP when not on a terminal: CI reads its closing "# pass" / "# fail").
node --test dist/test/
