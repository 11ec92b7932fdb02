from django.contrib import admin

from templates.models import Template


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "channel", "category", "workspace", "updated_at"]
    list_filter = ["channel", "category", ("workspace", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug", "tags", "description"]
    readonly_fields = ["created_at", "updated_at"]
    raw_id_fields = ["workspace"]
