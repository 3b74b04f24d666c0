"""Load test: N synthetic policies in PostgreSQL, the production server on loopback, wrk's mixed
workload, and requests per second, p50 / p95 / p99 and errors per endpoint.

    .venv/bin/python scripts/load_test.py [--n 100000] [--duration 60] [--connections 50]
    .venv/bin/python scripts/load_test.py --smoke          # small N, a few seconds (CI: tests/test_load_smoke.py)

Steps: (re)create the database (``ccnt_load`` on 127.0.0.1:5432 as postgres; reused when it already
holds the demo and N synthetic policies), ``ccnt demo`` + ``ccnt synth N``, ``ccnt serve --prod`` on
127.0.0.1 pinned by ``taskset`` to the first core, ``wrk`` with ``scripts/load/mix.lua`` pinned to
the last core. Client-side figures (overall latency, status codes, socket errors) come from wrk; the
per-endpoint figures from the server's own JSON request log (``ccnt.ops``: path, status, duration),
i.e. time inside Django, without the wait in gunicorn's queue.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
CCNT = [sys.executable, "-m", "ccnt.cli"]
MIX = [  # endpoint kind, weight (percent of requests)
    ("search", 20), ("search_filters", 15), ("policy_page", 25), ("region_page", 10),
    ("map_data", 10), ("api_list", 20),
]
TERMS = ["储能", "氢能", "光伏", "碳达峰", "节能", "新能源汽车", "煤电", "绿色建筑", "碳市场", "充电", "可再生能源", "工业"]
PAGE_P95_GOAL_MS = 200


def log(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def pg_available(url: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(with_db(url, "postgres"), connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001
        return False


def redis_available(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001
        return False


def synthetic_count(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            return conn.execute("SELECT count(*) FROM tracker_policy WHERE import_key LIKE 'synth:%%'").fetchone()[0]
    except Exception:  # noqa: BLE001 - no such database or table yet
        return -1


def recreate_database(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(with_db(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def run_ccnt(env: dict, *args: str) -> str:
    out = subprocess.run([*CCNT, *args], env=env, cwd=REPO, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"ccnt {' '.join(args)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")
    return out.stdout


def build(env: dict, url: str, n: int, fresh: bool) -> float:
    have = synthetic_count(url)
    if not fresh and have == n:
        log(f"database {urlsplit(url).path.lstrip('/')}: reusing demo + {n} synthetic policies")
        run_ccnt(env, "demo")  # migrates a database made by an older version; idempotent
        return 0.0
    started = time.perf_counter()
    recreate_database(url)
    log(f"database {urlsplit(url).path.lstrip('/')}: demo + {n} synthetic policies …")
    run_ccnt(env, "demo")
    if n:
        run_ccnt(env, "synth", str(n))
    seconds = time.perf_counter() - started
    log(f"  built in {seconds:.0f} s")
    return seconds


SAMPLE_CODE = """
import json, random
from ccnt.tracker.models import Category, Jurisdiction, Policy
random.seed(7)
public = Policy.objects.public()
ids = list(public.order_by().values_list("pk", flat=True))
adcodes = sorted({a for a in public.values_list("jurisdictions__adcode", flat=True) if a})
print(json.dumps({
    "count": len(ids), "policies": random.sample(ids, min(3000, len(ids))),
    "regions": random.sample(adcodes, min(400, len(adcodes))),
    "provinces": list(Jurisdiction.objects.filter(level="province").values_list("adcode", flat=True)),
    "categories": list(Category.objects.values_list("code", flat=True)),
}))
"""


def sample(env: dict) -> dict:
    out = run_ccnt(env, "shell", "-c", SAMPLE_CODE)
    return json.loads(out.strip().splitlines()[-1])


def q(value: str) -> str:
    return quote(value, safe="")


def make_paths(data: dict, seed: int = 1) -> dict[str, list[str]]:
    rnd = random.Random(seed)
    years = list(range(2016, 2027))
    levels = ["province", "city", "county", "national"]
    search = [f"/policies/?q={q(t)}" for t in TERMS] + [f"/policies/?q={q(t)}&page={p}" for t in TERMS for p in (2, 3)]
    filters = []
    for _ in range(300):
        params = [f"category={rnd.choice(data['categories'])}", f"level={rnd.choice(levels)}"]
        if rnd.random() < 0.6:
            params.append(f"province={rnd.choice(data['provinces'])}")
        if rnd.random() < 0.5:
            params.append(f"year={rnd.choice(years)}")
        if rnd.random() < 0.5:
            params.insert(0, f"q={q(rnd.choice(TERMS))}")
        filters.append("/policies/?" + "&".join(params))
    regions = data["regions"] + data["provinces"]
    api = ([f"/api/v1/policies/?page_size=50&page={p}" for p in range(1, 6)]
           + [f"/api/v1/policies/?q={q(t)}" for t in TERMS]
           + [f"/api/v1/policies/?jurisdiction={a}" for a in data["provinces"]]
           + ["/api/v1/targets/?indicator=energy_intensity", "/api/v1/targets/?year=2025&page_size=100"])
    return {
        "search": search,
        "search_filters": filters,
        "policy_page": [f"/policies/{pk}/" for pk in data["policies"]],
        "region_page": [f"/regions/{a}/" for a in regions],
        "map_data": ["/?format=json"] + [f"/regions/{a}/?format=json" for a in data["provinces"]],
        "api_list": api,
    }


def lua_table(paths: dict[str, list[str]]) -> str:
    def lstr(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    mix = ", ".join(f'{{name = "{name}", weight = {w}}}' for name, w in MIX)
    body = ",\n".join(f"  {name} = {{{', '.join(lstr(p) for p in items)}}}" for name, items in paths.items())
    return f"return {{\n mix = {{{mix}}},\n paths = {{\n{body}\n }}\n}}\n"


def classify(path: str) -> str | None:
    if path == "/":
        return "map_data"
    if path == "/policies/":
        return "search (± filters)"
    if path.startswith("/policies/") and path[10:-1].isdigit():
        return "policy_page"
    if path.startswith("/regions/"):
        return "region (page + map JSON)"
    if path.startswith("/api/v1/"):
        return "api_list"
    return None


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def per_endpoint(log_path: Path, offset: int, seconds: float) -> dict[str, dict]:
    rows: dict[str, list[tuple[int, float]]] = {}
    with log_path.open("rb") as handle:
        handle.seek(offset)
        for raw in handle:
            line = raw.decode("utf-8", "replace").strip()
            start = line.find("{")
            if start < 0:
                continue
            try:
                record = json.loads(line[start:])
            except ValueError:
                continue
            if "duration_ms" not in record or "path" not in record:
                continue
            kind = classify(record["path"])
            if kind:
                rows.setdefault(kind, []).append((int(record.get("status", 0)), float(record["duration_ms"])))
    out = {}
    for kind, items in sorted(rows.items()):
        durations = [d for _s, d in items]
        out[kind] = {
            "requests": len(items), "rps": round(len(items) / seconds, 1),
            "p50_ms": round(percentile(durations, 50), 1), "p95_ms": round(percentile(durations, 95), 1),
            "p99_ms": round(percentile(durations, 99), 1), "mean_ms": round(statistics.fmean(durations), 1),
            "errors": sum(1 for s, _d in items if s >= 400),
        }
    return out


def wait_ready(port: int, server: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited before it was ready")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not become ready")


def cores() -> tuple[str, str]:
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return str(available[0]), str(available[0])
    return ",".join(str(c) for c in available[:-1]), str(available[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="small N, short run (CI)")
    parser.add_argument("--n", type=int, default=None, help="synthetic policies (default 100000; smoke 300)")
    parser.add_argument("--duration", type=int, default=None, help="seconds of load (default 60; smoke 4)")
    parser.add_argument("--connections", type=int, default=None, help="concurrent connections (default 50; smoke 10)")
    parser.add_argument("--database-url", default=os.environ.get("CCNT_LOAD_DATABASE_URL", ""),
                        help="default postgres://postgres@127.0.0.1:5432/ccnt_load (ccnt_load_smoke with --smoke)")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (default: serve's own)")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database even if it holds N already")
    parser.add_argument("--redis-url", default=os.environ.get("CCNT_LOAD_REDIS_URL", "redis://127.0.0.1:6379/3"),
                        help="the cache, as in production (default redis://127.0.0.1:6379/3; '' for none)")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object at the end")
    args = parser.parse_args(argv)
    n = args.n if args.n is not None else (300 if args.smoke else 100_000)
    duration = args.duration or (4 if args.smoke else 60)
    connections = args.connections or (10 if args.smoke else 50)
    url = args.database_url or f"postgres://postgres@127.0.0.1:5432/{'ccnt_load_smoke' if args.smoke else 'ccnt_load'}"

    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: bash scripts/install_system_deps.sh")
    if not pg_available(url):
        raise SystemExit(f"PostgreSQL is not reachable at {with_db(url, 'postgres')}")

    var_dir = Path(tempfile.mkdtemp(prefix="ccnt-load-"))
    env = {**os.environ, "DATABASE_URL": url, "CCNT_VAR_DIR": str(var_dir),
           "CCNT_SECRET_KEY": secrets.token_urlsafe(60), "CCNT_ALLOWED_HOSTS": "127.0.0.1,localhost",
           "CCNT_API_ANON_RATE": "100000000/min", "CCNT_LOG_LEVEL": "WARNING"}
    for name in ("CCNT_DEBUG", "CCNT_HTTPS", "CCNT_REDIS_URL", "CCNT_BROKER_URL"):
        env.pop(name, None)
    if args.redis_url and redis_available(args.redis_url):
        env["CCNT_REDIS_URL"] = args.redis_url  # the shared cache of a production set-up (README)
    else:
        log("no Redis: the cache is the database's own table")
    build_seconds = build(env, url, n, args.fresh)
    data = sample(env)
    paths = make_paths(data)
    data_file = var_dir / "load_data.lua"
    data_file.write_text(lua_table(paths), encoding="utf-8")

    server_cores, client_core = cores()
    port = free_port()
    log_path = var_dir / "server.log"
    workers = args.workers or 2 * len(server_cores.split(",")) + 1
    serve = [*CCNT, "serve", "--prod", "--bind", f"127.0.0.1:{port}", "--threads", str(args.threads),
             "--workers", str(workers)]
    server_env = {**env, "CCNT_GUNICORN_LOG_LEVEL": "warning"}
    log_file = log_path.open("wb")
    server = subprocess.Popen(["taskset", "-c", server_cores, *serve], env=server_env, cwd=REPO, stdout=log_file,
                              stderr=subprocess.STDOUT, start_new_session=True)
    result: dict = {}
    try:
        wait_ready(port, server)
        wrk = ["taskset", "-c", client_core, "wrk", "-t", "1", "-c", str(connections), "--timeout", "10s",
               "-s", str(REPO / "scripts" / "load" / "mix.lua"), f"http://127.0.0.1:{port}"]
        wrk_env = {**os.environ, "CCNT_LOAD_DATA": str(data_file)}
        # warm-up: every worker loads its code and the search tokenizer's dictionary
        warm = 3 if args.smoke else 10
        subprocess.run([*wrk[:3], "wrk", "-t", "1", "-c", str(min(connections, 8)), "-d", f"{warm}s",
                        *wrk[8:]], env=wrk_env, capture_output=True, timeout=60)
        log_file.flush()
        offset = log_path.stat().st_size
        log(f"load: {connections} connections for {duration} s; server ({workers} workers × {args.threads} threads) "
            f"on core(s) {server_cores}, wrk on core "
            f"{client_core}; {data['count']} public policies")
        out = subprocess.run([*wrk[:8], "-d", f"{duration}s", "--latency", *wrk[8:]], env=wrk_env,
                             capture_output=True, text=True, timeout=duration + 120)
        time.sleep(1.0)
        log_file.flush()
        line = next((ln for ln in out.stdout.splitlines() if ln.startswith("LOADJSON ")), None)
        if line is None:
            raise SystemExit(f"wrk printed no summary:\n{out.stdout}\n{out.stderr}")
        client = json.loads(line[len("LOADJSON "):])
        seconds = client["duration_us"] / 1e6
        endpoints = per_endpoint(log_path, offset, seconds)
        non_2xx = sum(v for k, v in client["statuses"].items() if not k.startswith("2"))
        socket_errors = sum(v for k, v in client["errors"].items() if k != "status")
        result = {
            "policies": data["count"], "synthetic": n, "build_seconds": round(build_seconds),
            "connections": connections, "duration_s": round(seconds, 1), "workers": workers,
            "load_average": os.getloadavg()[0],
            "rps": round(client["requests"] / seconds, 1), "requests": client["requests"],
            "latency_ms": client["latency_ms"], "statuses": client["statuses"], "non_2xx": non_2xx,
            "socket_errors": socket_errors, "endpoints": endpoints,
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log_file.close()
        if not result:
            tail = log_path.read_text(errors="replace")[-3000:] if log_path.exists() else ""
            print(tail, file=sys.stderr)
        shutil.rmtree(var_dir, ignore_errors=True)

    print_report(result)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    return 0 if result["non_2xx"] == 0 and result["socket_errors"] == 0 else 1


def print_report(r: dict) -> None:
    lat = r["latency_ms"]
    log(f"\ndata: {r['policies']} public policies ({r['synthetic']} synthetic + demo); "
        f"{r['connections']} connections, {r['duration_s']} s")
    log(f"(machine load average at the end: {r['load_average']:.1f}; server {r['workers']} workers)")
    log(f"all: {r['requests']} requests, {r['rps']} req/s, client latency p50 {lat['p50']:.1f} ms, "
        f"p95 {lat['p95']:.1f} ms, p99 {lat['p99']:.1f} ms, max {lat['max']:.1f} ms; "
        f"non-2xx {r['non_2xx']}, socket errors {r['socket_errors']}; statuses {r['statuses']}")
    log(f"\n{'endpoint (server time)':28} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for kind, e in r["endpoints"].items():
        flag = "" if e["p95_ms"] <= PAGE_P95_GOAL_MS else f"  (p95 above {PAGE_P95_GOAL_MS} ms)"
        log(f"{kind:28} {e['requests']:>9} {e['rps']:>8} {e['p50_ms']:>8} {e['p95_ms']:>8} {e['p99_ms']:>8} "
            f"{e['errors']:>7}{flag}")


if __name__ == "__main__":
    sys.exit(main())
