#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests, installing Debian's package when it is missing.
# Prints the connection URL on stdout; `scripts/pg.sh stop DIR` stops it.
set -euo pipefail

if [ "${1:-}" = "stop" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  su postgres -s /bin/sh -c "$bin/pg_ctl -D '$2/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$2"
  exit 0
fi

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "installing postgresql (apt)..." >&2
  bash "$(dirname "$0")/apt-install.sh" postgresql
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=${DIAGNOSA_PG_PORT:-54329}
# A port another cluster (a run that did not clean up) holds is skipped.
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
dir=$(mktemp -d /tmp/diagnosa-pg.XXXXXX)
chown postgres "$dir"
# PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
su postgres -s /bin/sh -c "$bin/initdb -D '$dir/data' -A trust -U postgres --no-sync" >/dev/null
su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -w -o \"-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null
echo "$dir postgres://postgres@127.0.0.1:$port/postgres"
