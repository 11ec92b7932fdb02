"""Meetings: upload or paste, extract (a Celery task, in a bounded child process), analyse
(a Celery task with progress), send to chat."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from rest_framework.exceptions import ValidationError

from brands.models import BrandKit
from meetings.extract import ExtractionError, extract_text, precheck
from meetings.models import Meeting, MeetingStatus
from sparklio.core import events
from sparklio.core.models import User, Workspace
from sparklio.core.outage import enqueue_on_commit
from sparklio.core.sandbox import SandboxLimit, run_limited

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 500_000


def _event(meeting: Meeting, *, job: str = "meeting_analyze", **data) -> None:
    events.workspace_event(
        workspace_id=meeting.workspace_id,
        event={
            "type": "job.progress",
            "job": job,
            "meeting": meeting.pk,
            "status": meeting.status,
            **data,
        },
    )


def meeting_create(
    *,
    workspace: Workspace,
    user: User | None,
    title: str,
    upload=None,
    text: str | None = None,
    meeting_date: dt.date | None = None,
    brand: BrandKit | None = None,
) -> Meeting:
    """Store meeting notes and queue their reading: pasted text goes straight to the analysis;
    a file is stored as it is, with only the checks that cost nothing (size, emptiness, its
    kind from the first bytes) made here, and read by ``meeting_extract`` in a worker (status
    ``extracting``). Bad input raises a 400 naming the field; nothing is stored then."""
    from meetings import tasks

    if brand is not None and brand.workspace_id != workspace.pk:
        raise ValidationError({"brand": [f"No brand kit {brand.pk} in this workspace."]})
    if (upload is None) == (text is None):
        raise ValidationError(
            {"file": ["Send a file (multipart field `file`) or pasted `text`, not both and not neither."]}
        )
    name, data, kind, status = "", b"", "text", MeetingStatus.PENDING
    if upload is not None:
        name = upload.name or ""
        data = upload.read(settings.MEETING_MAX_BYTES + 1)
        try:
            kind = precheck(data, name, max_bytes=settings.MEETING_MAX_BYTES)
        except ExtractionError as exc:
            raise ValidationError({"file": [str(exc)]}, code=exc.code) from exc
        body, status = "", MeetingStatus.EXTRACTING
    else:
        body = text if isinstance(text, str) else ""
        if not body.strip():
            raise ValidationError({"text": ["The pasted text is empty."]})
        if "\x00" in body:
            raise ValidationError({"text": ["No null characters."]})
    if len(body) > MAX_TEXT_CHARS:
        raise ValidationError(
            {"file" if upload is not None else "text": [f"At most {MAX_TEXT_CHARS} characters of text."]}
        )
    stored = None
    try:
        with transaction.atomic():
            meeting = Meeting(
                workspace=workspace,
                title=title.strip()[:200] or name[:200] or "Meeting",
                meeting_date=meeting_date or timezone.localdate(),
                original_name=name[:255],
                kind=kind,
                size_bytes=len(data) if upload is not None else len(body.encode()),
                text=body,
                status=status,
                brand=brand,
                created_by=user,
            )
            if upload is not None:
                safe = get_valid_filename(PurePath(name.replace("\\", "/")).name) if name else ""
                meeting.file.save(f"{workspace.pk}/{safe or 'meeting'}", ContentFile(data), save=False)
                stored = meeting.file.name
            meeting.save()
            # queued before the event (a refused publish drops the callbacks after it): with the
            # broker down the row is removed again and the request answers 503
            task = tasks.meeting_extract if upload is not None else tasks.meeting_analyze
            enqueue_on_commit(
                lambda: task.delay(meeting.pk),
                undo=lambda: Meeting.objects.filter(pk=meeting.pk).delete(),
                what=f"meeting {meeting.pk}",
            )
            if upload is not None:
                _event(meeting, job="meeting_extract", progress=0.0, message="reading the file")
            else:
                _event(meeting, progress=0.0)
    except Exception:
        if stored:  # the row did not make it: don't leave its file behind
            Meeting.file.field.storage.delete(stored)
        raise
    return meeting


def meeting_extract(*, meeting_id: int) -> Meeting | None:
    """Read an uploaded file's text (the extraction task's body) in a child process under
    MEETING_PARSE_MEMORY_BYTES and MEETING_PARSE_TIMEOUT_SECONDS, then queue the analysis; a
    file that is refused or breaks a limit leaves the meeting ``failed`` with the reason in
    ``error``. Safe to run twice: only a meeting still ``extracting`` is read."""
    from meetings import tasks

    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None or meeting.status != MeetingStatus.EXTRACTING:
        return meeting
    # No row lock while the child runs (up to the time limit): a second run reads the file
    # again, and the status check below lets only the first result in.
    _event(meeting, job="meeting_extract", progress=0.1, message="reading the file")
    reason = None
    try:
        with meeting.file.open("rb") as stored:
            data = stored.read(settings.MEETING_MAX_BYTES + 1)
        extracted = run_limited(
            extract_text,
            data,
            meeting.original_name,
            max_bytes=settings.MEETING_MAX_BYTES,
            max_pages=settings.MEETING_MAX_PAGES,
            max_expanded_bytes=settings.MEETING_MAX_EXPANDED_BYTES,
            max_parts=settings.MEETING_MAX_PARTS,
            max_pdf_streams=settings.MEETING_MAX_PDF_STREAMS,
            memory_bytes=settings.MEETING_PARSE_MEMORY_BYTES,
            timeout=settings.MEETING_PARSE_TIMEOUT_SECONDS,
        )
    except ExtractionError as exc:
        reason = str(exc)
    except SandboxLimit as exc:
        logger.warning("meeting %s: reading %r %s", meeting_id, meeting.original_name, exc)
        reason = f"reading the file {exc}"
    except Exception:
        logger.exception("meeting %s: the file could not be read", meeting_id)
        _extraction_failed(meeting_id, "the file could not be read")
        raise
    else:
        if len(extracted.text) > MAX_TEXT_CHARS:
            reason = f"the file holds {len(extracted.text)} characters of text; at most {MAX_TEXT_CHARS} are read"
    if reason is not None:
        return _extraction_failed(meeting_id, reason)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().filter(pk=meeting_id).first()
        if meeting is None or meeting.status != MeetingStatus.EXTRACTING:
            return meeting
        meeting.text, meeting.kind, meeting.pages = extracted.text, extracted.kind, extracted.pages
        meeting.status = MeetingStatus.PENDING
        meeting.save(update_fields=["text", "kind", "pages", "status"])
        _event(meeting, job="meeting_extract", progress=1.0, message="read")
        transaction.on_commit(lambda: tasks.meeting_analyze.delay(meeting.pk))
    return meeting


def _extraction_failed(meeting_id: int, reason: str) -> Meeting | None:
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().filter(pk=meeting_id).first()
        if meeting is None or meeting.status != MeetingStatus.EXTRACTING:
            return meeting
        meeting.status, meeting.error, meeting.analyzed_at = MeetingStatus.FAILED, reason[:2000], timezone.now()
        meeting.save(update_fields=["status", "error", "analyzed_at"])
        _event(meeting, job="meeting_extract", progress=1.0, error=meeting.error)
    return meeting


def meeting_analyze(*, meeting_id: int) -> Meeting | None:
    """The analysis (the task's body). Safe to run twice: a ready meeting is left alone."""
    from agents import services as agents

    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().filter(pk=meeting_id).first()
        if meeting is None or meeting.status in (MeetingStatus.READY, MeetingStatus.EXTRACTING):
            return meeting
        meeting.status, meeting.error = MeetingStatus.ANALYZING, ""
        meeting.save(update_fields=["status", "error"])
        _event(meeting, progress=0.05, message="analysing")
    try:
        run = agents.agent_run_now(
            workspace_id=meeting.workspace_id,
            user=meeting.created_by,
            agent="meeting_analyzer",
            data={"text": meeting.text, "meeting_date": meeting.meeting_date.isoformat()},
            brand=meeting.brand,
        )
    except Exception as exc:
        logger.exception("meeting %s: the analysis failed", meeting_id)
        with transaction.atomic():
            Meeting.objects.filter(pk=meeting_id).update(
                status=MeetingStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], analyzed_at=timezone.now()
            )
            meeting.status = MeetingStatus.FAILED
            _event(meeting, progress=1.0, error=str(exc))
        raise
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
        if run.status == "succeeded":
            meeting.status, meeting.analysis, meeting.provider = MeetingStatus.READY, run.output, run.provider
        else:
            meeting.status, meeting.error = MeetingStatus.FAILED, run.error
        meeting.analyzed_at = timezone.now()
        meeting.save(update_fields=["status", "analysis", "provider", "error", "analyzed_at"])
        _event(meeting, progress=1.0, run=run.pk, error=meeting.error or None)
    return meeting


