from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework.exceptions import ValidationError

from agents import services
from agents.models import AgentRun, Workflow
from brands.models import BrandKit
from documents.schema import CHANNEL_PRESETS
from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.admin_display import indented, json_display
from sparklio.core.admin_scoping import ReadOnlyAdminMixin, ScopedInlineMixin, workspace_ids
from sparklio.core.api.errors import flatten_errors


class AgentRunInline(ScopedInlineMixin, admin.TabularInline):
    model = AgentRun
    fields = ["step", "agent", "status", "attempts", "provider", "started_at", "finished_at", "error"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class WorkflowStartForm(forms.Form):
    """What the API's POST /workflows/ takes, for the admin's "Start a workflow"."""

    brand = forms.ModelChoiceField(queryset=BrandKit.objects.none(), label=_("Brand kit"))
    brief = forms.CharField(widget=forms.Textarea(attrs={"rows": 8, "cols": 80}), label=_("Brief"))
    channel = forms.ChoiceField(
        required=False,
        label=_("Channel"),
        choices=[("", _("As the brief says"))] + [(name, name) for name in CHANNEL_PRESETS],
    )
    provider = forms.CharField(required=False, max_length=20, label=_("Provider"))

    def __init__(self, *args, brands, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brand"].queryset = brands


@admin.register(Workflow)
class WorkflowAdmin(ReadOnlyAdminMixin, WorkspaceScopedAdmin):
    """Workflows are run records. "Add" opens the start form, which calls the same service as
    the API (the workflow is queued and runs); no field is ever edited here."""

    list_display = ["id", "workspace", "brand", "channel", "status", "created_at", "finished_at"]
    list_filter = ["status", "channel", "workspace"]
    search_fields = ["brief"]
    fields = [
        "workspace",
        "brand",
        "brief",
        "channel",
        "language",
        "provider",
        "status",
        "stage",
        "facts_table",
        "plan_steps",
        "outputs_text",
        "scores_table",
        "document",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
        "error",
    ]
    readonly_fields = fields
    inlines = [AgentRunInline]
    list_select_related = ["workspace", "brand"]
    actions = ["start_again"]

    def has_add_permission(self, request):
        # "Add" is the start form: the same rights as starting one through the API
        return super(ReadOnlyAdminMixin, self).has_add_permission(request)

    @admin.display(description=_("Facts from the brief"))
    def facts_table(self, obj):
        return json_display(obj.facts)

    @admin.display(description=_("Plan"))
    def plan_steps(self, obj):
        steps = obj.plan.get("steps") if isinstance(obj.plan, dict) else None
        if isinstance(steps, list):
            return json_display(steps)
        return json_display(obj.plan)

    @admin.display(description=_("Outputs"))
    def outputs_text(self, obj):
        return indented(obj.outputs) if obj.outputs else "—"

    @admin.display(description=_("Scores"))
    def scores_table(self, obj):
        return json_display(obj.scores)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            return super().add_view(request, form_url, extra_context)
        brands = BrandKit.objects.select_related("workspace").order_by("workspace__name", "name")
        if not request.user.is_superuser:
            brands = brands.filter(workspace_id__in=workspace_ids(request, at_least=self.write_role))
        form = WorkflowStartForm(request.POST or None, brands=brands)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                workflow = services.workflow_start(
                    workspace=data["brand"].workspace,
                    user=request.user,
                    brief=data["brief"],
                    brand=data["brand"],
                    channel=data["channel"] or None,
                    provider=data["provider"] or None,
                )
            except ValidationError as exc:
                for field, errors in flatten_errors(exc.detail).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                self.log_addition(request, workflow, [{"added": {}}])
                self.message_user(request, _("Workflow %(id)s started.") % {"id": workflow.pk}, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:agents_workflow_change", args=[workflow.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Start a workflow"),
            "opts": self.model._meta,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/agents/workflow/start.html", context)

    @admin.action(description=_("Start again with the same brief"))
    def start_again(self, request, queryset):
        started = 0
        for workflow in queryset.select_related("brand", "workspace"):
            if not self.may_write(request, workflow) or workflow.brand is None:
                continue
            try:
                services.workflow_start(
                    workspace=workflow.workspace,
                    user=request.user,
                    brief=workflow.brief,
                    brand=workflow.brand,
                    channel=workflow.channel or None,
                    provider=workflow.provider or None,
                )
            except ValidationError as exc:
                self.message_user(request, f"{workflow}: {exc.detail}", messages.ERROR)
                continue
            started += 1
        self.message_user(
            request,
            ngettext("%(count)d workflow started.", "%(count)d workflows started.", started) % {"count": started},
            messages.SUCCESS,
        )


@admin.register(AgentRun)
class AgentRunAdmin(ReadOnlyAdminMixin, WorkspaceScopedAdmin):
    list_display = ["id", "agent", "step", "workflow", "status", "attempts", "provider", "created_at"]
    list_filter = ["agent", "status"]
    fields = [
        "workspace",
        "workflow",
        "step",
        "agent",
        "status",
        "input_text",
        "output_text",
        "error",
        "attempts",
        "provider",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
    ]
    readonly_fields = fields
    list_select_related = ["workflow"]

    @admin.display(description=_("Input"))
    def input_text(self, obj):
        return indented(obj.input) if obj.input else "—"

    @admin.display(description=_("Output"))
    def output_text(self, obj):
        return indented(obj.output) if obj.output else "—"
