"""Feedback and the learned profile: the only code that writes them.

A brand learns from three signal sources, recomputed together by ``brand_learn``:

- feedback (1–5) on a document or a chat answer: copy rated 4–5 is approved copy (examples,
  style vector); short copy rated 1–2 (a headline, a button) counts as avoided;
- edits marketers made to generated copy, read from the document versions (selectors): words
  an edit removed are avoided, words it added preferred, the text it left approved;
- imported performance, ``{document_id: {impressions, clicks, conversions, spend, revenue, ctr,
  cvr}}`` (the shape of ``performance.selectors.document_performance``): the copy of the
  brand's best click-through documents is approved, weighted by its CTR.

Recomputing is a pure function of what is stored (plus the last performance given), so it is
safe to run twice and cheap enough to run on every new signal: a few queries, and one embedding
call whose texts the gateway caches.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Collection

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from brands.models import BrandKit
from documents.models import Document
from learning import selectors
from learning.extract import SHORT_TEXT_CHARS, copy_texts, phrase_changes, rate_of
from learning.models import Feedback, FeedbackTarget, LearnedProfile
from learning.targets import message_resolver
from sparklio.core.events import workspace_event
from sparklio.core.models import User
from sparklio.core.outage import BROKER_ERRORS
from sparklio.llm.errors import LLMError
from sparklio.llm.gateway import gateway

logger = logging.getLogger(__name__)

# A low rating says how a design speaks, not what the product is: its listed features stay sayable.
FACT_ROLES = frozenset({"feature_bullet"})
# Weights of approved copy by where it came from (a 5★ rating is the strongest word a marketer
# says; the text they left after editing is theirs; performance adds up to 1 by its CTR).
EDITED_WEIGHT = 0.75
PERFORMANCE_BASE = 0.5
# Performance rows with fewer impressions than this are noise, unless no row has as many.
MIN_IMPRESSIONS = 100
BEST_PERFORMERS = 3
MAX_EXAMPLES = 8
MAX_PHRASES = 40
STYLE_TEXTS = 32
COMMENT_MAX = 2000
MESSAGE_TEXT_MAX = 4000


# --- feedback -----------------------------------------------------------------------------------


def feedback_create(
    *,
    user: User | None,
    workspace_ids: Collection[int],
    rating: int,
    document_id: int | None = None,
    chat_message_id: int | None = None,
    comment: str = "",
) -> Feedback:
    """Store a rating of one document or one chat message of the caller's workspaces (another
    workspace's, or none: 404) and queue the brand's relearning once it is committed."""
    if (document_id is None) == (chat_message_id is None):
        field = "chat_message" if document_id is not None else "document"
        raise ValidationError({field: [_("Give exactly one of document or chat_message.")]})
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": [_("A rating is a whole number from 1 to 5.")]})
    if len(comment) > COMMENT_MAX:
        raise ValidationError({"comment": [_("At most %(max)d characters.") % {"max": COMMENT_MAX}]})
    feedback = Feedback(rating=rating, comment=comment, created_by=user)
    if document_id is not None:
        document = Document.objects.filter(pk=document_id, workspace_id__in=list(workspace_ids)).first()
        if document is None:
            raise Http404(_("No such document in your workspaces."))
        feedback.target = FeedbackTarget.DOCUMENT
        feedback.workspace_id, feedback.brand_id = document.workspace_id, document.brand_id
        feedback.document, feedback.document_version = document, document.version
        feedback.texts = [{"role": item.role, "text": item.text} for item in copy_texts(document.content)]
    else:
        resolve = message_resolver()
        if resolve is None:
            raise ValidationError({"chat_message": [_("Chat is not installed on this server.")]})
        message = resolve(chat_message_id, workspace_ids)
        if message is None:
            raise Http404(_("No such chat message in your workspaces."))
        if not message.answer:
            raise ValidationError(
                {"chat_message": [_("Only the assistant's answers can be rated, not your own messages.")]}
            )
        feedback.target = FeedbackTarget.CHAT_MESSAGE
        feedback.workspace_id, feedback.brand_id = message.workspace_id, message.brand_id
        feedback.chat_message_id = message.id
        text = message.text.strip()[:MESSAGE_TEXT_MAX]
        feedback.texts = [{"role": "message", "text": text}] if text else []
    with transaction.atomic():
        feedback.save()
        if feedback.brand_id is not None:
            brand_id = feedback.brand_id
            transaction.on_commit(lambda: _queue_learning(brand_id))
    return feedback


def _queue_learning(brand_id: int) -> None:
    """Relearn in the background. A broker that is down loses nothing: the feedback is stored,
    and the profile is relearnt when next read or by the periodic refresh (it is stale)."""
    from learning.tasks import learning_brand_learn  # the task module imports this one

    try:
        learning_brand_learn.delay(brand_id)
    except BROKER_ERRORS as exc:
        logger.warning("relearning of brand %s not queued (the profile stays stale until read): %s", brand_id, exc)


# --- learning ------------------------------------------------------------------------------------


class _Phrases:
    """Phrase counts with where each came from (a phrase both added and removed nets out)."""

    def __init__(self):
        self.count: Counter[str] = Counter()
        self.shown: dict[str, str] = {}
        self.sources: dict[str, Counter[str]] = defaultdict(Counter)
        self.documents: dict[str, list[int]] = defaultdict(list)

    def note(self, phrase: str, source: str, document_id: int | None, weight: int = 1) -> None:
        key = phrase.casefold()
        self.count[key] += weight
        self.shown.setdefault(key, phrase)
        self.sources[key][source] += 1
        if document_id is not None and document_id not in self.documents[key]:
            self.documents[key].append(document_id)

    def entries(self, against: _Phrases) -> list[dict]:
        kept = [key for key, count in self.count.items() if count > against.count.get(key, 0)]
        kept.sort(key=lambda key: (-(self.count[key] - against.count.get(key, 0)), self.shown[key]))
        return [
            {
                "phrase": self.shown[key],
                "count": self.count[key] - against.count.get(key, 0),
                "sources": dict(sorted(self.sources[key].items())),
                "documents": self.documents[key][:10],
            }
            for key in kept[:MAX_PHRASES]
        ]


class _Approved:
    """Approved copy: text → its summed weight, where it came from and its documents."""

    def __init__(self):
        self.items: dict[str, dict] = {}

    def add(self, text: str, *, role: str, weight: float, source: str, document_id: int | None, **extra) -> None:
        item = self.items.setdefault(
            text, {"text": text, "role": role, "score": 0.0, "sources": [], "documents": [], **extra}
        )
        item["score"] += weight
        if source not in item["sources"]:
            item["sources"].append(source)
        if document_id is not None and document_id not in item["documents"]:
            item["documents"].append(document_id)
        for key, value in extra.items():
            item.setdefault(key, value)

    def best(self, n: int) -> list[dict]:
        ranked = sorted(self.items.values(), key=lambda item: (-item["score"], item["text"]))
        return [{**item, "score": round(item["score"], 4)} for item in ranked[:n]]


def _performance_rows(performance: dict | None) -> dict[int, dict]:
    """The metrics by document id (ids may arrive as JSON strings); a bad row is a 400 naming it."""
    rows: dict[int, dict] = {}
    for key, metrics in (performance or {}).items():
        try:
            document_id = int(key)
        except (TypeError, ValueError):
            raise ValidationError({"performance": [_("%(key)s is not a document id.") % {"key": key}]}) from None
        if not isinstance(metrics, dict):
            raise ValidationError({f"performance.{key}": [_("Metrics are an object.")]})
        rows[document_id] = metrics
    return rows


def _learn_from_performance(brand: BrandKit, rows: dict[int, dict], approved: _Approved) -> int:
    """Add the copy of the brand's best click-through documents; returns the brand's rows."""
    contents = selectors.brand_document_ids(brand, rows.keys())
    mine = {document_id: rows[document_id] for document_id in contents}
    if not mine:
        return 0
    enough = {d: m for d, m in mine.items() if (m.get("impressions") or 0) >= MIN_IMPRESSIONS} or mine
    ctrs = {d: rate_of(m, "clicks", "impressions", "ctr") for d, m in enough.items()}
    best = sorted((d for d in ctrs if ctrs[d] > 0), key=lambda d: (-ctrs[d], d))[:BEST_PERFORMERS]
    top = max(ctrs.values(), default=0.0)
    for document_id in best:
        for item in copy_texts(contents[document_id]):
            approved.add(
                item.text,
                role=item.role,
                weight=PERFORMANCE_BASE + PERFORMANCE_BASE * ctrs[document_id] / top,
                source="performance",
                document_id=document_id,
                ctr=round(ctrs[document_id], 6),
            )
    return len(mine)


def _style_vector(brand: BrandKit, approved: list[dict]) -> tuple[list[float] | None, str, str, int | None]:
    """The normalised, weighted mean embedding of the approved copy, and the model that made it."""
    if not approved:
        return None, "", "", None
    texts = [item["text"] for item in approved]
    try:
        result = gateway.embed(texts, input_type="passage", workspace_id=brand.workspace_id)
    except LLMError as exc:
        logger.warning("brand %s learnt without a style vector: no embedding model answered: %s", brand.pk, exc)
        return None, "", "", None
    dims = len(result.vectors[0])
    mean = [0.0] * dims
    for item, vector in zip(approved, result.vectors, strict=True):
        for index, value in enumerate(vector):
            mean[index] += item["score"] * value
    norm = sum(value * value for value in mean) ** 0.5
    if not norm:
        return None, "", "", None
    return [value / norm for value in mean], result.provider, result.model, dims


def brand_learn(brand: BrandKit, *, performance: dict | None = None) -> LearnedProfile:
    """Recompute what ``brand`` learned from its feedback, its edits and imported performance.

    ``performance`` is ``{document_id: {impressions, clicks, conversions, spend, revenue, ctr,
    cvr}}`` as ``performance.selectors.document_performance(workspace_id)`` returns it (rows of
    other brands' documents are ignored); None keeps the last one given."""
    rows = _performance_rows(performance) if performance is not None else None
    current = selectors.learned_profile(brand.pk)
    if rows is None:
        rows = _performance_rows(current.performance if current else {})
    signals = selectors.brand_signals(brand)
    preferred, avoided, approved = _Phrases(), _Phrases(), _Approved()

    for pair in signals.edits:
        removed, added = phrase_changes(pair.before, pair.after)
        for phrase in removed:
            avoided.note(phrase, "edit", pair.document_id)
        for phrase in added:
            preferred.note(phrase, "edit", pair.document_id)
        approved.add(pair.after, role=pair.role, weight=EDITED_WEIGHT, source="edit", document_id=pair.document_id)

    for feedback in signals.feedback:
        for item in feedback.texts:
            if feedback.rating >= 4:
                approved.add(
                    item["text"],
                    role=item["role"],
                    weight=(feedback.rating - 3) / 2,
                    source="feedback",
                    document_id=feedback.document_id,
                )
            elif feedback.rating <= 2 and len(item["text"]) <= SHORT_TEXT_CHARS and item["role"] not in FACT_ROLES:
                avoided.note(item["text"], "feedback", feedback.document_id)

    performance_rows = _learn_from_performance(brand, rows, approved)
    avoided_entries = avoided.entries(preferred)
    avoided_keys = [entry["phrase"].casefold() for entry in avoided_entries]
    # copy that still carries an avoided phrase is no example to follow
    pool = [
        item
        for item in approved.best(len(approved.items))
        if not any(k in item["text"].casefold() for k in avoided_keys)
    ]
    vector, provider, model, dims = _style_vector(brand, pool[:STYLE_TEXTS])

    with transaction.atomic():
        profile, _created = LearnedProfile.objects.select_for_update().get_or_create(
            brand=brand, defaults={"workspace_id": brand.workspace_id}
        )
        profile.preferred = preferred.entries(avoided)
        profile.avoided = avoided_entries
        profile.examples = pool[:MAX_EXAMPLES]
        profile.performance = {str(key): value for key, value in rows.items()}
        profile.style_vector = vector
        profile.style_texts = min(len(pool), STYLE_TEXTS) if vector is not None else 0
        profile.embedding_provider, profile.embedding_model, profile.embedding_dim = provider, model, dims
        profile.feedback_count = len(signals.feedback)
        profile.edit_count = len(signals.edits)
        profile.performance_rows = performance_rows
        profile.learned_from_until = signals.newest
        profile.save()
        workspace_event(
            workspace_id=brand.workspace_id,
            event={"type": "learning.updated", "brand": brand.pk, "examples": len(profile.examples)},
        )
    return profile


def brand_learning_current(brand: BrandKit) -> LearnedProfile | None:
    """The brand's profile, relearnt first when a feedback or an edit is newer than it (edits
    reach learning only this way, or by the periodic refresh: documents do not call learning).
    None while the brand has neither a profile nor any signal."""
    profile = selectors.learned_profile(brand.pk)
    newest = selectors.newest_signal_at(brand)
    if profile is None and newest is None:
        return None
    if profile is None or (
        newest is not None and (profile.learned_from_until is None or newest > profile.learned_from_until)
    ):
        profile = brand_learn(brand)
    return profile


def learning_refresh_stale(*, limit: int = 50) -> int:
    """Relearn the brands whose profile is older than their newest signal (at most ``limit``
    per run); returns how many were relearnt."""
    done = 0
    for brand in selectors.brands_with_signals()[:limit]:
        profile = selectors.learned_profile(brand.pk)
        newest = selectors.newest_signal_at(brand)
        if newest is not None and (
            profile is None or profile.learned_from_until is None or newest > profile.learned_from_until
        ):
            brand_learn(brand)
            done += 1
    return done


def workspace_performance_learn(*, workspace_id: int, performance: dict) -> list[LearnedProfile]:
    """Relearn every brand of the workspace that has documents in ``performance`` (the whole
    dict of ``performance.selectors.document_performance(workspace_id)``): the one call an
    import of metrics needs."""
    rows = _performance_rows(performance)
    return [
        brand_learn(brand, performance=performance)
        for brand in selectors.brands_of_documents(workspace_id, rows.keys())
    ]
