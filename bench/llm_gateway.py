"""Gateway overhead over a direct SDK call, and cache-hit latency.

    .venv/bin/python bench/llm_gateway.py --calls 300

A loopback OpenAI-compatible server answers every chat completion at once, so what is
measured is our own cost: routing, rate-limit and budget checks (with a workspace), the
ledger row, and the cache. Uses the embedded PostgreSQL (or DATABASE_URL) and the
configured cache (REDIS_URL, or local memory).
"""

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from django.conf import settings  # noqa: E402
from openai import AsyncOpenAI  # noqa: E402

from sparklio.core.models import Workspace  # noqa: E402
from sparklio.llm.gateway import Gateway  # noqa: E402
from sparklio.llm.models import LLMCall  # noqa: E402
from sparklio.llm.providers.registry import build_providers  # noqa: E402
from sparklio.llm.tests import wire  # noqa: E402

BENCH_MODEL = "sparklio-bench-model"
MESSAGES = [{"role": "user", "content": "무선 이어폰 X1 인스타그램 헤드라인 세 개"}]


async def timed(fn, calls: int) -> list[float]:
    out = []
    for _ in range(calls):
        started = time.perf_counter()
        await fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def report(name: str, samples: list[float]) -> float:
    median = statistics.median(samples)
    p95 = statistics.quantiles(samples, n=20)[18]
    print(f"{name:48} median {median:6.2f} ms   p95 {p95:6.2f} ms")
    return median


async def main(calls: int) -> None:
    api = wire.FakeAPI()
    # The reply names a model of its own, so every ledger row of the run can be removed after.
    api.route("POST", "/v1/chat/completions").respond(
        json=wire.openai_completion("헤드라인", prompt=30, completion=10, model=BENCH_MODEL)
    )
    settings.OPENAI_API_KEY = "sk-bench"
    settings.OPENAI_BASE_URL = f"{api.base}/v1"
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    settings.LLM_STATE_NAMESPACE = f"llm-bench-{os.getpid()}"
    settings.LLM_REQUESTS_PER_MINUTE = 10**9
    settings.LLM_TOKENS_PER_MINUTE = 10**12
    workspace = await Workspace.objects.acreate(name="bench")
    sdk = AsyncOpenAI(api_key="sk-bench", base_url=f"{api.base}/v1", max_retries=0)
    gateway = Gateway(build_providers())
    try:
        for _ in range(20):  # warm up connections and code paths
            await sdk.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
            await gateway.acomplete(MESSAGES, purpose="fast", temperature=0.7)

        direct = report(
            "direct SDK call",
            await timed(lambda: sdk.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES), calls),
        )
        plain = report(
            "gateway (ledger row)",
            await timed(lambda: gateway.acomplete(MESSAGES, purpose="fast", temperature=0.7), calls),
        )
        scoped = report(
            "gateway + workspace (limits, budget, ledger)",
            await timed(
                lambda: gateway.acomplete(MESSAGES, purpose="fast", temperature=0.7, workspace_id=workspace.id), calls
            ),
        )
        await gateway.acomplete(MESSAGES, purpose="fast", temperature=0)
        hit = report(
            "gateway cache hit (ledger row)",
            await timed(lambda: gateway.acomplete(MESSAGES, purpose="fast", temperature=0), calls),
        )
        print(
            f"\noverhead over the SDK: {plain - direct:+.2f} ms plain, {scoped - direct:+.2f} ms with a workspace; "
            f"a cache hit takes {hit:.2f} ms ({direct / hit:.1f}× faster than even an instant provider)"
        )
        print(
            f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
            f"database: {'DATABASE_URL' if settings.DATABASE_URL else 'embedded PostgreSQL'}"
        )
    finally:
        await sdk.close()
        await LLMCall.objects.filter(model=BENCH_MODEL).adelete()
        await workspace.adelete()
        api.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=300)
    asyncio.run(main(parser.parse_args().calls))
