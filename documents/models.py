from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import WorkspaceScopedModel


class Document(WorkspaceScopedModel):
    """A SparklioDocument v2.0 and its version counter. ``content`` is always valid JSON of
    the schema (services validate every write); ``version`` grows by one per change."""

    title = models.CharField(max_length=200, blank=True, verbose_name=_("title"))
    brand = models.ForeignKey(
        "brands.BrandKit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("brand")
    )
    channel = models.CharField(max_length=40, blank=True, verbose_name=_("channel"))
    content = models.JSONField(verbose_name=_("content"))
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["workspace", "-updated_at"], name="document_ws_updated")]

    def __str__(self) -> str:
        return self.title or f"Document {self.pk}"


class VersionSource(models.TextChoices):
    CREATE = "create", _("Created")
    EDIT = "edit", _("Edited")
    METADATA = "metadata", _("Title or metadata changed")
    RESTORE = "restore", _("Restored")
    IMPORT = "import", _("Imported")
    AI_COMMAND = "ai_command", _("AI command")
    AGENT = "agent", _("Agent")


class DocumentVersion(models.Model):
    """Every version of a document, whole (documents are small; whole copies make restore and
    diff trivial and keep history readable without replaying patches)."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    version = models.PositiveIntegerField(verbose_name=_("version"))
    title = models.CharField(max_length=200, blank=True, verbose_name=_("title"))
    content = models.JSONField(verbose_name=_("content"))
    source = models.CharField(max_length=16, choices=VersionSource.choices, verbose_name=_("source"))
    summary = models.CharField(
        max_length=300, blank=True, help_text=_("What changed from the previous version."), verbose_name=_("summary")
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
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["document", "version"], name="unique_document_version")]

    def __str__(self) -> str:
        return f"{self.document} v{self.version}"
