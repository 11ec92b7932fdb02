from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import WorkspaceScopedModel


class Document(WorkspaceScopedModel):
    """A SparklioDocument v2.0 and its version counter. ``content`` is always valid JSON of
    the schema (services validate every write); ``version`` grows by one per change."""

    title = models.CharField(max_length=200, blank=True)
    brand = models.ForeignKey("brands.BrandKit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    channel = models.CharField(max_length=40, blank=True)
    content = models.JSONField()
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["workspace", "-updated_at"], name="document_ws_updated")]

    def __str__(self) -> str:
        return self.title or f"Document {self.pk}"


class VersionSource(models.TextChoices):
    CREATE = "create", "Created"
    EDIT = "edit", "Edited"
    METADATA = "metadata", "Title or metadata changed"
    RESTORE = "restore", "Restored"
    IMPORT = "import", "Imported"
    AI_COMMAND = "ai_command", "AI command"
    AGENT = "agent", "Agent"


class DocumentVersion(models.Model):
    """Every version of a document, whole (documents are small; whole copies make restore and
    diff trivial and keep history readable without replaying patches)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200, blank=True)
    content = models.JSONField()
    source = models.CharField(max_length=16, choices=VersionSource.choices)
    summary = models.CharField(max_length=300, blank=True, help_text="What changed from the previous version.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["document", "version"], name="unique_document_version")]

    def __str__(self) -> str:
        return f"{self.document} v{self.version}"
