#!/usr/bin/env bash
# Set up (if needed) and run every check: lint (ruff), types (mypy on indicators/) and the whole test suite.
# The store's tests also run against a throwaway PostgreSQL server (scripts/test-postgres.sh installs and starts one).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${EGDI_TEST_POSTGRES_URL:-}" ]; then
  if pg_url=$(bash scripts/test-postgres.sh 2>/tmp/egdi-test-postgres.log | tail -n 1) && [ -n "$pg_url" ]; then
    export EGDI_TEST_POSTGRES_URL="$pg_url"
    echo "== PostgreSQL for the store tests: $pg_url"
  else
    echo "== PostgreSQL could not be started (see /tmp/egdi-test-postgres.log): the store tests run on SQLite only"
  fi
fi
echo "== ruff"; .venv/bin/ruff check .
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/python -m pytest "$@"
