from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import WorkspaceScopedModel


class FeedKind(models.TextChoices):
    RSS = "rss", _("RSS")
    ATOM = "atom", _("Atom")


class CollectStatus(models.TextChoices):
    NEVER = "", _("Not collected yet")
    OK = "ok", _("Collected")
    FAILED = "failed", _("Failed")


class Feed(WorkspaceScopedModel):
    """An RSS or Atom feed the workspace follows, and how its last collection went."""

    url = models.URLField(max_length=2000, verbose_name=_("URL"))
    name = models.CharField(max_length=200, blank=True, verbose_name=_("name"))
    title = models.CharField(max_length=300, blank=True, help_text=_("The feed's own title"), verbose_name=_("title"))
    kind = models.CharField(max_length=8, choices=FeedKind.choices, verbose_name=_("kind"))
    last_status = models.CharField(
        max_length=8, choices=CollectStatus.choices, default=CollectStatus.NEVER, blank=True, verbose_name=_("status")
    )
    last_error = models.TextField(blank=True, verbose_name=_("last error"))
    last_collected_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last collected at"))
    last_new = models.PositiveIntegerField(default=0, verbose_name=_("new items (last collection)"))
    last_duplicates = models.PositiveIntegerField(default=0, verbose_name=_("duplicates (last collection)"))
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
        verbose_name = _("trend feed")
        verbose_name_plural = _("trend feeds")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["workspace", "url"], name="unique_trend_feed_url_per_workspace")]

    def __str__(self) -> str:
        return self.name or self.title or self.url


class FeedItem(models.Model):
    """An entry of a feed, stored once per feed: ``key`` is its guid, or its link when it has
    none. ``story`` is the same for the copies of one entry that several feeds of the workspace
    carry (the same link, or the same globally unique guid): trends count a story once.
    Workspace copied from the feed so trends read one table."""

    workspace = models.ForeignKey(
        "core.Workspace", on_delete=models.CASCADE, related_name="+", verbose_name=_("workspace")
    )
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items", verbose_name=_("feed"))
    key = models.CharField(max_length=64, help_text=_("SHA-256 of the guid, else of the link"), verbose_name=_("key"))
    story = models.CharField(
        max_length=64,
        help_text=_("The key of the first copy of this entry the workspace stored, from any feed"),
        verbose_name=_("story"),
    )
    guid = models.TextField(blank=True, verbose_name=_("guid"))
    title = models.CharField(max_length=500, blank=True, verbose_name=_("title"))
    link = models.URLField(max_length=2000, blank=True, verbose_name=_("link"))
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    published = models.DateTimeField(
        help_text=_("As the feed dates it; when it gives no date, when it was collected"), verbose_name=_("published")
    )
    language = models.CharField(max_length=8, blank=True, verbose_name=_("language"))
    keywords = models.JSONField(default=list, blank=True, verbose_name=_("keywords"))
    collected_at = models.DateTimeField(auto_now_add=True, verbose_name=_("collected at"))

    class Meta:
        verbose_name = _("feed item")
        verbose_name_plural = _("feed items")
        ordering = ["-published", "-id"]
        constraints = [models.UniqueConstraint(fields=["feed", "key"], name="unique_trend_item_per_feed")]
        indexes = [models.Index(fields=["workspace", "-published"], name="trend_item_ws_published")]

    def __str__(self) -> str:
        return self.title or self.link or self.guid


class Mention(models.Model):
    """One keyword of one item: what the ranking counts (``published`` copied from the item so
    a window is one indexed range of one table)."""

    workspace = models.ForeignKey(
        "core.Workspace", on_delete=models.CASCADE, related_name="+", verbose_name=_("workspace")
    )
    item = models.ForeignKey(FeedItem, on_delete=models.CASCADE, related_name="mentions", verbose_name=_("item"))
    keyword = models.CharField(max_length=100, verbose_name=_("keyword"))
    published = models.DateTimeField(verbose_name=_("published"))

    class Meta:
        verbose_name = _("keyword mention")
        verbose_name_plural = _("keyword mentions")
        constraints = [models.UniqueConstraint(fields=["item", "keyword"], name="unique_trend_keyword_per_item")]
        indexes = [models.Index(fields=["workspace", "published", "keyword"], name="trend_mention_ws_window")]

    def __str__(self) -> str:
        return self.keyword
