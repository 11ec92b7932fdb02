from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from chat.models import ChatMessage, ChatSession
from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.admin_display import money
from sparklio.core.admin_scoping import ReadOnlyAdminMixin, ScopedInlineMixin


class ChatMessageInline(ScopedInlineMixin, admin.TabularInline):
    model = ChatMessage
    fields = ["role", "content", "status", "intent", "provider", "cost", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Cost"))
    def cost(self, obj):
        return money(obj.cost_usd)


@admin.register(ChatSession)
class ChatSessionAdmin(ReadOnlyAdminMixin, WorkspaceScopedAdmin):
    """Chats are what was said: shown, never edited here."""

    list_display = ["id", "title", "workspace", "brand", "provider", "updated_at"]
    list_filter = ["workspace"]
    search_fields = ["title"]
    inlines = [ChatMessageInline]
