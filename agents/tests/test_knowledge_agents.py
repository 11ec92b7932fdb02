"""The knowledge agents (data cleaner, embedder, RAG, ingestor), each run through the agents API."""

import pytest

from brands.tests.factories import BrandKitFactory
from knowledge.models import Chunk, Source, SourceStatus
from knowledge.tests.conftest import ready_source

pytestmark = pytest.mark.django_db
SHEET = [
    "The X1 earbuds play for 8 hours on one charge and up to 24 hours with the charging case.",
    "Returns are accepted within 30 days of delivery when the product is unused.",
]
KOREAN = ["X1 이어폰은 노이즈 캔슬링을 켜도 한 번 충전으로 8시간 재생됩니다."]


@pytest.fixture
def run(owner_client, django_capture_on_commit_callbacks):
    """Queue a run of ``agent`` (eager Celery runs it on commit) and read it back."""

    def run(agent: str, data: dict, **envelope):
        with django_capture_on_commit_callbacks(execute=True):
            response = owner_client.post(f"/api/v1/agents/{agent}/runs/", {"input": data, **envelope}, format="json")
        if response.status_code != 202:
            return response
        return owner_client.get(f"/api/v1/agent-runs/{response.json()['id']}/").json()

    return run


def test_the_four_knowledge_agents_are_listed(owner_client):
    names = {item["name"] for item in owner_client.get("/api/v1/agents/").json()}
    assert {"data_cleaner", "embedder", "rag", "ingestor", "channel_adapter"} <= names


def test_the_data_cleaner_cleans_like_the_ingest(run):
    footer = "© 2026 Sparklio Inc. All rights reserved. Terms apply."
    text = (
        "Wireless\u200b  earbuds\x07 X1\r\n\r\n\r\n\r\n"
        f"Noise   cancelling for the office.\u00a0\n\n{footer}\n\n"
        "하루 종일\tㅤ조용하게.\n\n"
        f"{footer}\n\n\n"
    )
    body = run("data_cleaner", {"text": text})
    assert body["status"] == "succeeded", body
    out = body["output"]
    assert out["text"] == (
        f"Wireless earbuds X1\n\nNoise cancelling for the office.\n\n{footer}\n\n하루 종일 ㅤ조용하게."
    )
    stats = out["stats"]
    assert (stats["control_characters"], stats["exact_duplicates"], stats["near_duplicates"]) == (2, 1, 0)
    assert (stats["paragraphs_in"], stats["paragraphs_out"]) == (5, 4)
    assert stats["characters_in"] == len(text) and stats["characters_out"] == len(out["text"])
    assert out["language"] == "en" and body["provider"] == "offline"
    empty = run("data_cleaner", {"text": ""})
    assert empty.status_code == 400 and "input.text" in empty.json()["errors"]


def test_the_embedder_returns_the_knowledge_models_vectors(run):
    body = run("embedder", {"texts": ["무선 이어폰", "wireless earbuds", "returns policy"]})
    assert body["status"] == "succeeded", body
    out = body["output"]
    assert out["provider"] == "offline" and out["dimensions"] == 384 and out["model"]
    vectors = out["vectors"]
    assert len(vectors) == 3 and all(len(vector) == 384 for vector in vectors)
    import numpy as np

    a, b, c = (np.array(v) / np.linalg.norm(v) for v in vectors)
    # the multilingual model relates the Korean and the English phrase more than the unrelated one
    assert float(a @ b) > float(a @ c)
    blank = run("embedder", {"texts": ["ok", "  "]})
    assert blank.status_code == 400 and "input.texts" in blank.json()["errors"]
    none = run("embedder", {"texts": []})
    assert none.status_code == 400 and "input.texts" in none.json()["errors"]


def test_rag_answers_with_citations_from_the_workspace_only(run, workspace, other_workspace):
    source = ready_source(workspace, SHEET + KOREAN, title="X1 sheet")
    ready_source(other_workspace, ["The X1 earbuds play for 99 hours."], title="Not yours")
    body = run("rag", {"question": "How long do the X1 earbuds last with the case?"})
    assert body["status"] == "succeeded", body
    out = body["output"]
    assert out["grounded"] is True and out["provider"] == "offline" and "24 hours" in out["answer"]
    assert "99" not in out["answer"]
    citation = out["citations"][0]
    assert (citation["source"], citation["source_title"]) == (source.pk, "X1 sheet")
    assert citation["quote"] in SHEET[0] and citation["chunk"] == Chunk.objects.get(text=SHEET[0]).pk
    foreign_brand = BrandKitFactory(workspace=other_workspace)
    refused = run("rag", {"question": "battery?", "brand": foreign_brand.pk})
    assert refused["status"] == "failed" and "brand" in refused["error"]


def test_the_ingestor_adds_a_note_to_the_knowledge_base(run, workspace, owner_client):
    brand = BrandKitFactory(workspace=workspace)
    body = run("ingestor", {"title": "X1 notes", "text": "\n\n".join(SHEET), "brand": brand.pk})
    assert body["status"] == "succeeded", body
    out = body["output"]
    source = Source.objects.get(pk=out["source"], workspace=workspace)
    assert (source.status, source.title, source.brand_id) == (SourceStatus.READY, "X1 notes", brand.pk)
    assert out["chunks"] == source.chunks.count() > 0 and out["language"] == "en" and out["kind"] == "text"
    # it is an ordinary source: the knowledge API lists it and answers from it
    detail = owner_client.get(f"/api/v1/knowledge/sources/{source.pk}/").json()
    assert detail["status"] == "ready"
    asked = run("rag", {"question": "When are returns accepted?", "brand": brand.pk})
    assert asked["output"]["citations"][0]["source"] == source.pk


def test_the_ingestor_refuses_bad_input_on_its_field(run, workspace):
    both = run("ingestor", {"url": "https://example.com/x1", "text": "hello"})
    assert both.status_code == 400 and "input.text" in both.json()["errors"]
    neither = run("ingestor", {"title": "only a title"})
    assert neither.status_code == 400 and "input.text" in neither.json()["errors"]
    unknown = run("ingestor", {"text": "hello", "colour": "red"})
    assert unknown.status_code == 400 and "input.colour" in unknown.json()["errors"]
    # a URL the fetcher may not visit fails the run with the reason, and stores nothing
    local = run("ingestor", {"url": "http://127.0.0.1:9/notes"})
    assert local["status"] == "failed" and "url" in local["error"]
    assert not Source.objects.filter(workspace=workspace).exists()
