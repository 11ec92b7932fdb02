"""The feedback and learning endpoints: input checks, workspace isolation, what is shown."""

import copy

import pytest

from brands.tests.factories import BrandKitFactory
from chat.models import ChatMessage, ChatSession
from conftest import client_for, member
from documents.services import document_update
from learning.models import Feedback, LearnedProfile
from learning.tests.factories import make_document

pytestmark = pytest.mark.django_db

URL = "/api/v1/feedback/"


@pytest.fixture
def brand(workspace):
    return BrandKitFactory(workspace=workspace, name="소리랩")


@pytest.fixture
def document(workspace, brand):
    return make_document(workspace, brand, ("headline", "최고의 무선 이어폰 X1"), ("cta", "지금 구매"))


def test_a_member_rates_a_document_and_lists_it(owner_client, workspace, brand, document):
    response = owner_client.post(URL, {"document": document.pk, "rating": 5, "comment": "좋아요"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["target"] == "document" and body["brand"] == brand.pk and body["workspace"] == workspace.pk
    assert body["document_version"] == 1 and body["chat_message"] is None
    assert body["texts"] == [
        {"role": "headline", "text": "최고의 무선 이어폰 X1"},
        {"role": "cta", "text": "지금 구매"},
    ]
    listed = owner_client.get(URL, {"workspace": workspace.pk}).json()
    assert [item["id"] for item in listed["results"]] == [body["id"]]


def test_a_viewer_may_rate(workspace, document):
    viewer = client_for(member(workspace, "viewer"))
    assert viewer.post(URL, {"document": document.pk, "rating": 2}, format="json").status_code == 201


@pytest.mark.parametrize("rating", [0, 6, -1, "5", 4.5, True, None])
def test_a_rating_outside_1_to_5_is_refused_naming_rating(owner_client, document, rating):
    response = owner_client.post(URL, {"document": document.pk, "rating": rating}, format="json")
    assert response.status_code == 400 and "rating" in response.json()["errors"]
    assert not Feedback.objects.exists()


def test_exactly_one_target(owner_client, workspace, brand, document):
    session = ChatSession.objects.create(workspace=workspace, brand=brand, title="s")
    message = ChatMessage.objects.create(workspace=workspace, session=session, role="assistant", content="안녕")
    both = owner_client.post(URL, {"document": document.pk, "chat_message": message.pk, "rating": 4}, format="json")
    assert both.status_code == 400 and "chat_message" in both.json()["errors"]
    neither = owner_client.post(URL, {"rating": 4}, format="json")
    assert neither.status_code == 400 and "document" in neither.json()["errors"]
    unknown = owner_client.post(URL, {"document": document.pk, "rating": 4, "stars": 4}, format="json")
    assert unknown.status_code == 400 and "stars" in unknown.json()["errors"]
    assert not Feedback.objects.exists()


def test_a_chat_answer_is_rated_through_the_resolver_chat_registers(owner_client, workspace, brand):
    session = ChatSession.objects.create(workspace=workspace, brand=brand, title="s")
    message = ChatMessage.objects.create(
        workspace=workspace, session=session, role="assistant", content="소음은 끄고 하루는 켜고"
    )
    response = owner_client.post(URL, {"chat_message": message.pk, "rating": 5}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["target"] == "chat_message" and body["chat_message"] == message.pk and body["brand"] == brand.pk
    assert body["texts"] == [{"role": "message", "text": "소음은 끄고 하루는 켜고"}]


def test_a_users_own_message_is_no_copy_to_rate(owner_client, workspace, brand):
    session = ChatSession.objects.create(workspace=workspace, brand=brand, title="s")
    question = ChatMessage.objects.create(workspace=workspace, session=session, role="user", content="요즘 뭐가 떠?")
    response = owner_client.post(URL, {"chat_message": question.pk, "rating": 5}, format="json")
    assert response.status_code == 400 and "chat_message" in response.json()["errors"]
    assert not Feedback.objects.exists()


def test_another_workspaces_objects_are_not_found(owner_client, workspace, other_workspace, document):
    theirs_brand = BrandKitFactory(workspace=other_workspace)
    theirs = make_document(other_workspace, theirs_brand, ("headline", "남의 헤드라인"))
    session = ChatSession.objects.create(workspace=other_workspace, title="s")
    message = ChatMessage.objects.create(workspace=other_workspace, session=session, role="assistant", content="x")
    assert owner_client.post(URL, {"document": theirs.pk, "rating": 5}, format="json").status_code == 404
    assert owner_client.post(URL, {"chat_message": message.pk, "rating": 5}, format="json").status_code == 404
    assert owner_client.post(URL, {"document": 10**9, "rating": 5}, format="json").status_code == 404
    assert not Feedback.objects.exists()
    # their feedback stays theirs, in lists, by id and in what their brand learned
    stranger = client_for(member(other_workspace, "editor"))
    mine = owner_client.post(URL, {"document": document.pk, "rating": 5}, format="json").json()
    assert stranger.get(URL).json()["results"] == []
    assert stranger.get(f"{URL}{mine['id']}/").status_code == 404
    assert owner_client.get(f"/api/v1/brands/{theirs_brand.pk}/learning/").status_code == 404


def test_the_learning_endpoint_shows_what_was_learned_and_from_what(owner_client, user, workspace, brand, document):
    content = copy.deepcopy(document.content)
    content["pages"][0]["objects"][0]["text"] = "편안한 무선 이어폰 X1"
    document_update(document=document, user=user, content=content, base_version=1)
    loved = make_document(workspace, brand, ("headline", "하루를 켜는 소리"))
    assert owner_client.post(URL, {"document": loved.pk, "rating": 5}, format="json").status_code == 201

    body = owner_client.get(f"/api/v1/brands/{brand.pk}/learning/").json()

    assert body["brand"] == brand.pk and body["stale"] is False
    assert body["learned_from"] == {"feedback": 1, "edits": 1, "performance_rows": 0}
    assert body["avoided"] == [{"phrase": "최고의", "count": 1, "sources": {"edit": 1}, "documents": [document.pk]}]
    assert body["preferred"][0]["phrase"] == "편안한"
    examples = {e["text"]: e for e in body["examples"]}
    assert examples["하루를 켜는 소리"]["sources"] == ["feedback"] and examples["하루를 켜는 소리"]["score"] == 1.0
    assert examples["편안한 무선 이어폰 X1"]["sources"] == ["edit"]
    # the best example first: a 5★ rating weighs more than a kept edit
    assert body["examples"][0]["text"] == "하루를 켜는 소리"
    assert body["style"] == {"provider": "offline", "model": body["style"]["model"], "dimensions": 384, "texts": 2}
    assert body["updated_at"]


def test_a_brand_with_no_signal_has_learned_nothing(owner_client, brand):
    body = owner_client.get(f"/api/v1/brands/{brand.pk}/learning/").json()
    assert body["examples"] == [] and body["style"] is None and body["updated_at"] is None
    assert body["learned_from"] == {"feedback": 0, "edits": 0, "performance_rows": 0}


def test_new_feedback_relearns_the_brand_once_committed(
    owner_client, workspace, brand, document, django_capture_on_commit_callbacks, settings
):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    from sparklio.core.events import workspace_group

    layer = get_channel_layer()
    async_to_sync(layer.group_add)(workspace_group(workspace.pk), "watcher")
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(URL, {"document": document.pk, "rating": 5}, format="json")
    assert response.status_code == 201
    profile = LearnedProfile.objects.get(brand=brand)
    assert profile.feedback_count == 1
    assert {e["text"] for e in profile.examples} == {"최고의 무선 이어폰 X1", "지금 구매"}
    message = async_to_sync(layer.receive)("watcher")
    assert message["event"] == {"type": "learning.updated", "brand": brand.pk, "examples": 2}
