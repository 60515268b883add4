#!/usr/bin/env bash
# The checks tests (test/checks/) run a real authoritative DNS server on loopback: Knot DNS
# (Debian package knot). Install it when missing; the tests start and stop their own knotd.
set -euo pipefail
if command -v knotd >/dev/null 2>&1 || [ -x /usr/sbin/knotd ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends knot >/dev/null
