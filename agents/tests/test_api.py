import pytest

from conftest import client_for, member

PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야."
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_agents_are_listed_with_schemas(owner_client):
    body = owner_client.get("/api/v1/agents/").json()
    assert len(body) == 24 and all(item["input_schema"] and item["output_schema"] for item in body)
    assert owner_client.get("/api/v1/agents/unknown/").status_code == 404


def test_an_agent_run_is_queued_recorded_and_readable(owner_client, workspace):
    response = owner_client.post("/api/v1/agents/persona/runs/", {"input": {"brief": PLAN, "count": 2}}, format="json")
    assert response.status_code == 202, response.json()
    run_id = response.json()["id"]
    body = owner_client.get(f"/api/v1/agent-runs/{run_id}/").json()
    assert body["status"] == "succeeded" and body["agent"] == "persona" and body["attempts"] == 1
    assert len(body["output"]["personas"]) == 2 and body["provider"] == "offline"
    assert body["duration_ms"] >= 0 and body["cost_usd"] == "0.00000000"
    assert owner_client.get("/api/v1/agent-runs/?agent=persona").json()["count"] == 1


def test_bad_agent_input_names_the_field(owner_client):
    response = owner_client.post("/api/v1/agents/persona/runs/", {"input": {"brief": "", "count": 9}}, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "input.brief" in errors and "input.count" in errors
    missing = owner_client.post("/api/v1/agents/persona/runs/", {}, format="json")
    assert missing.status_code == 400 and "input" in missing.json()["errors"]


def test_runs_stay_in_their_workspace(owner_client, other_workspace):
    run_id = owner_client.post("/api/v1/agents/strategist/runs/", {"input": {"brief": PLAN}}, format="json").json()[
        "id"
    ]
    stranger = client_for(member(other_workspace, "owner"))
    assert stranger.get(f"/api/v1/agent-runs/{run_id}/").status_code == 404


def test_a_failing_agent_run_records_the_reason(owner_client, workspace):
    from documents.services import document_create
    from documents.tests.test_api import ad

    document = document_create(workspace=workspace, user=None, content=ad())
    response = owner_client.post(
        "/api/v1/agents/editor/runs/",
        {"input": {"document": document.pk, "command": "quantum-flux the widgets"}},
        format="json",
    )
    body = owner_client.get(f"/api/v1/agent-runs/{response.json()['id']}/").json()
    assert body["status"] == "failed" and "not understood" in body["error"]


def test_an_agent_input_naming_another_workspaces_document_is_a_400(owner_client, other_workspace):
    from documents.services import document_create
    from documents.tests.test_api import ad

    foreign = document_create(workspace=other_workspace, user=None, content=ad())
    response = owner_client.post(
        "/api/v1/agents/editor/runs/", {"input": {"document": foreign.pk, "command": "헤드라인 크게"}}, format="json"
    )
    assert response.status_code == 400 and "input.document" in response.json()["errors"]
