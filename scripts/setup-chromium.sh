#!/usr/bin/env bash
# The browser tests (test/web/) drive Debian's headless Chromium through playwright-core: install it
# when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
bash "$(dirname "$0")/apt-install.sh" chromium
