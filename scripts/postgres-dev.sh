#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 server for Runway's tests and development:
# on 127.0.0.1, on a free port, as the postgres user, in a temporary data directory.
#   eval "$(scripts/postgres-dev.sh start)"   # exports RUNWAY_TEST_POSTGRES_URL
#   scripts/postgres-dev.sh stop
set -euo pipefail
state=${RUNWAY_PG_STATE:-/tmp/runway-postgres}

find_bin() {
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin /usr/local/bin /usr/bin; do
    [ -x "$dir/$1" ] && { echo "$dir/$1"; return; }
  done
  return 1
}

case "${1:-}" in
  start)
    if ! find_bin initdb >/dev/null || ! find_bin pg_ctl >/dev/null; then
      echo "installing PostgreSQL 15" >&2
      apt-get update -qq >&2 && apt-get install -y -qq postgresql-15 >&2
    fi
    initdb=$(find_bin initdb); pg_ctl=$(find_bin pg_ctl)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    rm -rf "$state"; mkdir -p "$state"; chown postgres "$state"
    if ! su postgres -c "test -w $state"; then
      echo "the postgres user cannot write $state; set RUNWAY_PG_STATE to a folder it can reach" >&2
      exit 1
    fi
    su postgres -c "$initdb -D $state/data -U postgres --auth=trust -E UTF8" >/dev/null
    su postgres -c "$pg_ctl -D $state/data -l $state/log -o '-p $port -k $state -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off' -w start" >/dev/null
    echo "$port" > "$state/port"
    echo "export RUNWAY_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    pg_ctl=$(find_bin pg_ctl)
    [ -d "$state/data" ] && su postgres -c "$pg_ctl -D $state/data -m fast -w stop" >/dev/null || true
    rm -rf "$state"
    ;;
  *)
    echo "usage: scripts/postgres-dev.sh start|stop" >&2
    exit 2
    ;;
esac
