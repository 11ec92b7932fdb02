from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.schema import CHANNEL_PRESETS
from sparklio.core.models import WorkspaceScopedModel

# The channel presets as choices of the API and the admin (the column itself takes any text: a
# new preset needs no migration).
CHANNEL_CHOICES = [(key, preset.label) for key, preset in CHANNEL_PRESETS.items()]


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


class EntrySource(models.TextChoices):
    MANUAL = "manual", _("Added by hand")
    PLAN = "plan", _("Proposed by the planner")


class CalendarEntry(WorkspaceScopedModel):
    """One post on the content calendar: what goes out, on which channel, when, and the design
    (document) it uses. ``channel`` is a key of documents.schema.CHANNEL_PRESETS, checked by the
    services (not a choice of the column, so a new preset needs no migration)."""

    brand = models.ForeignKey(
        "brands.BrandKit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("brand"),
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    channel = models.CharField(max_length=40, verbose_name=_("channel"))
    publish_at = models.DateTimeField(verbose_name=_("publish at"))
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    status = models.CharField(
        max_length=16, choices=EntryStatus.choices, default=EntryStatus.DRAFT, verbose_name=_("status")
    )
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    # what the planner tied the entry to: {"kind": "greeting"|"gift"|"shopping"|"holiday"|"payday"
    # |"trend", "name": ..., "date": "YYYY-MM-DD"}; empty for the brand's own posts and manual ones
    occasion = models.JSONField(default=dict, blank=True, verbose_name=_("occasion"))
    source = models.CharField(
        max_length=16, choices=EntrySource.choices, default=EntrySource.MANUAL, verbose_name=_("source")
    )
    # set when the publish reminder went out; cleared when the time or the status changes
    reminded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reminded at"))
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
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")
        ordering = ["publish_at", "id"]
        indexes = [
            models.Index(fields=["workspace", "publish_at"], name="calentry_ws_publish"),
            # what the reminder task scans every minute
            models.Index(
                fields=["publish_at"],
                name="calentry_due_reminder",
                condition=models.Q(status="scheduled", reminded_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title
