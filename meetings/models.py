from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import WorkspaceScopedModel


class MeetingStatus(models.TextChoices):
    EXTRACTING = "extracting", _("Reading the file")
    PENDING = "pending", _("Pending")
    ANALYZING = "analyzing", _("Analyzing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class Meeting(WorkspaceScopedModel):
    """Meeting notes (an uploaded TXT, PDF or DOCX, or pasted text) and their analysis."""

    title = models.CharField(max_length=200, verbose_name=_("title"))
    meeting_date = models.DateField(
        help_text=_("What relative due dates ('next Friday') are resolved against"), verbose_name=_("meeting date")
    )
    file = models.FileField(upload_to="meetings/%Y/%m/", blank=True, max_length=300, verbose_name=_("file"))
    original_name = models.CharField(max_length=255, blank=True, verbose_name=_("original name"))
    kind = models.CharField(max_length=8, help_text=_("txt, pdf, docx or text (pasted)"), verbose_name=_("kind"))
    size_bytes = models.PositiveIntegerField(default=0, verbose_name=_("size (bytes)"))
    pages = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("pages"))
    text = models.TextField(verbose_name=_("text"))
    brand = models.ForeignKey(
        "brands.BrandKit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("brand")
    )
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PENDING, verbose_name=_("status")
    )
    analysis = models.JSONField(default=dict, blank=True, verbose_name=_("analysis"))
    provider = models.CharField(max_length=40, blank=True, verbose_name=_("provider"))
    error = models.TextField(blank=True, verbose_name=_("error"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    analyzed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("analyzed at"))

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["workspace", "-created_at"], name="meeting_ws_recent")]

    def __str__(self):
        return self.title
