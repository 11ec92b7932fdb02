"""Creating, processing, re-embedding and deleting sources: states, events, chunks, and what a
failure leaves behind (nothing)."""

from __future__ import annotations

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.exceptions import ValidationError

from brands.tests.factories import BrandKitFactory
from knowledge import selectors, services
from knowledge.models import Chunk, Source
from knowledge.tests.conftest import ready_source
from knowledge.tests.samples import text_pdf
from sparklio.core.tests.factories import WorkspaceFactory
from sparklio.llm.models import LLMCall
from sparklio.llm.tests import wire

pytestmark = pytest.mark.django_db

GUIDE = """# Battery
The X1 earbuds play for 8 hours on one charge and 24 hours with the charging case.

# Warranty
Every X1 comes with a one-year warranty against manufacturing defects.
"""


def create_text(workspace, user, callbacks, **kwargs):
    with callbacks(execute=True):
        return services.source_create(workspace=workspace, created_by=user, **kwargs)


def test_pasted_text_goes_pending_processing_ready_with_embedded_chunks(
    workspace, user, workspace_events, django_capture_on_commit_callbacks
):
    source = create_text(workspace, user, django_capture_on_commit_callbacks, title="X1 guide", text=GUIDE)

    source.refresh_from_db()
    assert (source.status, source.kind, source.language, source.error) == ("ready", "text", "en", "")
    chunks = list(source.chunks.order_by("index"))
    assert chunks, "the guide was chunked"
    assert all(chunk.workspace_id == workspace.pk and chunk.brand_id is None for chunk in chunks)
    assert {(c.embedding_provider, c.embedding_model, c.embedding_dim) for c in chunks} == {
        ("offline", "multilingual-e5-small", 384)
    }
    assert all(len(chunk.embedding) == 384 for chunk in chunks)
    assert any("battery" in chunk.terms and "24" in chunk.terms.split() for chunk in chunks)
    assert LLMCall.objects.filter(workspace=workspace, purpose="embedding", outcome="ok").exists()

    events = workspace_events()
    assert {event["source"] for event in events} == {source.pk}
    # In a test the task runs eagerly inside the request's on-commit callback and the test's
    # transaction holds back on-commit events, so only the last one's place is certain.
    statuses = [(event["status"], event.get("stage")) for event in events]
    assert {("pending", None), ("processing", "reading"), ("processing", "embedding")} <= set(statuses)
    assert statuses[-1] == ("ready", "ready")
    assert events[-1]["chunks"] == len(chunks)
    progress = [event["progress"] for event in events if "progress" in event]
    assert progress == sorted(progress) and progress[-1] == 1.0


def test_an_uploaded_pdf_keeps_its_pages_and_the_title_comes_from_the_document(
    workspace, user, django_capture_on_commit_callbacks
):
    pdf = text_pdf(
        [
            ["# 배터리", "X1 이어폰은 한 번 충전으로 8시간 재생됩니다."],
            ["# 보증", "모든 X1 제품은 1년 보증이 제공됩니다."],
        ],
        title="X1 제품 안내",
    )
    upload = SimpleUploadedFile("x1.pdf", pdf, content_type="application/pdf")
    source = create_text(workspace, user, django_capture_on_commit_callbacks, upload=upload)

    source.refresh_from_db()
    assert (source.status, source.kind, source.original_name, source.size) == ("ready", "pdf", "x1.pdf", len(pdf))
    assert source.title == "X1 제품 안내"
    assert source.language == "ko"
    assert sorted({chunk.page for chunk in source.chunks.all()}) == [1, 2]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": "   "}, "text"),
        ({"upload": SimpleUploadedFile("notes.pdf", b"just text, not a PDF", content_type="application/pdf")}, "file"),
        ({"upload": SimpleUploadedFile("empty.txt", b"", content_type="text/plain")}, "file"),
        ({"text": "some", "url": "https://example.com/"}, "text"),
        ({"text": "some", "title": "t" * 256}, "title"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_stored(workspace, user, kwargs, field, settings):
    with pytest.raises(ValidationError) as caught:
        services.source_create(workspace=workspace, created_by=user, **kwargs)
    assert field in caught.value.detail
    assert Source.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "uploads").exists()


def test_a_brand_of_another_workspace_is_refused(workspace, user):
    foreign = BrandKitFactory(workspace=WorkspaceFactory())
    with pytest.raises(ValidationError) as caught:
        services.source_create(workspace=workspace, created_by=user, brand=foreign, text="Battery: 8 hours.")
    assert "brand" in caught.value.detail
    assert Source.objects.count() == 0


