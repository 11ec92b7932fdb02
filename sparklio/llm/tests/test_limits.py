"""Cooldowns and rate limits live in the cache, so they hold across processes (with Redis)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from sparklio.llm import limits
from sparklio.llm.errors import RateLimited

ROOT = Path(__file__).resolve().parents[3]

CHILD = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "sparklio.settings"
django.setup()
from django.conf import settings
settings.LLM_STATE_NAMESPACE = sys.argv[1]
from sparklio.llm import limits
from sparklio.llm.errors import RateLimited
allowed = 0
for _ in range(int(sys.argv[2])):
    try:
        limits.take_request(4242, requests_per_minute=8, tokens_per_minute=10**9, estimated_tokens=1)
        allowed += 1
    except RateLimited:
        pass
limits.record_failure("openai")
print(allowed)
"""


def _take(n: int) -> int:
    allowed = 0
    for _ in range(n):
        try:
            limits.take_request(4242, requests_per_minute=8, tokens_per_minute=10**9, estimated_tokens=1)
            allowed += 1
        except RateLimited:
            pass
    return allowed


@pytest.mark.redis
@pytest.mark.skipif(not django_settings.REDIS_URL, reason="needs REDIS_URL (CI sets it)")
def test_rate_limit_and_cooldown_hold_across_two_processes(settings):
    settings.LLM_COOLDOWN_FAILURES = 2
    for _ in range(2):  # a run that straddles a minute boundary counts in two windows: run again
        settings.LLM_STATE_NAMESPACE = f"{settings.LLM_STATE_NAMESPACE}-x"
        minute = int(time.time() // 60)
        child = subprocess.run(
            [sys.executable, "-c", CHILD, settings.LLM_STATE_NAMESPACE, "5"],
            cwd=ROOT,
            env=dict(os.environ),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert child.returncode == 0, child.stderr
        here = _take(5)
        if int(time.time() // 60) == minute:
            break
    assert int(child.stdout.strip()) == 5
    assert here == 3  # 8 per minute between both processes
    # The other process's failure counts here too: one more starts the cooldown.
    assert limits.cooldown_until("openai") is None
    assert limits.record_failure("openai") is True
    assert limits.cooldown_until("openai") is not None


def test_rate_limit_reports_the_wait_until_the_next_window(settings):
    with pytest.raises(RateLimited) as info:
        for _ in range(10):
            limits.take_request(7, requests_per_minute=3, tokens_per_minute=10**9, estimated_tokens=1)
    assert 0 < info.value.wait_seconds <= 60
    assert info.value.scope == "requests per minute"


def test_cooldown_expires(settings):
    settings.LLM_COOLDOWN_FAILURES = 1
    settings.LLM_COOLDOWN_SECONDS = 1
    assert limits.record_failure("gemini") is True
    assert limits.cooldown_until("gemini") is not None
    time.sleep(1.1)
    assert limits.cooldown_until("gemini") is None
