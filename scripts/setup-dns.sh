#!/usr/bin/env bash
# The checks tests (test/checks/) run a real authoritative DNS server on loopback: Knot DNS
# (Debian package knot). Install it when missing; the tests start and stop their own knotd.
set -euo pipefail
if command -v knotd >/dev/null 2>&1 || [ -x /usr/sbin/knotd ]; then exit 0; fi
bash "$(dirname "$0")/apt-install.sh" --no-install-recommends knot