def meeting_reanalyze(*, meeting: Meeting) -> Meeting:
    from meetings import tasks

    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == MeetingStatus.ANALYZING:
            raise ValidationError({"status": ["The analysis is running already."]})
        if meeting.status == MeetingStatus.EXTRACTING:
            raise ValidationError({"status": ["The file is still being read; the analysis follows."]})
        if not meeting.text:
            raise ValidationError({"status": [f"The file could not be read ({meeting.error}); upload it again."]})
        meeting.status, meeting.analysis, meeting.error = MeetingStatus.PENDING, {}, ""
        meeting.save(update_fields=["status", "analysis", "error"])
        transaction.on_commit(lambda: tasks.meeting_analyze.delay(meeting.pk))
    return meeting


def meeting_delete(*, meeting: Meeting) -> None:
    name = meeting.file.name if meeting.file else None
    meeting.delete()
    if name:
        transaction.on_commit(lambda: Meeting.file.field.storage.delete(name))


def meeting_to_chat(*, meeting: Meeting, user: User | None):
    """A chat session seeded with the analysis (the marketer continues from there)."""
    from chat.services import chat_session_create, chat_session_seed, is_korean, meeting_summary

    if meeting.status != MeetingStatus.READY:
        raise ValidationError({"status": [f"The analysis is {meeting.status}; send it to chat when it is ready."]})
    ko = is_korean(meeting.text[:2000])
    with transaction.atomic():
        session = chat_session_create(
            workspace=meeting.workspace,
            user=user,
            title=f"{'회의' if ko else 'Meeting'}: {meeting.title}"[:200],
            brand=meeting.brand,
        )
        header = f"'{meeting.title}' ({meeting.meeting_date.isoformat()})"
        message = chat_session_seed(
            session=session,
            content=f"{header}\n{meeting_summary(meeting.analysis, ko=ko)}",
            generated={"kind": "meeting", "meeting": meeting.pk, "analysis": meeting.analysis},
        )
    return session, message
