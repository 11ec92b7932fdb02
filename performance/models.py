from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import Workspace, WorkspaceScopedModel


class Layout(models.TextChoices):
    META = "meta", _("Meta Ads")
    GOOGLE = "google_ads", _("Google Ads")
    NAVER = "naver_search", _("Naver search ads")
    GENERIC = "generic", _("Generic sheet")


class PerformanceImport(WorkspaceScopedModel):
    """One uploaded export and what became of it: rows written, rows skipped (totals, blank
    lines) and rows refused with their reasons. The file itself is not kept."""

    original_name = models.CharField(max_length=255, blank=True, verbose_name=_("original name"))
    layout = models.CharField(max_length=16, choices=Layout.choices, verbose_name=_("layout"))
    header_row = models.PositiveIntegerField(default=1, verbose_name=_("header row"))
    imported = models.PositiveIntegerField(default=0, verbose_name=_("imported"))
    skipped = models.PositiveIntegerField(default=0, verbose_name=_("skipped"))
    skipped_rows = models.JSONField(
        default=list,
        blank=True,
        help_text=_("The first skipped lines: [{row, reason}]"),
        verbose_name=_("skipped lines"),
    )
    inserted = models.PositiveIntegerField(
        default=0, help_text=_("Rows new to the workspace"), verbose_name=_("inserted")
    )
    updated = models.PositiveIntegerField(
        default=0, help_text=_("Stored rows whose figures changed"), verbose_name=_("updated")
    )
    unchanged = models.PositiveIntegerField(
        default=0, help_text=_("Stored rows with the same figures, left as they were"), verbose_name=_("unchanged")
    )
    rejected_count = models.PositiveIntegerField(default=0, verbose_name=_("rejected"))
    rejected = models.JSONField(
        default=list, blank=True, help_text=_("The first refused rows: [{row, reason}]"), verbose_name=_("rejections")
    )
    size = models.PositiveBigIntegerField(default=0, help_text=_("Bytes of the file"), verbose_name=_("size"))
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
        verbose_name = _("performance import")
        verbose_name_plural = _("performance imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "-created_at"], name="perfimport_ws_recent")]

    def __str__(self) -> str:
        return self.original_name or f"Import {self.pk}"


class MetricRow(WorkspaceScopedModel):
    """One day of one ad (or campaign) on one channel: the figures the platform reported.

    A row is identified by workspace, date, campaign, ad group, ad, channel and variant; an
    import of the same key again replaces the figures (upsert) instead of counting them twice.
    Indexes are few on purpose (the key's, and the two foreign keys' for their ON DELETE): every
    one is maintained for each of an import's 100,000 rows."""

    # the unique key below starts with the workspace: a second index on it alone would only cost writes
    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="+", db_index=False, verbose_name=_("workspace")
    )
    source_import = models.ForeignKey(
        PerformanceImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rows",
        help_text=_("The import that last changed the row's figures."),
        verbose_name=_("import"),
    )
    date = models.DateField(verbose_name=_("date"))
    campaign = models.CharField(max_length=300, verbose_name=_("campaign"))
    ad_group = models.CharField(max_length=300, blank=True, default="", verbose_name=_("ad group"))
    ad = models.CharField(max_length=300, blank=True, default="", verbose_name=_("ad"))
    channel = models.CharField(max_length=60, blank=True, default="", verbose_name=_("channel"))
    variant = models.CharField(max_length=120, blank=True, default="", verbose_name=_("variant"))
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The Sparklio document the ad was made from, when its name or id matched."),
        verbose_name=_("document"),
    )
    impressions = models.BigIntegerField(default=0, verbose_name=_("impressions"))
    clicks = models.BigIntegerField(default=0, verbose_name=_("clicks"))
    conversions = models.DecimalField(max_digits=14, decimal_places=2, default=0, verbose_name=_("conversions"))
    spend = models.DecimalField(max_digits=16, decimal_places=2, default=0, verbose_name=_("spend"))
    revenue = models.DecimalField(max_digits=16, decimal_places=2, default=0, verbose_name=_("revenue"))

    class Meta:
        verbose_name = _("performance row")
        verbose_name_plural = _("performance rows")
        ordering = ["-date", "campaign", "ad_group", "ad", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "date", "campaign", "ad_group", "ad", "channel", "variant"],
                name="perfrow_one_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.campaign} {self.ad}".strip()
