#!/usr/bin/env bash
# Run the test suite. Starts a throw-away PostgreSQL server when one can be started and
# DATABASE_URL is not already set, so the storage tests run against SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DATABASE_URL:-}" ] && [ -x scripts/pg-test-server.sh ]; then
  if url=$(bash scripts/pg-test-server.sh start); then
    export DATABASE_URL="$url"
    trap 'bash scripts/pg-test-server.sh stop' EXIT
  fi
fi
# pyproject.toml holds pytest's settings (the per-test timeout, the markers).
.venv/bin/python -m pytest -q "$@"
