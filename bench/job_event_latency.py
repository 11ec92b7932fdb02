r"""From a logo upload (a request that starts a Celery job) to the job's WebSocket event.

Start the server (embedded: in-process worker and in-memory channel layer; with REDIS_URL: Redis
channel layer, worker and beat as child processes), then run this:

    .venv/bin/python manage.py serve --port 8020      # or: REDIS_URL=redis://127.0.0.1:6379/4 ...
    .venv/bin/python bench/job_event_latency.py --base http://127.0.0.1:8020 \
        --token <demo token> --brand 1 --workspace 1 --runs 30

The runs are sequential: upload, wait for the logo's job.progress event (succeeded or failed),
delete the logo, next. If the server closes the WebSocket, the run's event is counted lost and the
script reconnects. See bench/README.md.
"""

import argparse
import asyncio
import collections
import io
import json
import statistics
import sys
import time

import httpx
import websockets
from PIL import Image


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), "#FF5A1F").save(buffer, "PNG")
    return buffer.getvalue()


async def connect(url: str):
    socket = await websockets.connect(url)
    hello = json.loads(await socket.recv())
    if hello.get("type") != "hello":
        sys.exit(f"expected hello, got {hello}")
    return socket


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--token", required=True)
    parser.add_argument("--brand", type=int, default=1)
    parser.add_argument("--workspace", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=30, help="seconds to wait for an answer or an event")
    parser.add_argument("--verbose", action="store_true", help="print each run")
    args = parser.parse_args()
    ws_url = args.base.replace("http", "ws", 1) + f"/ws/workspaces/{args.workspace}/?token={args.token}"
    answered, delivered = [], []
    statuses: collections.Counter = collections.Counter()
    problems: list[str] = []
    headers = {"Authorization": f"Bearer {args.token}"}
    data = png()
    began = time.perf_counter()
    socket = await connect(ws_url)
    async with httpx.AsyncClient(base_url=args.base, headers=headers, timeout=args.timeout) as http:
        for run in range(args.runs):
            started = time.perf_counter()
            response = await http.post(f"/api/v1/brands/{args.brand}/logos/", files={"file": ("logo.png", data)})
            answered.append((time.perf_counter() - started) * 1000)
            if response.status_code != 201:
                problems.append(f"run {run}: upload answered {response.status_code} {response.text[:200]}")
                continue
            logo_id = response.json()["id"]
            outcome = "lost"
            try:
                while True:
                    event = json.loads(await asyncio.wait_for(socket.recv(), args.timeout))
                    if event.get("logo") == logo_id:
                        break
            except TimeoutError:
                problems.append(f"run {run}: no event for logo {logo_id} within {args.timeout:.0f} s")
            except websockets.ConnectionClosed as exc:
                # The event of this run is lost; count it and go on with a new socket.
                problems.append(f"run {run}: server closed the WebSocket ({exc}); reconnected")
                socket = await connect(ws_url)
            else:
                delivered.append((time.perf_counter() - started) * 1000)
                outcome = f"{event.get('status')} {delivered[-1]:.0f} ms"
                statuses[event.get("status")] += 1
                if event.get("status") != "succeeded":
                    problems.append(f"run {run}: event {event}")
            if args.verbose:
                print(f"run {run} at {started - began:.1f} s: answered {answered[-1]:.0f} ms, event {outcome}")
            deleted = await http.delete(f"/api/v1/brands/{args.brand}/logos/{logo_id}/")
            if deleted.status_code != 204:
                problems.append(f"run {run}: delete answered {deleted.status_code}")
    await socket.close()
    print(f"{args.runs} runs; event statuses: {dict(statuses)}; problems: {len(problems)}")
    for problem in problems:
        print(f"  {problem}")
    for name, values in [("upload answered", answered), ("job event received", delivered)]:
        if len(values) < 2:
            print(f"{name}: {len(values)} values, too few for percentiles")
            continue
        q = statistics.quantiles(values, n=20, method="inclusive")
        print(f"{name}: median {statistics.median(values):.0f} ms, p95 {q[18]:.0f} ms, max {max(values):.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())
