from django.contrib import admin
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from documents import services
from documents.models import Document, DocumentVersion
from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.admin_display import indented
from sparklio.core.admin_scoping import ScopedInlineMixin


class DocumentVersionInline(ScopedInlineMixin, admin.TabularInline):
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

    list_display = ["thumbnail", "title", "workspace", "channel", "version", "updated_by", "updated_at"]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["channel", "workspace"]
    search_fields = ["title"]
    readonly_fields = [
        "preview",
        "workspace",
        "title",
        "brand",
        "channel",
        "version",
        "content_text",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
    ]
    inlines = [DocumentVersionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # edited in the studio, versioned

    def delete_model(self, request, obj):
        services.document_delete(document=obj)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            services.document_delete(document=document)

    def get_urls(self):
        return [
            path(
                "<int:pk>/thumbnail.jpg",
                self.admin_site.admin_view(self.thumbnail_view),
                name="documents_document_thumbnail",
            ),
            *super().get_urls(),
        ]

    def thumbnail_view(self, request, pk):
        """The first page, small, rendered on request (the browser loads it lazily)."""
        document = self.get_queryset(request).filter(pk=pk).first()
        if document is None or not self.has_view_permission(request, document):
            raise Http404
        width = float(document.content.get("width") or 1080)
        scale = max(0.1, min(1.0, float(request.GET.get("w", 160)) / width))
        result = services.render_document(document, fmt="jpeg", page=1, scale=scale)
        response = HttpResponse(result.content, content_type=result.content_type)
        response["Cache-Control"] = "private, max-age=300"
        return response

    def _img(self, obj, width: int):
        url = reverse("admin:documents_document_thumbnail", args=[obj.pk])
        return format_html(
            '<img src="{}?w={}&v={}" loading="lazy" style="max-width:{}px;border:1px solid #ddd" alt="">',
            url,
            width,
            obj.version,
            width,
        )

    @admin.display(description=_("Content"))
    def content_text(self, obj):
        return indented(obj.content)

    @admin.display(description="")
    def thumbnail(self, obj):
        return self._img(obj, 80)

    @admin.display(description=_("Preview (page 1)"))
    def preview(self, obj):
        return self._img(obj, 360)
