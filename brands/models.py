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
    KO = "ko", _("Korean")
    EN = "en", _("English")


class BrandKit(WorkspaceScopedModel):
    name = models.CharField(max_length=120, verbose_name=_("name"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.KO, verbose_name=_("language"))
    tone_of_voice = models.TextField(blank=True, verbose_name=_("tone of voice"))
    target_audience = models.TextField(blank=True, verbose_name=_("target audience"))
    banned_words = ArrayField(
        models.CharField(max_length=100), default=list, blank=True, verbose_name=_("banned words")
    )
    required_words = ArrayField(
        models.CharField(max_length=100), default=list, blank=True, verbose_name=_("required words")
    )
    guidelines = models.TextField(blank=True, verbose_name=_("guidelines"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

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
    PRIMARY = "primary", _("Primary")
    SECONDARY = "secondary", _("Secondary")
    ACCENT = "accent", _("Accent")
    BACKGROUND = "background", _("Background")
    TEXT = "text", _("Text")


class BrandColor(models.Model):
    brand = models.ForeignKey(BrandKit, on_delete=models.CASCADE, related_name="colors", verbose_name=_("brand"))
    name = models.CharField(max_length=60, verbose_name=_("name"))
    hex = models.CharField(max_length=7, validators=[hex_color_validator], verbose_name=_("hex"))
    role = models.CharField(max_length=16, choices=ColorRole.choices, verbose_name=_("role"))
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        verbose_name = _("brand colour")
        verbose_name_plural = _("brand colours")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.hex}"


class FontRole(models.TextChoices):
    HEADING = "heading", _("Heading")
    SUBHEADING = "subheading", _("Subheading")
    BODY = "body", _("Body")
    DISPLAY = "display", _("Display")
    CAPTION = "caption", _("Caption")
    ACCENT = "accent", _("Accent")


class BrandFont(models.Model):
    brand = models.ForeignKey(BrandKit, on_delete=models.CASCADE, related_name="fonts", verbose_name=_("brand"))
    family = models.CharField(max_length=120, verbose_name=_("family"))
    role = models.CharField(max_length=16, choices=FontRole.choices, verbose_name=_("role"))
    weights = ArrayField(models.PositiveSmallIntegerField(), default=list, blank=True, verbose_name=_("weights"))
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        verbose_name = _("brand font")
        verbose_name_plural = _("brand fonts")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.family} ({self.role})"


class AnalysisStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def logo_upload_path(instance: "BrandLogo", filename: str) -> str:
    # The extension comes from the sniffed type (the caller passes it as filename), never
    # from the client's file name.
    ext = filename.rsplit(".", 1)[-1]
    return f"brands/{instance.brand.workspace_id}/{instance.brand_id}/logos/{uuid.uuid4().hex}.{ext}"


class BrandLogo(models.Model):
    brand = models.ForeignKey(BrandKit, on_delete=models.CASCADE, related_name="logos", verbose_name=_("brand"))
    file = models.FileField(upload_to=logo_upload_path, max_length=255, verbose_name=_("file"))
    original_name = models.CharField(max_length=255, blank=True, verbose_name=_("original name"))
    content_type = models.CharField(max_length=40, verbose_name=_("content type"))
    size_bytes = models.PositiveIntegerField(verbose_name=_("size (bytes)"))
    width = models.PositiveIntegerField(verbose_name=_("width"))
    height = models.PositiveIntegerField(verbose_name=_("height"))
    # Filled by the brand_logo_analyze job: dominant colours measured on the pixels.
    analysis_status = models.CharField(
        max_length=16, choices=AnalysisStatus.choices, default=AnalysisStatus.PENDING, verbose_name=_("analysis status")
    )
    palette = models.JSONField(default=list, blank=True, verbose_name=_("palette"))
    analysis_error = models.TextField(blank=True, verbose_name=_("analysis error"))
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
        verbose_name = _("brand logo")
        verbose_name_plural = _("brand logos")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name or self.file.name
