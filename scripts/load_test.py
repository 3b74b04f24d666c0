"""Load test: N synthetic policies in PostgreSQL, the production server on loopback, and two
workloads over the same URLs — requests per second, p50 / p95 / p99 and errors per endpoint.

    .venv/bin/python scripts/load_test.py [--n 100000] [--duration 60] [--connections 50] [--rate 50]
    .venv/bin/python scripts/load_test.py --mode open --rate 80   # the open-loop run only
    .venv/bin/python scripts/load_test.py --smoke          # small N, a few seconds (CI: tests/test_load_smoke.py)

Steps: (re)create the database (``ccnt_load`` on 127.0.0.1:5432 as postgres; reused when it already
holds N synthetic policies), ``ccnt demo`` + ``ccnt synth N`` (``--smoke``: ``ccnt setup`` + ``ccnt
synth 300``, as ``bench_api.py --smoke`` and ``bench_pages.py --smoke``: CI checks that the load test
runs and every endpoint answers, not the demo's load time), ``ccnt serve --prod`` on
127.0.0.1 pinned by ``taskset`` to the first core, the clients pinned to the last core:

- closed loop: ``wrk`` with ``scripts/load/mix.lua``, C connections each sending its next request
  when the last is answered (throughput at saturation);
- open loop: an asyncio client sending requests at a constant arrival rate whatever the answers
  (as readers arrive), each timed from when it was due, so a slow server shows as latency instead
  of fewer requests (no coordinated omission).

URLs are drawn Zipf-like from the corpus (a few policies, regions and search terms are asked for
often, most rarely), and ``/livez`` (no database) is part of the mix, so each run prints the ratio
of the mix's mean server time to ``/livez``'s in the same run — a figure that holds on a machine
shared with other work. Client-side figures come from wrk and the asyncio client; per-endpoint
server figures from the server's JSON request log (``ccnt.ops``: path, status, duration), i.e. time
inside Django without the wait in gunicorn's queue.
"""

from __future__ import annotations

import argparse
import asyncio
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
    ("map_data", 10), ("api_list", 18), ("livez", 2),
]
ZIPF_S = 1.1  # the exponent of the rank-frequency law the URLs are drawn by
DRAWS = 4000  # URLs drawn per endpoint kind (wrk and the open-loop client pick among them uniformly)
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


def build(env: dict, url: str, n: int, fresh: bool, base: str = "demo") -> float:
    """``base`` is ``demo`` (the demo's policies besides the synthetic ones) or ``setup`` (the
    reference data only: ``--smoke``)."""
    have = synthetic_count(url)
    if not fresh and have == n:
        log(f"database {urlsplit(url).path.lstrip('/')}: reusing {base} + {n} synthetic policies")
        run_ccnt(env, base)  # migrates a database made by an older version; idempotent
        return 0.0
    started = time.perf_counter()
    recreate_database(url)
    log(f"database {urlsplit(url).path.lstrip('/')}: {base} + {n} synthetic policies …")
    run_ccnt(env, base)
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
    rank = random.Random(seed + 1)
    api = ([f"/api/v1/policies/?page_size=50&page={p}" for p in range(1, 6)]
           + [f"/api/v1/policies/?q={q(t)}" for t in TERMS]
           + [f"/api/v1/policies/?jurisdiction={a}" for a in data["provinces"]]
           + ["/api/v1/targets/?indicator=energy_intensity", "/api/v1/targets/?year=2025&page_size=100"])
    kinds = {
        "search": search,
        "search_filters": filters,
        "policy_page": [f"/policies/{pk}/" for pk in data["policies"]],
        "region_page": [f"/regions/{a}/" for a in regions],
        "map_data": ["/?format=json"] + [f"/regions/{a}/?format=json" for a in data["provinces"]],
        "api_list": api,
    }
    drawn = {name: zipf_draws(paths, rank) for name, paths in kinds.items()}
    drawn["livez"] = ["/livez"]
    return drawn


def zipf_draws(paths: list[str], rnd: random.Random, n: int = DRAWS) -> list[str]:
    """``n`` paths drawn with the probability of the i-th (in a shuffled order) ∝ 1 / i^s: what
    readers ask for is skewed — the cache sees repeats, and the tail stays cold."""
    order = paths[:]
    rnd.shuffle(order)
    weights = [1 / (i ** ZIPF_S) for i in range(1, len(order) + 1)]
    return rnd.choices(order, weights=weights, k=n)


def lua_table(paths: dict[str, list[str]]) -> str:
    def lstr(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    mix = ", ".join(f'{{name = "{name}", weight = {w}}}' for name, w in MIX)
    body = ",\n".join(f"  {name} = {{{', '.join(lstr(p) for p in items)}}}" for name, items in paths.items())
    return f"return {{\n mix = {{{mix}}},\n paths = {{\n{body}\n }}\n}}\n"


def classify(path: str) -> str | None:
    if path in ("/livez", "/livez/"):
        return "livez"
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
            "p50_ms": round(percentile(durations, 50), 3), "p95_ms": round(percentile(durations, 95), 1),
            "p99_ms": round(percentile(durations, 99), 1), "mean_ms": round(statistics.fmean(durations), 1),
            "errors": sum(1 for s, _d in items if s >= 400),
        }
    return out


