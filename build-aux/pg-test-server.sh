#!/usr/bin/env bash
# A private PostgreSQL 15 for the tests: a fresh cluster in a temporary
# folder, listening only on a Unix socket in that folder (no TCP port).
#
#   pg-test-server.sh start DIR   makes and starts it; prints the URI
#   pg-test-server.sh stop DIR    stops it and removes DIR
#   pg-test-server.sh pause DIR   stops it, keeping its data (a server that goes away)
#   pg-test-server.sh resume DIR  starts a paused one again
#
# The URI names the superuser "pw" and the database "postgres"; tests make
# a database of their own each.  A second role, "pw_password" (password
# "right"), is the one role that must give a password (scram-sha-256), so
# the tests can try a wrong one.  initdb and pg_ctl refuse to run as root
# (CI runs as root): as root, the server runs as the "postgres" user that
# Debian's package makes (or "pwtest", made here if that is missing).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
cmd=${1:-}
dir=${2:-}
usage="usage: $0 start|stop|pause|resume DIR"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "$usage" >&2; exit 2; }

as_owner () {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$owner" -- "$@"
  else
    "$@"
  fi
}

run_server () {
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
    -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
    start >&2
}

owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || {
    owner=pwtest
    id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home "$owner"
  }
fi

case "$cmd" in
start)
  [ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed ($bin/initdb)" >&2; exit 1; }
  mkdir -p "$dir"
  chown "$owner" "$dir" 2>/dev/null || true
  chmod 0711 "$dir"
  # An English collation, as an office server would have: text_c must keep
  # the byte order SQLite sorts by (pw-db-pg-dialect.c).
  as_owner "$bin/initdb" -D "$dir/data" -U pw -A trust -E UTF8 --locale=C.UTF-8 \
    --locale-provider=icu --icu-locale=en-GB \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # The password role first: pg_hba.conf is read top down.
  sed -i '1i local all pw_password scram-sha-256' "$dir/data/pg_hba.conf"
  run_server
  as_owner "$bin/psql" -h "$dir" -U pw -d postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE pw_password LOGIN PASSWORD 'right'" >&2
  echo "postgresql:///postgres?host=$dir&user=pw"
  ;;
stop)
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -s stop >&2 || true
  rm -rf "$dir"
  ;;
pause)
  # fast: its sessions are ended and what was committed is kept
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -s stop >&2
  ;;
resume)
  run_server
  ;;
*)
  echo "$usage" >&2
  exit 2
  ;;
esac
