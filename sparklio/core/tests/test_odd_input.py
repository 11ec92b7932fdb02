"""Every odd input is a 4xx in the one JSON error shape, never a 500 or an HTML page: lone
surrogates and NUL characters anywhere in a JSON body or a query string, out-of-range dates,
numbers too large for the database, oversize bodies, unknown socket paths."""

import json

import pytest
from channels.testing import WebsocketCommunicator

pytestmark = pytest.mark.django_db

SURROGATE = "\ud800"


def post_json(client, url: str, data) -> object:
    # json.dumps escapes a lone surrogate as \ud800, which is how a client sends one.
    return client.generic("POST", url, json.dumps(data), content_type="application/json")


def assert_invalid(response, field: str, status: int = 400):
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["errors"], body
    assert body["detail"].startswith(field)


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/api/v1/brands/", {"name": "Lumi", "language": SURROGATE}, "language"),
        ("/api/v1/brands/", {"name": "Lumi", "colors": [{"name": "x", "hex": "#000000", "role": SURROGATE}]},
         "colors[0].role"),
        ("/api/v1/documents/", {"content": {"title": SURROGATE}}, "content.title"),
        ("/api/v1/documents/", {"content": {"pages": [{"id": "p", "objects": [{"text": "a" + SURROGATE}]}]}},
         "content.pages[0].objects[0].text"),
        ("/api/v1/agents/copywriter/runs/", {"input": {"brief": "a\x00b"}}, "input.brief"),
        ("/api/v1/chat/analyze", {"message": "hi\x00"}, "message"),
        ("/api/v1/workflows/", {"brief": SURROGATE, "facts": {"features": ["x", "\x00"]}}, "brief"),
    ],
)  # fmt: skip
def test_lone_surrogates_and_nul_in_json_bodies_are_a_400_naming_the_field(owner_client, workspace, url, data, field):
    response = post_json(owner_client, url, {"workspace": workspace.id, **data})
    assert_invalid(response, field)


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/v1/agents/copywriter/runs/", '{"input": {"brief": "x", "count": 1e999}}', "input.count"),
        ("/api/v1/documents/", '{"content": {"width": 1e999}}', "content.width"),
    ],
)
def test_numbers_too_large_to_be_finite_are_a_400(owner_client, workspace, url, body, field):
    # 1e999 is a valid JSON number that Python reads as infinity; JSON columns refuse it.
    response = owner_client.generic("POST", url, body, content_type="application/json")
    assert_invalid(response, field)


def test_a_surrogate_in_a_key_is_named_printably(owner_client, workspace):
    response = post_json(owner_client, "/api/v1/documents/", {"workspace": workspace.id, "content": {SURROGATE: 1}})
    assert_invalid(response, "content.\\ud800")


def test_template_content_with_a_surrogate_is_a_400(owner_client, workspace):
    from templates.models import Template

    template = Template.objects.first()
    if template is None:
        from templates.services import template_library_sync

        template_library_sync()
        template = Template.objects.first()
    response = post_json(
        owner_client,
        f"/api/v1/templates/{template.id}/apply/",
        {"workspace": workspace.id, "content": {"headline": SURROGATE}},
    )
    assert_invalid(response, "content.headline")


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/llm/calls/?provider=%00", "provider"),
        ("/api/v1/llm/calls/?purpose=a%00b&outcome=ok", "purpose"),
        ("/api/v1/documents/?search=%00", "search"),
        ("/api/v1/brands/?x%00=1", "x\\x00"),
    ],
)
def test_nul_in_a_query_string_is_a_400_naming_the_parameter(owner_client, url, field):
    assert_invalid(owner_client.get(url), field)


def test_nul_in_the_admin_search_is_a_400_too(admin_client):
    response = admin_client.get("/admin/documents/document/?q=%00")
    assert response.status_code == 400 and response.json()["errors"] == {"q": ["Null characters are not allowed."]}


@pytest.mark.parametrize("query", ["until=0001-01-01", "since=0001-01-01", "until=9999-12-31T23:59:59-10:00"])
def test_out_of_range_dates_are_a_400(owner_client, workspace, query):
    response = owner_client.get(f"/api/v1/llm/usage/?workspace={workspace.id}&{query}")
    assert_invalid(response, query.split("=")[0])


HUGE = 10**20


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/documents/{HUGE}/",
        f"/api/v1/brands/{HUGE}/",
        f"/api/v1/workflows/{HUGE}/",
        f"/api/v1/agent-runs/{HUGE}/",
        f"/api/v1/chat/sessions/{HUGE}/messages/",
    ],
)
def test_ids_too_large_for_the_database_are_not_found(owner_client, url):
    response = owner_client.get(url)
    assert response.status_code == 404 and response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/api/v1/documents/", {"content": {"width": 10, "height": 10, "pages": [{"id": "p"}], "brand": HUGE}},
         "content.brand"),
        ("/api/v1/workflows/", {"brief": "무선 이어폰 X1 인스타 광고", "brand": HUGE}, "brand"),
        ("/api/v1/chat/analyze", {"message": "hello", "session": HUGE}, "session"),
    ],
)  # fmt: skip
def test_huge_numbers_in_bodies_are_a_400(owner_client, workspace, url, data, field):
    response = post_json(owner_client, url, {"workspace": workspace.id, **data})
    assert response.status_code == 400, response.content[:300]
    assert field in response.json()["errors"]


def test_huge_numbers_in_filters_are_a_400_or_empty(owner_client):
    for url in [f"/api/v1/documents/?workspace={HUGE}", f"/api/v1/agent-runs/?workflow={HUGE}"]:
        response = owner_client.get(url)
        assert response.status_code in (200, 400), (url, response.status_code)
        assert response["Content-Type"].startswith("application/json")


def test_an_oversize_body_is_a_json_413(owner_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"name": "x" * 2000})
    response = owner_client.generic("POST", "/api/v1/brands/", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {
        "detail": "The request body is larger than the limit of 1000 bytes.",
        "code": "request_too_large",
    }


def test_an_oversize_form_is_a_json_413_outside_the_api_too(admin_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = admin_client.post("/admin/login/", {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413 and response.json()["code"] == "request_too_large"


def test_too_many_form_fields_is_a_json_400(owner_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    body = "&".join(f"f{n}=1" for n in range(10))
    response = owner_client.generic("POST", "/api/v1/brands/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and response.json()["code"] == "bad_request"


def test_unknown_ids_still_404_and_valid_input_still_works(owner_client, workspace):
    assert owner_client.get("/api/v1/documents/123456/").status_code == 404
    response = post_json(owner_client, "/api/v1/brands/", {"workspace": workspace.id, "name": "한글 ✓ 🎉"})
    assert response.status_code == 201 and response.json()["name"] == "한글 ✓ 🎉"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/ws/nope/", "/ws/workspaces/abc/", "/", "/ws/chat/"])
async def test_unknown_socket_paths_are_closed_cleanly(path):
    from conftest import refused_with
    from sparklio.asgi import application

    communicator = WebsocketCommunicator(application, path)
    assert await refused_with(communicator) == 4404
    await communicator.wait(timeout=1)
