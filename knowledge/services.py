"""Knowledge sources and chunks: the only code that writes them.

A source is created in the request after cheap checks (the upload's real kind, the URL's
scheme and address, the text's size); anything wrong answers 400 on its field and nothing is
stored. Processing runs in a task: pending → processing → ready, or failed with its reason.
Chunks are written in one transaction with the source's final state, so a failed or deleted
source never leaves chunks behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from brands.models import BrandKit
from knowledge import ingest, selectors
from knowledge.ingest.drafts import max_file_bytes, megabytes
from knowledge.models import Chunk, Source, SourceKind, SourceStatus
from sparklio.core.events import send_now, workspace_event, workspace_group
from sparklio.core.models import User, Workspace
from sparklio.core.outage import enqueue_on_commit, public_reason
from sparklio.language.terms import search_terms
from sparklio.llm.embeddings import EmbeddingModel, configured_model
from sparklio.llm.gateway import gateway

logger = logging.getLogger(__name__)

JOB = "knowledge_source"


def _invalid(exc: ingest.IngestError) -> ValidationError:
    return ValidationError({exc.field: [exc.message]}, code=exc.code)


def _check_brand(workspace: Workspace, brand: BrandKit | None) -> None:
    if brand is not None and brand.workspace_id != workspace.pk:
        raise ValidationError({"brand": ["No such brand in this workspace."]})


def source_create(
    *,
    workspace: Workspace,
    created_by: User | None,
    brand: BrandKit | None = None,
    upload=None,
    url: str = "",
    title: str = "",
    text: str = "",
    enqueue: bool = True,
) -> Source:
    """A new pending source from exactly one of an uploaded file, a URL or pasted text; its
    processing is queued once the row is committed. Without ``enqueue`` the caller processes
    it itself (``source_process``: an agent run that is already a background job)."""
    given = [name for name, value in (("file", upload), ("url", url), ("text", text)) if value]
    if len(given) != 1:
        field = given[1] if len(given) > 1 else "file"
        raise ValidationError({field: ["Give exactly one of file, url or text."]})
    _check_brand(workspace, brand)
    title = (title or "").strip()
    if len(title) > 255:
        raise ValidationError({"title": [f"The title is {len(title)} characters; at most 255."]})
    source = Source(workspace=workspace, brand=brand, title=title, created_by=created_by)
    content: bytes | None = None
    if upload is not None:
        data = upload.read()
        name = PurePath((getattr(upload, "name", "") or "").replace("\\", "/")).name
        try:
            source.kind = ingest.sniff_upload(data, filename=name, content_type=getattr(upload, "content_type", None))
        except ingest.IngestError as exc:
            raise _invalid(exc) from exc
        source.original_name, source.size, content = name[:255], len(data), data
    elif url:
        try:
            source.url = ingest.validate_url(url)
        except ingest.IngestError as exc:
            raise _invalid(exc) from exc
        source.kind = SourceKind.URL
    else:
        if not text.strip():
            raise ValidationError({"text": ["The text is empty."]})
        content = text.encode("utf-8")
        if len(content) > max_file_bytes():
            raise ValidationError(
                {"text": [f"The text is {megabytes(len(content))}; the limit is {megabytes(max_file_bytes())}."]}
            )
        source.kind, source.size = SourceKind.TEXT, len(content)
    if content is not None:
        extension = "txt" if source.kind == SourceKind.TEXT else (PurePath(source.original_name).suffix[1:] or "bin")
        source.file.save(f"source.{extension.lower()}", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            source.save()
            if enqueue:
                enqueue_on_commit(
                    lambda: _enqueue_processing(source.pk),
                    undo=lambda: Source.objects.filter(pk=source.pk).delete(),
                    what=f"knowledge source {source.pk}",
                )
            _event(source)
    except BaseException:  # the row is gone (rolled back, or undone when the queue refused): so is the file
        if source.file:
            source.file.storage.delete(source.file.name)
        raise
    return source


def _enqueue_processing(source_id: int) -> None:
    from knowledge.tasks import knowledge_source_process  # the task module imports this one

    knowledge_source_process.delay(source_id)


def _event(source: Source, **data) -> None:
    """Tell the workspace, after commit, where the source stands."""
    event = {"type": "job.progress", "job": JOB, "source": source.pk, "status": source.status, **data}
    workspace_event(workspace_id=source.workspace_id, event=event)


def _progress(source: Source, stage: str, progress: float) -> None:
    """A progress step in the middle of processing (no transaction is open then)."""
    send_now(
        workspace_group(source.workspace_id),
        {
            "type": "job.progress",
            "job": JOB,
            "source": source.pk,
            "status": SourceStatus.PROCESSING,
            "stage": stage,
            "progress": round(progress, 3),
        },
    )


def _read(source: Source) -> ingest.IngestedDoc:
    if source.kind == SourceKind.URL:
        return ingest.ingest_url(source.url)
    with source.file.open("rb") as fh:
        data = fh.read()
    if source.kind == SourceKind.TEXT:
        return ingest.ingest_text(title=source.title, text=data.decode("utf-8"))
    return ingest.ingest_file(data, filename=source.original_name, title=source.title)


def passage_text(chunk_text: str, heading: str) -> str:
    """What is embedded for a chunk: its heading path gives the passage its context."""
    return f"{heading}\n{chunk_text}" if heading else chunk_text


def source_process(*, source_id: int) -> Source | None:
    """Read, chunk and embed a pending source; it ends ready with its chunks, or failed with
    the reason and none. Safe to run twice: a source already ready or failed is left alone,
    and one left in processing by a worker that died is processed again from the start."""
    with transaction.atomic():
        source = Source.objects.select_for_update().filter(pk=source_id).first()
        if source is None or source.status not in (SourceStatus.PENDING, SourceStatus.PROCESSING):
            return source
        source.status = SourceStatus.PROCESSING
        source.error = ""
        source.save(update_fields=["status", "error", "updated_at"])
    _progress(source, "reading", 0.0)  # committed: a client that asks now sees "processing"
    try:
        doc = _read(source)
        _progress(source, "embedding", 0.1)
        texts = [passage_text(draft.text, draft.heading) for draft in doc.chunks]
        vectors, model, dims = _embed(
            texts,
            workspace_id=source.workspace_id,
            cause=source,
            on_batch=lambda done: _progress(source, "embedding", 0.1 + 0.85 * done / len(texts)),
        )
    except ingest.IngestError as exc:
        return _fail(source_id, exc.message)
    except Exception as exc:
        logger.exception("knowledge source %s failed", source_id)
        return _fail(source_id, public_reason(exc))
    with transaction.atomic():
        source = Source.objects.select_for_update().filter(pk=source_id).first()
        if source is None or source.status != SourceStatus.PROCESSING:
            return source  # deleted (or finished by another run) while this one worked
        Chunk.objects.filter(source=source).delete()
        Chunk.objects.bulk_create(
            [
                Chunk(
                    workspace_id=source.workspace_id,
                    source=source,
                    brand_id=source.brand_id,
                    index=position,
                    text=draft.text,
                    page=draft.page,
                    heading=draft.heading[:500],
                    language=draft.language[:8],
                    tokens=draft.tokens,
                    embedding=vector,
                    embedding_provider=model.provider,
                    embedding_model=model.model,
                    embedding_dim=dims,
                    terms=" ".join(search_terms(passage_text(draft.text, draft.heading))),
                )
                for position, (draft, vector) in enumerate(zip(doc.chunks, vectors, strict=True))
            ],
            batch_size=500,
        )
        source.status = SourceStatus.READY
        source.title = source.title or doc.title[:300]
        source.language = doc.language[:8]
        source.warnings = list(doc.warnings)
        source.processed_at = timezone.now()
        source.save(update_fields=["status", "title", "language", "warnings", "processed_at", "updated_at"])
        _event(source, stage="ready", progress=1.0, chunks=len(doc.chunks))
        workspace_id = source.workspace_id
        transaction.on_commit(lambda: selectors.forget_models(workspace_id))
    return source


def _fail(source_id: int, reason: str) -> Source | None:
    with transaction.atomic():
        source = Source.objects.select_for_update().filter(pk=source_id).first()
        if source is None or source.status != SourceStatus.PROCESSING:
            return source
        Chunk.objects.filter(source=source).delete()
        source.status = SourceStatus.FAILED
        source.error = reason[:2000]
        source.processed_at = timezone.now()
        source.save(update_fields=["status", "error", "processed_at", "updated_at"])
        _event(source, stage="failed", error=source.error)
    return source


def texts_embed(
    texts: Sequence[str], *, workspace_id: int, cause=None
) -> tuple[list[list[float]], EmbeddingModel, int]:
    """Passage vectors of ``texts`` from the model the knowledge base embeds with (see ``_embed``)."""
    return _embed(texts, workspace_id=workspace_id, cause=cause)


def _embed(
    texts: Sequence[str],
    *,
    workspace_id: int,
    cause=None,
    model: EmbeddingModel | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> tuple[list[list[float]], EmbeddingModel, int]:
    """Passage vectors of ``texts``, all from one model: the configured one (or ``model``), or
    the fallback for all of them when it fails part way (the first batches are then redone by
    the fallback; the cache keeps what the first model answered for a later try)."""
    step = settings.EMBEDDING_BATCH_SIZE
    wanted = model or configured_model()
    pinned: EmbeddingModel | None = None
    vectors: list[list[float]] = []
    position = 0
    while position < len(texts):
        chosen = pinned or wanted
        result = gateway.embed(
            list(texts[position : position + step]),
            input_type="passage",
            provider=chosen.provider,
            model=chosen.model,
            dimensions=chosen.dimensions,
            fallback=pinned is None,
            workspace_id=workspace_id,
            cause=cause,
        )
        same = result.provider == chosen.provider
        used = EmbeddingModel(result.provider, result.model, chosen.dimensions if same else None)
        if pinned is None and used.provider != wanted.provider and position > 0:
            # the model changed part way: start over with the fallback for every text
            pinned, vectors, position = used, [], 0
            continue
        pinned = pinned or used
        vectors.extend(result.vectors)
        position += step
        if on_batch is not None:
            on_batch(min(position, len(texts)))
    dims = len(vectors[0]) if vectors else 0
    return vectors, pinned or wanted, dims


def source_delete(*, source: Source) -> None:
    """Delete the source and every chunk of it; its file goes once the deletion is committed."""
    name = source.file.name if source.file else ""
    workspace_id = source.workspace_id
    with transaction.atomic():
        source.delete()
        transaction.on_commit(lambda: selectors.forget_models(workspace_id))
        if name:
            transaction.on_commit(lambda: Source.file.field.storage.delete(name))


def source_reprocess(*, source: Source) -> Source:
    """Read and embed the source again (a failed fetch, a fixed reader): back to pending."""
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source.pk)
        if source.status == SourceStatus.PROCESSING:
            return source
        source.status = SourceStatus.PENDING
        source.error = ""
        source.save(update_fields=["status", "error", "updated_at"])
        enqueue_on_commit(
            lambda: _enqueue_processing(source.pk), undo=lambda: None, what=f"knowledge source {source.pk}"
        )
        _event(source)
    return source


def chunks_reembed(*, chunk_ids: Sequence[int], model: EmbeddingModel | None = None) -> int:
    """Embed the given chunks again with the configured model (after a model change), one
    workspace at a time (the ledger and the cache are per workspace). Returns how many were
    re-embedded; chunks deleted meanwhile are skipped."""
    model = model or configured_model()
    chunks = list(Chunk.objects.filter(pk__in=chunk_ids).order_by("workspace_id", "pk"))
    done = 0
    by_workspace: dict[int, list[Chunk]] = {}
    for chunk in chunks:
        by_workspace.setdefault(chunk.workspace_id, []).append(chunk)
    for workspace_id, group in by_workspace.items():
        vectors, used, dims = _embed(
            [passage_text(chunk.text, chunk.heading) for chunk in group], workspace_id=workspace_id, model=model
        )
        for chunk, vector in zip(group, vectors, strict=True):
            chunk.embedding = vector
            chunk.embedding_provider, chunk.embedding_model, chunk.embedding_dim = used.provider, used.model, dims
        with transaction.atomic():
            # only chunks still there: a source deleted meanwhile takes its chunks with it
            alive = set(Chunk.objects.filter(pk__in=[c.pk for c in group]).values_list("pk", flat=True))
            Chunk.objects.bulk_update(
                [c for c in group if c.pk in alive],
                ["embedding", "embedding_provider", "embedding_model", "embedding_dim"],
                batch_size=500,
            )
            transaction.on_commit(lambda workspace_id=workspace_id: selectors.forget_models(workspace_id))
        done += len(alive)
    return done
