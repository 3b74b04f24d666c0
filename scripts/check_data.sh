#!/usr/bin/env bash
# `make check-data`: build the demo from scratch and check the data invariants (`ccnt check --data`),
# on SQLite and — when PG_TEST_URL answers — on PostgreSQL in a database of its own. The two builds
# are single processes, so they run side by side (one core each), each in a var folder of its own
# (database, archive of originals); the parse cache is shared.
set -euo pipefail
BIN=${BIN:-.venv/bin}
PG_TEST_URL=${PG_TEST_URL:-postgres://postgres@127.0.0.1:5432/test}
VAR=var/check-data
mkdir -p "$VAR" var/cache
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT

# prepare a var folder: no database or archive left from an earlier run, the shared parse cache
fresh_var() {
  rm -rf "$1"
  mkdir -p "$1"
  ln -sfn ../../cache "$1/cache"
}

# The SQLite build is CI's one build WITH meaning search (CCNT_EMBEDDINGS on): `ccnt demo` embeds the
# demo in-process (every core, ~10-15 min on two), then the passages are checked (`check --data`),
# `ccnt reindex --embeddings` must find nothing left to embed, a question must find passages, and
# `ccnt eval --search` prints the search's recall.
# Everything else in CI is keyword-only (the suite sets CCNT_EMBEDDINGS=0; so does the PostgreSQL build).
check_sqlite() {
  fresh_var "$VAR/sqlite"
  env -u DATABASE_URL CCNT_EMBEDDINGS=1 CCNT_VAR_DIR="$VAR/sqlite" "$BIN/ccnt" demo
  env -u DATABASE_URL CCNT_EMBEDDINGS=1 CCNT_VAR_DIR="$VAR/sqlite" "$BIN/ccnt" check --data
  env -u DATABASE_URL CCNT_EMBEDDINGS=1 CCNT_VAR_DIR="$VAR/sqlite" "$BIN/ccnt" reindex --embeddings | tee "$VAR/meaning.log"
  grep -Eq "^meaning search: [1-9][0-9]* passages of [0-9]+ policies, [1-9][0-9]* vectors .*, 0 pending$" \
    "$VAR/meaning.log" || { echo "meaning search: passages left unembedded after ccnt demo" >&2; return 1; }
  env -u DATABASE_URL CCNT_EMBEDDINGS=1 CCNT_VAR_DIR="$VAR/sqlite" "$BIN/python" scripts/meaning_smoke.py
  # the hybrid search's recall@10 and MRR against the keyword search, on the information needs of
  # eval/search (printed for the record; its dev and test figures are in docs/site.md)
  env -u DATABASE_URL CCNT_EMBEDDINGS=1 CCNT_VAR_DIR="$VAR/sqlite" "$BIN/ccnt" eval --search
}

check_postgres() {
  local base=${PG_TEST_URL%/*}
  fresh_var "$VAR/postgresql"
  psql "$PG_TEST_URL" -q -c "DROP DATABASE IF EXISTS ccnt_check_data" -c "CREATE DATABASE ccnt_check_data"
  DATABASE_URL="$base/ccnt_check_data" CCNT_EMBEDDINGS=0 CCNT_VAR_DIR="$VAR/postgresql" "$BIN/ccnt" demo
  DATABASE_URL="$base/ccnt_check_data" CCNT_EMBEDDINGS=0 CCNT_VAR_DIR="$VAR/postgresql" "$BIN/ccnt" check --data
  psql "$PG_TEST_URL" -q -c "DROP DATABASE IF EXISTS ccnt_check_data"
}

check_sqlite >"$LOGS/sqlite" 2>&1 &
sqlite_pid=$!
postgres_pid=
if "$BIN/python" scripts/wait_for_postgres.py "$PG_TEST_URL"; then
  check_postgres >"$LOGS/postgresql" 2>&1 &
  postgres_pid=$!
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $PG_TEST_URL" >&2; wait "$sqlite_pid" || true; exit 1
fi

status=0
echo "check-data: SQLite"
wait "$sqlite_pid" || status=1
cat "$LOGS/sqlite"
if [ -n "$postgres_pid" ]; then
  echo "check-data: PostgreSQL"
  wait "$postgres_pid" || status=1
  cat "$LOGS/postgresql"
else
  echo "check-data: skipping PostgreSQL (no server at $PG_TEST_URL)"
fi
exit $status
