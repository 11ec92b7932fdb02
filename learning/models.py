from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from pgvector.django import VectorField

from sparklio.core.models import WorkspaceScopedModel


class FeedbackTarget(models.TextChoices):
    DOCUMENT = "document", _("Document")
    CHAT_MESSAGE = "chat_message", _("Chat message")


class Feedback(WorkspaceScopedModel):
    """A marketer's rating (1–5) of a document or a chat answer, with the copy it was about.

    The chat message is kept by id, not by foreign key: ``chat`` sits above ``learning``, and a
    foreign key would make this app's tables depend on it. The text rated is copied here
    (``text``), so what was learned stays explainable after the message or document changes."""

    brand = models.ForeignKey(
        "brands.BrandKit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("brand"),
    )
    target = models.CharField(max_length=16, choices=FeedbackTarget.choices, verbose_name=_("target"))
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    document_version = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("document version"))
    chat_message_id = models.PositiveBigIntegerField(null=True, blank=True, verbose_name=_("chat message"))
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)], verbose_name=_("rating")
    )
    comment = models.TextField(blank=True, verbose_name=_("comment"))
    texts = models.JSONField(
        default=list,
        blank=True,
        help_text=_("The copy rated: [{role, text}] of the document, or the message's text"),
        verbose_name=_("texts"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "-created_at"], name="feedback_ws_recent"),
            models.Index(fields=["brand", "-created_at"], name="feedback_brand_recent"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"),
            models.CheckConstraint(
                condition=models.Q(document__isnull=False, chat_message_id__isnull=True)
                | models.Q(document__isnull=True, chat_message_id__isnull=False),
                name="feedback_one_target",
            ),
        ]

    def __str__(self) -> str:
        what = f"document {self.document_id}" if self.document_id else f"message {self.chat_message_id}"
        return f"{self.rating}★ {what}"


class LearnedProfile(WorkspaceScopedModel):
    """What a brand has learned, recomputed from its signals (``learning.services.brand_learn``).

    ``preferred`` and ``avoided``: [{phrase, count, sources: {edit, feedback, performance}}];
    ``examples``: [{text, role, source, score, document}], best first; ``style_vector``: the
    normalised mean embedding of the approved copy, with the model that made it (candidates are
    embedded with the same model to be compared). ``performance`` keeps the last imported
    metrics so a recompute started by new feedback still counts them."""

    brand = models.OneToOneField(
        "brands.BrandKit", on_delete=models.CASCADE, related_name="learned_profile", verbose_name=_("brand")
    )
    preferred = models.JSONField(default=list, blank=True, verbose_name=_("preferred phrases"))
    avoided = models.JSONField(default=list, blank=True, verbose_name=_("avoided phrases"))
    examples = models.JSONField(default=list, blank=True, verbose_name=_("best examples"))
    performance = models.JSONField(default=dict, blank=True, verbose_name=_("imported performance"))
    style_vector = VectorField(null=True, blank=True, verbose_name=_("style vector"))
    style_texts = models.PositiveIntegerField(default=0, verbose_name=_("texts in the style vector"))
    embedding_provider = models.CharField(max_length=32, blank=True, verbose_name=_("embedding provider"))
    embedding_model = models.CharField(max_length=120, blank=True, verbose_name=_("embedding model"))
    embedding_dim = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("embedding dimension"))
    feedback_count = models.PositiveIntegerField(default=0, verbose_name=_("feedback"))
    edit_count = models.PositiveIntegerField(default=0, verbose_name=_("edits"))
    performance_rows = models.PositiveIntegerField(default=0, verbose_name=_("performance rows"))
    learned_from_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("The newest signal counted (feedback or edit): newer ones make the profile stale"),
        verbose_name=_("signals up to"),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("learned profile")
        verbose_name_plural = _("learned profiles")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.brand_id}: learned"
