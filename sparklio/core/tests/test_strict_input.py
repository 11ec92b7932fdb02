"""Input is taken as its schema says, in JSON and in forms: a key no field knows is a 400
naming it, a JSON value of the wrong type is a 400 naming it, nothing is written; read-only
fields sent back as they were read are ignored; the request schemas say the same."""

import importlib
import inspect
import json

import pytest
from rest_framework import serializers

from brands.models import BrandKit
from brands.tests.factories import BrandKitFactory
from chat.tests.factories import ChatSessionFactory
from documents.models import Document
from documents.services import document_create
from sparklio.core.api import strict
from sparklio.core.models import Workspace

pytestmark = pytest.mark.django_db

CONTENT = {"width": 100, "height": 100, "pages": [{"id": "p", "objects": []}]}


def send(client, method: str, url: str, data, form: bool = False):
    if form:
        # a urlencoded form, as an HTML form or `curl -d` sends it
        return getattr(client, method.lower())(url, data, format="multipart" if method == "POST" else None)
    return client.generic(method, url, json.dumps(data), content_type="application/json")


def assert_refused(response, *fields):
    assert response.status_code == 400, (response.status_code, response.content[:400])
    errors = response.json()["errors"]
    for field in fields:
        assert field in errors, errors


@pytest.fixture
def brand(workspace):
    return BrandKitFactory(workspace=workspace, name="Lumi")


@pytest.fixture
def document(user, workspace):
    return document_create(workspace=workspace, user=user, content=CONTENT, title="Spring")


# --- unknown keys -------------------------------------------------------------------------


@pytest.mark.parametrize("form", [False, True], ids=["json", "form"])
def test_an_unknown_key_in_a_model_resource_is_refused_and_nothing_changes(owner_client, brand, form):
    url = f"/api/v1/brands/{brand.pk}/"
    if form:
        response = owner_client.patch(url, "nmae=Other", content_type="application/x-www-form-urlencoded")
    else:
        response = send(owner_client, "PATCH", url, {"nmae": "Other"})
    assert_refused(response, "nmae")
    assert "name" in response.json()["errors"]["nmae"][0]  # says what is taken
    brand.refresh_from_db()
    assert brand.name == "Lumi"


def test_an_unknown_key_beside_known_ones_refuses_the_whole_change(owner_client, brand):
    response = send(owner_client, "PATCH", f"/api/v1/brands/{brand.pk}/", {"name": "Other", "colour": []})
    assert_refused(response, "colour")
    brand.refresh_from_db()
    assert brand.name == "Lumi"


def test_an_unknown_key_in_a_nested_object_is_refused(owner_client, workspace):
    body = {
        "workspace": workspace.pk,
        "name": "Nova",
        "colors": [{"name": "a", "hex": "#000000", "role": "primary", "alpha": 1}],
    }
    response = send(owner_client, "POST", "/api/v1/brands/", body)
    assert_refused(response, "colors[0].alpha")
    assert not BrandKit.objects.filter(name="Nova").exists()


@pytest.mark.parametrize("form", [False, True], ids=["json", "multipart"])
def test_an_unknown_key_in_an_action_body_is_refused(owner_client, workspace, form):
    body = {"workspace": workspace.pk, "content": json.dumps(CONTENT), "titel": "x"}
    if form:
        response = owner_client.post("/api/v1/documents/", body, format="multipart")
    else:
        response = send(owner_client, "POST", "/api/v1/documents/", {**body, "content": CONTENT})
    assert_refused(response, "titel")
    assert not Document.objects.exists()


def test_auth_bodies_refuse_unknown_keys(api_client, user):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": user.username, "password": "x", "otp": "1"}, format="json"
    )
    assert_refused(response, "otp")


def test_a_generator_run_passes_other_keys_to_the_generator_which_refuses_unknown_ones(owner_client, workspace):
    response = send(
        owner_client,
        "POST",
        "/api/v1/generators/headline/run/",
        {"workspace": workspace.pk, "provider": "offline", "product": "Lumi", "flavour": "x"},
    )
    assert_refused(response, "flavour")


def test_an_agent_run_takes_its_input_under_input_only(owner_client, workspace):
    response = send(
        owner_client, "POST", "/api/v1/agents/copywriter/runs/", {"workspace": workspace.pk, "brief": "Lumi"}
    )
    assert_refused(response, "brief", "input")


def test_query_strings_keep_paging_and_filters(owner_client, workspace):
    response = owner_client.get(f"/api/v1/llm/usage/?workspace={workspace.pk}&page=1")
    assert response.status_code == 200, response.content[:300]


