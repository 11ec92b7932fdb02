"""The chat socket with Channels' communicator: streaming, several tabs, history, cancel,
fallback mid-stream, agent progress, and every bad input."""

import json

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from brands.tests.factories import BrandColorFactory, BrandKitFactory
from chat.models import ChatMessage, ChatSession
from conftest import refused_with
from sparklio.asgi import application
from sparklio.core.services import token_issue
from sparklio.core.tests.factories import MembershipFactory, UserFactory
from sparklio.llm.tests import wire

PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야."
)

pytestmark = pytest.mark.django_db(transaction=True)


@database_sync_to_async
def setup(role="editor"):
    from templates.services import template_library_sync

    template_library_sync()
    user = UserFactory()
    brand = BrandKitFactory(name="Sonic", tone_of_voice="친근하게")
    BrandColorFactory(brand=brand, role="primary", hex="#0A7CFF")
    MembershipFactory(workspace=brand.workspace, user=user, role=role)
    session = ChatSession.objects.create(workspace=brand.workspace, brand=brand, title="t", created_by=user)
    return session, token_issue(user=user).key


async def connect(session, token):
    communicator = WebsocketCommunicator(application, f"/ws/chat/{session.pk}/?token={token}")
    connected, _ = await communicator.connect()
    assert connected
    hello = await communicator.receive_json_from()
    assert hello["type"] == "hello" and hello["session"] == session.pk
    return communicator


async def until_final(communicator, timeout=30):
    events = []
    while True:
        event = await communicator.receive_json_from(timeout=timeout)
        events.append(event)
        if event["type"] == "message" and event["message"]["role"] == "assistant":
            return events


async def test_a_message_is_persisted_first_then_streamed_to_every_tab():
    session, token = await setup()
    first, second = await connect(session, token), await connect(session, token)
    await first.send_json_to({"type": "message", "content": "안녕하세요"})
    events = await until_final(first)
    others = await until_final(second)
    assert events[0]["type"] == "message" and events[0]["message"]["role"] == "user"
    assert events[0]["message"]["content"] == "안녕하세요" and events[0]["message"]["id"]
    assert events[1]["type"] == "message_started" and events[1]["intent"] == "small_talk"
    tokens = [e["text"] for e in events if e["type"] == "token"]
    final = events[-1]["message"]
    assert len(tokens) > 3 and "".join(tokens) == final["content"]
    assert final["provider"] == "offline" and final["status"] == "complete" and "오프라인" in final["content"]
    assert [e["type"] for e in others] == [e["type"] for e in events]
    stored = await database_sync_to_async(
        lambda: list(ChatMessage.objects.filter(session=session).values_list("role", "status"))
    )()
    assert stored == [("user", "complete"), ("assistant", "complete")]
    await first.disconnect()
    await second.disconnect()


async def test_asking_for_a_provider_that_is_not_configured_is_told():
    session, token = await setup()
    client = await connect(session, token)
    await client.send_json_to({"type": "message", "content": "안녕하세요", "provider": "anthropic"})
    events = await until_final(client)
    notices = [e for e in events if e["type"] == "fallback"]
    assert notices and notices[0]["from"] == "anthropic" and notices[0]["reason"] == "not configured"
    assert events[-1]["message"]["provider"] == "offline"
    await client.disconnect()


async def test_a_reconnecting_client_asks_for_what_it_missed():
    session, token = await setup()
    client = await connect(session, token)
    await client.send_json_to({"type": "message", "content": "hello"})
    events = await until_final(client)
    user_id = events[0]["message"]["id"]
    await client.disconnect()
    again = await connect(session, token)
    await again.send_json_to({"type": "history", "after": user_id})
    history = await again.receive_json_from()
    assert history["type"] == "history" and [m["role"] for m in history["messages"]] == ["assistant"]
    assert history["messages"][0]["content"] == events[-1]["message"]["content"]
    await again.disconnect()


