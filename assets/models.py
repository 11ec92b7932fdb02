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

    name = models.CharField(max_length=200, blank=True)
    file = models.FileField(upload_to=asset_upload_path, max_length=255)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=40)
    size_bytes = models.PositiveIntegerField()
    width = models.PositiveIntegerField(help_text="Upright, as shown (after the EXIF orientation)")
    height = models.PositiveIntegerField(help_text="Upright, as shown (after the EXIF orientation)")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "-created_at"], name="asset_ws_recent")]

    def __str__(self) -> str:
        return self.name or self.original_name or f"Asset {self.pk}"
