from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import WorkspaceScopedModel


class MeetingStatus(models.TextChoices):
    EXTRACTING = "extracting", "Reading the file"
    PENDING = "pending", "Pending"
    ANALYZING = "analyzing", "Analyzing"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class Meeting(WorkspaceScopedModel):
    """Meeting notes (an uploaded TXT, PDF or DOCX, or pasted text) and their analysis."""

    title = models.CharField(max_length=200)
    meeting_date = models.DateField(help_text="What relative due dates ('next Friday') are resolved against")
    file = models.FileField(upload_to="meetings/%Y/%m/", blank=True, max_length=300)
    original_name = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=8, help_text="txt, pdf, docx or text (pasted)")
    size_bytes = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField()
    brand = models.ForeignKey("brands.BrandKit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PENDING)
    analysis = models.JSONField(default=dict, blank=True)
    provider = models.CharField(max_length=40, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    analyzed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["workspace", "-created_at"], name="meeting_ws_recent")]

    def __str__(self):
        return self.title
