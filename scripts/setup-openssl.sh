#!/usr/bin/env bash
# The MTA-STS tests (test/checks/) make a throwaway CA and server certificates with the openssl CLI
# (Debian package openssl) for their HTTPS policy server on loopback. Install it when missing.
set -euo pipefail
if command -v openssl >/dev/null 2>&1 || [ -x /usr/bin/openssl ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends openssl >/dev/null