async def test_bad_input_gets_an_error_and_the_socket_stays_open(settings):
    settings.CHAT_MESSAGE_MAX_CHARS = 100
    session, token = await setup()
    client = await connect(session, token)
    await client.send_to(text_data="{not json")
    assert (await client.receive_json_from())["type"] == "error"
    await client.send_json_to({"type": "dance"})
    assert "unknown message type" in (await client.receive_json_from())["message"]
    await client.send_json_to({"type": "message", "content": "  "})
    assert (await client.receive_json_from())["field"] == "content"
    await client.send_json_to({"type": "message", "content": "가" * 150})
    assert "At most 100" in (await client.receive_json_from())["message"]
    await client.send_to(text_data=json.dumps({"type": "message", "content": "x" * 2000}))
    assert "too large" in (await client.receive_json_from())["message"]
    await client.send_json_to({"type": "message", "content": "hi", "provider": "hal"})
    assert (await client.receive_json_from())["field"] == "provider"
    await client.send_json_to({"type": "message", "content": "hi", "document": "seven"})
    assert (await client.receive_json_from())["field"] == "document"
    await client.send_json_to({"type": "ping"})
    assert (await client.receive_json_from())["type"] == "pong"
    assert await database_sync_to_async(ChatMessage.objects.count)() == 0
    await client.disconnect()


async def test_strangers_and_anonymous_clients_are_refused():
    session, _ = await setup()

    @database_sync_to_async
    def stranger_token():
        user = UserFactory()
        MembershipFactory(user=user, role="owner")
        return token_issue(user=user).key

    communicator = WebsocketCommunicator(application, f"/ws/chat/{session.pk}/?token={await stranger_token()}")
    assert await refused_with(communicator) == 4404
    anonymous = WebsocketCommunicator(application, f"/ws/chat/{session.pk}/")
    assert await refused_with(anonymous) == 4401


@pytest.fixture
def models(settings):
    api = wire.FakeAPI()
    settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "sk-test", f"{api.base}/v1"
    settings.ANTHROPIC_API_KEY, settings.ANTHROPIC_BASE_URL = "sk-ant-test", api.base
    settings.LLM_FALLBACK_CHAIN = ["openai", "anthropic"]
    settings.LLM_MAX_ATTEMPTS = 1
    yield api
    api.close()


async def test_cancel_stops_the_model_and_keeps_the_partial_answer(models):
    slow = models.route("POST", "/v1/chat/completions").mock(
        return_value=wire.sse_response(wire.openai_sse([f"조각{i} " for i in range(40)]))
    )
    slow.event_delay = 0.1
    session, token = await setup()
    client = await connect(session, token)
    await client.send_json_to({"type": "message", "content": "우리 브랜드 톤이 뭐야?"})
    seen = []
    while len([e for e in seen if e["type"] == "token"]) < 3:
        seen.append(await client.receive_json_from(timeout=10))
    await client.send_json_to({"type": "cancel"})
    events = seen + await until_final(client)
    final = events[-1]
    assert final["cancelled"] is True and final["message"]["status"] == "partial"
    tokens = "".join(e["text"] for e in events if e["type"] == "token")
    assert final["message"]["content"] == tokens and tokens.startswith("조각0 ") and "조각39" not in tokens
    stored = await database_sync_to_async(ChatMessage.objects.get)(pk=final["message"]["id"])
    assert stored.status == "partial" and stored.content == tokens
    await client.disconnect()


async def test_a_provider_failing_mid_stream_falls_back_and_the_client_is_told(models):
    models.route("POST", "/v1/chat/completions").mock(
        return_value=wire.sse_response(wire.openai_sse(["Our tone ", "is"], finish=None))
    )
    models.route("POST", "/v1/messages").mock(
        return_value=wire.sse_response(wire.anthropic_sse(["친근하고 ", "밝은 톤이에요."]))
    )
    session, token = await setup()
    client = await connect(session, token)
    await client.send_json_to({"type": "message", "content": "우리 브랜드 톤이 뭐야?"})
    events = await until_final(client)
    fallback = next(e for e in events if e["type"] == "fallback")
    assert fallback["from"] == "openai" and fallback["to"] == "anthropic" and fallback["mid_stream"] is True
    before = [e["text"] for e in events[: events.index(fallback)] if e["type"] == "token"]
    after = [e["text"] for e in events[events.index(fallback) :] if e["type"] == "token"]
    assert before == ["Our tone ", "is"] and "".join(after) == "친근하고 밝은 톤이에요."
    final = events[-1]["message"]
    assert final["provider"] == "anthropic" and final["content"] == "친근하고 밝은 톤이에요."
    await client.disconnect()


