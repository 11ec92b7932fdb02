"""The rules every endpoint follows: lists paginated with whole-number parameters, ids that fit
the database, one trailing-slash rule, JSON 404s, ETags answering 304, the schema as JSON on
request and the docs served from the install."""

import pytest
from django.contrib.staticfiles import finders

from brands.tests.factories import BrandKitFactory, BrandLogoFactory
from chat.tests.factories import ChatMessageFactory, ChatSessionFactory
from conftest import client_for
from documents.services import document_create, document_update

pytestmark = pytest.mark.django_db
CONTENT = {"width": 100, "height": 100, "pages": [{"id": "p", "objects": []}]}
TOO_LARGE = "99999999999999999999"


@pytest.fixture
def objects(user, workspace):
    brand = BrandKitFactory(workspace=workspace)
    BrandLogoFactory(brand=brand)
    session = ChatSessionFactory(brand=brand, workspace=workspace)
    ChatMessageFactory(session=session, workspace=workspace)
    document = document_create(workspace=workspace, user=user, content=CONTENT)
    document = document_update(document=document, user=user, content={**CONTENT, "width": 200}, base_version=1)
    return {"brand": brand, "session": session, "document": document, "workspace": workspace}


def _lists(objects) -> list[str]:
    """Every list the API serves (read from the schema: the operations taking page_size)."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    ids = {
        "/api/v1/brands/{id}/": objects["brand"].pk,
        "/api/v1/chat/sessions/{id}/": objects["session"].pk,
        "/api/v1/documents/{id}/": objects["document"].pk,
        "/api/v1/workspaces/{id}/": objects["workspace"].pk,
    }
    paths = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get and any(parameter["name"] == "page_size" for parameter in get.get("parameters", [])):
            for prefix, pk in ids.items():
                if path.startswith(prefix):
                    path = path.replace("{id}", str(pk))
            assert "{" not in path, path
            paths.append(path)
    return paths


def test_every_list_is_paginated_and_refuses_a_page_size_that_is_not_a_whole_number(user, objects):
    client = client_for(user)
    paths = _lists(objects)
    for expected in ["logos/", "versions/", "messages/", "members/", "/api/v1/llm/calls/", "/api/v1/agent-runs/"]:
        assert any(path.endswith(expected) for path in paths), expected
    for path in paths:
        body = client.get(path).json()
        assert {"count", "next", "previous", "results"} <= set(body), path
        assert client.get(path, {"page_size": 1}).status_code == 200, path
        for bad in ["null", "0", "-1", "abc", "1.5", "101", TOO_LARGE]:
            response = client.get(path, {"page_size": bad})
            assert response.status_code == 400, (path, bad)
            assert "page_size" in response.json()["errors"], (path, bad)
        assert client.get(path, {"page": "abc"}).status_code == 400, path


def test_the_newest_version_comes_first_in_its_page(user, objects):
    versions = client_for(user).get(f"/api/v1/documents/{objects['document'].pk}/versions/", {"page_size": 1}).json()
    assert versions["count"] == 2 and [v["version"] for v in versions["results"]] == [2]


def test_an_id_too_large_for_the_database_is_a_400_in_a_query_and_a_404_in_a_path(user, objects):
    """The fuzz finding: /api/v1/llm/calls/ answered 500 to an id no database column holds."""
    client = client_for(user)
    for path, name in [
        ("/api/v1/llm/calls/", "workspace"),
        ("/api/v1/llm/usage/", "workspace"),
        (f"/api/v1/chat/sessions/{objects['session'].pk}/messages/", "after"),
        ("/api/v1/documents/", "brand"),
        ("/api/v1/agent-runs/", "workflow"),
    ]:
        for bad in [TOO_LARGE, "²", "-1"]:
            response = client.get(path, {name: bad})
            assert response.status_code == 400, (path, bad, response.content[:200])
            assert name in response.json()["errors"]
    assert client.get("/api/v1/llm/calls/", {"outcome": "nonsense"}).status_code == 400
    for name in ["since", "purpose", "provider"]:
        assert client.get("/api/v1/llm/usage/", {name: ""}).status_code == 400, name
    for path in [f"/api/v1/brands/{TOO_LARGE}/", f"/api/v1/agent-runs/{TOO_LARGE}/", "/api/v1/agent-runs/²/"]:
        assert client.get(path).status_code == 404, path


def test_one_trailing_slash_rule_and_json_404s(user, objects, settings):
    settings.DEBUG = True  # the JSON 404 does not depend on Django's debug page being off
    client = client_for(user)
    document = objects["document"]
    assert client.get("/api/v1/brands").json()["count"] == 1
    for path in ["/api/v1/editor/ai_command", "/api/v1/editor/ai_command/"]:
        response = client.post(path, {"document": document.pk, "version": document.version, "command": "?"})
        assert response.status_code in {200, 422}, (path, response.content[:200])
    missing = client.get("/api/v1/no-such-thing/")
    assert missing.status_code == 404 and missing.json() == {"detail": "Not found.", "code": "not_found"}
    assert client.post("/api/nothing", {}).json()["code"] == "not_found"


def test_an_etag_answers_304_to_if_none_match(user, objects):
    client = client_for(user)
    path = f"/api/v1/documents/{objects['document'].pk}/"
    first = client.get(path)
    assert first["ETag"] == '"2"'
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get(path, HTTP_IF_NONE_MATCH='"1"').status_code == 200
    listed = client.get("/api/v1/workspaces/")
    assert client.get("/api/v1/workspaces/", HTTP_IF_NONE_MATCH=listed["ETag"]).status_code == 304


def test_the_schema_as_json_on_request(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert response.json()["openapi"].startswith("3.0")
    assert client.get("/api/schema/?format=yaml").content.startswith(b"openapi:")
    assert client.get("/api/schema/?format=xml").status_code == 400


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_docs_are_served_from_the_install(client, path):
    page = client.get(path).content.decode()
    assert "drf_spectacular_sidecar/" in page
    assert "https://" not in page and "http://" not in page
    bundle = "swagger-ui-dist/swagger-ui-bundle.js" if path == "/api/docs/" else "redoc/bundles/redoc.standalone.js"
    assert finders.find(f"drf_spectacular_sidecar/{bundle}")
