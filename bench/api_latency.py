"""API latency under concurrent clients, against a running server.

    API_THROTTLE_USER= make run            # terminal 1 (throttling off, or it answers 429 past 100/min)
    .venv/bin/python bench/api_latency.py --token <demo token> --clients 100 --requests 20

Each client sends its requests one after another; all clients run at once.
"""

import argparse
import asyncio
import statistics
import time

import httpx


async def client(base: str, token: str, path: str, count: int, latencies: list[float], errors: list[int]):
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
        for _ in range(count):
            started = time.perf_counter()
            response = await http.get(path)
            latencies.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                errors.append(response.status_code)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--token", required=True)
    parser.add_argument("--path", default="/api/v1/brands/")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    latencies: list[float] = []
    errors: list[int] = []
    started = time.perf_counter()
    await asyncio.gather(
        *(client(args.base, args.token, args.path, args.requests, latencies, errors) for _ in range(args.clients))
    )
    elapsed = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    print(f"{args.path}: {len(latencies)} requests, {args.clients} concurrent clients, {elapsed:.1f} s")
    print(
        f"  throughput {len(latencies) / elapsed:.0f} req/s; p50 {q[49]:.0f} ms, p95 {q[94]:.0f} ms, "
        f"p99 {q[98]:.0f} ms, max {latencies[-1]:.0f} ms; non-200: {len(errors)} {sorted(set(errors))}"
    )


if __name__ == "__main__":
    asyncio.run(main())
