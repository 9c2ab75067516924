#!/usr/bin/env bash
# Serve the dashboard for many users with gunicorn (settings in gunicorn.conf.py; see README, "Running it for many users").
#
#   EGDI_DATABASE_URL=postgresql+psycopg://egdi@dbhost/egdi EGDI_SECRET_KEY=... bash scripts/serve.sh
#
# Needs a database URL and a session secret (EGDI_SECRET_KEY, or the file EGDI_SECRET_KEY_FILE or var/secret-key);
# refuses to start without them and never makes one up. EGDI_HTTPS defaults to 1 here: the reverse proxy serves HTTPS.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "serve.sh: $*" >&2
  exit 2
}

[ -n "${EGDI_DATABASE_URL:-}" ] || fail "set EGDI_DATABASE_URL (e.g. postgresql+psycopg://egdi:PASSWORD@dbhost/egdi)"
if [ -z "${EGDI_SECRET_KEY:-}" ]; then
  secret_file="${EGDI_SECRET_KEY_FILE:-var/secret-key}"
  [ -s "$secret_file" ] ||
    fail "no session secret: set EGDI_SECRET_KEY (the same on every machine) or make $secret_file once with: .venv/bin/python app.py --make-secret"
fi
[ -x .venv/bin/gunicorn ] || fail "gunicorn is missing: run bash scripts/setup.sh"

export EGDI_HTTPS="${EGDI_HTTPS:-1}" EGDI_REQUIRE_SECRET=1
# Two malloc arenas per worker instead of eight per core: its threads share them, so the pandas frames a worker frees
# are given back instead of being held in per-thread arenas (the worker's memory stays near what it really uses).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec .venv/bin/gunicorn --config gunicorn.conf.py "$@" app:server
