import uuid
from decimal import Decimal
from io import StringIO

import httpx
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils.dateparse import parse_datetime

from conftest import client_for
from sparklio.core.tests.factories import MembershipFactory
from sparklio.llm import limits
from sparklio.llm.models import LLMCall, WorkspaceLLMPolicy
from sparklio.llm.tests import wire

pytestmark = pytest.mark.django_db


def ledger(workspace, **fields):
    values = {
        "request_id": uuid.uuid4(),
        "workspace": workspace,
        "purpose": "smart",
        "provider": "openai",
        "model": "gpt-4o",
        "outcome": "ok",
        "cost_usd": Decimal("0.01"),
        "input_tokens": 100,
        "output_tokens": 10,
    }
    values.update(fields)
    return LLMCall.objects.create(**values)


def test_providers_lists_configuration_health_and_cooldown(owner_client, settings):
    settings.OPENAI_API_KEY = "sk-test"
    limits.cool_down_for("openai", 30)
    body = owner_client.get("/api/v1/llm/providers/").json()
    by_name = {p["name"]: p for p in body}
    assert set(by_name) == {"openai", "anthropic", "gemini", "ollama"}
    assert by_name["openai"]["configured"] is True
    assert by_name["openai"]["health"] == "cooling_down"
    assert by_name["openai"]["cooldown_until"] is not None
    assert by_name["openai"]["models"]["fast"] == settings.LLM_MODELS["openai"]["fast"]
    assert by_name["anthropic"] == {**by_name["anthropic"], "configured": False, "health": "not_configured"}


def test_providers_health_reflects_the_last_call(owner_client, settings, workspace):
    settings.ANTHROPIC_API_KEY = "sk-ant"
    ledger(workspace, provider="anthropic", outcome="server", error="anthropic: 500")
    body = {p["name"]: p for p in owner_client.get("/api/v1/llm/providers/").json()}
    assert body["anthropic"]["health"] == "failing"
    assert body["anthropic"]["last_error"] == "anthropic: 500"


def test_usage_sums_this_month_by_day_and_provider(owner_client, workspace, other_workspace):
    ledger(workspace)
    ledger(workspace, provider="anthropic", model="claude-sonnet-4-5", cost_usd=Decimal("0.02"))
    ledger(workspace, outcome="cache_hit", cache_hit=True, cost_usd=0)
    ledger(other_workspace, cost_usd=Decimal("5"))
    WorkspaceLLMPolicy.objects.create(workspace=workspace, monthly_budget_usd=Decimal("10"))

    body = owner_client.get("/api/v1/llm/usage/").json()

    assert body["workspace"] == workspace.id
    assert Decimal(body["month_to_date_usd"]) == Decimal("0.03")
    assert Decimal(body["monthly_budget_usd"]) == Decimal("10")
    assert body["totals"]["calls"] == 3 and body["totals"]["cache_hits"] == 1
    assert {(r["provider"], Decimal(r["cost_usd"])) for r in body["by_provider"]} == {
        ("anthropic", Decimal("0.02")),
        ("openai", Decimal("0.01")),
    }
    assert len(body["by_day"]) == 1 and body["by_day"][0]["calls"] == 3


def test_usage_filters_by_provider(owner_client, workspace):
    ledger(workspace)
    ledger(workspace, provider="anthropic", model="claude-sonnet-4-5")
    body = owner_client.get("/api/v1/llm/usage/?provider=anthropic").json()
    assert body["totals"]["calls"] == 1


def test_usage_of_another_workspace_is_404(owner_client, other_workspace):
    assert owner_client.get(f"/api/v1/llm/usage/?workspace={other_workspace.id}").status_code == 404


def test_usage_needs_the_workspace_when_you_have_several(user, workspace, other_workspace):
    MembershipFactory(workspace=other_workspace, user=user, role="viewer")
    response = client_for(user).get("/api/v1/llm/usage/")
    assert response.status_code == 400
    assert "workspace" in response.json()["errors"]
    bad = client_for(user).get("/api/v1/llm/usage/?workspace=1&since=yesterday")
    assert "since" in bad.json()["errors"]


def test_call_list_shows_only_my_workspaces(owner_client, workspace, other_workspace, django_assert_num_queries):
    mine = [ledger(workspace) for _ in range(3)]
    ledger(other_workspace)
    body = owner_client.get("/api/v1/llm/calls/").json()
    assert sorted(r["id"] for r in body["results"]) == sorted(c.id for c in mine)
    with django_assert_num_queries(2):  # count, page (cause types joined); token and roles cached
        owner_client.get("/api/v1/llm/calls/?provider=openai")


def test_llm_ping_reports_each_configured_provider(settings):
    api = wire.FakeAPI()
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = f"{api.base}/v1"
    settings.ANTHROPIC_API_KEY = "sk-ant-bad"
    settings.ANTHROPIC_BASE_URL = api.base
    out = StringIO()
    try:
        # Both SDKs list models at GET /v1/models; the first answer is OpenAI's, then Anthropic's 401.
        api.route("GET", "/v1/models").mock(
            side_effect=[
                httpx.Response(
                    200,
                    json={
                        "object": "list",
                        "data": [
                            {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"},
                            {"id": "gpt-4o-mini", "object": "model", "created": 1721172741, "owned_by": "system"},
                        ],
                    },
                ),
                httpx.Response(
                    401,
                    json={"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}},
                ),
            ]
        )
        with pytest.raises(CommandError, match="anthropic"):
            call_command("llm_ping", stdout=out)
    finally:
        api.close()
    text = out.getvalue()
    assert "openai" in text and "ok in" in text and "2 models" in text
    assert "anthropic  FAILED (auth)" in text
    assert "gemini     not configured" in text
    requests = api.route("GET", "/v1/models").calls
    assert requests[0].request.headers["authorization"] == "Bearer sk-test"
    sent = requests[1].request.headers
    assert "sk-ant-bad" in (sent.get("x-api-key", "") + sent.get("authorization", ""))


def test_admin_spend_report_shows_days_providers_and_workspaces(admin_client, workspace):
    ledger(workspace, cost_usd=Decimal("0.25"))
    ledger(workspace, provider="anthropic", model="claude-sonnet-4-6", cost_usd=Decimal("0.75"))
    changelist = admin_client.get("/admin/llm/llmcall/")
    assert changelist.status_code == 200 and b"Spend report" in changelist.content
    page = admin_client.get("/admin/llm/llmcall/spend/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "claude-sonnet-4-6" in html and workspace.name in html
    assert "$1.00" in html and "$0.7500" in html  # the day's total and the model's, as money
    assert "width:100.0%" in html  # the busiest day's bar


def test_the_budget_month_starts_at_midnight_in_the_time_zone(owner_client, workspace, settings):
    settings.TIME_ZONE = "Asia/Seoul"
    november = ledger(workspace, cost_usd=Decimal("1.00"))
    december = ledger(workspace, cost_usd=Decimal("0.02"))
    LLMCall.objects.filter(pk=november.pk).update(created_at=parse_datetime("2026-11-30T23:30:00+09:00"))
    LLMCall.objects.filter(pk=december.pk).update(created_at=parse_datetime("2026-12-01T00:30:00+09:00"))
    with time_machine.travel(parse_datetime("2026-12-01T00:45:00+09:00"), tick=False):
        body = owner_client.get(f"/api/v1/llm/usage/?workspace={workspace.pk}").json()
    assert parse_datetime(body["since"]) == parse_datetime("2026-12-01T00:00:00+09:00")
    assert Decimal(str(body["month_to_date_usd"])) == Decimal("0.02")
