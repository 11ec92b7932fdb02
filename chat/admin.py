from django.contrib import admin

from chat.models import ChatMessage, ChatSession


class ChatMessageInline(admin.TabularInline):
    model = ChatMessage
    fields = ["role", "content", "status", "intent", "provider", "cost_usd", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(ChatSession)
class ChatSessionAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "workspace", "brand", "provider", "updated_at"]
    search_fields = ["title"]
    inlines = [ChatMessageInline]
