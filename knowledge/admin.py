from django.contrib import admin, messages
from django.db.models import Count
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from knowledge import services
from knowledge.models import Chunk, Source, SourceStatus
from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.admin_scoping import ReadOnlyAdminMixin, ScopedInlineMixin


class ChunkInline(ScopedInlineMixin, admin.TabularInline):
    """What the source became: its passages in order, with where each came from."""

    model = Chunk
    fields = ["index", "preview", "page", "heading", "language", "tokens", "embedded_with"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["index"]

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Text"))
    def preview(self, obj):
        return truncatechars(obj.text, 240)

    @admin.display(description=_("Embedded with"))
    def embedded_with(self, obj):
        return f"{obj.embedding_provider}/{obj.embedding_model} ({obj.embedding_dim})" if obj.embedding_dim else "—"


@admin.register(Source)
class SourceAdmin(ReadOnlyAdminMixin, WorkspaceScopedAdmin):
    """Sources are added through the API (uploads are checked and processed there); here they
    are inspected, processed again, re-embedded or deleted."""

    list_display = ["__str__", "workspace", "brand", "kind", "status", "chunk_count", "language", "created_at"]
    list_filter = ["workspace", "status", "kind", "language"]
    search_fields = ["title", "original_name", "url"]
    fields = [
        "workspace",
        "brand",
        "title",
        "kind",
        "status",
        "error",
        "warnings",
        "language",
        "url",
        "original_name",
        "size",
        "created_by",
        "created_at",
        "processed_at",
    ]
    readonly_fields = fields
    inlines = [ChunkInline]
    actions = ["reindex", "process_again"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("workspace", "brand").annotate(chunks_n=Count("chunks"))

    @admin.display(description=_("Chunks"), ordering="chunks_n")
    def chunk_count(self, obj):
        return obj.chunks_n

    @admin.action(description=_("Re-index: embed the chunks again with the configured model"))
    def reindex(self, request, queryset):
        ids = list(
            Chunk.objects.filter(source__in=[s for s in queryset if self.may_write(request, s)]).values_list(
                "pk", flat=True
            )
        )
        done = services.chunks_reembed(chunk_ids=ids)
        self.message_user(
            request,
            ngettext("%(count)d chunk re-embedded.", "%(count)d chunks re-embedded.", done) % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Process again (read, chunk and embed from the original)"))
    def process_again(self, request, queryset):
        done = 0
        for source in queryset:
            if not self.may_write(request, source) or source.status == SourceStatus.PROCESSING:
                continue
            services.source_reprocess(source=source)
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d source queued.", "%(count)d sources queued.", done) % {"count": done},
            messages.SUCCESS,
        )

    def delete_model(self, request, obj):
        services.source_delete(source=obj)

    def delete_queryset(self, request, queryset):
        for source in queryset:
            services.source_delete(source=source)
