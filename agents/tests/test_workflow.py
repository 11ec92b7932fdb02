"""The campaign workflow in-process (eager Celery): API, document, scores, idempotent steps,
retries and failure, and the WebSocket state and progress."""

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import OperationalError

from agents import services, tasks
from agents.library.review import ReviewerAgent
from agents.models import AgentRun, RunStatus, Workflow
from brands.tests.factories import BrandColorFactory, BrandKitFactory
from conftest import client_for, member, refused_with
from documents.models import Document, DocumentVersion, VersionSource
from sparklio.asgi import application
from sparklio.core.services import token_issue

PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야."
)
STEPS = {"plan", "copywriter", "designer", "assemble", "vision_analyzer", "reviewer", "brand_guardian", "optimizer"}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def brand(workspace):
    kit = BrandKitFactory(workspace=workspace, name="Sonic", banned_words=["최고"])
    BrandColorFactory(brand=kit, role="primary", hex="#0A7CFF")
    BrandColorFactory(brand=kit, role="accent", hex="#FFC145", name="Accent")
    return kit


def start(owner_client, brand, brief=PLAN, **extra):
    return owner_client.post("/api/v1/workflows/", {"brief": brief, "brand": brand.pk, **extra}, format="json")


def test_the_plan_scenario_end_to_end(owner_client, brand, workspace):
    response = start(owner_client, brand)
    assert response.status_code == 202, response.json()
    workflow_id = response.json()["id"]
    assert response["Location"] == f"/api/v1/workflows/{workflow_id}/"

    body = owner_client.get(f"/api/v1/workflows/{workflow_id}/").json()
    assert body["status"] == "succeeded", body["error"]
    assert {step["step"] for step in body["steps"]} == STEPS
    assert all(step["status"] == "succeeded" and step["attempts"] == 1 for step in body["steps"])
    assert body["plan"]["levels"][0] == ["copywriter", "designer"]
    copy = body["outputs"]["copywriter"]["copy"]
    assert copy["language"] == "ko" and "#노이즈캔슬링" in copy["hashtags"]
    scores = body["scores"]
    assert {"review", "brand", "vision", "overall"} <= set(scores) and 0 < scores["overall"] <= 100
    assert body["cost_usd"] == "0.00000000"
    assert {step["provider"] for step in body["steps"]} <= {"offline", "rules", "offline,rules"}

    document = body["document"]
    assert document["channel"] == "instagram_feed"
    content = document["content"]
    assert (content["width"], content["height"]) == (1080, 1080)
    texts = {o["role"]: o["text"] for o in content["pages"][0]["objects"] if o["type"] == "text"}
    # the copy's headline, perhaps broken into even lines by the layout
    assert texts["headline"].split() == body["outputs"].get("optimizer", {}).get("copy", copy)["headline"].split()
    pictures = [o for o in content["pages"][0]["objects"] if o["role"] == "product_image"]
    assert pictures and pictures[0]["src"].startswith(f"uploads/{workspace.pk}/generated/")
    assert pictures[0]["provenance"]["source"] == "agent" and pictures[0]["provenance"]["agent"] == "designer"
    assert content["metadata"]["workflow"] == workflow_id
    assert DocumentVersion.objects.get(document_id=document["id"], version=1).source == VersionSource.AGENT
    assert not any(f["rule"] == "placeholder" for f in body["outputs"]["reviewer"]["findings"])  # no sample text left
    rendered = owner_client.get(document["render_url"])
    assert rendered.status_code == 200 and rendered["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("brief", "channel", "size"),
    [
        ("Make a Facebook ad for Glow Serum, 20% off", "facebook_feed", (1200, 630)),
        ("인스타그램 피드에 올릴 무선 이어폰 X1 광고", "instagram_feed", (1080, 1080)),
        ("유튜브 썸네일 만들어줘: 무선 이어폰 X1 리뷰", "youtube_thumbnail", (1280, 720)),
        ("An Instagram story for the X1 earbuds launch", "instagram_story", (1080, 1920)),
    ],
)
def test_the_channel_and_size_come_from_the_brief(owner_client, brand, brief, channel, size):
    workflow_id = start(owner_client, brand, brief).json()["id"]
    body = owner_client.get(f"/api/v1/workflows/{workflow_id}/").json()
    assert body["status"] == "succeeded", body["error"]
    assert body["channel"] == channel
    assert body["outputs"]["designer"]["template_slug"] != "fb-feed-event"  # an offer is no event
    content = body["document"]["content"]
    assert (content["width"], content["height"]) == size