async def test_a_campaign_reports_agent_progress(settings):
    session, token = await setup()
    client = await connect(session, token)
    await client.send_json_to({"type": "message", "content": PLAN})
    events = await until_final(client, timeout=60)
    progress = [e for e in events if e["type"] == "agent_progress"]
    assert progress and progress[0]["follow"] is True
    workflow_id = progress[0]["workflow"]
    assert any(e.get("status") == "succeeded" and e.get("workflow") == workflow_id for e in progress)
    final = events[-1]["message"]
    assert final["intent"] == "make_campaign" and final["workflows"] == [workflow_id]
    await client.disconnect()


async def test_a_classifier_answer_that_is_not_json_does_not_cost_the_reply(models):
    # Every call gets an event stream, the classification (a plain call) included: it fails as a
    # bad response, the rules' intent stands, and the streamed answer still arrives.
    models.route("POST", "/v1/chat/completions").mock(
        return_value=wire.sse_response(wire.openai_sse(["Hello ", "there!"]))
    )
    session, token = await setup()
    client = await connect(session, token)
    await client.send_json_to({"type": "message", "content": "hello there"})
    events = await until_final(client)
    final = events[-1]["message"]
    assert final["intent"] == "small_talk" and final["content"] == "Hello there!" and final["provider"] == "openai"
    await client.disconnect()


async def test_viewers_read_the_chat_but_cannot_write_to_it():
    session, token = await setup(role="viewer")
    client = await connect(session, token)
    await client.send_json_to({"type": "message", "content": "헤드라인 크게"})
    refused = await client.receive_json_from()
    assert refused["type"] == "error" and "viewer" in refused["message"]
    await client.send_json_to({"type": "history"})
    assert (await client.receive_json_from())["type"] == "history"
    assert await database_sync_to_async(ChatMessage.objects.count)() == 0
    await client.disconnect()


async def test_unreadable_json_is_an_error_not_a_closed_socket():
    session, token = await setup()
    client = await connect(session, token)
    await client.send_to(text_data="[" * 5000)
    assert (await client.receive_json_from())["type"] == "error"
    await client.send_to(text_data='{"type": "history", "after": ' + "9" * 5000 + "}")
    assert (await client.receive_json_from())["type"] == "error"
    await client.send_json_to({"type": "ping"})
    assert (await client.receive_json_from())["type"] == "pong"
    await client.disconnect()


async def test_a_request_for_copy_on_the_socket_lists_that_many_about_the_sessions_product():
    session, token = await setup()
    await database_sync_to_async(ChatMessage.objects.create)(
        workspace=session.workspace, session=session, role="user", content=PLAN.replace("만들어줘", "준비 중이야")
    )
    client = await connect(session, token)
    await client.send_json_to({"type": "message", "content": "슬로건 3개 뽑아줘"})
    events = await until_final(client)
    assert events[1]["type"] == "message_started" and events[1]["intent"] == "generate_copy"
    final = events[-1]["message"]
    generated = final["generated"]
    assert generated["generator"] == "slogan" and generated["facts"]["product"] == "무선 이어폰 X1"
    assert len(generated["items"]) == len(set(generated["items"])) == 3
    assert "".join(e["text"] for e in events if e["type"] == "token") == final["content"]
    assert all(f"{index}. {item}" in final["content"] for index, item in enumerate(generated["items"], 1))
    await client.disconnect()
