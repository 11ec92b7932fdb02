from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework.exceptions import ValidationError

from meetings import services
from meetings.models import Meeting
from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.admin_display import json_display
from sparklio.core.admin_scoping import ReadOnlyAdminMixin


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdminMixin, WorkspaceScopedAdmin):
    """Meetings arrive through the API (uploads are checked and read there); their analysis is
    a run record. The admin shows them, analyses them again and deletes them."""

    list_display = ["id", "title", "workspace", "meeting_date", "kind", "status", "created_at"]
    list_filter = ["status", "kind", "workspace"]
    search_fields = ["title", "text"]
    fields = [
        "workspace",
        "title",
        "meeting_date",
        "brand",
        "kind",
        "original_name",
        "pages",
        "size_bytes",
        "status",
        "provider",
        "error",
        "analyzed_at",
        "summary",
        "decisions",
        "action_items",
        "open_questions",
        "participants",
        "text",
    ]
    readonly_fields = fields
    actions = ["analyze_again"]

    def _part(self, obj, key):
        return json_display((obj.analysis or {}).get(key))

    @admin.display(description=_("Summary"))
    def summary(self, obj):
        return self._part(obj, "summary")

    @admin.display(description=_("Decisions"))
    def decisions(self, obj):
        return self._part(obj, "decisions")

    @admin.display(description=_("Action items"))
    def action_items(self, obj):
        return self._part(obj, "action_items")

    @admin.display(description=_("Open questions"))
    def open_questions(self, obj):
        return self._part(obj, "open_questions")

    @admin.display(description=_("Participants"))
    def participants(self, obj):
        return self._part(obj, "participants")

    @admin.action(description=_("Analyse again"))
    def analyze_again(self, request, queryset):
        done = 0
        for meeting in queryset:
            if not self.may_write(request, meeting):
                continue
            try:
                services.meeting_reanalyze(meeting=meeting)
            except ValidationError as exc:
                self.message_user(request, f"{meeting}: {exc.detail['status'][0]}", messages.ERROR)
                continue
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d meeting queued for analysis.", "%(count)d meetings queued for analysis.", done)
            % {"count": done},
            messages.SUCCESS,
        )

    def delete_model(self, request, obj):
        services.meeting_delete(meeting=obj)

    def delete_queryset(self, request, queryset):
        for meeting in queryset:
            services.meeting_delete(meeting=meeting)
