#!/usr/bin/env bash
# The MTA-STS tests (test/checks/) make a throwaway CA and server certificates with the openssl CLI
# (Debian package openssl) for their HTTPS policy server on loopback. Install it when missing.
set -euo pipefail
if command -v openssl >/dev/null 2>&1 || [ -x /usr/bin/openssl ]; then exit 0; fi
bash "$(dirname "$0")/apt-install.sh" --no-install-recommends openssl
