"""Gateway overhead over a direct SDK call and over LiteLLM, interleaved in one run.

    LITELLM_LOCAL_MODEL_COST_MAP=True .venv/bin/python bench/llm_gateway.py --calls 300

A loopback OpenAI-compatible server answers every chat completion at once, so what is
measured is each caller's own cost. Each round calls, in a rotating order: the OpenAI SDK
directly (async), the gateway's async face, its sync face (from a plain thread, as a Celery task
or a command calls it), the gateway with a workspace (rate limits and budget checked), and
LiteLLM's acompletion when it is installed (pip install litellm; it is not a dependency). Every
gateway call writes its ledger row (LLM_LEDGER_BACKGROUND, the default: after the answer); the
rows are flushed and counted at the end. Uses the embedded PostgreSQL (or DATABASE_URL) and the
configured cache (REDIS_URL, or local memory).
"""

import argparse
import asyncio
import logging
import os
import statistics
import sys
import time
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # or it downloads its price map at import

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from django.conf import settings  # noqa: E402
from openai import AsyncOpenAI  # noqa: E402

from sparklio.core.models import Workspace  # noqa: E402
from sparklio.llm import ledger  # noqa: E402
from sparklio.llm.gateway import Gateway  # noqa: E402
from sparklio.llm.models import LLMCall  # noqa: E402
from sparklio.llm.tests import wire  # noqa: E402

try:
    import litellm

    logging.getLogger("LiteLLM").setLevel(logging.WARNING)
except ImportError:
    litellm = None

BENCH_MODEL = "sparklio-bench-model"
MESSAGES = [{"role": "user", "content": "무선 이어폰 X1 인스타그램 헤드라인 세 개"}]


def summary(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), statistics.quantiles(samples, n=20)[18]


def main(calls: int) -> None:
    api = wire.FakeAPI()
    # The reply names a model of its own, so every ledger row of the run can be removed after.
    api.route("POST", "/v1/chat/completions").respond(
        json=wire.openai_completion("헤드라인", prompt=30, completion=10, model=BENCH_MODEL)
    )
    base = f"{api.base}/v1"
    settings.OPENAI_API_KEY = "sk-bench"
    settings.OPENAI_BASE_URL = base
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    settings.LLM_STATE_NAMESPACE = f"llm-bench-{os.getpid()}"
    settings.LLM_REQUESTS_PER_MINUTE = 10**9
    settings.LLM_TOKENS_PER_MINUTE = 10**12
    workspace = Workspace.objects.create(name="bench")
    loop = asyncio.new_event_loop()  # the async callers' loop, in this thread
    sdk = AsyncOpenAI(api_key="sk-bench", base_url=base, max_retries=0)
    gateway = Gateway()

    async def timed(fn) -> float:
        started = time.perf_counter()
        await fn()
        return (time.perf_counter() - started) * 1000

    def timed_sync(fn) -> float:
        started = time.perf_counter()
        fn()
        return (time.perf_counter() - started) * 1000

    contenders = {
        "direct SDK call (async)": lambda: loop.run_until_complete(
            timed(lambda: sdk.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES))
        ),
        "gateway, async face": lambda: loop.run_until_complete(
            timed(lambda: gateway.acomplete(MESSAGES, purpose="fast", temperature=0.7))
        ),
        "gateway, sync face": lambda: timed_sync(lambda: gateway.complete(MESSAGES, purpose="fast", temperature=0.7)),
        "gateway + workspace (limits, budget)": lambda: loop.run_until_complete(
            timed(lambda: gateway.acomplete(MESSAGES, purpose="fast", temperature=0.7, workspace_id=workspace.id))
        ),
    }
    if litellm is not None:
        contenders["LiteLLM acompletion"] = lambda: loop.run_until_complete(
            timed(
                lambda: litellm.acompletion(
                    model="openai/gpt-4o-mini", messages=MESSAGES, api_key="sk-bench", api_base=base, num_retries=0
                )
            )
        )
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    try:
        for _ in range(20):  # warm up connections and code paths
            for name in names:
                contenders[name]()
        for index in range(calls):
            shift = index % len(names)  # rotate the order: no contender always runs first
            for name in names[shift:] + names[:shift]:
                samples[name].append(contenders[name]())
        flushed = ledger.flush(timeout=60)
        rows = LLMCall.objects.filter(model=BENCH_MODEL).count()

        direct, _ = summary(samples["direct SDK call (async)"])
        print(f"{'caller':40} {'median':>9} {'p95':>9} {'overhead':>9}")
        for name in names:
            median, p95 = summary(samples[name])
            print(f"{name:40} {median:7.2f} ms {p95:7.2f} ms {median - direct:+7.2f} ms")
        expected = 3 * (calls + 20)
        print(
            f"\nledger rows written: {rows} of {expected} gateway calls (flushed: {flushed}; "
            f"background writer: {settings.LLM_LEDGER_BACKGROUND})"
        )
        print(
            f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
            f"database: {'DATABASE_URL' if settings.DATABASE_URL else 'embedded PostgreSQL'}; "
            f"litellm: {metadata.version('litellm') if litellm else 'not installed'}"
        )
    finally:
        loop.run_until_complete(sdk.close())
        ledger.flush(timeout=60)
        LLMCall.objects.filter(model=BENCH_MODEL).delete()
        workspace.delete()
        api.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=300)
    main(parser.parse_args().calls)
