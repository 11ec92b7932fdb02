"""Reads of learning: feedback lists, the signals a brand learns from, what generation takes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.db.models import Max, Q, QuerySet

from brands.models import BrandKit
from documents.models import Document, DocumentVersion, VersionSource
from learning.extract import EditPair, edit_pairs
from learning.models import Feedback, LearnedProfile
from learning.style import LearnedStyle

# The newest edits read per recompute: learning stays cheap on brands with long histories.
MAX_EDITS = 300
# What generation is given: the best examples and the strongest phrases.
PROMPT_EXAMPLES = 5
PROMPT_PHRASES = 12


def feedback_list() -> QuerySet[Feedback]:
    return Feedback.objects.select_related("created_by")


@dataclass
class Signals:
    feedback: list[Feedback] = field(default_factory=list)
    edits: list[EditPair] = field(default_factory=list)
    edit_versions: int = 0
    newest: datetime | None = None


def _brand_documents(brand: BrandKit) -> QuerySet[Document]:
    return Document.objects.filter(brand=brand, workspace_id=brand.workspace_id)


def newest_signal_at(brand: BrandKit) -> datetime | None:
    """When the brand's newest feedback or edit arrived (None: no signal yet)."""
    feedback = Feedback.objects.filter(brand=brand).aggregate(at=Max("created_at"))["at"]
    edited = DocumentVersion.objects.filter(
        document__in=_brand_documents(brand), source=VersionSource.EDIT, version__gt=1
    ).aggregate(at=Max("created_at"))["at"]
    return max((at for at in (feedback, edited) if at is not None), default=None)


def brand_signals(brand: BrandKit) -> Signals:
    """The brand's feedback and the edits its marketers made to generated copy.

    Edits are read by diffing each edit version with the one before it, at learning time:
    ``documents`` sits below ``learning`` and knows nothing of it, and whole versions are
    already stored (documents/models.py), so no hook in its write path is needed."""
    signals = Signals(feedback=list(Feedback.objects.filter(brand=brand).order_by("created_at", "id")))
    edits = list(
        DocumentVersion.objects.filter(document__in=_brand_documents(brand), source=VersionSource.EDIT, version__gt=1)
        .order_by("-created_at", "-id")
        .values("document_id", "version", "content", "created_at")[:MAX_EDITS]
    )
    signals.edit_versions = len(edits)
    if edits:
        wanted = Q()
        for row in edits:
            wanted |= Q(document_id=row["document_id"], version=row["version"] - 1)
        previous = {
            (row["document_id"], row["version"]): row["content"]
            for row in DocumentVersion.objects.filter(wanted).values("document_id", "version", "content")
        }
        for row in reversed(edits):  # oldest first: a later edit of the same text counts later
            before = previous.get((row["document_id"], row["version"] - 1))
            if before is not None:
                signals.edits.extend(edit_pairs(row["document_id"], before, row["content"]))
    times = [f.created_at for f in signals.feedback] + [row["created_at"] for row in edits]
    signals.newest = max(times, default=None)
    return signals


def brand_document_ids(brand: BrandKit, ids) -> dict[int, dict]:
    """Of ``ids``, the brand's documents: id → current content."""
    return dict(_brand_documents(brand).filter(pk__in=list(ids)).values_list("pk", "content"))


def learned_profile(brand_id: int) -> LearnedProfile | None:
    return LearnedProfile.objects.filter(brand_id=brand_id).first()


def learned_style(brand_id: int | None) -> LearnedStyle | None:
    """What generation uses of a brand's learning (None: nothing learned yet)."""
    if brand_id is None:
        return None
    profile = learned_profile(brand_id)
    if profile is None:
        return None
    vector = profile.style_vector
    style = LearnedStyle(
        vector=tuple(float(x) for x in vector) if vector is not None else None,
        provider=profile.embedding_provider,
        model=profile.embedding_model,
        dimensions=profile.embedding_dim,
        preferred=tuple(p["phrase"] for p in profile.preferred[:PROMPT_PHRASES]),
        avoided=tuple(p["phrase"] for p in profile.avoided[:PROMPT_PHRASES]),
        examples=tuple(e["text"] for e in profile.examples[:PROMPT_EXAMPLES]),
    )
    return None if style.empty else style


def learning_summary(profile: LearnedProfile | None, *, brand: BrandKit, stale: bool = False) -> dict:
    """What the learning endpoint and the self-learning agent show."""
    if profile is None:
        return {
            "brand": brand.pk,
            "preferred": [],
            "avoided": [],
            "examples": [],
            "style": None,
            "learned_from": {"feedback": 0, "edits": 0, "performance_rows": 0},
            "updated_at": None,
            "stale": stale,
        }
    style = None
    if profile.style_vector is not None:
        style = {
            "provider": profile.embedding_provider,
            "model": profile.embedding_model,
            "dimensions": profile.embedding_dim,
            "texts": profile.style_texts,
        }
    return {
        "brand": brand.pk,
        "preferred": profile.preferred,
        "avoided": profile.avoided,
        "examples": profile.examples,
        "style": style,
        "learned_from": {
            "feedback": profile.feedback_count,
            "edits": profile.edit_count,
            "performance_rows": profile.performance_rows,
        },
        "updated_at": profile.updated_at,
        "stale": stale,
    }


def brands_with_signals() -> QuerySet[BrandKit]:
    """Brands with feedback or edited documents, the ones whose profile was updated longest ago
    first (those without one before all)."""
    with_feedback = Feedback.objects.filter(brand__isnull=False).values("brand_id")
    edited = DocumentVersion.objects.filter(source=VersionSource.EDIT, document__brand__isnull=False).values(
        "document__brand_id"
    )
    return (
        BrandKit.objects.filter(Q(pk__in=with_feedback) | Q(pk__in=edited))
        .select_related("learned_profile")
        .order_by(models.F("learned_profile__updated_at").asc(nulls_first=True), "pk")
    )


def brands_of_documents(workspace_id: int, document_ids) -> QuerySet[BrandKit]:
    """The brands of the workspace that the given documents belong to."""
    ids = Document.objects.filter(workspace_id=workspace_id, pk__in=list(document_ids), brand__isnull=False)
    return BrandKit.objects.filter(pk__in=ids.values("brand_id")).order_by("pk")