# --- JSON types ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": 5}, "name"),  # a string field given a number
        ({"name": True}, "name"),  # … or a boolean
        ({"description": ["a"]}, "description"),
        ({"banned_words": ["ok", 7]}, "banned_words[1]"),  # a list of strings holding a number
        ({"fonts": [{"family": "Inter", "role": "body", "weights": ["400"]}]}, "fonts[0].weights[0]"),
        ({"fonts": [{"family": "Inter", "role": "body", "weights": [400.0]}]}, "fonts[0].weights[0]"),
        ({"workspace": "1"}, "workspace"),  # an id as a string
        ({"language": 1}, "language"),
        ({"colors": {"name": "x"}}, "colors"),
    ],
)
def test_json_values_of_the_wrong_type_are_refused(owner_client, brand, body, field):
    response = send(owner_client, "PATCH", f"/api/v1/brands/{brand.pk}/", body)
    assert_refused(response, field)
    assert "JSON" in response.json()["errors"][field][0]
    brand.refresh_from_db()
    assert brand.name == "Lumi"


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/v1/chat/analyze/", {"message": 12}, "message"),
        ("/api/v1/chat/analyze/", {"message": "hi", "document": "3"}, "document"),
        ("/api/v1/editor/ai_command/", {"document": 1, "command": False}, "command"),
        ("/api/v1/workflows/", {"brief": "x", "brand": 1, "assets": [1.5]}, "assets[0]"),
        ("/api/v1/auth/token/", {"username": 1, "password": "x"}, "username"),
        ("/api/v1/auth/register/", {"username": "a", "email": "a@b.co", "password": 123456789}, "password"),
    ],
)
def test_action_bodies_refuse_wrong_json_types(owner_client, url, body, field):
    response = send(owner_client, "POST", url, body)
    assert_refused(response, field)


def test_a_form_still_carries_numbers_and_choices_as_text(owner_client, workspace):
    response = owner_client.post(
        "/api/v1/chat/sessions/", {"workspace": str(workspace.pk), "title": "Plans"}, format="multipart"
    )
    assert response.status_code == 201, response.content[:300]
    session = response.json()
    response = owner_client.patch(
        f"/api/v1/chat/sessions/{session['id']}/", "title=Renamed", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200, response.content[:300]
    assert response.json()["title"] == "Renamed"


# --- read-only fields sent back -------------------------------------------------------------


def test_a_fetched_brand_can_be_put_back_whole(owner_client, brand):
    url = f"/api/v1/brands/{brand.pk}/"
    fetched = owner_client.get(url).json()
    response = send(owner_client, "PUT", url, {**fetched, "name": "Lumi 2"})
    assert response.status_code == 200, response.content[:400]
    assert response.json()["name"] == "Lumi 2"
    assert response.json()["created_at"] == fetched["created_at"]


def test_a_fetched_chat_session_can_be_patched_back(owner_client, workspace):
    session = ChatSessionFactory(workspace=workspace, brand=None)
    url = f"/api/v1/chat/sessions/{session.pk}/"
    fetched = owner_client.get(url).json()
    response = send(owner_client, "PATCH", url, {**fetched, "title": "New", "id": 999999})
    assert response.status_code == 200, response.content[:400]
    assert response.json()["id"] == session.pk


def test_a_fetched_document_patched_back_keeps_its_read_only_fields_and_refuses_content(owner_client, document):
    url = f"/api/v1/documents/{document.pk}/"
    fetched = owner_client.get(url).json()
    echoed = {key: value for key, value in fetched.items() if key != "content"}
    response = send(owner_client, "PATCH", url, {**echoed, "title": "Summer"})
    assert response.status_code == 200, response.content[:400]
    assert response.json()["title"] == "Summer"
    assert response.json()["created_at"] == fetched["created_at"]
    # the pages would be lost in a PATCH: a 400 saying to PUT them
    response = send(owner_client, "PATCH", url, {**fetched, "version": fetched["version"] + 1})
    assert_refused(response, "content")
    assert "PUT" in response.json()["errors"]["content"][0]


def test_a_fetched_document_put_back_saves_its_content_and_refuses_a_title(owner_client, document):
    url = f"/api/v1/documents/{document.pk}/"
    fetched = owner_client.get(url).json()
    body = {key: value for key, value in fetched.items() if key not in {"title", "brand"}}
    body["content"] = {**fetched["content"], "width": 200}
    response = send(owner_client, "PUT", url, body)
    assert response.status_code == 200, response.content[:400]
    assert response.json()["version"] == fetched["version"] + 1
    response = send(owner_client, "PUT", url, {**body, "version": fetched["version"] + 1, "title": "x"})
    assert_refused(response, "title")
    assert "PATCH" in response.json()["errors"]["title"][0]


# --- the schema says the same ---------------------------------------------------------------


@pytest.fixture(scope="module")
def components():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]


