from django.contrib import admin

from meetings.models import Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "workspace", "meeting_date", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "text"]
    readonly_fields = ["analysis", "status", "provider", "error", "analyzed_at", "pages", "size_bytes"]
