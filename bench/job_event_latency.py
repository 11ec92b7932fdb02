"""From a logo upload (a request that starts a Celery job) to the job's WebSocket event.

make run                                   # embedded: in-process worker, in-memory layer
REDIS_URL=redis://127.0.0.1:6379/0 make run  # or: Redis layer, worker process beside the server
.venv/bin/python bench/job_event_latency.py --token <demo token> --brand 1 --workspace 1 --runs 30
"""

import argparse
import asyncio
import io
import json
import statistics
import time

import httpx
import websockets
from PIL import Image


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), "#FF5A1F").save(buffer, "PNG")
    return buffer.getvalue()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--token", required=True)
    parser.add_argument("--brand", type=int, default=1)
    parser.add_argument("--workspace", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    ws_url = args.base.replace("http", "ws", 1) + f"/ws/workspaces/{args.workspace}/?token={args.token}"
    answered, delivered = [], []
    headers = {"Authorization": f"Bearer {args.token}"}
    async with websockets.connect(ws_url) as socket, httpx.AsyncClient(base_url=args.base, headers=headers) as http:
        await socket.recv()  # hello
        data = png()
        for _ in range(args.runs):
            started = time.perf_counter()
            response = await http.post(f"/api/v1/brands/{args.brand}/logos/", files={"file": ("logo.png", data)})
            answered.append((time.perf_counter() - started) * 1000)
            logo_id = response.json()["id"]
            while True:
                event = json.loads(await asyncio.wait_for(socket.recv(), 30))
                if event.get("logo") == logo_id:
                    break
            delivered.append((time.perf_counter() - started) * 1000)
            await http.delete(f"/api/v1/brands/{args.brand}/logos/{logo_id}/")
    for name, values in [("upload answered", answered), ("job event received", delivered)]:
        q = statistics.quantiles(values, n=20)
        print(f"{name}: median {statistics.median(values):.0f} ms, p95 {q[18]:.0f} ms, max {max(values):.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())
