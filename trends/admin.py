from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.admin_scoping import ReadOnlyAdminMixin
from trends import services
from trends.models import Feed, FeedItem


@admin.register(Feed)
class FeedAdmin(ReadOnlyAdminMixin, WorkspaceScopedAdmin):
    """Feeds are added through the API (which fetches them once to check them); here they are
    inspected, collected now or deleted."""

    list_display = ["__str__", "workspace", "kind", "last_status", "last_collected_at", "last_new", "item_count"]
    list_filter = ["workspace", "kind", "last_status"]
    search_fields = ["name", "title", "url"]
    fields = [
        "workspace",
        "url",
        "name",
        "title",
        "kind",
        "last_status",
        "last_error",
        "last_collected_at",
        "last_new",
        "last_duplicates",
        "created_by",
        "created_at",
    ]
    readonly_fields = fields
    actions = ["collect_now"]

    def get_queryset(self, request):
        # ordered explicitly: a query with an aggregate does not take Meta.ordering
        feeds = super().get_queryset(request).select_related("workspace").annotate(items_n=Count("items"))
        return feeds.order_by("name", "id")

    @admin.display(description=_("Items"), ordering="items_n")
    def item_count(self, obj):
        return obj.items_n

    @admin.action(description=_("Collect now"))
    def collect_now(self, request, queryset):
        done = failed = 0
        for feed in queryset:
            if not self.may_write(request, feed):
                continue
            result = services.feed_collect(feed_id=feed.pk)
            if result is None:
                continue
            done += result.ok
            failed += not result.ok
        self.message_user(
            request,
            ngettext("%(count)d feed collected.", "%(count)d feeds collected.", done) % {"count": done},
            messages.SUCCESS,
        )
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d feed failed: see its last error.",
                    "%(count)d feeds failed: see their last error.",
                    failed,
                )
                % {"count": failed},
                messages.WARNING,
            )

    def delete_model(self, request, obj):
        services.feed_delete(feed=obj)

    def delete_queryset(self, request, queryset):
        for feed in queryset:
            services.feed_delete(feed=feed)


@admin.register(FeedItem)
class FeedItemAdmin(ReadOnlyAdminMixin, WorkspaceScopedAdmin):
    """What the feeds brought: each item with the keywords its trends count. An item deleted here
    comes back at the next collection while its feed still lists it (deleting a feed needs its
    items deletable, so they are)."""

    list_display = ["__str__", "feed", "workspace", "published", "language"]
    list_filter = ["workspace", "language"]
    search_fields = ["title", "link", "guid"]
    date_hierarchy = "published"
    fields = [
        "workspace",
        "feed",
        "title",
        "link",
        "guid",
        "summary",
        "published",
        "language",
        "keywords",
        "collected_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("feed", "workspace")
