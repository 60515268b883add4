#!/usr/bin/env bash
# Installs Debian packages for the test suite (root, or through sudo): `scripts/apt-install.sh PKG…`.
# apt output goes to stderr so that callers printing on stdout (scripts/pg.sh) stay readable.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@" >&2