def livez_ratio(endpoints: dict[str, dict]) -> float | None:
    """The mix's mean server time (every endpoint but /livez) as a multiple of /livez's median (a
    tenth of a millisecond: one /livez descheduled for 40 ms would make its mean ten times that)."""
    live = endpoints.get("livez")
    rest = [(e["requests"], e["mean_ms"]) for k, e in endpoints.items() if k != "livez"]
    n = sum(r for r, _m in rest)
    if not live or not live["p50_ms"] or not n:
        return None
    return round(sum(r * m for r, m in rest) / n / live["p50_ms"], 1)


def classify_client(path: str) -> str:
    kind = classify(path.split("?", 1)[0]) or "other"
    return "search (± filters)" if kind == "search (± filters)" else kind


async def _fetch(port: int, path: str, timeout: float) -> int:
    """One GET on a fresh connection; the status code (599 for a timeout or a broken connection)."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        head = await asyncio.wait_for(reader.readline(), timeout)
        await asyncio.wait_for(reader.read(), timeout)
        writer.close()
        return int(head.split()[1])
    except (TimeoutError, OSError, IndexError, ValueError):
        return 599


async def _open_loop(port: int, paths: dict[str, list[str]], rate: float, duration: float, timeout: float,
                     seed: int) -> dict:
    rnd = random.Random(seed)
    names = [name for name, _w in MIX]
    weights = [w for _n, w in MIX]
    results: list[tuple[str, int, float]] = []
    loop = asyncio.get_running_loop()
    start = loop.time()

    async def one(due: float, path: str) -> None:
        await asyncio.sleep(max(0.0, due - loop.time()))
        status = await _fetch(port, path, timeout)
        results.append((classify_client(path), status, (loop.time() - due) * 1000))

    tasks = []
    total = int(rate * duration)
    for i in range(total):
        path = rnd.choice(paths[rnd.choices(names, weights=weights)[0]])
        tasks.append(asyncio.ensure_future(one(start + i / rate, path)))
    await asyncio.gather(*tasks)
    elapsed = loop.time() - start
    by_kind: dict[str, list[tuple[int, float]]] = {}
    for kind, status, ms in results:
        by_kind.setdefault(kind, []).append((status, ms))
    latencies = [ms for _k, _s, ms in results]
    return {
        "rate": rate, "requests": len(results), "duration_s": round(elapsed, 1),
        "rps": round(len(results) / elapsed, 1),
        "latency_ms": {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
                       "p99": percentile(latencies, 99), "max": max(latencies, default=0.0)},
        "errors": sum(1 for _k, s, _ms in results if s >= 400),
        "client_endpoints": {kind: {
            "requests": len(items), "p50_ms": round(percentile([m for _s, m in items], 50), 1),
            "p95_ms": round(percentile([m for _s, m in items], 95), 1),
            "p99_ms": round(percentile([m for _s, m in items], 99), 1),
            "errors": sum(1 for s, _m in items if s >= 400)} for kind, items in sorted(by_kind.items())},
    }


def open_loop(port: int, paths: dict[str, list[str]], rate: float, duration: float, timeout: float = 10.0,
              seed: int = 3) -> dict:
    """Requests at ``rate`` per second for ``duration`` seconds, each on its own connection,
    timed from when it was due (wrk2-style)."""
    return asyncio.run(_open_loop(port, paths, rate, duration, timeout, seed))


def run_open_loop_pinned(port: int, data_file: Path, rate: float, duration: float, core: str) -> dict:
    """The open-loop client in its own process, pinned to the clients' core."""
    code = (f"import json, sys; sys.path.insert(0, {str(REPO / 'scripts')!r}); import load_test; "
            f"paths = json.load(open({str(data_file)!r})); "
            f"print('OPENJSON ' + json.dumps(load_test.open_loop({port}, paths, {rate!r}, {duration!r})))")
    out = subprocess.run(["taskset", "-c", core, sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=duration + 180)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("OPENJSON ")), None)
    if line is None:
        raise SystemExit(f"the open-loop client printed no summary:\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return json.loads(line[len("OPENJSON "):])


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
    parser.add_argument("--mode", choices=("closed", "open", "both"), default="both",
                        help="closed loop (wrk, C connections), open loop (constant arrival rate) or both")
    parser.add_argument("--rate", type=float, default=None, help="open-loop requests per second (default 50; smoke 10)")
    args = parser.parse_args(argv)
    rate = args.rate or (10.0 if args.smoke else 50.0)
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
           "CCNT_API_ANON_RATE": "100000000/min", "CCNT_SEARCH_RATE": "100000000/min",
           "CCNT_LOG_LEVEL": "WARNING"}  # every client is 127.0.0.1: the per-client limits would answer 429
    for name in ("CCNT_DEBUG", "CCNT_HTTPS", "CCNT_REDIS_URL", "CCNT_BROKER_URL"):
        env.pop(name, None)
    if args.redis_url and redis_available(args.redis_url):
        env["CCNT_REDIS_URL"] = args.redis_url  # the shared cache of a production set-up (README)
    else:
        log("no Redis: the cache is the database's own table")
    build_seconds = build(env, url, n, args.fresh, base="setup" if args.smoke else "demo")
    data = sample(env)
    paths = make_paths(data)
    data_file = var_dir / "load_data.lua"
    data_file.write_text(lua_table(paths), encoding="utf-8")
    paths_file = var_dir / "load_paths.json"
    paths_file.write_text(json.dumps(paths, ensure_ascii=False), encoding="utf-8")

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
        result = {"policies": data["count"], "synthetic": n, "base": "setup" if args.smoke else "demo",
                  "build_seconds": round(build_seconds),
                  "workers": workers, "mode": args.mode}
        if args.mode in ("closed", "both"):
            log_file.flush()
            offset = log_path.stat().st_size
            log(f"closed loop: {connections} connections for {duration} s; server ({workers} workers × "
                f"{args.threads} threads) on core(s) {server_cores}, wrk on core {client_core}; "
                f"{data['count']} public policies")
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
            result.update({
                "connections": connections, "duration_s": round(seconds, 1), "load_average": os.getloadavg()[0],
                "rps": round(client["requests"] / seconds, 1), "requests": client["requests"],
                "latency_ms": client["latency_ms"], "statuses": client["statuses"], "non_2xx": non_2xx,
                "socket_errors": socket_errors, "endpoints": endpoints, "livez_ratio": livez_ratio(endpoints),
            })
        if args.mode in ("open", "both"):
            log_file.flush()
            offset = log_path.stat().st_size
            log(f"open loop: {rate:g} requests/s for {duration} s, client on core {client_core}")
            opened = run_open_loop_pinned(port, paths_file, rate, duration, client_core)
            time.sleep(1.0)
            log_file.flush()
            opened["endpoints"] = per_endpoint(log_path, offset, opened["duration_s"])
            opened["livez_ratio"] = livez_ratio(opened["endpoints"])
            opened["load_average"] = os.getloadavg()[0]
            result["open_loop"] = opened
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log_file.close()
        if "requests" not in result and "open_loop" not in result:
            tail = log_path.read_text(errors="replace")[-3000:] if log_path.exists() else ""
            print(tail, file=sys.stderr)
        shutil.rmtree(var_dir, ignore_errors=True)

    print_report(result)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    failed = result.get("non_2xx", 0) + result.get("socket_errors", 0) + result.get("open_loop", {}).get("errors", 0)
    return 0 if failed == 0 else 1


