"""Server-side cost of the API's list and detail views against a minimal authenticated DRF view,
in process and interleaved (one request of each in turn), with each one's query count.

    .venv/bin/python bench/api_cost.py --requests 300 [--profile /api/v1/brands/]

Requests go through Django's test client: the whole middleware stack, Bearer-token
authentication, workspace scoping, filters, pagination and serialization, no socket. The
workspace holds 20 brand kits (3 colours, 2 fonts each) and a one-page ad document. Uses the
embedded PostgreSQL (or DATABASE_URL); everything it creates is deleted at the end.
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
from django.test.utils import CaptureQueriesContext  # noqa: E402

call_command("migrate", verbosity=0)

from brands import services as brand_services  # noqa: E402
from documents import services as document_services  # noqa: E402
from documents.tests.test_api import ad  # noqa: E402
from sparklio.core.models import User  # noqa: E402
from sparklio.core.services import token_issue, workspace_create  # noqa: E402


def main(requests: int, profile: str | None) -> None:
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
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user).key}")
        paths = {
            "minimal authenticated DRF view": "/bench/ping/",
            "brand list (20 kits)": "/api/v1/brands/",
            "document detail": f"/api/v1/documents/{document.pk}/",
        }
        if profile:
            profile = paths["document detail"] if profile == "document" else profile
            profiler = cProfile.Profile()
            for _ in range(20):
                client.get(profile)
            profiler.enable()
            for _ in range(requests):
                client.get(profile)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
            return
        queries = {}
        for name, path in paths.items():
            for _ in range(20):  # warm up
                assert client.get(path).status_code == 200, path
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            queries[name] = len(captured)
        samples: dict[str, list[float]] = {name: [] for name in paths}
        names = list(paths)
        for index in range(requests):
            shift = index % len(names)
            for name in names[shift:] + names[:shift]:
                started = time.perf_counter()
                client.get(paths[name])
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
    args = parser.parse_args()
    main(args.requests, args.profile)
