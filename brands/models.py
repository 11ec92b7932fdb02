import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import WorkspaceScopedModel

hex_color_validator = RegexValidator(r"^#[0-9A-Fa-f]{6}$", "Enter a colour as #RRGGBB (for example #FF5A1F).")


class Language(models.TextChoices):
    KO = "ko", "Korean"
    EN = "en", "English"


class BrandKit(WorkspaceScopedModel):
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.KO)
    tone_of_voice = models.TextField(blank=True)
    target_audience = models.TextField(blank=True)
    banned_words = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    required_words = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    guidelines = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("brand kit")
        verbose_name_plural = _("brand kits")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "workspace", name="unique_brand_name_per_workspace"),
        ]

    def __str__(self) -> str:
        return self.name


class ColorRole(models.TextChoices):
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    ACCENT = "accent", "Accent"
    BACKGROUND = "background", "Background"
    TEXT = "text", "Text"


class BrandColor(models.Model):
    brand = models.ForeignKey(BrandKit, on_delete=models.CASCADE, related_name="colors")
    name = models.CharField(max_length=60)
    hex = models.CharField(max_length=7, validators=[hex_color_validator])
    role = models.CharField(max_length=16, choices=ColorRole.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("brand colour")
        verbose_name_plural = _("brand colours")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.hex}"


class FontRole(models.TextChoices):
    HEADING = "heading", "Heading"
    SUBHEADING = "subheading", "Subheading"
    BODY = "body", "Body"
    DISPLAY = "display", "Display"
    CAPTION = "caption", "Caption"
    ACCENT = "accent", "Accent"


class BrandFont(models.Model):
    brand = models.ForeignKey(BrandKit, on_delete=models.CASCADE, related_name="fonts")
    family = models.CharField(max_length=120)
    role = models.CharField(max_length=16, choices=FontRole.choices)
    weights = ArrayField(models.PositiveSmallIntegerField(), default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("brand font")
        verbose_name_plural = _("brand fonts")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.family} ({self.role})"


class AnalysisStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


def logo_upload_path(instance: "BrandLogo", filename: str) -> str:
    # The extension comes from the sniffed type (the caller passes it as filename), never
    # from the client's file name.
    ext = filename.rsplit(".", 1)[-1]
    return f"brands/{instance.brand.workspace_id}/{instance.brand_id}/logos/{uuid.uuid4().hex}.{ext}"


class BrandLogo(models.Model):
    brand = models.ForeignKey(BrandKit, on_delete=models.CASCADE, related_name="logos")
    file = models.FileField(upload_to=logo_upload_path, max_length=255)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=40)
    size_bytes = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    # Filled by the brand_logo_analyze job: dominant colours measured on the pixels.
    analysis_status = models.CharField(max_length=16, choices=AnalysisStatus.choices, default=AnalysisStatus.PENDING)
    palette = models.JSONField(default=list, blank=True)
    analysis_error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("brand logo")
        verbose_name_plural = _("brand logos")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name or self.file.name