def print_endpoints(endpoints: dict[str, dict], title: str) -> None:
    log(f"\n{title:28} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for kind, e in endpoints.items():
        flag = "" if e["p95_ms"] <= PAGE_P95_GOAL_MS else f"  (p95 above {PAGE_P95_GOAL_MS} ms)"
        log(f"{kind:28} {e['requests']:>9} {e.get('rps', ''):>8} {e['p50_ms']:>8} {e['p95_ms']:>8} "
            f"{e['p99_ms']:>8} {e['errors']:>7}{flag}")


def print_report(r: dict) -> None:
    log(f"\ndata: {r['policies']} public policies ({r['synthetic']} synthetic + {'the demo' if r.get('base') == 'demo' else 'no demo'}); server {r['workers']} workers")
    if "requests" in r:
        lat = r["latency_ms"]
        log(f"\nCLOSED LOOP, {r['connections']} connections, {r['duration_s']} s (load average at the end "
            f"{r['load_average']:.1f}): {r['requests']} requests, {r['rps']} req/s; client latency p50 "
            f"{lat['p50']:.1f} ms, p95 {lat['p95']:.1f} ms, p99 {lat['p99']:.1f} ms, max {lat['max']:.1f} ms; "
            f"non-2xx {r['non_2xx']}, socket errors {r['socket_errors']}; statuses {r['statuses']}")
        log(f"mix mean server time = {r['livez_ratio']}× /livez's median in the same run")
        print_endpoints(r["endpoints"], "endpoint (server time)")
    o = r.get("open_loop")
    if o:
        lat = o["latency_ms"]
        log(f"\nOPEN LOOP, {o['rate']:g} requests/s offered for {o['duration_s']} s (load average at the end "
            f"{o['load_average']:.1f}): {o['requests']} answered, {o['rps']} req/s; latency from the due time "
            f"p50 {lat['p50']:.1f} ms, p95 {lat['p95']:.1f} ms, p99 {lat['p99']:.1f} ms, max {lat['max']:.1f} ms; "
            f"errors {o['errors']}")
        log(f"mix mean server time = {o['livez_ratio']}× /livez's median in the same run")
        print_endpoints(o["client_endpoints"], "endpoint (client, from due)")
        print_endpoints(o["endpoints"], "endpoint (server time)")


if __name__ == "__main__":
    sys.exit(main())
