import pytest

from agents.models import AgentRun, Workflow
from brands.tests.factories import BrandKitFactory
from templates.services import template_library_sync

PLAN = "무선 이어폰 X1 인스타그램 피드 광고. 노이즈 캔슬링, 24시간 배터리."

pytestmark = pytest.mark.django_db(transaction=True)


def test_operators_see_workflows_runs_chats_and_meetings_in_the_admin(admin_client, owner_client, workspace):
    template_library_sync()
    brand = BrandKitFactory(workspace=workspace)
    workflow_id = owner_client.post("/api/v1/workflows/", {"brief": PLAN, "brand": brand.pk}, format="json").json()[
        "id"
    ]
    owner_client.post("/api/v1/chat/analyze", {"workspace": workspace.pk, "message": "안녕"}, format="json")
    meeting = owner_client.post(
        "/api/v1/meetings/",
        {"workspace": workspace.pk, "title": "주간 회의", "text": "민수: 광고는 인스타그램으로 하기로 했습니다."},
        format="json",
    ).json()
    pages = {
        "/admin/agents/workflow/": b"succeeded",
        f"/admin/agents/workflow/{workflow_id}/change/": b"copywriter",
        "/admin/agents/agentrun/": b"vision_analyzer",
        "/admin/chat/chatsession/": b"chatsession",
        "/admin/meetings/meeting/": "주간 회의".encode(),
        f"/admin/meetings/meeting/{meeting['id']}/change/": b"Ready",
    }
    for url, expected in pages.items():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert expected in response.content, url


def test_add_workflow_opens_the_start_form_and_the_workflow_runs(admin_client, workspace):
    template_library_sync()
    brand = BrandKitFactory(workspace=workspace)
    form = admin_client.get("/admin/agents/workflow/add/")
    assert form.status_code == 200 and b'name="brief"' in form.content and b'name="plan"' not in form.content

    response = admin_client.post("/admin/agents/workflow/add/", {"brand": brand.pk, "brief": PLAN, "channel": ""})

    workflow = Workflow.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/agents/workflow/{workflow.pk}/change/"
    assert workflow.status == "succeeded" and workflow.runs.count() > 1  # the service queued it; it ran
    page = admin_client.get(response["Location"]).content.decode()
    assert "copywriter" in page and "<table" in page  # the plan's steps as a table


def test_the_start_form_shows_the_services_refusal_on_the_field(admin_client, workspace):
    brand = BrandKitFactory(workspace=workspace)
    response = admin_client.post(
        "/admin/agents/workflow/add/", {"brand": brand.pk, "brief": PLAN, "provider": "nonesuch"}
    )
    assert response.status_code == 200 and response.context["form"].errors["provider"]


def test_start_again_runs_a_new_workflow_with_the_same_brief(admin_client, owner_client, workspace):
    template_library_sync()
    brand = BrandKitFactory(workspace=workspace)
    first = owner_client.post("/api/v1/workflows/", {"brief": PLAN, "brand": brand.pk}, format="json").json()["id"]
    response = admin_client.post(
        "/admin/agents/workflow/", {"action": "start_again", "_selected_action": [first]}, follow=True
    )
    assert response.status_code == 200
    again = Workflow.objects.exclude(pk=first).get()
    assert again.brief == PLAN and again.status == "succeeded"


def test_run_records_are_read_only(admin_client, owner_client, workspace):
    template_library_sync()
    brand = BrandKitFactory(workspace=workspace)
    workflow_id = owner_client.post("/api/v1/workflows/", {"brief": PLAN, "brand": brand.pk}, format="json").json()[
        "id"
    ]
    run = AgentRun.objects.filter(workflow_id=workflow_id).first()
    for url in (f"/admin/agents/workflow/{workflow_id}/change/", f"/admin/agents/agentrun/{run.pk}/change/"):
        page = admin_client.get(url)
        assert page.status_code == 200 and not page.context["has_change_permission"], url
        assert b'name="_save"' not in page.content, url
    before = Workflow.objects.get(pk=workflow_id).brief
    response = admin_client.post(f"/admin/agents/workflow/{workflow_id}/change/", {"brief": "changed"})
    assert response.status_code == 403 and Workflow.objects.get(pk=workflow_id).brief == before
    assert admin_client.get("/admin/agents/agentrun/add/").status_code == 403
    assert admin_client.get("/admin/llm/llmcall/add/").status_code == 403
    assert admin_client.get("/admin/meetings/meeting/add/").status_code == 403
    assert admin_client.get("/admin/chat/chatsession/add/").status_code == 403
