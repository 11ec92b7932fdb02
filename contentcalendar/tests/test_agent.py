"""The content_calendar agent runs the same plan service as POST /api/v1/calendar/plan/."""

import pytest

from brands.tests.factories import BrandKitFactory
from conftest import client_for, member
from contentcalendar.models import CalendarEntry, EntrySource

pytestmark = pytest.mark.django_db

RUNS = "/api/v1/agents/content_calendar/runs/"


def test_the_agent_plans_and_saves_the_month(owner_client, workspace, brand, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            RUNS,
            {"input": {"brand": brand.pk, "month": "2027-09", "brief": "카카오톡 채널 소식", "trends": ["러닝"]}},
            format="json",
        )
    assert response.status_code == 202, response.json()
    run = owner_client.get(f"/api/v1/agent-runs/{response.json()['id']}/").json()
    assert run["status"] == "succeeded", run["error"]
    output = run["output"]
    assert output["counts"] == {"kakao_feed": 4} and output["saved"]
    assert any(o["name"] == "추석" for o in output["occasions"])
    titles = [entry["title"] for entry in output["entries"]]
    assert any("추석" in t for t in titles) and any("러닝" in t for t in titles)
    stored = CalendarEntry.objects.filter(workspace=workspace, source=EntrySource.PLAN)
    assert sorted(stored.values_list("pk", flat=True)) == sorted(entry["id"] for entry in output["entries"])


def test_a_bad_month_is_a_400_on_input_month(owner_client, brand):
    response = owner_client.post(RUNS, {"input": {"brand": brand.pk, "month": "2027-13"}}, format="json")
    assert response.status_code == 400 and "input.month" in response.json()["errors"]
    assert not CalendarEntry.objects.exists()


def test_a_brand_of_another_workspace_fails_the_run_and_writes_nothing(
    owner_client, other_workspace, django_capture_on_commit_callbacks
):
    foreign = BrandKitFactory(workspace=other_workspace)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(RUNS, {"input": {"brand": foreign.pk, "month": "2027-09"}}, format="json")
    run = owner_client.get(f"/api/v1/agent-runs/{response.json()['id']}/").json()
    assert run["status"] == "failed" and "brand" in run["error"]
    assert not CalendarEntry.objects.exists()


def test_the_runs_brand_is_used_when_the_input_names_none(workspace, brand, django_capture_on_commit_callbacks):
    client = client_for(member(workspace, "editor"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            RUNS, {"brand": brand.pk, "input": {"month": "2027-11", "cadence": {"naver_blog": 1}}}, format="json"
        )
    run = client.get(f"/api/v1/agent-runs/{response.json()['id']}/").json()
    assert run["status"] == "succeeded", run["error"]
    assert CalendarEntry.objects.filter(brand=brand, channel="naver_blog").count() == 4
