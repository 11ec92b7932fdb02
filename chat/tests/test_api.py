"""Spark Chat over REST: sessions, messages, analyze (intents and what they start), send to editor."""

import json

import pytest

from brands.tests.factories import BrandColorFactory, BrandKitFactory
from chat.models import ChatMessage, ChatSession
from conftest import client_for, member
from documents.models import Document
from sparklio.llm.models import LLMCall
from sparklio.llm.tests import wire

PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야."
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _library():
    from templates.services import template_library_sync

    template_library_sync()


@pytest.fixture
def brand(workspace):
    kit = BrandKitFactory(workspace=workspace, name="Sonic", tone_of_voice="친근하고 밝게", banned_words=["최고"])
    BrandColorFactory(brand=kit, role="primary", hex="#0A7CFF")
    return kit


@pytest.fixture
def session(owner_client, workspace, brand):
    response = owner_client.post(
        "/api/v1/chat/sessions/", {"workspace": workspace.pk, "brand": brand.pk, "title": "X1 런칭"}, format="json"
    )
    assert response.status_code == 201, response.json()
    return ChatSession.objects.get(pk=response.json()["id"])


def analyze(client, **body):
    return client.post("/api/v1/chat/analyze", body, format="json")


def test_sessions_are_scoped_to_their_workspace(owner_client, session, other_workspace):
    assert owner_client.get("/api/v1/chat/sessions/").json()["count"] == 1
    stranger = client_for(member(other_workspace, "owner"))
    assert stranger.get(f"/api/v1/chat/sessions/{session.pk}/").status_code == 404
    assert stranger.get(f"/api/v1/chat/sessions/{session.pk}/messages/").status_code == 404
    foreign = BrandKitFactory(workspace=other_workspace)
    bad = owner_client.post(
        "/api/v1/chat/sessions/", {"workspace": session.workspace_id, "brand": foreign.pk}, format="json"
    )
    assert bad.status_code == 400 and "brand" in bad.json()["errors"]


def test_copy_request_offline_says_so_and_shows_the_copy(owner_client, session):
    body = analyze(
        owner_client,
        session=session.pk,
        message="무선 이어폰 X1 인스타그램 광고 헤드라인 써줘. 노이즈 캔슬링이 특징이야",
    ).json()
    assert body["intent"] == "generate_copy" and body["provider"] == "offline"
    assert "오프라인" in body["answer"] and "헤드라인" in body["answer"]
    generated = body["message"]["generated"]
    assert generated["kind"] == "copy" and generated["generator"] == "headline"
    assert generated["facts"]["product"] == "무선 이어폰 X1" and generated["facts"]["channel"] == "instagram_feed"
    assert body["user_message"]["role"] == "user" and body["message"]["status"] == "complete"
    assert "최고" not in body["answer"]


def test_a_campaign_request_starts_a_workflow(owner_client, session):
    body = analyze(owner_client, session=session.pk, message=PLAN).json()
    assert body["intent"] == "make_campaign" and len(body["started"]["workflows"]) == 1
    workflow_id = body["started"]["workflows"][0]
    assert f"#{workflow_id}" in body["answer"]
    workflow = owner_client.get(f"/api/v1/workflows/{workflow_id}/").json()
    assert workflow["status"] == "succeeded" and workflow["brand"] == session.brand_id


def test_a_campaign_without_a_brand_asks_for_one(owner_client, workspace):
    body = analyze(owner_client, workspace=workspace.pk, message=PLAN).json()
    assert body["intent"] == "make_campaign" and body["started"]["workflows"] == []
    assert "브랜드" in body["answer"]


def test_small_talk_and_brand_questions_answer_offline(owner_client, session):
    hello = analyze(owner_client, session=session.pk, message="안녕하세요").json()
    assert hello["intent"] == "small_talk" and "오프라인" in hello["answer"]
    brand = analyze(owner_client, session=session.pk, message="우리 브랜드 톤이 뭐야?").json()
    assert brand["intent"] == "brand_question" and "친근하고 밝게" in brand["answer"] and "#0A7CFF" in brand["answer"]


def test_a_change_to_the_open_document(owner_client, session):
    made = analyze(owner_client, session=session.pk, message="헤드라인 써줘: 무선 이어폰 X1, 노이즈 캔슬링").json()
    document = owner_client.post(
        f"/api/v1/chat/messages/{made['message']['id']}/to_document/", {}, format="json"
    ).json()
    body = analyze(owner_client, session=session.pk, message="헤드라인 크게", document=document["id"]).json()
    assert body["intent"] == "edit_document", body
    assert Document.objects.get(pk=document["id"]).version == document["version"] + 1
    assert body["started"]["documents"] == [document["id"]]


