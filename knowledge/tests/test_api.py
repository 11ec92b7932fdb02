"""The knowledge API end to end: sources (202, processing, list, detail, delete), search and
ask, roles, workspace and brand scoping, and bad input answered on its field with nothing stored."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from brands.tests.factories import BrandKitFactory
from conftest import client_for, member
from knowledge.models import Chunk, Source
from knowledge.tests.conftest import ready_source
from sparklio.core.tests.factories import WorkspaceFactory
from sparklio.llm.models import LLMCall
from sparklio.llm.tests import wire

pytestmark = pytest.mark.django_db

SOURCES = "/api/v1/knowledge/sources/"
SEARCH = "/api/v1/knowledge/search/"
ASK = "/api/v1/knowledge/ask/"

SHEET = [
    "The X1 earbuds play for 8 hours on one charge and up to 24 hours with the charging case.",
    "Returns are accepted within 30 days of delivery when the product is unused.",
    "The logo needs clear space of half its height on every side.",
]
KOREAN = ["매장 영업시간은 평일 오전 10시부터 오후 8시까지입니다.", "회원 등급은 실버, 골드, 플래티넘으로 나뉩니다."]


def assert_invalid(response, field: str) -> None:
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and body["detail"]
    assert field in body["errors"], body["errors"]


# --- sources ---------------------------------------------------------------------------------------


def test_pasted_text_is_accepted_with_202_and_processed(owner_client, workspace, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            SOURCES,
            {"workspace": workspace.pk, "title": "X1 notes", "text": "\n\n".join(SHEET)},
            format="json",
        )
    assert response.status_code == 202, response.content
    body = response.json()
    source = Source.objects.get()
    assert body == {"id": source.pk, "status": "pending", "title": "X1 notes", "kind": "text"}

    detail = owner_client.get(f"{SOURCES}{source.pk}/").json()
    assert (detail["status"], detail["language"], detail["error"]) == ("ready", "en", "")
    assert detail["chunks"] == source.chunks.count() > 0
    assert detail["workspace"] == workspace.pk and detail["brand"] is None


def test_a_file_is_uploaded_as_multipart_with_a_brand(owner_client, workspace, django_capture_on_commit_callbacks):
    brand = BrandKitFactory(workspace=workspace)
    upload = SimpleUploadedFile(
        "faq.md", "# 배송\n\n주문 후 2일 안에 출고됩니다.".encode(), content_type="text/markdown"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            SOURCES, {"workspace": workspace.pk, "brand": brand.pk, "file": upload}, format="multipart"
        )
    assert response.status_code == 202, response.content
    assert response.json()["kind"] == "markdown"
    source = Source.objects.get()
    assert (source.status, source.brand_id, source.original_name) == ("ready", brand.pk, "faq.md")
    assert set(source.chunks.values_list("brand_id", flat=True)) == {brand.pk}


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"url": "http://127.0.0.1/admin"}, "url"),
        ({"url": "ftp://example.com/file.txt"}, "url"),
        ({"text": ""}, "text"),
        ({}, "file"),
        ({"text": "x", "title": "t" * 256}, "title"),
    ],
)
def test_bad_sources_are_refused_on_their_field_and_nothing_is_stored(owner_client, workspace, payload, field):
    response = owner_client.post(SOURCES, {"workspace": workspace.pk, **payload}, format="json")
    assert_invalid(response, field)
    assert not Source.objects.exists()


def test_a_file_that_is_not_what_its_name_says_is_refused(owner_client, workspace):
    fake = SimpleUploadedFile("guide.pdf", b"<html><body>hello</body></html>", content_type="application/pdf")
    response = owner_client.post(SOURCES, {"workspace": workspace.pk, "file": fake}, format="multipart")
    assert_invalid(response, "file")
    assert not Source.objects.exists()


def test_another_workspace_or_its_brand_is_refused(owner_client, workspace):
    elsewhere = WorkspaceFactory()
    response = owner_client.post(SOURCES, {"workspace": elsewhere.pk, "text": "hello"}, format="json")
    assert_invalid(response, "workspace")
    foreign_brand = BrandKitFactory(workspace=elsewhere)
    response = owner_client.post(
        SOURCES, {"workspace": workspace.pk, "brand": foreign_brand.pk, "text": "hello"}, format="json"
    )
    assert_invalid(response, "brand")
    assert not Source.objects.exists()


def test_viewers_read_but_do_not_add_or_delete(workspace, django_capture_on_commit_callbacks):
    source = ready_source(workspace, SHEET)
    viewer = client_for(member(workspace, "viewer"))
    assert viewer.get(SOURCES).json()["count"] == 1
    assert viewer.post(SOURCES, {"workspace": workspace.pk, "text": "x"}, format="json").status_code == 403
    assert viewer.delete(f"{SOURCES}{source.pk}/").status_code == 403
    assert Source.objects.count() == 1


def test_the_list_is_paginated_scoped_and_counts_chunks(owner_client, workspace, django_assert_num_queries):
    ready_source(workspace, SHEET, title="Sheet")
    ready_source(workspace, KOREAN, title="매장 안내")
    ready_source(WorkspaceFactory(), SHEET, title="Not yours")
    owner_client.get(SOURCES)  # token and roles warmed

    with django_assert_num_queries(4):  # token, roles, count, page
        body = owner_client.get(SOURCES, {"ordering": "title"}).json()

    assert body["count"] == 2 and body["next"] is None
    assert [(s["title"], s["chunks"]) for s in body["results"]] == [("Sheet", 3), ("매장 안내", 2)]


def test_another_workspaces_source_is_not_found(owner_client):
    other = ready_source(WorkspaceFactory(), SHEET)
    assert owner_client.get(f"{SOURCES}{other.pk}/").status_code == 404
    assert owner_client.delete(f"{SOURCES}{other.pk}/").status_code == 404
    assert Chunk.objects.filter(source=other).count() == 3


def test_delete_removes_the_source_and_its_chunks(owner_client, workspace, django_capture_on_commit_callbacks):
    source = ready_source(workspace, SHEET)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.delete(f"{SOURCES}{source.pk}/")
    assert response.status_code == 204
    assert not Source.objects.exists() and not Chunk.objects.exists()


# --- search ---------------------------------------------------------------------------------------------


def test_search_finds_the_english_passage_for_a_korean_question(owner_client, workspace):
    source = ready_source(workspace, SHEET + KOREAN, title="Mixed")
    response = owner_client.get(SEARCH, {"workspace": workspace.pk, "q": "X1 배터리는 몇 시간 가나요?", "k": 3})
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert len(results) == 3
    best = results[0]
    assert set(best) == {"chunk", "source", "source_title", "text", "score", "page", "heading"}
    assert (best["text"], best["source"], best["source_title"]) == (SHEET[0], source.pk, "Mixed")
    assert best["chunk"] == Chunk.objects.get(text=SHEET[0]).pk


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "x" * 1001}, "q"),
        ({"q": "battery", "k": 0}, "k"),
        ({"q": "battery", "k": "many"}, "k"),
    ],
)
def test_search_refuses_bad_queries_on_their_field(owner_client, workspace, params, field):
    assert_invalid(owner_client.get(SEARCH, {"workspace": workspace.pk, **params}), field)


def test_search_is_scoped_to_the_callers_workspace_and_the_brand(owner_client, workspace):
    elsewhere = WorkspaceFactory()
    ready_source(elsewhere, SHEET)
    assert_invalid(owner_client.get(SEARCH, {"workspace": elsewhere.pk, "q": "battery"}), "workspace")
    assert_invalid(
        owner_client.get(
            SEARCH, {"workspace": workspace.pk, "brand": BrandKitFactory(workspace=elsewhere).pk, "q": "x"}
        ),
        "brand",
    )
    assert owner_client.get(SEARCH, {"workspace": workspace.pk, "q": "battery"}).json() == {"results": []}


# --- ask ---------------------------------------------------------------------------------------------------


def test_ask_offline_answers_with_verbatim_citations(owner_client, workspace):
    source = ready_source(workspace, SHEET + KOREAN, title="X1 sheet")
    response = owner_client.post(
        ASK, {"workspace": workspace.pk, "question": "How long do the X1 earbuds last with the case?"}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["provider"] == "offline" and body["grounded"] is True
    assert "24 hours" in body["answer"]
    citation = body["citations"][0]
    assert (citation["source"], citation["source_title"]) == (source.pk, "X1 sheet")
    assert citation["quote"] in SHEET[0]
    assert citation["chunk"] == Chunk.objects.get(text=SHEET[0]).pk


def test_ask_says_so_when_nothing_answers(owner_client, workspace):
    ready_source(workspace, SHEET)
    body = owner_client.post(
        ASK, {"workspace": workspace.pk, "question": "회사 대표 이메일 주소가 무엇인가요?"}, format="json"
    ).json()
    assert body["grounded"] is False and body["citations"] == []
    assert body["answer"]  # a sentence saying nothing was found, in Korean
    assert any("가" <= char <= "힣" for char in body["answer"])


@pytest.mark.parametrize(("question", "field"), [("", "question"), ("?" * 1001, "question")])
def test_ask_refuses_an_empty_or_too_long_question(owner_client, workspace, question, field):
    assert_invalid(owner_client.post(ASK, {"workspace": workspace.pk, "question": question}, format="json"), field)


@pytest.fixture
def model_api(settings):
    api = wire.FakeAPI()
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = f"{api.base}/v1"
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    yield api
    api.close()


def model_reply(api, reply: dict):
    return api.route("POST", "/v1/chat/completions").respond(json=wire.openai_completion(json.dumps(reply)))


def test_ask_with_a_model_checks_that_it_cites_the_passages_verbatim(owner_client, workspace, model_api):
    ready_source(workspace, SHEET, title="X1 sheet")
    route = model_reply(
        model_api,
        {
            "answer": "With the case, the X1 lasts up to 24 hours [1].",
            "grounded": True,
            "citations": [{"passage": 1, "quote": "up to 24 hours with the charging case"}],
        },
    )
    body = owner_client.post(
        ASK, {"workspace": workspace.pk, "question": "How long does the X1 battery last?"}, format="json"
    ).json()
    assert (body["provider"], body["grounded"]) == ("openai", True)
    assert body["answer"] == "With the case, the X1 lasts up to 24 hours [1]."
    assert body["citations"][0]["quote"] == "up to 24 hours with the charging case"
    sent = json.loads(route.calls.last.request.content)
    prompt = sent["messages"][-1]["content"]
    assert SHEET[0] in prompt and "Question: How long does the X1 battery last?" in prompt
    assert sent["response_format"]["type"] == "json_schema"
    assert LLMCall.objects.filter(workspace=workspace, purpose="fast", outcome="ok").exists()


def test_a_model_answer_whose_quote_is_not_in_the_passage_is_not_trusted(owner_client, workspace, model_api):
    ready_source(workspace, SHEET, title="X1 sheet")
    model_reply(
        model_api,
        {
            "answer": "The X1 lasts 40 hours.",
            "grounded": True,
            "citations": [{"passage": 1, "quote": "up to 40 hours"}],  # invented
        },
    )
    body = owner_client.post(
        ASK, {"workspace": workspace.pk, "question": "How long does the X1 battery last?"}, format="json"
    ).json()
    assert body["provider"] == "offline"
    assert "40" not in body["answer"]
    assert all(citation["quote"] in " ".join(SHEET) for citation in body["citations"])


# --- a web page -------------------------------------------------------------------------------------

PAGE = """<html><head><title>X1 charging guide</title></head><body>
<nav>Home | Shop | Support</nav>
<article><h1>Charging the X1</h1>
<p>The X1 charging case refills the earbuds three times; a full charge of the case takes 90 minutes over USB-C.</p>
<p>Ten minutes in the case give two hours of playback.</p></article>
<footer>Copyright Sonic Audio</footer></body></html>"""


class _Page(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def page_url(settings):
    settings.OUTBOUND_ALLOW_PRIVATE = ["127.0.0.1"]  # a loopback test server stands for the web
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/guide"
    httpd.shutdown()
    httpd.server_close()


def test_a_web_page_is_fetched_read_and_searchable(
    owner_client, workspace, page_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(SOURCES, {"workspace": workspace.pk, "url": page_url}, format="json")
    assert response.status_code == 202, response.content
    assert response.json()["kind"] == "url"
    source = Source.objects.get()
    assert (source.status, source.url, source.title) == ("ready", page_url, "X1 charging guide")
    texts = " ".join(source.chunks.values_list("text", flat=True))
    assert "90 minutes over USB-C" in texts and "Copyright" not in texts

    results = owner_client.get(SEARCH, {"workspace": workspace.pk, "q": "케이스 충전 시간은?", "k": 1}).json()[
        "results"
    ]
    assert "90 minutes" in results[0]["text"]
