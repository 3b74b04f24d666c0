"""HTML search under concurrent readers: the production server (``ccnt serve --prod``) on PostgreSQL
with demo + N synthetic policies, C client threads for D seconds, each requesting
``/policies/?q=<two random characters>`` on its own keep-alive connection. Prints p50 / p95 / p99,
requests per second and errors (non-200 answers and failed connections).

    .venv/bin/python scripts/bench_search_clients.py [--n 20000] [--clients 20] [--duration 60]
        [--database-url postgres://postgres@127.0.0.1:5432/ccnt_bench19]

The database is built once (``ccnt demo`` + ``ccnt synth N``) and reused when it already holds N
synthetic policies. The search rate limit (``CCNT_SEARCH_RATE``) is raised for the run: every
client comes from 127.0.0.1. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load_test  # noqa: E402 - the database and server helpers of the wrk load test

from ccnt.ingest.encoding import COMMON  # noqa: E402

CHARACTERS = sorted(COMMON)


def client(port: int, stop: float, seed: int, latencies: list[float], errors: list[str]) -> None:
    rnd = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop:
        term = rnd.choice(CHARACTERS) + rnd.choice(CHARACTERS)
        started = time.perf_counter()
        try:
            connection.request("GET", f"/policies/?q={quote(term)}")
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                errors.append(f"HTTP {response.status}")
            latencies.append(elapsed)
        except (OSError, http.client.HTTPException) as error:
            errors.append(type(error).__name__)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.close()


def run_clients(port: int, clients: int, seconds: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(port, stop, i, latencies, errors)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--warm-up", type=int, default=10)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/ccnt_bench19")
    args = parser.parse_args(argv)
    if not load_test.pg_available(args.database_url):
        raise SystemExit(f"PostgreSQL is not reachable at {args.database_url}")
    var_dir = Path(tempfile.mkdtemp(prefix="ccnt-bench-search-"))
    env = {**os.environ, "DATABASE_URL": args.database_url, "CCNT_VAR_DIR": str(var_dir),
           "CCNT_SECRET_KEY": secrets.token_urlsafe(60), "CCNT_ALLOWED_HOSTS": "127.0.0.1,localhost",
           "CCNT_SEARCH_RATE": "100000000/min", "CCNT_LOG_LEVEL": "WARNING"}
    for name in ("CCNT_DEBUG", "CCNT_HTTPS", "CCNT_REDIS_URL", "CCNT_BROKER_URL"):
        env.pop(name, None)
    load_test.build(env, args.database_url, args.n, fresh=False)
    port = load_test.free_port()
    log = (var_dir / "server.log").open("wb")
    server = subprocess.Popen([*load_test.CCNT, "serve", "--prod", "--bind", f"127.0.0.1:{port}"], env=env,
                              cwd=load_test.REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        load_test.wait_ready(port, server)
        run_clients(port, min(args.clients, 4), args.warm_up)
        latencies, errors = run_clients(port, args.clients, args.duration)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    ms = [1000 * s for s in latencies]
    p = load_test.percentile
    print(f"HTML search /policies/?q=<2 random characters>: {args.clients} clients, {args.duration} s, "
          f"demo + {args.n} synthetic policies on PostgreSQL, ccnt serve --prod")
    print(f"requests {len(ms)} ({len(ms) / args.duration:.1f}/s)  p50 {p(ms, 50):.0f} ms  p95 {p(ms, 95):.0f} ms  "
          f"p99 {p(ms, 99):.0f} ms  errors {len(errors)}"
          + (f" ({', '.join(sorted(set(errors)))})" if errors else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
