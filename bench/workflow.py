"""Campaign workflow wall time, in process: the baseline (no model) and an instant model.

    .venv/bin/python bench/workflow.py --runs 5

Each run starts the plan's brief through ``agents.services.workflow_start`` and runs every step
eagerly in this process (the same task code a worker runs), so the time is the work itself:
brief extraction, copy, the product card render, template fill, page render and measurements,
review, brand check, optimisation, and every database write. "Instant model" points the OpenAI
adapter at a loopback server that answers each structured call at once with a schema-valid
document: the difference is what the model path (prompts, SDK, JSON validation, ledger rows)
adds on our side. The first run of each mode loads the Korean analyser and fonts and is
reported apart. Uses the embedded PostgreSQL (or DATABASE_URL); what it creates is deleted.
"""

import argparse
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

call_command("migrate", verbosity=0)

from agents import services  # noqa: E402
from agents.models import AgentRun, Workflow  # noqa: E402
from brands.services import brand_create  # noqa: E402
from sparklio.celery import app as celery_app  # noqa: E402
from sparklio.core.models import User  # noqa: E402
from sparklio.core.services import workspace_create  # noqa: E402
from sparklio.llm.tests.instant import InstantModel  # noqa: E402

PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야."
)


def one(workspace, brand, user) -> tuple[float, dict[str, float]]:
    started = time.perf_counter()
    workflow = services.workflow_start(workspace=workspace, user=user, brief=PLAN, brand=brand)
    elapsed = (time.perf_counter() - started) * 1000
    workflow = Workflow.objects.get(pk=workflow.pk)
    assert workflow.status == "succeeded", workflow.error
    steps = {run.step: run.duration_ms or 0 for run in AgentRun.objects.filter(workflow=workflow)}
    return elapsed, steps


def measure(label: str, runs: int, workspace, brand, user) -> list[float]:
    first, _ = one(workspace, brand, user)
    times, per_step = [], {}
    for _ in range(runs):
        elapsed, steps = one(workspace, brand, user)
        times.append(elapsed)
        for step, ms in steps.items():
            per_step.setdefault(step, []).append(ms)
    print(f"{label}: first run {first:.0f} ms; then median {statistics.median(times):.0f} ms, max {max(times):.0f} ms")
    for step, values in per_step.items():
        print(f"    {step:16} median {statistics.median(values):6.0f} ms")
    return times


def main(runs: int) -> None:
    celery_app.conf.task_always_eager = True
    user = User.objects.create_user(username=f"bench-wf-{os.getpid()}", password="x")  # noqa: S106
    workspace = workspace_create(name="bench workflow", owner=user)
    brand = brand_create(
        workspace=workspace,
        created_by=user,
        name="Sonic",
        colors=[{"name": "Blue", "hex": "#0A7CFF", "role": "primary"}],
    )
    try:
        settings.OPENAI_API_KEY = settings.ANTHROPIC_API_KEY = settings.GOOGLE_API_KEY = ""
        settings.OLLAMA_BASE_URL = ""
        baseline = measure("baseline (offline)", runs, workspace, brand, user)
        model = InstantModel()
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "sk-bench", model.base
        settings.LLM_FALLBACK_CHAIN = ["openai"]
        settings.LLM_CACHE_SECONDS = 0
        try:
            instant = measure("instant model (openai adapter)", runs, workspace, brand, user)
        finally:
            model.close()
        print(
            f"model-path overhead: {statistics.median(instant) - statistics.median(baseline):+.0f} ms a workflow "
            f"({model.calls} model calls in {runs + 1} runs)"
        )
    finally:
        workspace.delete()
        user.delete()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    main(parser.parse_args().runs)
