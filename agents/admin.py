from django.contrib import admin

from agents.models import AgentRun, Workflow


class AgentRunInline(admin.TabularInline):
    model = AgentRun
    fields = ["step", "agent", "status", "attempts", "provider", "started_at", "finished_at", "error"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Workflow)
class WorkflowAdmin(admin.ModelAdmin):
    list_display = ["id", "workspace", "brand", "channel", "status", "created_at", "finished_at"]
    list_filter = ["status", "channel"]
    search_fields = ["brief"]
    readonly_fields = ["plan", "outputs", "scores", "stage", "document", "started_at", "finished_at", "error"]
    inlines = [AgentRunInline]
    list_select_related = ["workspace", "brand"]


@admin.register(AgentRun)
class AgentRunAdmin(admin.ModelAdmin):
    list_display = ["id", "agent", "step", "workflow", "status", "attempts", "provider", "created_at"]
    list_filter = ["agent", "status"]
    readonly_fields = ["input", "output", "error", "attempts", "provider", "started_at", "finished_at"]
    list_select_related = ["workflow"]
