from django.contrib import admin

from documents.models import Document, DocumentVersion
from sparklio.core.admin import WorkspaceScopedAdmin


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    fields = ["version", "source", "summary", "created_by", "created_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(WorkspaceScopedAdmin):
    """Documents are edited in the studio (through the versioned API); the admin shows them."""

    list_display = ["title", "workspace", "channel", "version", "updated_by", "updated_at"]
    list_filter = ["channel", "workspace"]
    search_fields = ["title"]
    readonly_fields = [
        "workspace",
        "title",
        "brand",
        "channel",
        "version",
        "content",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
    ]
    inlines = [DocumentVersionInline]

    def has_add_permission(self, request):
        return False
