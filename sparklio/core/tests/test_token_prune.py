"""Expired API tokens are deleted: by the service, the hourly beat task and `manage.py
tokens_prune`; tokens that still count stay."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from sparklio.celery import app as celery_app
from sparklio.core.models import ApiToken
from sparklio.core.services import token_create, tokens_prune
from sparklio.core.tasks import tokens_prune as tokens_prune_task
from sparklio.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tokens():
    user = UserFactory()
    now = timezone.now()
    made = {name: token_create(user=user, name=name) for name in ("fresh", "nearly", "expired", "long gone")}
    ages = {"fresh": timedelta(0), "nearly": settings.SPARKLIO_TOKEN_TTL - timedelta(minutes=1),
            "expired": settings.SPARKLIO_TOKEN_TTL, "long gone": settings.SPARKLIO_TOKEN_TTL * 3}  # fmt: skip
    for name, age in ages.items():
        ApiToken.objects.filter(pk=made[name].pk).update(created=now - age)
    return made


def _names() -> set[str]:
    return set(ApiToken.objects.values_list("name", flat=True))


def test_the_service_deletes_only_expired_tokens(tokens, api_client):
    assert tokens_prune() == 2
    assert _names() == {"fresh", "nearly"}
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['nearly'].key}")
    assert api_client.get("/api/v1/auth/me/").status_code == 200
    assert tokens_prune() == 0  # safe to run twice


def test_the_command_prunes_and_says_how_many(tokens):
    out = StringIO()
    call_command("tokens_prune", stdout=out)
    assert "Deleted 2 expired token(s)." in out.getvalue()
    assert _names() == {"fresh", "nearly"}


def test_the_task_prunes(tokens):
    assert tokens_prune_task.delay().get() == 2  # eager in tests, as a worker runs it
    assert _names() == {"fresh", "nearly"}


@pytest.mark.django_db(transaction=True)  # beat's scheduler closes and reopens its connection
def test_beat_installs_the_hourly_schedule():
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import DatabaseScheduler

    celery_app.loader.import_default_modules()  # what a worker does at start: autodiscovery
    assert "core.tokens_prune" in celery_app.tasks
    DatabaseScheduler(app=celery_app)  # what beat does at start
    task = PeriodicTask.objects.get(name="prune-expired-api-tokens")
    assert task.task == "core.tokens_prune" and task.enabled
    assert task.interval.schedule.run_every == timedelta(hours=1)
