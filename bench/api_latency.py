r"""API latency under concurrent clients, against a running server.

    API_THROTTLE_USER= API_THROTTLE_ANON= .venv/bin/python manage.py serve --port 8020   # terminal 1
    .venv/bin/python bench/api_latency.py --base http://127.0.0.1:8020 --token <demo token> \
        --clients 100 --requests 20

Throttling must be off (empty API_THROTTLE_USER), or the server answers 429 past 100 requests a
minute per user. Each client sends its requests one after another; all clients run at once.
A request that fails (timeout, refused connection) counts as an error, with the time it took.
The client's own CPU use is printed: near 100 % it is the bottleneck, not the server.
See bench/README.md.

Side by side (`--compare`): the bench starts the embedded topology (one daphne process) and
the production one (gunicorn with WEB_CONCURRENCY uvicorn workers) itself, both with the given
Redis (cache, channel layer) and the benchmark URL conf (bench/bench_settings.py: a minimal
authenticated view at /bench/ping/), makes a workspace with --brands brand kits and a token, and
at each level of concurrent clients runs the brand list and the minimal view against each server
in turn. The client runs on the same machine (and cores) as the servers.

    .venv/bin/python bench/api_latency.py --compare --redis redis://127.0.0.1:6379/9 --levels 1,100,200
"""

import argparse
import asyncio
import collections
import statistics
import time

import httpx


async def client(base: str, token: str, path: str, count: int, timeout: float, latencies: list[float], errors: list):
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=timeout) as http:
        for _ in range(count):
            started = time.perf_counter()
            try:
                response = await http.get(path)
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
            else:
                if response.status_code != 200:
                    errors.append(response.status_code)
            latencies.append((time.perf_counter() - started) * 1000)


WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("SPARKLIO %d %d %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency.max,
    e.connect, e.read + e.write, e.status, e.timeout))
