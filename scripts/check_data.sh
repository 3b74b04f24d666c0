#!/usr/bin/env bash
# `make check-data`: build the demo from scratch and check the data invariants (`ccnt check --data`),
# on SQLite and — when PG_TEST_URL answers — on PostgreSQL in a database of its own.
set -euo pipefail
BIN=${BIN:-.venv/bin}
PG_TEST_URL=${PG_TEST_URL:-postgres://postgres@127.0.0.1:5432/test}
VAR=var/check-data
rm -rf "$VAR/ccnt.sqlite3" "$VAR/archive"
mkdir -p "$VAR" var/cache
ln -sfn ../cache "$VAR/cache"   # the parse cache is shared with the other runs
echo "check-data: SQLite"
env -u DATABASE_URL CCNT_VAR_DIR="$VAR" "$BIN/ccnt" demo
env -u DATABASE_URL CCNT_VAR_DIR="$VAR" "$BIN/ccnt" check --data
if "$BIN/python" scripts/wait_for_postgres.py "$PG_TEST_URL"; then
  base=${PG_TEST_URL%/*}
  psql "$PG_TEST_URL" -q -c "DROP DATABASE IF EXISTS ccnt_check_data" -c "CREATE DATABASE ccnt_check_data"
  echo "check-data: PostgreSQL"
  rm -rf "$VAR/archive"
  DATABASE_URL="$base/ccnt_check_data" CCNT_VAR_DIR="$VAR" "$BIN/ccnt" demo
  DATABASE_URL="$base/ccnt_check_data" CCNT_VAR_DIR="$VAR" "$BIN/ccnt" check --data
  psql "$PG_TEST_URL" -q -c "DROP DATABASE IF EXISTS ccnt_check_data"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $PG_TEST_URL" >&2; exit 1
else
  echo "check-data: skipping PostgreSQL (no server at $PG_TEST_URL)"
fi
