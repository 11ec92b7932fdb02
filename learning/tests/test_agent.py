"""The self_learning agent through the agents API."""

import pytest

from brands.tests.factories import BrandKitFactory
from learning import services
from learning.tests.factories import make_document

pytestmark = pytest.mark.django_db


def test_the_self_learning_agent_relearns_and_answers_the_summary(
    owner_client, user, workspace, django_capture_on_commit_callbacks
):
    brand = BrandKitFactory(workspace=workspace)
    loved = make_document(workspace, brand, ("headline", "하루를 켜는 소리"))
    services.feedback_create(user=user, workspace_ids=[workspace.pk], rating=5, document_id=loved.pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            "/api/v1/agents/self_learning/runs/", {"input": {"brand": brand.pk}}, format="json"
        )
    assert response.status_code in (201, 202), response.json()
    run = owner_client.get(f"/api/v1/agent-runs/{response.json()['id']}/").json()

    assert run["status"] == "succeeded", run
    output = run["output"]
    assert output["brand"] == brand.pk and output["learned_from"]["feedback"] == 1
    assert output["examples"][0]["text"] == "하루를 켜는 소리" and output["style"]["dimensions"] == 384


def test_the_agent_refuses_another_workspaces_brand(owner_client, other_workspace, django_capture_on_commit_callbacks):
    theirs = BrandKitFactory(workspace=other_workspace)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            "/api/v1/agents/self_learning/runs/", {"input": {"brand": theirs.pk}}, format="json"
        )
    run = owner_client.get(f"/api/v1/agent-runs/{response.json()['id']}/").json()
    assert run["status"] == "failed" and f"No brand kit {theirs.pk}" in run["error"]
