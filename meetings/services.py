"""Meetings: upload or paste, extract, analyse (a Celery task with progress), send to chat."""

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
from meetings.extract import ExtractionError, extract_text
from meetings.models import Meeting, MeetingStatus
from sparklio.core import events
from sparklio.core.models import User, Workspace

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 500_000


def _event(meeting: Meeting, **data) -> None:
    events.workspace_event(
        workspace_id=meeting.workspace_id,
        event={
            "type": "job.progress",
            "job": "meeting_analyze",
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
    """Store meeting notes (a file, read by its content, or pasted text) and queue the analysis.
    Bad input raises a 400 naming the field; nothing is stored then."""
    from meetings import tasks

    if brand is not None and brand.workspace_id != workspace.pk:
        raise ValidationError({"brand": [f"No brand kit {brand.pk} in this workspace."]})
    if (upload is None) == (text is None):
        raise ValidationError(
            {"file": ["Send a file (multipart field `file`) or pasted `text`, not both and not neither."]}
        )
    name, data, kind, pages = "", b"", "text", None
    if upload is not None:
        name = upload.name or ""
        data = upload.read(settings.MEETING_MAX_BYTES + 1)
        try:
            extracted = extract_text(
                data, name, max_bytes=settings.MEETING_MAX_BYTES, max_pages=settings.MEETING_MAX_PAGES
            )
        except ExtractionError as exc:
            raise ValidationError({"file": [str(exc)]}, code=exc.code) from exc
        body, kind, pages = extracted.text, extracted.kind, extracted.pages
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
                pages=pages,
                text=body,
                brand=brand,
                created_by=user,
            )
            if upload is not None:
                safe = get_valid_filename(PurePath(name.replace("\\", "/")).name) if name else ""
                meeting.file.save(f"{workspace.pk}/{safe or 'meeting'}", ContentFile(data), save=False)
                stored = meeting.file.name
            meeting.save()
            _event(meeting, progress=0.0)
            transaction.on_commit(lambda: tasks.meeting_analyze.delay(meeting.pk))
    except Exception:
        if stored:  # the row did not make it: don't leave its file behind
            Meeting.file.field.storage.delete(stored)
        raise
    return meeting


def meeting_analyze(*, meeting_id: int) -> Meeting | None:
    """The analysis (the task's body). Safe to run twice: a ready meeting is left alone."""
    from agents import services as agents

    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().filter(pk=meeting_id).first()
        if meeting is None or meeting.status == MeetingStatus.READY:
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
