"""Server-side cost of the API's list and detail views against a minimal authenticated DRF view,
in process and interleaved (one request of each in turn), with each one's query count.

    .venv/bin/python bench/api_cost.py --requests 300 [--profile /api/v1/brands/]
    .venv/bin/python bench/api_cost.py --served --requests 300 [--block 50] [--port 8177]

Requests go through Django's test client: the whole middleware stack, Bearer-token
authentication, workspace scoping, filters, pagination and serialization, no socket. The
workspace holds 20 brand kits (3 colours, 2 fonts each) and a one-page ad document. Uses the
embedded PostgreSQL (or DATABASE_URL); everything it creates is deleted at the end.

``--served`` measures the same three paths against a real server: ``manage.py serve --topology
embedded --no-worker`` (one daphne process) on ``--port``, started by the bench with
``bench.bench_settings`` (for ``/bench/ping/``), throttles off (``API_THROTTLE_USER=`` and
``API_THROTTLE_ANON=``), ``DJANGO_DEBUG=false`` (a throwaway secret key, no HTTPS redirect).
One keep-alive HTTP client sends blocks of ``--block`` requests of one path, the blocks of the
three paths interleaved (the order rotating each round), ``--requests`` per path in all. Per
block: the server process's CPU time (psutil, user + system, itself and its children) per
request, and the wall time per request; printed as the median over the rounds and the ratio to
the minimal view. PostgreSQL's own CPU (the postmaster of the embedded data directory and its
backends, when it runs on this machine) is printed beside it, apart.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bench_settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

call_command("migrate", verbosity=0)

from brands import services as brand_services  # noqa: E402
from documents import services as document_services  # noqa: E402
from documents.tests.test_api import ad  # noqa: E402
from sparklio.core.models import User  # noqa: E402
from sparklio.core.services import token_issue, workspace_create  # noqa: E402


def _tree_cpu(root) -> float:
    """User and system CPU seconds of a process and its children (those still alive)."""
    import psutil

    total = 0.0
    for proc in [root, *root.children(recursive=True)]:
        try:
            times = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def served(paths: dict[str, str], token: str, requests: int, block: int, port: int) -> None:
    import secrets
    import signal
    import subprocess

    import httpx
    import psutil

    root = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "API_THROTTLE_USER": "",
        "API_THROTTLE_ANON": "",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "PYTHONPATH": str(root),
    }
    env.pop("REDIS_URL", None)  # the embedded topology: one daphne process
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(  # noqa: S603 (fixed argv)
        [sys.executable, "manage.py", "serve", "--topology", "embedded", "--no-worker", "--port", str(port)],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            assert process.poll() is None, "the server exited"
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.5)
        server = psutil.Process(process.pid)

        def server_cpu() -> float:
            return _tree_cpu(server)

        postmaster = None
        pid_file = Path(settings.EMBEDDED_PGDATA) / "postmaster.pid"
        if not os.environ.get("DATABASE_URL") and pid_file.is_file():
            try:
                postmaster = psutil.Process(int(pid_file.read_text().split()[0]))
            except (psutil.Error, ValueError, IndexError):
                postmaster = None

        def database_cpu() -> float:
            return float("nan") if postmaster is None else _tree_cpu(postmaster)

        names = list(paths)
        cpu: dict[str, list[float]] = {name: [] for name in names}
        db: dict[str, list[float]] = {name: [] for name in names}
        wall: dict[str, list[float]] = {name: [] for name in names}
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
            for path in paths.values():  # warm up (token and roles cached, code paths loaded)
                for _ in range(30):
                    response = client.get(path)
                    assert response.status_code == 200, (path, response.status_code, response.text[:200])
            rounds = max(1, requests // block)
            for index in range(rounds):
                shift = index % len(names)
                for name in names[shift:] + names[:shift]:
                    path = paths[name]
                    cpu_before, db_before, started = server_cpu(), database_cpu(), time.perf_counter()
                    for _ in range(block):
                        client.get(path)
                    elapsed = time.perf_counter() - started
                    cpu[name].append((server_cpu() - cpu_before) / block * 1000)
                    db[name].append((database_cpu() - db_before) / block * 1000)
                    wall[name].append(elapsed / block * 1000)
        floor_cpu, floor_wall = statistics.median(cpu[names[0]]), statistics.median(wall[names[0]])
        print(f"served: daphne (manage.py serve, embedded), {rounds} rounds of {block} requests per path")
        print(f"{'view':34} {'server CPU':>11} {'× floor':>8} {'wall':>9} {'× floor':>8} {'PostgreSQL CPU':>15}")
        for name in names:
            c, w, d = statistics.median(cpu[name]), statistics.median(wall[name]), statistics.median(db[name])
            print(f"{name:34} {c:8.2f} ms {c / floor_cpu:7.2f}× {w:6.2f} ms {w / floor_wall:7.2f}× {d:12.2f} ms")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def main(requests: int, profile: str | None, serve: bool = False, block: int = 50, port: int = 8177) -> None:
    settings.API_THROTTLE_RATES = {"anon": None, "user": None}
    settings.DEBUG = False
    user = User.objects.create_user(username=f"bench-cost-{os.getpid()}", password="x")  # noqa: S106
    workspace = workspace_create(name="bench api cost", owner=user)
    try:
        for i in range(20):
            brand_services.brand_create(
                workspace=workspace,
                created_by=user,
                name=f"브랜드 {i}",
                colors=[
                    {"name": n, "hex": h, "role": "primary"}
                    for n, h in [("a", "#FF5A1F"), ("b", "#111111"), ("c", "#FFFFFF")]
                ],
                fonts=[
                    {"family": "Pretendard", "role": "heading", "weights": [700]},
                    {"family": "Noto Sans KR", "role": "body", "weights": [400]},
                ],
            )
        document = document_services.document_create(workspace=workspace, user=user, content=ad())
        token = token_issue(user=user).key
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        paths = {
            "minimal authenticated DRF view": "/bench/ping/",
            "brand list (20 kits)": "/api/v1/brands/",
            "document detail": f"/api/v1/documents/{document.pk}/",
        }
        # in process also the brand list's and the detail's own statements, their kept bodies
        # turned off for those paths (brands/listcache.py, documents/detailcache.py); served,
        # each is what a client gets, the kept body
        uncached = {
            "brand list, cache off": "/api/v1/brands/",
            "document detail, cache off": f"/api/v1/documents/{document.pk}/",
        }
        if serve:
            served(paths, token, requests, block, port)
            return
        if profile:
            profile = paths["document detail"] if profile == "document" else profile
            profiler = cProfile.Profile()
            for _ in range(20):
                client.get(profile)
            profiler.enable()
            for _ in range(requests):
                client.get(profile)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "tottime")).print_stats(
                int(os.environ.get("PROFILE_LINES", 30))
            )
            return
        paths |= uncached

        def get(name):
            if name in uncached:
                with override_settings(BRAND_LIST_CACHE_SECONDS=0, DOCUMENT_DETAIL_CACHE_SECONDS=0):
                    return client.get(paths[name])
            return client.get(paths[name])

        queries = {}
        for name, path in paths.items():
            for _ in range(20):  # warm up
                assert get(name).status_code == 200, path
            with CaptureQueriesContext(connection) as captured:
                get(name)
            queries[name] = len(captured)
        samples: dict[str, list[float]] = {name: [] for name in paths}
        names = list(paths)
        for index in range(requests):
            shift = index % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                get(name)
                samples[name].append((time.perf_counter() - started) * 1000)
        floor = statistics.median(samples[names[0]])
        print(f"{'view':34} {'median':>9} {'p95':>9} {'× floor':>8} {'queries':>8}")
        for name in names:
            median = statistics.median(samples[name])
            p95 = statistics.quantiles(samples[name], n=20)[18]
            print(f"{name:34} {median:6.2f} ms {p95:6.2f} ms {median / floor:7.2f}× {queries[name]:8}")
    finally:
        workspace.delete()
        user.delete()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", help="profile this path (or: document) instead of comparing")
    parser.add_argument("--served", action="store_true", help="against a real server process (see above)")
    parser.add_argument("--block", type=int, default=50, help="with --served: requests of one path per block")
    parser.add_argument("--port", type=int, default=8177, help="with --served: the server's port")
    args = parser.parse_args()
    main(args.requests, args.profile, args.served, args.block, args.port)