@pytest.fixture
def failing_embeddings(settings):
    """The configured embedding model is a remote one that answers 500, with no fallback."""
    api = wire.FakeAPI()
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = f"{api.base}/v1"
    settings.EMBEDDING_PROVIDER = "openai"
    settings.EMBEDDING_FALLBACK = False
    settings.LLM_MAX_ATTEMPTS = 1
    settings.LLM_COOLDOWN_FAILURES = 100
    api.route("POST", "/v1/embeddings").respond(500, json={"error": {"message": "down", "type": "server_error"}})
    yield api
    api.close()


def test_a_source_that_fails_in_processing_is_failed_with_its_reason_and_has_no_chunks(
    workspace, user, workspace_events, failing_embeddings, django_capture_on_commit_callbacks
):
    source = create_text(workspace, user, django_capture_on_commit_callbacks, title="X1", text=GUIDE)

    source.refresh_from_db()
    assert source.status == "failed"
    assert "openai" in source.error and "down" in source.error
    assert Chunk.objects.count() == 0
    last = workspace_events()[-1]
    assert (last["status"], last["stage"]) == ("failed", "failed")
    assert last["error"] == source.error


def test_reprocessing_that_fails_removes_the_old_chunks(workspace, user, settings, django_capture_on_commit_callbacks):
    source = ready_source(workspace, ["The X1 case charges over USB-C."])
    api = wire.FakeAPI()
    try:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "sk-test", f"{api.base}/v1"
        settings.EMBEDDING_PROVIDER, settings.EMBEDDING_FALLBACK, settings.LLM_MAX_ATTEMPTS = "openai", False, 1
        api.route("POST", "/v1/embeddings").respond(500, json={"error": {"message": "down"}})
        source.file.save("source.txt", io.BytesIO(b"The X1 case charges over USB-C."), save=True)
        with django_capture_on_commit_callbacks(execute=True):
            services.source_reprocess(source=source)
    finally:
        api.close()
    source.refresh_from_db()
    assert source.status == "failed"
    assert not source.chunks.exists()


def test_processing_twice_changes_nothing_the_second_time(workspace, user, django_capture_on_commit_callbacks):
    source = create_text(workspace, user, django_capture_on_commit_callbacks, text=GUIDE)
    chunk_ids = set(source.chunks.values_list("pk", flat=True))

    again = services.source_process(source_id=source.pk)

    assert again.status == "ready"
    assert set(source.chunks.values_list("pk", flat=True)) == chunk_ids
    assert services.source_process(source_id=0) is None


def test_delete_removes_the_source_its_chunks_and_its_file(workspace, user, django_capture_on_commit_callbacks):
    source = create_text(workspace, user, django_capture_on_commit_callbacks, text=GUIDE)
    stored = source.file.path
    assert Chunk.objects.filter(source=source).exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.source_delete(source=source)

    assert not Source.objects.filter(pk=source.pk).exists()
    assert not Chunk.objects.exists()
    assert not os.path.exists(stored)


def test_reindex_embeds_stale_chunks_with_the_configured_model(workspace, settings, capsys):
    source = ready_source(workspace, ["Battery: 8 hours per charge.", "배터리: 충전 1회 8시간."])
    api = wire.FakeAPI()
    try:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL = "sk-test", f"{api.base}/v1"
        settings.EMBEDDING_PROVIDER, settings.EMBEDDING_DIMENSIONS = "openai", 3
        api.route("POST", "/v1/embeddings").respond(
            json={
                "object": "list",
                "data": [
                    {"object": "embedding", "index": 0, "embedding": [0.1, 0.2, 0.3]},
                    {"object": "embedding", "index": 1, "embedding": [0.3, 0.2, 0.1]},
                ],
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": 12, "total_tokens": 12},
            }
        )
        assert selectors.chunks_needing_reembed().count() == 2
        call_command("knowledge_reindex")
    finally:
        api.close()
    out = capsys.readouterr()
    assert "2 chunks to embed with openai/text-embedding-3-small (3 d)" in out.out
    assert "2 chunks re-embedded" in out.out
    assert "100%" in out.err  # the progress bar
    rows = list(source.chunks.order_by("index").values_list("embedding_provider", "embedding_model", "embedding_dim"))
    assert rows == [("openai", "text-embedding-3-small", 3)] * 2
    assert selectors.chunks_needing_reembed().count() == 0


def test_reindex_dry_run_only_counts(workspace, capsys, settings):
    ready_source(workspace, ["Battery: 8 hours per charge."])
    settings.EMBEDDING_PROVIDER = "offline"
    call_command("knowledge_reindex", "--dry-run")
    assert "0 chunks to embed" in capsys.readouterr().out
