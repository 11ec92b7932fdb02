from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contentcalendar import services
from contentcalendar.models import CHANNEL_CHOICES, CalendarEntry, EntryStatus
from sparklio.core.admin import WorkspaceScopedAdmin

EDITABLE_IN_ADMIN = ["title", "channel", "publish_at", "document", "status", "brand", "notes"]


class CalendarEntryForm(forms.ModelForm):
    channel = forms.ChoiceField(choices=CHANNEL_CHOICES, label=_("Channel"))

    class Meta:
        model = CalendarEntry
        fields = ["workspace", *EDITABLE_IN_ADMIN]

    def clean(self):
        cleaned = super().clean()
        workspace = cleaned.get("workspace") or getattr(self.instance, "workspace", None)
        for name in ("document", "brand"):
            linked = cleaned.get(name)
            if workspace is not None and linked is not None and linked.workspace_id != workspace.pk:
                self.add_error(name, _("Not of this workspace."))
        return cleaned


@admin.register(CalendarEntry)
class CalendarEntryAdmin(WorkspaceScopedAdmin):
    """Entries of the workspaces the staff member belongs to; writes go through the same
    services as the API (channel, document and brand checked against the workspace)."""

    form = CalendarEntryForm
    list_display = ["title", "workspace", "brand", "channel", "publish_at", "status", "source", "reminded_at"]
    list_filter = ["workspace", "status", "channel", "source"]
    search_fields = ["title", "notes"]
    date_hierarchy = "publish_at"
    readonly_fields = ["occasion", "source", "reminded_at", "created_by", "created_at", "updated_at"]
    autocomplete_fields = []
    raw_id_fields = ["document"]
    actions = ["schedule"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("workspace", "brand")

    def get_readonly_fields(self, request, obj=None):
        # an entry stays in its workspace
        return [*self.readonly_fields, "workspace"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data.get(name) for name in EDITABLE_IN_ADMIN if name in form.cleaned_data}
        values["notes"] = values.get("notes") or ""
        if change:
            saved = services.entry_update(entry=CalendarEntry.objects.get(pk=obj.pk), changes=values)
        else:
            saved = services.entry_create(workspace=form.cleaned_data["workspace"], user=request.user, **values)
        obj.pk = saved.pk
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        services.entry_delete(entry=obj)

    def delete_queryset(self, request, queryset):
        for entry in queryset:
            services.entry_delete(entry=entry)

    @admin.action(description=_("Schedule (drafts become scheduled and get their reminder)"))
    def schedule(self, request, queryset):
        done = 0
        for entry in queryset.filter(status=EntryStatus.DRAFT):
            if self.may_write(request, entry):
                services.entry_update(entry=entry, changes={"status": EntryStatus.SCHEDULED})
                done += 1
        self.message_user(
            request,
            ngettext("%(count)d entry scheduled.", "%(count)d entries scheduled.", done) % {"count": done},
            messages.SUCCESS,
        )