def test_an_explicit_channel_wins(owner_client, brand):
    body = start(owner_client, brand, channel="kakao_feed").json()
    assert owner_client.get(f"/api/v1/workflows/{body['id']}/").json()["document"]["content"]["width"] == 800


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"brief": ""}, "brief"),
        ({"brief": "   "}, "brief"),
        ({"brief": "가" * 10_000}, "brief"),
        ({"channel": "tiktok"}, "channel"),
        ({"provider": "skynet"}, "provider"),
    ],
)
def test_bad_input_is_a_clear_400_and_writes_nothing(owner_client, brand, payload, field):
    response = owner_client.post("/api/v1/workflows/", {"brief": PLAN, "brand": brand.pk, **payload}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert Workflow.objects.count() == 0 and Document.objects.count() == 0


def test_a_brand_of_another_workspace_is_refused(owner_client, other_workspace):
    foreign = BrandKitFactory(workspace=other_workspace)
    response = owner_client.post("/api/v1/workflows/", {"brief": PLAN, "brand": foreign.pk}, format="json")
    assert response.status_code == 400 and "brand" in response.json()["errors"]
    missing = owner_client.post("/api/v1/workflows/", {"brief": PLAN}, format="json")
    assert missing.status_code == 400 and "brand" in missing.json()["errors"]


def test_viewers_cannot_start_and_strangers_cannot_see(brand, workspace, owner_client, other_workspace):
    viewer = client_for(member(workspace, "viewer"))
    assert viewer.post("/api/v1/workflows/", {"brief": PLAN, "brand": brand.pk}, format="json").status_code == 403
    workflow_id = start(owner_client, brand).json()["id"]
    assert viewer.get(f"/api/v1/workflows/{workflow_id}/").status_code == 200
    stranger = client_for(member(other_workspace, "owner"))
    assert stranger.get(f"/api/v1/workflows/{workflow_id}/").status_code == 404
    assert stranger.get("/api/v1/workflows/").json()["count"] == 0


def test_every_step_is_safe_to_run_again(owner_client, brand):
    workflow_id = start(owner_client, brand).json()["id"]
    workflow = Workflow.objects.get(pk=workflow_id)
    versions = workflow.document.version
    for step in STEPS - {"plan"}:
        services.workflow_step_run(workflow_id=workflow_id, step_id=step)
    tasks.workflow_plan(workflow_id)
    workflow.refresh_from_db()
    assert Document.objects.count() == 1 and workflow.document.version == versions
    assert AgentRun.objects.filter(workflow=workflow).count() == len(STEPS)
    assert workflow.status == "succeeded"


def test_a_redelivered_step_of_a_running_workflow_does_not_make_a_second_document(brand, workspace):
    workflow = services.workflow_start(workspace=workspace, user=None, brief=PLAN, brand=brand, enqueue=False)
    # each step run by hand, nothing enqueued: as a worker would, one delivery at a time
    from unittest import mock

    with mock.patch("agents.services._enqueue_level"):
        services.workflow_plan(workflow_id=workflow.pk)
        for step in ("copywriter", "designer", "assemble"):
            services.workflow_step_run(workflow_id=workflow.pk, step_id=step)
        # the worker died after the document was made, before its ack: the step comes back
        AgentRun.objects.filter(workflow=workflow, step="assemble").update(status=RunStatus.RUNNING)
        services.workflow_step_run(workflow_id=workflow.pk, step_id="assemble")
    assert Document.objects.count() == 1
    run = AgentRun.objects.get(workflow=workflow, step="assemble")
    assert run.attempts == 2 and run.output["reused"] is True


def test_a_transient_error_is_retried_then_the_step_succeeds(owner_client, brand, monkeypatch):
    real = ReviewerAgent.run
    calls = []

    def flaky(self, inp, ctx):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(self, inp, ctx)

    monkeypatch.setattr(ReviewerAgent, "run", flaky)
    body = owner_client.get(f"/api/v1/workflows/{start(owner_client, brand).json()['id']}/").json()
    assert body["status"] == "succeeded", body["error"]
    reviewer = next(step for step in body["steps"] if step["step"] == "reviewer")
    assert reviewer["attempts"] == 2 and reviewer["status"] == "succeeded"


def test_a_step_that_keeps_failing_fails_the_workflow_with_the_reason(owner_client, brand, monkeypatch, settings):
    settings.WORKFLOW_STEP_MAX_RETRIES = 3

    def down(self, inp, ctx):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(ReviewerAgent, "run", down)
    body = owner_client.get(f"/api/v1/workflows/{start(owner_client, brand).json()['id']}/").json()
    assert body["status"] == "failed"
    assert "reviewer" in body["error"] and "database was unreachable" in body["error"] and "3 attempt" in body["error"]
    assert "could not connect" not in body["error"]  # the driver's text stays in the log
    reviewer = next(step for step in body["steps"] if step["step"] == "reviewer")
    assert reviewer["status"] == "failed" and reviewer["attempts"] == 3
    assert not any(step["step"] == "optimizer" for step in body["steps"])


def test_a_permanent_error_fails_at_once(owner_client, brand, monkeypatch):
    def broken(self, inp, ctx):
        raise ValueError("the brand kit has no colours")

    monkeypatch.setattr(ReviewerAgent, "run", broken)
    body = owner_client.get(f"/api/v1/workflows/{start(owner_client, brand).json()['id']}/").json()
    assert body["status"] == "failed" and "no colours" in body["error"]
    assert next(s for s in body["steps"] if s["step"] == "reviewer")["attempts"] == 1


async def test_the_socket_sends_the_state_first_then_every_step(brand, workspace, user):
    token = await database_sync_to_async(lambda: token_issue(user=user).key)()
    workflow = await database_sync_to_async(services.workflow_start)(
        workspace=workspace, user=user, brief=PLAN, brand=brand, enqueue=False
    )
    communicator = WebsocketCommunicator(application, f"/ws/workflows/{workflow.pk}/?token={token}")
    assert (await communicator.connect())[0]
    state = await communicator.receive_json_from()
    assert state["type"] == "workflow.state" and state["workflow"] == workflow.pk and state["status"] == "pending"

    await sync_to_async(tasks.workflow_plan)(workflow.pk)
    events = []
    while True:
        event = await communicator.receive_json_from(timeout=30)
        events.append(event)
        if event.get("message") == "finished" or event.get("step_status") == "failed":
            break
    done = {e["step"] for e in events if e.get("step_status") == "succeeded"}
    assert done == STEPS
    assert events[-1]["status"] == "succeeded" and events[-1]["scores"]["overall"] > 0
    assert any(e.get("step_status") == "running" and e["step"] == "designer" for e in events)

    late = WebsocketCommunicator(application, f"/ws/workflows/{workflow.pk}/?token={token}")
    assert (await late.connect())[0]
    caught_up = await late.receive_json_from()
    assert caught_up["status"] == "succeeded" and caught_up["document"]["id"]
    await late.disconnect()
    await communicator.disconnect()


async def test_the_socket_refuses_strangers(brand, other_workspace, workspace):
    from sparklio.core.tests.factories import MembershipFactory, UserFactory

    def setup():
        stranger = UserFactory()
        MembershipFactory(workspace=other_workspace, user=stranger, role="owner")
        workflow = services.workflow_start(workspace=workspace, user=None, brief=PLAN, brand=brand, enqueue=False)
        return token_issue(user=stranger).key, workflow

    token, workflow = await database_sync_to_async(setup)()
    communicator = WebsocketCommunicator(application, f"/ws/workflows/{workflow.pk}/?token={token}")
    assert await refused_with(communicator) == 4404
    anonymous = WebsocketCommunicator(application, f"/ws/workflows/{workflow.pk}/")
    assert await refused_with(anonymous) == 4401


async def test_a_removed_member_loses_the_workflow_socket(brand, workspace, user):
    from sparklio.core.models import Membership

    def setup():
        editor = member(workspace, "editor")
        workflow = services.workflow_start(workspace=workspace, user=None, brief=PLAN, brand=brand, enqueue=False)
        membership = Membership.objects.get(workspace=workspace, user=editor)
        return token_issue(user=editor).key, workflow, membership

    token, workflow, membership = await database_sync_to_async(setup)()
    communicator = WebsocketCommunicator(application, f"/ws/workflows/{workflow.pk}/?token={token}")
    assert (await communicator.connect())[0]
    assert (await communicator.receive_json_from())["type"] == "workflow.state"
    owner = await database_sync_to_async(client_for)(user)
    response = await database_sync_to_async(owner.delete)(
        f"/api/v1/workspaces/{workspace.pk}/members/{membership.user_id}/"
    )
    assert response.status_code == 204
    output = await communicator.receive_output(timeout=1)
    assert output["type"] == "websocket.close" and output["code"] == 4403, output
    await communicator.disconnect()


def test_a_level_whose_message_was_lost_is_queued_again_when_a_step_comes_back(brand, workspace):
    from unittest import mock

    workflow = services.workflow_start(workspace=workspace, user=None, brief=PLAN, brand=brand, enqueue=False)
    with mock.patch("agents.services._enqueue_level"):  # the broker never got the first level
        services.workflow_plan(workflow_id=workflow.pk)
    tasks.workflow_plan(workflow.pk)  # the plan's message is delivered again
    workflow.refresh_from_db()
    assert workflow.status == "succeeded", workflow.error
    assert Document.objects.count() == 1


def test_a_plan_that_cannot_be_made_fails_the_workflow(brand, workspace, monkeypatch):
    from agents.library.orchestration import PMAgent

    def broken(self, inp, ctx):
        raise ValueError("no channel can be planned")

    monkeypatch.setattr(PMAgent, "run", broken)
    workflow = services.workflow_start(workspace=workspace, user=None, brief=PLAN, brand=brand)
    workflow.refresh_from_db()
    assert workflow.status == "failed" and "no channel can be planned" in workflow.error


def test_a_step_that_keeps_killing_its_worker_fails_the_workflow(brand, workspace, settings):
    from unittest import mock

    settings.WORKFLOW_STEP_MAX_RETRIES = 3
    workflow = services.workflow_start(workspace=workspace, user=None, brief=PLAN, brand=brand, enqueue=False)
    with mock.patch("agents.services._enqueue_level"):
        services.workflow_plan(workflow_id=workflow.pk)
    AgentRun.objects.create(
        workspace=workspace, workflow=workflow, step="designer", agent="designer", status=RunStatus.RUNNING, attempts=3
    )
    services.workflow_step_run(workflow_id=workflow.pk, step_id="designer")
    workflow.refresh_from_db()
    assert workflow.status == "failed" and "lost 3 time" in workflow.error
