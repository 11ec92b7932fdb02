"""Spark Chat answers questions about the brand and its products from the knowledge base, with
citations in the final message event and on the stored message; when nothing relevant is found
it says so and cites nothing."""

import pytest
from asgiref.sync import async_to_sync

from brands.tests.factories import BrandKitFactory
from chat import services
from chat.models import ChatMessage, ChatSession
from knowledge import services as knowledge_services
from knowledge.answer import NOTHING_FOUND
from knowledge.models import SourceStatus
from sparklio.core.tests.factories import WorkspaceFactory

SHEET = """무선 이어폰 X1 제품 사양
배터리: 최대 30시간 재생
무게: 5.2g
가격: 129,000원
"""

pytestmark = pytest.mark.django_db(transaction=True)  # the reply runs on threads of its own


@pytest.fixture
def brand(workspace):
    return BrandKitFactory(workspace=workspace, name="Sonic", tone_of_voice="친근하고 밝게")


@pytest.fixture
def session(workspace, brand, user):
    return ChatSession.objects.create(workspace=workspace, brand=brand, created_by=user, title="X1")


def add_sheet(workspace, callbacks, brand=None):
    with callbacks(execute=True):
        source = knowledge_services.source_create(
            workspace=workspace, created_by=None, brand=brand, title="X1 제품 사양서", text=SHEET
        )
    source.refresh_from_db()
    assert source.status == SourceStatus.READY, source.error
    return source


def ask(session, user, text) -> tuple[ChatMessage, list[dict]]:
    message = services.message_add_user(session=session, user=user, content=text)
    events: list[dict] = []

    async def collect(event):
        events.append(event)

    answer = async_to_sync(services.respond)(
        session_id=session.pk, user_message_id=message.pk, provider="offline", document_id=None, emit=collect
    )
    answer.refresh_from_db()
    return answer, events


def test_a_product_question_is_answered_from_the_sheet_with_its_citation(
    session, user, brand, workspace, django_capture_on_commit_callbacks
):
    source = add_sheet(workspace, django_capture_on_commit_callbacks, brand=brand)
    answer, events = ask(session, user, "X1 배터리는 몇 시간 가요?")

    assert "배터리: 최대 30시간 재생" in answer.content and "X1 제품 사양서" in answer.content
    generated = answer.generated
    assert generated["kind"] == "knowledge" and generated["grounded"] is True
    assert generated["provider"] == "offline"
    assert [(c["source"], c["quote"]) for c in generated["citations"]] == [(source.pk, "배터리: 최대 30시간 재생")]
    final = events[-1]
    assert final["type"] == "message" and final["message"]["id"] == answer.pk
    assert final["citations"] == generated["citations"]
    assert final["message"]["generated"]["citations"] == generated["citations"]


def test_a_brand_question_the_knowledge_base_cannot_answer_says_so_and_cites_nothing(
    session, user, brand, workspace, django_capture_on_commit_callbacks
):
    add_sheet(workspace, django_capture_on_commit_callbacks, brand=brand)
    answer, events = ask(session, user, "우리 브랜드 환불 정책이 뭐야?")

    assert answer.intent == "brand_question"
    assert NOTHING_FOUND["ko"] in answer.content
    assert "30시간" not in answer.content and "129,000" not in answer.content
    assert "친근하고 밝게" in answer.content  # the brand kit's own facts still answer
    assert answer.generated == {
        "kind": "knowledge",
        "answer": NOTHING_FOUND["ko"],
        "grounded": False,
        "provider": "offline",
        "citations": [],
    }
    assert events[-1]["citations"] == []


def test_another_workspaces_knowledge_is_never_used(session, user, django_capture_on_commit_callbacks):
    other = WorkspaceFactory()
    add_sheet(other, django_capture_on_commit_callbacks)
    answer, events = ask(session, user, "X1 배터리는 몇 시간 가요?")

    assert "30시간" not in answer.content
    assert answer.generated == {} and events[-1]["citations"] == []


def test_the_analyze_endpoint_returns_the_citations(
    owner_client, session, brand, workspace, django_capture_on_commit_callbacks
):
    source = add_sheet(workspace, django_capture_on_commit_callbacks, brand=brand)
    body = owner_client.post(
        "/api/v1/chat/analyze", {"session": session.pk, "message": "X1 가격이 얼마예요?"}, format="json"
    ).json()
    assert [(c["source"], c["quote"]) for c in body["citations"]] == [(source.pk, "가격: 129,000원")]
    assert body["message"]["generated"]["citations"] == body["citations"]
