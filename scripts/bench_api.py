#!/usr/bin/env python
"""API benchmark: N synthetic policies (``ccnt synth``) in a throwaway SQLite database, the site
served on loopback, then latency p50 / p95 of API list and filter requests (one client, in
sequence) and requests per second under a loopback load (several keep-alive clients at once —
the same measurement as wrk, in Python so it needs no extra tool).

    .venv/bin/python scripts/bench_api.py [--n 20000] [--smoke] [--clients 8] [--seconds 10]

Rate-limit counters go to Redis when it answers at 127.0.0.1:6379 (else the database cache), so
every request pays the throttle as in production; the anonymous limit is raised for the run.
Every printed figure carries the data size beside it.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
# this interpreter (the venv that runs the script, whatever its folder), not a path guessed in the tree
CCNT = [sys.executable, "-m", "ccnt.cli"]

REQUESTS = [
    ("list, 50 per page", "/api/v1/policies/?page_size=50"),
    ("list, next page by cursor", None),  # filled in from the first answer
    ("filter level+category, 50", "/api/v1/policies/?level=province&category=energy&page_size=50"),
    ("filter jurisdiction+year, 50", "/api/v1/policies/?jurisdiction=320000&year=2023&page_size=50"),
    ("filter has_targets + targets, 50", "/api/v1/policies/?has_targets=1&include=targets&page_size=50"),
    ("search q=储能, 50", "/api/v1/policies/?q=%E5%82%A8%E8%83%BD&page_size=50"),
    ("targets indicator+year", "/api/v1/targets/?indicator=non_fossil_share&year=2025&page_size=50"),
    ("jurisdictions level=province", "/api/v1/jurisdictions/?level=province"),
    ("CSV list, 50", "/api/v1/policies/?page_size=50&format=csv"),
]
LOAD_PATH = "/api/v1/policies/?level=province&category=energy&page_size=50"


def redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(env, *args) -> str:
    result = subprocess.run([*CCNT, *args], env=env, capture_output=True, text=True, timeout=3600)
    if result.returncode:
        sys.exit(f"ccnt {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Client:
    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = self.connect()

    def connect(self) -> http.client.HTTPConnection:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.connect()
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn

    def get(self, path: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
        for attempt in (1, 2):
            try:
                self.conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
                response = self.conn.getresponse()
                body = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = self.connect()
                return response.status, body, dict(response.getheaders())
            except (http.client.HTTPException, ConnectionError, OSError):
                self.conn.close()
                self.conn = self.connect()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


SERVER = """
import os, socket, socketserver, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")
import django
django.setup()
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer, get_internal_wsgi_application

class Handler(WSGIRequestHandler):
    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no 40 ms Nagle stalls

    def log_message(self, *args):
        pass

class Server(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True

httpd = Server(("127.0.0.1", int(sys.argv[1])), Handler)
httpd.set_app(get_internal_wsgi_application())
httpd.serve_forever()
"""


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20000, help="synthetic policies (besides the demo's)")
    parser.add_argument("--smoke", action="store_true", help="small and quick, without the demo (CI)")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    if args.smoke:
        args.n, args.repeat, args.seconds, args.clients = 500, 8, 2, 4

    var = Path(tempfile.mkdtemp(prefix="apibench-ccnt-"))
    env = dict(os.environ, CCNT_VAR_DIR=str(var), CCNT_API_ANON_RATE="100000000/min", CCNT_LOG_LEVEL="ERROR")
    env.pop("DATABASE_URL", None)
    cache = "Redis" if redis_up() else "database cache"
    if cache == "Redis":
        env["CCNT_REDIS_URL"] = "redis://127.0.0.1:6379/14"
    # --smoke: reference data and the synthetic policies only (as bench_pages.py --smoke): CI checks
    # that the benchmark runs and prints its figures, not the demo's load time
    base = "setup" if args.smoke else "demo"
    print(f"setting up: {base} + {args.n} synthetic policies in {var} (SQLite); throttle counters in {cache}")
    t0 = time.time()
    run(env, base)
    if args.n:
        run(env, "synth", str(args.n))
    count = run(env, "shell", "-c", "from ccnt.tracker.models import Policy; print(Policy.objects.public().count())")
    size = f"{int(count.split()[-1])} public policies"
    print(f"ready in {time.time() - t0:.0f} s: {size}")

    port = free_port()
    # Django's threaded development server (what `ccnt serve` runs), with TCP_NODELAY set
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    failures = 0
    try:
        wait_for(port)
        client = Client(port)
        status, body, _ = client.get(REQUESTS[0][1])
        assert status == 200, body[:300]
        import json

        next_url = json.loads(body)["meta"]["next"]
        parts = urlsplit(next_url)
        requests = [(label, path or f"{parts.path}?{parts.query}") for label, path in REQUESTS]
        print(f"\nlatency, one client in sequence, {args.repeat} requests each ({size}, Django runserver):")
        print(f"{'request':36} {'rows':>6} {'p50 ms':>8} {'p95 ms':>8}")
        for label, path in requests:
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                status, body, headers = client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                if status != 200:
                    failures += 1
            if status != 200:
                rows = f"HTTP {status}"
            else:
                rows = "-" if "format=csv" in path else json.loads(body)["meta"]["count"]
            print(f"{label:36} {rows!s:>6} {statistics.median(times):8.1f} {percentile(times, 95):8.1f}")
        status, body, headers = client.get(LOAD_PATH)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            status, _, _ = client.get(LOAD_PATH, {"If-None-Match": headers["ETag"]})
            times.append((time.perf_counter() - start) * 1000)
            failures += status != 304
        print(f"{'conditional GET (304)':36} {'-':>6} {statistics.median(times):8.1f} {percentile(times, 95):8.1f}")

        print(f"\nloopback load: {args.clients} keep-alive clients for {args.seconds:.0f} s on {LOAD_PATH} ({size})")
        latencies: list[float] = []
        errors = [0]
        stop = time.time() + args.seconds
        lock = threading.Lock()

        def worker():
            own = Client(port)
            mine = []
            while time.time() < stop:
                start = time.perf_counter()
                try:
                    status, _, _ = own.get(LOAD_PATH)
                except OSError:
                    status = 0
                mine.append((time.perf_counter() - start) * 1000)
                if status != 200:
                    errors[0] += 1
            with lock:
                latencies.extend(mine)

        threads = [threading.Thread(target=worker) for _ in range(args.clients)]
        began = time.time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.time() - began
        print(f"requests {len(latencies)}, errors {errors[0]}, {len(latencies) / elapsed:.0f} requests/s, "
              f"p50 {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 95):.1f} ms ({size})")
        failures += errors[0]
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