end
"""


def measure_wrk(base: str, token: str, path: str, clients: int, seconds: float, timeout: float) -> dict:
    """The same measure by wrk (a C load generator): the client takes a fraction of the CPU a Python
    client does, so on shared cores more of them are left to the server. Each of ``clients``
    connections sends its next request when the last is answered, for ``seconds``."""
    import shutil
    import subprocess
    import tempfile

    wrk = shutil.which("wrk")
    assert wrk, "wrk is not installed (apt-get install wrk)"
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT)
        script.flush()
        out = subprocess.run(  # noqa: S603 (fixed argv)
            [
                wrk,
                "-t1",
                f"-c{clients}",
                f"-d{int(seconds)}s",
                f"--timeout={int(timeout)}s",
                "-s",
                script.name,
                "-H",
                f"Authorization: Bearer {token}",
                base + path,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    line = next(x for x in out.splitlines() if x.startswith("SPARKLIO "))
    n, duration, p50, p95, top, connect, rw, status, timeouts = (int(x) for x in line.split()[1:])
    kinds = {"connect": connect, "read/write": rw, "non-2xx": status, "timeout": timeouts}
    return {
        "requests": n,
        "throughput": n / (duration / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "max": top / 1000,
        "errors": connect + rw + status + timeouts,
        "kinds": ", ".join(f"{k}×{v}" for k, v in kinds.items() if v),
    }


async def measure(base: str, token: str, path: str, clients: int, requests: int, timeout: float) -> dict:
    latencies: list[float] = []
    errors: list = []
    started = time.perf_counter()
    await asyncio.gather(*(client(base, token, path, requests, timeout, latencies, errors) for _ in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "throughput": len(latencies) / elapsed,
        "p50": q[49],
        "p95": q[94],
        "max": latencies[-1],
        "errors": len(errors),
        "kinds": ", ".join(f"{k}×{v}" for k, v in collections.Counter(errors).most_common()),
    }


def compare(args) -> None:
    """Embedded against the worker topology, at each level of concurrent clients."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "REDIS_URL": args.redis,
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "API_THROTTLE_USER": "",
        "API_THROTTLE_ANON": "",
        # Both servers share the embedded PostgreSQL (100 connections): the same cap for each.
        "DATABASE_POOL_MAX": str(args.pool),
        "PYTHONPATH": str(root),
    }
    env.pop("HTTP_MAX_CONCURRENCY", None)
    # Request threads per process: --threads for both, else each topology's own default, the
    # embedded one capped at the pool (the workers' gunicorn config sets a lower one).
    threads = {
        "embedded": str(args.threads or min(args.pool, 32)),
        "workers": str(args.threads) if args.threads else None,
    }
    os.environ.update({k: env[k] for k in ("REDIS_URL", "DJANGO_SETTINGS_MODULE", "DATABASE_POOL_MAX")})
    sys.path.insert(0, str(root))
    import django

    django.setup()
    from brands import services as brand_services
    from sparklio.core.models import User
    from sparklio.core.services import token_issue, workspace_create

    user = User.objects.create_user(username=f"bench-serve-{os.getpid()}", password="x")  # noqa: S106
    workspace = workspace_create(name="bench serve", owner=user)
    for i in range(args.brands):
        brand_services.brand_create(
            workspace=workspace,
            created_by=user,
            name=f"브랜드 {i}",
            colors=[
                {"name": "a", "hex": "#FF5A1F", "role": "primary"},
                {"name": "b", "hex": "#111111", "role": "text"},
            ],
            fonts=[{"family": "Pretendard", "role": "heading", "weights": [700]}],
        )
    token = token_issue(user=user).key
    servers = {}
    try:
        for offset, topology in enumerate(["embedded", "workers"]):
            if args.only and topology != args.only:
                continue
            port = args.port + offset
            servers[topology] = (
                f"http://127.0.0.1:{port}",
                subprocess.Popen(  # noqa: S603 (fixed argv)
                    [sys.executable, "manage.py", "serve", "--topology", topology, "--no-worker", "--port", str(port)],
                    cwd=root,
                    env={**env, "HTTP_MAX_CONCURRENCY": threads[topology]} if threads[topology] else env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                ),
            )
        for base, process in servers.values():
            deadline = time.monotonic() + 120
            while True:
                assert process.poll() is None, f"the server at {base} exited"
                try:
                    if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline, f"{base} did not start"
                time.sleep(0.5)
        paths = {"brand list": "/api/v1/brands/", "minimal view": "/bench/ping/"}
        for base, _ in servers.values():  # warm up every worker and the caches
            for path in paths.values():
                asyncio.run(measure(base, token, path, 8, 10, args.timeout))
        workers = os.environ.get("WEB_CONCURRENCY", 2)
        print(
            f"{args.brands} brand kits; workers: {workers}; database pool per process: {args.pool}; "
            f"request threads per process: embedded {threads['embedded']}, "
            f"workers {threads['workers'] or 'default (sparklio/gunicorn_conf.py)'}"
        )
        print(
            f"{'clients':>7} {'server':9} {'path':12} {'req':>5} {'req/s':>6} {'p50':>7} {'p95':>7} {'max':>7} errors"
        )
        for level in [int(x) for x in args.levels.split(",")]:
            requests = args.single if level == 1 else max(3, args.total // level)
            for topology, (base, _) in servers.items():
                for name, path in paths.items():
                    if args.client == "wrk":
                        r = measure_wrk(base, token, path, level, args.seconds, args.timeout)
                    else:
                        r = asyncio.run(measure(base, token, path, level, requests, args.timeout))
                    print(
                        f"{level:7} {topology:9} {name:12} {r['requests']:5} {r['throughput']:6.0f} "
                        f"{r['p50']:5.0f}ms {r['p95']:5.0f}ms {r['max']:5.0f}ms {r['errors']} {r['kinds']}",
                        flush=True,
                    )
    finally:
        for _, process in servers.values():
            process.send_signal(signal.SIGTERM)
        for _, process in servers.values():
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        workspace.delete()
        user.delete()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--token")
    parser.add_argument("--path", default="/api/v1/brands/")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    parser.add_argument("--compare", action="store_true", help="embedded vs workers, started by the bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9", help="with --compare")
    parser.add_argument("--levels", default="1,100,200", help="with --compare: concurrent clients")
    parser.add_argument("--brands", type=int, default=5, help="with --compare: brand kits in the workspace")
    parser.add_argument("--total", type=int, default=1000, help="with --compare: requests per run (many clients)")
    parser.add_argument("--single", type=int, default=200, help="with --compare: requests of the lone client")
    parser.add_argument("--port", type=int, default=8040, help="with --compare: first of two ports")
    parser.add_argument("--pool", type=int, default=24, help="with --compare: DATABASE_POOL_MAX per process")
    parser.add_argument(
        "--client", choices=["python", "wrk"], default="python", help="with --compare: the load generator"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=0,
        help="with --compare: HTTP_MAX_CONCURRENCY per process (default: each topology's own)",
    )
    parser.add_argument("--seconds", type=int, default=10, help="with --client wrk: seconds per run")
    parser.add_argument("--only", default="", help="with --compare: one topology (embedded or workers)")
    args = parser.parse_args()
    if args.compare:
        return compare(args)
    if not args.token:
        parser.error("--token is needed (or --compare)")
    return asyncio.run(one_run(args))


async def one_run(args):
    latencies: list[float] = []
    errors: list = []
    started = time.perf_counter()
    cpu_started = time.process_time()
    await asyncio.gather(
        *(
            client(args.base, args.token, args.path, args.requests, args.timeout, latencies, errors)
            for _ in range(args.clients)
        )
    )
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    latencies.sort()
    # "inclusive": percentiles stay within the measured values (the default extrapolates past the max).
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    counted = ", ".join(f"{k}×{v}" for k, v in collections.Counter(errors).most_common())
    print(f"{args.path}: {len(latencies)} requests, {args.clients} concurrent clients, {elapsed:.1f} s")
    print(
        f"  throughput {len(latencies) / elapsed:.0f} req/s; p50 {q[49]:.0f} ms, p95 {q[94]:.0f} ms, "
        f"p99 {q[98]:.0f} ms, max {latencies[-1]:.0f} ms; errors: {len(errors)} {counted}"
    )
    print(f"  client CPU {cpu:.1f} s = {cpu / elapsed:.0%} of one core")


if __name__ == "__main__":
    main()
