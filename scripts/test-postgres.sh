#!/usr/bin/env bash
# Make a throwaway PostgreSQL server available for the store tests and print its URL as the last line of stdout:
#   postgresql+psycopg://egdi@127.0.0.1:55432/egdi_test
# Installs the Debian `postgresql` package when no server binaries are found under /usr/lib/postgresql/*/bin,
# creates a cluster in a temporary folder (trust authentication, listening on 127.0.0.1 only), starts it and
# creates the role and database. Safe to run again: a running server is reused.
#
#   bash scripts/test-postgres.sh          start (or reuse) the server and print its URL
#   bash scripts/test-postgres.sh stop     stop the server (the cluster folder is kept for the next start)
#
# Settings (environment): EGDI_TEST_PG_PORT (55432), EGDI_TEST_PG_DIR (${TMPDIR:-/tmp}/egdi-test-postgres).
# The server runs with fsync off: it is for tests only and holds nothing worth keeping.
set -euo pipefail

port="${EGDI_TEST_PG_PORT:-55432}"
dir="${EGDI_TEST_PG_DIR:-${TMPDIR:-/tmp}/egdi-test-postgres}"
host=127.0.0.1
role=egdi
database=egdi_test
url="postgresql+psycopg://${role}@${host}:${port}/${database}"

log() { echo "test-postgres: $*" >&2; }
die() {
  log "$*"
  exit 1
}

server_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Run a command as the cluster owner: `postgres` when we are root (initdb and postgres refuse root), else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

install_server() {
  log "PostgreSQL server binaries not found; installing the Debian package 'postgresql'"
  local sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "not root and sudo is missing: install the 'postgresql' package first"
    sudo_cmd="sudo"
  fi
  $sudo_cmd apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends postgresql >&2 ||
    die "apt-get install postgresql failed"
}

bin="$(server_bin)"
pg_ctl="${bin:+$bin/pg_ctl}"
data="$dir/data"

if [ "${1:-start}" = "stop" ]; then
  if [ -n "$bin" ] && [ -f "$data/postmaster.pid" ]; then
    as_owner "$pg_ctl" -D "$data" -m fast -w stop >&2 || die "could not stop the server in $data"
  fi
  log "stopped"
  exit 0
fi
[ "${1:-start}" = "start" ] || die "unknown command '$1' (use: start | stop)"

if [ -z "$bin" ]; then
  install_server
  bin="$(server_bin)"
  [ -n "$bin" ] || die "the 'postgresql' package is installed but no server was found under /usr/lib/postgresql/*/bin"
  pg_ctl="$bin/pg_ctl"
fi

if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "the 'postgres' system user is missing (it comes with the postgresql package)"
  install -d -m 700 -o postgres -g postgres "$dir"
else
  install -d -m 700 "$dir"
fi

if [ ! -f "$data/PG_VERSION" ]; then
  log "creating a cluster in $data"
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    die "initdb failed; see $dir/initdb.log"
fi

if ! as_owner "$pg_ctl" -D "$data" status >/dev/null 2>&1; then
  log "starting the server on $host:$port"
  as_owner "$pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=$host -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2 || die "the server did not start; see $dir/server.log"
fi

psql_admin() { as_owner "$bin/psql" -h "$host" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAq "$@"; }
for _ in $(seq 1 50); do
  "$bin/pg_isready" -q -h "$host" -p "$port" && break
  sleep 0.2
done
"$bin/pg_isready" -q -h "$host" -p "$port" || die "the server does not answer on $host:$port; see $dir/server.log"

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != "1" ]; then
  psql_admin -c "CREATE ROLE $role LOGIN CREATEDB" || die "could not create role $role"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE $database OWNER $role" || die "could not create database $database"
fi

echo "$url"
