import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import WorkspaceScopedModel


def asset_upload_path(instance: "Asset", filename: str) -> str:
    # Under the workspace's uploads, where documents of the workspace may show it. The extension
    # comes from the sniffed type (the caller passes it as filename), never from the client's name.
    ext = filename.rsplit(".", 1)[-1]
    return f"uploads/{instance.workspace_id}/assets/{uuid.uuid4().hex}.{ext}"


class Asset(WorkspaceScopedModel):
    """A picture a marketer uploaded to a workspace: a real product photo, a packshot, a scene."""

    name = models.CharField(max_length=200, blank=True, verbose_name=_("name"))
    file = models.FileField(upload_to=asset_upload_path, max_length=255, verbose_name=_("file"))
    original_name = models.CharField(max_length=255, blank=True, verbose_name=_("original name"))
    content_type = models.CharField(max_length=40, verbose_name=_("content type"))
    size_bytes = models.PositiveIntegerField(verbose_name=_("size (bytes)"))
    width = models.PositiveIntegerField(
        help_text=_("Upright, as shown (after the EXIF orientation)"), verbose_name=_("width")
    )
    height = models.PositiveIntegerField(
        help_text=_("Upright, as shown (after the EXIF orientation)"), verbose_name=_("height")
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
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "-created_at"], name="asset_ws_recent")]

    def __str__(self) -> str:
        return self.name or self.original_name or f"Asset {self.pk}"