def test_messages_history_and_after(owner_client, session):
    analyze(owner_client, session=session.pk, message="안녕")
    analyze(owner_client, session=session.pk, message="반가워")
    messages = owner_client.get(f"/api/v1/chat/sessions/{session.pk}/messages/").json()["results"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    later = owner_client.get(f"/api/v1/chat/sessions/{session.pk}/messages/?after={messages[1]['id']}").json()[
        "results"
    ]
    assert [m["id"] for m in later] == [m["id"] for m in messages[2:]]
    sent = owner_client.post(f"/api/v1/chat/sessions/{session.pk}/messages/", {"content": "hello"}, format="json")
    assert sent.status_code == 201 and [m["role"] for m in sent.json()] == ["user", "assistant"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"message": ""}, "message"),
        ({"message": "   "}, "message"),
        ({"message": "가" * 25_000}, "message"),
        ({"message": "hi", "provider": "skynet"}, "provider"),
        ({"message": "hi", "session": 999999}, "session"),
    ],
)
def test_bad_input_is_a_clear_400_and_nothing_is_stored(owner_client, session, body, field):
    response = analyze(owner_client, **{"session": session.pk, **body})
    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"]
    assert ChatMessage.objects.count() == 0


def test_viewers_read_but_cannot_send(session, workspace, owner_client):
    viewer = client_for(member(workspace, "viewer"))
    assert viewer.get(f"/api/v1/chat/sessions/{session.pk}/messages/").status_code == 200
    assert analyze(viewer, session=session.pk, message="hi").status_code == 403


def test_send_to_editor_creates_then_updates_a_document(owner_client, session):
    made = analyze(owner_client, session=session.pk, message="무선 이어폰 X1 광고 카피 써줘, 노이즈 캔슬링").json()
    headline = made["message"]["generated"]["copy"]["headline"]
    created = owner_client.post(f"/api/v1/chat/messages/{made['message']['id']}/to_document/", {}, format="json")
    assert created.status_code == 201
    document = created.json()
    texts = {o["role"]: o["text"] for o in document["content"]["pages"][0]["objects"] if o["type"] == "text"}
    assert texts["headline"] == headline and document["brand"] == session.brand_id
    again = analyze(
        owner_client, session=session.pk, message="다른 헤드라인 써줘: 무선 이어폰 X1, 24시간 배터리"
    ).json()
    url = f"/api/v1/chat/messages/{again['message']['id']}/to_document/"
    updated = owner_client.post(url, {"document": document["id"], "version": document["version"]}, format="json")
    assert updated.status_code == 200 and updated.json()["version"] == document["version"] + 1
    stale = owner_client.post(url, {"document": document["id"], "version": document["version"]}, format="json")
    assert stale.status_code == 409


def test_send_to_editor_refuses_what_has_no_design_content(owner_client, session, other_workspace):
    made = analyze(owner_client, session=session.pk, message="안녕").json()
    user_message = made["user_message"]["id"]
    assert owner_client.post(f"/api/v1/chat/messages/{user_message}/to_document/", {}, format="json").status_code == 400
    stranger = client_for(member(other_workspace, "owner"))
    assert (
        stranger.post(f"/api/v1/chat/messages/{made['message']['id']}/to_document/", {}, format="json").status_code
        == 404
    )
    bad = owner_client.post(
        f"/api/v1/chat/messages/{made['message']['id']}/to_document/", {"channel": "tiktok"}, format="json"
    )
    assert bad.status_code == 400 and "channel" in bad.json()["errors"]


def test_with_a_model_the_answer_streams_from_it_and_is_costed(owner_client, session, settings):
    api = wire.FakeAPI()
    settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "sk-test", f"{api.base}/v1"
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    try:
        route = api.route("POST", "/v1/chat/completions").mock(
            side_effect=[
                wire.httpx.Response(
                    200, json=wire.openai_completion(json.dumps({"intent": "small_talk", "reason": "greeting"}))
                ),
                wire.sse_response(wire.openai_sse(["반가워요! ", "무엇을 ", "도와드릴까요?"])),
            ]
        )
        body = analyze(owner_client, session=session.pk, message="좋은 아침").json()
    finally:
        api.close()
    assert body["answer"] == "반가워요! 무엇을 도와드릴까요?" and body["provider"] == "openai"
    assert body["intent"] == "small_talk"
    sent = json.loads(route.calls.last.request.content)
    assert sent["stream"] is True and "Sonic" in sent["messages"][0]["content"]
    message = ChatMessage.objects.get(pk=body["message"]["id"])
    assert LLMCall.objects.filter(cause_id=message.pk, provider="openai").exists()
    assert message.cost_usd > 0 and message.output_tokens == 3


def test_a_failing_agent_never_shows_its_exception_text(owner_client, session, monkeypatch):
    from agents.library.creation import EditorAgent

    made = analyze(owner_client, session=session.pk, message="헤드라인 써줘: 무선 이어폰 X1, 노이즈 캔슬링").json()
    document = owner_client.post(
        f"/api/v1/chat/messages/{made['message']['id']}/to_document/", {}, format="json"
    ).json()

    def broken(self, inp, ctx):
        raise Document.DoesNotExist("Document matching query does not exist.")

    monkeypatch.setattr(EditorAgent, "run", broken)
    body = analyze(owner_client, session=session.pk, message="헤드라인 크게", document=document["id"]).json()
    assert body["intent"] == "edit_document", body
    assert "DoesNotExist" not in body["answer"] and "matching query" not in body["answer"]
    assert "문서를 고치지 못했어요" in body["answer"] and "내부 오류" in body["answer"]
