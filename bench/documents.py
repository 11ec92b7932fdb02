"""Document save/load throughput and page render time, in process.

    .venv/bin/python bench/documents.py --saves 200

Save = validate + diff + version row + update under a row lock (documents.services.document_update);
load = the API's GET /api/v1/documents/{id}/ through Django's test client (auth, scoping,
serialization). Render = documents.render on a 1080×1080 ad page, when the renderer is installed.
Uses the embedded PostgreSQL (or DATABASE_URL); everything it creates is deleted at the end.
"""

import argparse
import copy
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

call_command("migrate", verbosity=0)

from documents import services  # noqa: E402
from documents.tests.test_api import ad  # noqa: E402
from sparklio.core.models import User  # noqa: E402
from sparklio.core.services import token_issue, workspace_create  # noqa: E402


def report(name: str, samples: list[float]) -> None:
    median = statistics.median(samples)
    p95 = statistics.quantiles(samples, n=20)[18]
    print(f"{name:44} median {median:7.2f} ms   p95 {p95:7.2f} ms   ({1000 / median:.0f}/s one at a time)")


def main(saves: int) -> None:
    user = User.objects.create_user(username=f"bench-{os.getpid()}", password="x")  # noqa: S106
    workspace = workspace_create(name="bench documents", owner=user)
    try:
        content = ad()
        document = services.document_create(workspace=workspace, user=user, content=content)
        save_times = []
        for i in range(saves):
            changed = copy.deepcopy(document.content)
            changed["pages"][0]["objects"][1]["text"] = f"하루 종일, 조용하게 {i}"
            started = time.perf_counter()
            document = services.document_update(
                document=document, user=user, content=changed, base_version=document.version
            )
            save_times.append((time.perf_counter() - started) * 1000)
        report("save (validate, diff, version, lock)", save_times)

        settings.API_THROTTLE_RATES = {"anon": None, "user": None}  # 100/min would stop the loop
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token_issue(user=user).key}")
        load_times = []
        for _ in range(saves):
            started = time.perf_counter()
            assert client.get(f"/api/v1/documents/{document.pk}/").status_code == 200
            load_times.append((time.perf_counter() - started) * 1000)
        report("load (GET /api/v1/documents/{id}/)", load_times)

        try:
            from documents.render.renderer import render_page
        except ImportError:
            print("render: documents.render is not installed yet")
        else:
            from documents.schema import SparklioDocument

            parsed = SparklioDocument.model_validate(document.content)
            for fmt in ["png", "jpeg", "webp"]:
                times = []
                for _ in range(30):
                    started = time.perf_counter()
                    render_page(parsed, 0, fmt=fmt)
                    times.append((time.perf_counter() - started) * 1000)
                report(f"render 1080×1080 page to {fmt.upper()}", times)
    finally:
        workspace.delete()
        user.delete()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=200)
    main(parser.parse_args().saves)
