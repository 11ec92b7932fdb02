r"""API latency under concurrent clients, against a running server.

    API_THROTTLE_USER= API_THROTTLE_ANON= .venv/bin/python manage.py serve --port 8020   # terminal 1
    .venv/bin/python bench/api_latency.py --base http://127.0.0.1:8020 --token <demo token> \
        --clients 100 --requests 20

Throttling must be off (empty API_THROTTLE_USER), or the server answers 429 past 100 requests a
minute per user. Each client sends its requests one after another; all clients run at once.
A request that fails (timeout, refused connection) counts as an error, with the time it took.
The client's own CPU use is printed: near 100 % it is the bottleneck, not the server.
See bench/README.md.
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


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--token", required=True)
    parser.add_argument("--path", default="/api/v1/brands/")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    args = parser.parse_args()
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
    asyncio.run(main())
