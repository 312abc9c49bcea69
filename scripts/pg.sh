#!/usr/bin/env bash
# Throwaway local PostgreSQL cluster for the run and test commands (no Docker needed).
#
#   source scripts/pg.sh            # starts (or reuses) the cluster, exports ConnectionStrings__Postgres
#   scripts/pg.sh stop              # stops the cluster this script started
#
# When ConnectionStrings__Postgres is already set, nothing is started and it is used as is.
# The cluster lives in .pgdata/ (git-ignored) — or under /tmp when the postgres user cannot write
# into the checkout — runs as the `postgres` user when invoked as root (postgres refuses root),
# listens on 127.0.0.1 on a free port and is tuned for throwaway use (fsync off).

_pg_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_pg_bin() {
  local d
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  echo "pg.sh: PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql-15" >&2
  return 1
}

_pg_as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_pg_dir() {
  local d="$_pg_root/.pgdata"
  if [ "$(id -u)" = "0" ]; then
    mkdir -p "$d" && chown postgres:postgres "$d" 2>/dev/null
    if ! runuser -u postgres -- test -w "$d" 2>/dev/null; then
      d="/tmp/navusoftsync-pg-$(echo "$_pg_root" | md5sum | cut -c1-12)"
      mkdir -p "$d" && chown postgres:postgres "$d"
    fi
  else
    mkdir -p "$d"
  fi
  echo "$d"
}

_pg_free_port() {
  local p
  for p in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

pg_start() {
  if [ -n "${ConnectionStrings__Postgres:-}" ]; then
    echo "pg.sh: using the given ConnectionStrings__Postgres" >&2
    return 0
  fi
  local bin dir data port
  NAVUSOFTSYNC_PG_STARTED=0
  bin="$(_pg_bin)" || return 1
  dir="$(_pg_dir)"
  data="$dir/data"
  if [ -f "$dir/port" ] && _pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    port="$(cat "$dir/port")"
    echo "pg.sh: reusing the running cluster on port $port" >&2
  else
    if [ ! -f "$data/PG_VERSION" ]; then
      _pg_as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; return 1; }
    fi
    port="$(_pg_free_port)" || { echo "pg.sh: no free port" >&2; return 1; }
    _pg_as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=256MB" \
      start >/dev/null || { tail -n 30 "$dir/server.log" >&2; return 1; }
    echo "$port" > "$dir/port"
    touch "$dir/started-by-script"
    NAVUSOFTSYNC_PG_STARTED=1
    echo "pg.sh: started PostgreSQL on 127.0.0.1:$port (data in $data)" >&2
  fi
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
  export NAVUSOFTSYNC_PG_DIR="$dir"
  export NAVUSOFTSYNC_PG_STARTED # 1 only when this call started the cluster (stop only what you started)
}

pg_stop() {
  local bin dir
  bin="$(_pg_bin)" || return 1
  dir="$(_pg_dir)"
  if [ -f "$dir/data/PG_VERSION" ]; then
    _pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 && echo "pg.sh: stopped PostgreSQL" >&2
    rm -f "$dir/port" "$dir/started-by-script"
  fi
}

# Executed (not sourced): act on the argument.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-start}" in
    start) pg_start; echo "$ConnectionStrings__Postgres" ;;
    stop) pg_stop ;;
    destroy) pg_stop; rm -rf "$(_pg_dir)" ;;
    *) echo "usage: scripts/pg.sh [start|stop|destroy]" >&2; exit 2 ;;
  esac
fi
