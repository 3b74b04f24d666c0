"""Exit 0 when the PostgreSQL server of a DATABASE_URL answers within a few seconds, else 1."""

from __future__ import annotations

import sys
import time

import dj_database_url
import psycopg


def main(url: str, seconds: float = 10.0) -> int:
    config = dj_database_url.parse(url)
    deadline = time.monotonic() + seconds
    while True:
        try:
            psycopg.connect(
                host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432, user=config["USER"],
                dbname=config["NAME"], password=config["PASSWORD"] or None, connect_timeout=3,
            ).close()
            return 0
        except psycopg.OperationalError as error:
            if time.monotonic() > deadline:
                print(f"PostgreSQL: {error}", file=sys.stderr)
                return 1
            time.sleep(1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "postgres://postgres@127.0.0.1:5432/test"))
