"""How many chat sockets one daphne process holds, and what a streamed token costs on the way.

    .venv/bin/python bench/chat_sockets.py --sockets 1000 --tokens 200

Starts its own daphne (``sparklio.asgi``) on a free port, pointed at a loopback OpenAI-compatible
server that streams at a fixed pace and notes when it wrote each chunk. Uses the embedded
PostgreSQL (or DATABASE_URL) and, when REDIS_URL is set, channels-redis (else the in-memory
layer). Then:

1. opens N authenticated sockets, each on its own chat session (as N users would), in batches
   of 50, and keeps them all open: how many connected, handshake time (p50/p95), the server's
   RSS before and after;
2. with all of them open, two more tabs open one session and one of them sends a message; every
   chunk the model writes travels gateway → consumer → channel layer → both tabs. "Added
   latency" is the time from the model writing a chunk to a tab receiving it (same machine
   clock), p50/p95/max, and when both tabs had the final message.
Everything it creates is deleted at the end.
"""

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

import django  # noqa: E402

django.setup()

import psutil  # noqa: E402
import websockets  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from chat.models import ChatSession  # noqa: E402
from sparklio.core.models import User  # noqa: E402
from sparklio.core.services import token_issue, workspace_create  # noqa: E402
from sparklio.core.tests.processes import database_url, free_port  # noqa: E402
from sparklio.llm.tests import wire  # noqa: E402


def pct(values, q):
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


async def run(address: str, session_ids: list[int], token: str, pid: int, route) -> None:
    server = psutil.Process(pid)
    rss_before = server.memory_info().rss / 2**20
    opened, handshakes, failures = [], [], {}
    sockets = len(session_ids) - 1

    async def open_one(session_id):
        url = f"ws://{address}/ws/chat/{session_id}/?token={token}"
        started = time.perf_counter()
        try:
            ws = await websockets.connect(url, origin=f"http://{address}", open_timeout=30, max_queue=None)
            await asyncio.wait_for(ws.recv(), 30)  # hello
        except Exception as exc:  # noqa: BLE001 — counted and reported by kind
            failures[type(exc).__name__] = failures.get(type(exc).__name__, 0) + 1
            return
        handshakes.append((time.perf_counter() - started) * 1000)
        opened.append(ws)

    for start in range(0, sockets, 50):
        await asyncio.gather(*(open_one(sid) for sid in session_ids[1 + start : 1 + start + 50]))
    rss_open = server.memory_info().rss / 2**20
    print(f"sockets: {len(opened)}/{sockets} open, failures {failures or 'none'}")
    print(f"handshake: p50 {pct(handshakes, 50):.1f} ms, p95 {pct(handshakes, 95):.1f} ms")
    print(
        f"server RSS: {rss_before:.0f} MiB before, {rss_open:.0f} MiB with the sockets open "
        f"({(rss_open - rss_before) * 1024 / max(len(opened), 1):.0f} KiB a socket)"
    )

    received: dict[int, float] = {}
    done_at: list[float] = []

    async def listen(ws, first: bool):
        tokens = 0
        while True:
            event = json.loads(await ws.recv())
            if event["type"] == "token":
                if first:
                    received[tokens] = time.time()
                tokens += 1
            elif event["type"] == "message" and event["message"]["role"] == "assistant":
                done_at.append(time.time())
                return

    tabs = []
    for _ in range(2):
        tab = await websockets.connect(
            f"ws://{address}/ws/chat/{session_ids[0]}/?token={token}", origin=f"http://{address}", max_queue=None
        )
        await tab.recv()
        tabs.append(tab)
    # a first answer warms the server up (SDK imports, the provider's client); the second is measured
    warm = [asyncio.create_task(listen(ws, False)) for ws in tabs]
    await tabs[0].send(json.dumps({"type": "message", "content": "우리 브랜드 색은 뭐야?"}))
    await asyncio.wait_for(asyncio.gather(*warm), 600)
    done_at.clear()
    route.sent_at.clear()
    listeners = [asyncio.create_task(listen(ws, i == 0)) for i, ws in enumerate(tabs)]
    started = time.time()
    await tabs[0].send(json.dumps({"type": "message", "content": "우리 브랜드 톤이 뭐야?"}))
    await asyncio.wait_for(asyncio.gather(*listeners), 600)
    latencies = [(received[i] - sent) * 1000 for i, sent in enumerate(route.sent_at[1:]) if i in received]
    print(
        f"tokens streamed: {len(received)}; added latency model→first socket: p50 {pct(latencies, 50):.1f} ms, "
        f"p95 {pct(latencies, 95):.1f} ms, max {max(latencies):.1f} ms"
    )
    print(
        f"answer complete on both tabs {(max(done_at) - started):.2f} s after sending "
        f"(the model itself took {(route.sent_at[-1] - route.sent_at[0]):.2f} s)"
    )
    for ws in [*opened, *tabs]:
        await ws.close()


def main(sockets: int, tokens: int, pace: float) -> None:
    api = wire.FakeAPI()
    route = api.route("POST", "/v1/chat/completions").respond(
        headers={"content-type": "text/event-stream"}, content=wire.openai_sse([f"t{i} " for i in range(tokens)])
    )
    route.event_delay = pace
    user = User.objects.create_user(username=f"bench-chat-{os.getpid()}", password="x")  # noqa: S106
    workspace = workspace_create(name="bench chat", owner=user)
    sessions = ChatSession.objects.bulk_create(
        [ChatSession(workspace=workspace, title=f"bench {i}", created_by=user) for i in range(sockets + 1)]
    )
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "OPENAI_API_KEY": "sk-bench",
        "OPENAI_BASE_URL": f"{api.base}/v1",
        "LLM_FALLBACK_CHAIN": "openai",
        "API_THROTTLE_USER": "",
        "API_THROTTLE_ANON": "",
        "LOG_LEVEL": "WARNING",
    }
    daphne = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "sparklio.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        layer = "channels-redis" if settings.REDIS_URL else "in-memory"
        print(
            f"daphne pid {daphne.pid}, channel layer {layer}, {sockets} sockets, "
            f"{tokens} tokens every {pace * 1000:.0f} ms"
        )
        ids = [s.pk for s in sessions]
        asyncio.run(run(f"127.0.0.1:{port}", ids, token_issue(user=user).key, daphne.pid, route))
    finally:
        daphne.terminate()
        daphne.wait(timeout=30)
        api.close()
        workspace.delete()
        user.delete()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sockets", type=int, default=1000)
    parser.add_argument("--tokens", type=int, default=200)
    parser.add_argument("--pace", type=float, default=0.01, help="seconds between the model's chunks")
    args = parser.parse_args()
    main(args.sockets, args.tokens, args.pace)
