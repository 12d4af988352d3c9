#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite (installs nothing: see system-deps.sh).
#   url=$(bash scripts/pg-test-server.sh start)   # prints postgresql+psycopg://... on stdout
#   bash scripts/pg-test-server.sh stop            # stops it and removes its folder
# The cluster lives in a temp dir (trust auth, unix socket in that dir, a free TCP port on
# loopback); its location is remembered in $PG_TEST_STATE, by default a file named after the
# calling shell's pid, so `start` and `stop` from one script (scripts/test.sh) pair up and
# concurrent test runs on one machine never stop each other's server.
set -euo pipefail
STATE=${PG_TEST_STATE:-/tmp/pg-test-server.$PPID}

bindir() {
  local ctl
  ctl=$(command -v pg_ctl 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$ctl" ] || { echo "pg-test-server: PostgreSQL is not installed (make system-deps)" >&2; exit 1; }
  dirname "$(readlink -f "$ctl")"
}

# Run as the postgres user when we are root (initdb refuses root).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local bin dir port
  bin=$(bindir)
  [ -f "$STATE" ] && stop >/dev/null 2>&1 || true
  dir=$(mktemp -d /tmp/pg-test.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  port=$(free_port)
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1; }
  printf '%s\n%s\n' "$dir" "$port" >"$STATE"
  as_pg "$bin/createdb" -h "$dir" -p "$port" -U postgres calendar_test || { stop; exit 1; }
  echo "postgresql+psycopg://postgres@127.0.0.1:$port/calendar_test"
}

stop() {
  [ -f "$STATE" ] || return 0
  local bin dir
  bin=$(bindir)
  dir=$(sed -n 1p "$STATE")
  if [ -d "$dir/data" ]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  case "$dir" in /tmp/pg-test.*) rm -rf "$dir" ;; esac
  rm -f "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
