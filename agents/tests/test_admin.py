import pytest

from brands.tests.factories import BrandKitFactory

PLAN = "무선 이어폰 X1 인스타그램 피드 광고. 노이즈 캔슬링, 24시간 배터리."

pytestmark = pytest.mark.django_db(transaction=True)


def test_operators_see_workflows_runs_chats_and_meetings_in_the_admin(admin_client, owner_client, workspace):
    from templates.services import template_library_sync

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
