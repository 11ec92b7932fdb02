from django.contrib import admin

from performance.models import MetricRow, PerformanceImport
from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.admin_scoping import ReadOnlyAdminMixin


@admin.register(PerformanceImport)
class PerformanceImportAdmin(ReadOnlyAdminMixin, WorkspaceScopedAdmin):
    """Imports come through the API (the file is checked and read there); here they are
    inspected, with the rows they refused, or deleted (their rows stay, unlinked)."""

    list_display = ["__str__", "workspace", "layout", "imported", "skipped", "rejected_count", "created_at"]
    list_filter = ["workspace", "layout"]
    search_fields = ["original_name"]
    fields = [
        "workspace",
        "original_name",
        "layout",
        "header_row",
        "imported",
        "inserted",
        "updated",
        "unchanged",
        "skipped",
        "skipped_rows",
        "rejected_count",
        "rejected",
        "size",
        "created_by",
        "created_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("workspace")


@admin.register(MetricRow)
class MetricRowAdmin(ReadOnlyAdminMixin, WorkspaceScopedAdmin):
    """The figures as imported: one day of one ad on one channel. Corrections come by
    importing the corrected export (rows are replaced by their key)."""

    list_display = [
        "date",
        "campaign",
        "ad",
        "channel",
        "variant",
        "impressions",
        "clicks",
        "conversions",
        "spend",
        "revenue",
        "workspace",
    ]
    list_filter = ["workspace", "channel", "date"]
    search_fields = ["campaign", "ad_group", "ad", "variant"]
    date_hierarchy = "date"
    list_select_related = ["workspace"]
    fields = [
        "workspace",
        "source_import",
        "date",
        "campaign",
        "ad_group",
        "ad",
        "channel",
        "variant",
        "document",
        "impressions",
        "clicks",
        "conversions",
        "spend",
        "revenue",
    ]
    readonly_fields = fields