def test_request_schemas_refuse_unknown_keys_and_list_echoed_read_only_fields(components):
    assert components["PatchedBrandKitRequest"]["additionalProperties"] is False
    assert "created_at" in components["PatchedBrandKitRequest"]["properties"]
    assert "Read-only" in components["PatchedBrandKitRequest"]["properties"]["created_at"]["description"]
    assert components["ColorRequest"]["additionalProperties"] is False
    assert components["TokenInputRequest"]["additionalProperties"] is False
    assert "content" not in components["PatchedDocumentPatchRequest"]["properties"]
    assert "created_at" in components["PatchedDocumentPatchRequest"]["properties"]
    # the generator's own input rides beside the envelope
    assert components["GeneratorRunRequest"].get("additionalProperties", True) is not False
    # responses are not closed: a client may meet fields added later
    assert "additionalProperties" not in components["BrandKit"]


def _project_serializers():
    modules = [
        "agents.api.serializers",
        "assets.api.serializers",
        "brands.api.serializers",
        "chat.api.serializers",
        "documents.api.editor",
        "documents.api.serializers",
        "generators.api.serializers",
        "meetings.api.serializers",
        "sparklio.core.api.serializers",
        "sparklio.llm.api.serializers",
        "templates.api.serializers",
    ]
    for name in modules:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, serializers.Serializer) and cls.__module__ == name:
                yield cls


def test_every_project_serializer_is_strict():
    found = list(_project_serializers())
    assert len(found) > 40
    loose = [cls.__qualname__ for cls in found if not issubclass(cls, strict.StrictMixin)]
    assert loose == []


@pytest.mark.parametrize("query", ["workspace=", "language=", "workspace=&language=ko"])
def test_an_empty_filter_is_refused_not_dropped(owner_client, brand, query):
    response = owner_client.get(f"/api/v1/brands/?{query}")
    assert_refused(response, query.split("=")[0])


def test_json_null_for_a_relation_stays_null_and_an_empty_string_is_refused(owner_client, workspace):
    response = send(owner_client, "POST", "/api/v1/chat/sessions/", {"workspace": workspace.pk, "brand": ""})
    assert_refused(response, "brand")
    response = send(owner_client, "POST", "/api/v1/chat/sessions/", {"workspace": workspace.pk, "brand": None})
    assert response.status_code == 201, response.content[:300]


def test_an_agent_run_answers_its_input_as_sent_without_the_envelope_it_keeps(owner_client, workspace):
    response = send(
        owner_client,
        "POST",
        "/api/v1/agents/copywriter/runs/",
        {"workspace": workspace.pk, "provider": "offline", "input": {"brief": "Lumi lamp"}},
    )
    assert response.status_code == 202, response.content[:300]
    assert response.json()["input"]["brief"] == "Lumi lamp"
    assert not [key for key in response.json()["input"] if key.startswith("_")]


@pytest.mark.parametrize("form", [False, True], ids=["json", "form"])
def test_max_length_holds_for_the_text_as_sent_before_trimming(owner_client, form):
    name = "\n" + "*" * 120  # 121 characters; 120 once trimmed
    if form:
        response = owner_client.post("/api/v1/workspaces/", {"name": name}, format="multipart")
    else:
        response = send(owner_client, "POST", "/api/v1/workspaces/", {"name": name})
    assert_refused(response, "name")
    assert not Workspace.objects.filter(name="*" * 120).exists()


def test_a_form_key_that_cannot_carry_its_field_is_refused_not_dropped(owner_client, brand):
    response = owner_client.patch(
        f"/api/v1/brands/{brand.pk}/",
        "fonts=family&fonts=role&name=Other",
        content_type="application/x-www-form-urlencoded",
    )
    assert_refused(response, "fonts")
    assert "JSON" in response.json()["errors"]["fonts"][0]
    brand.refresh_from_db()
    assert brand.name == "Lumi"
    # spelled as a form spells a list of objects, it is read
    response = owner_client.patch(
        f"/api/v1/brands/{brand.pk}/",
        "fonts[0]family=Inter&fonts[0]role=body&name=Other",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.content[:300]
    assert response.json()["fonts"][0]["family"] == "Inter"
