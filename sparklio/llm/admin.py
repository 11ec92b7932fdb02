from datetime import timedelta

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sparklio.core.admin import WorkspaceScopedAdmin
from sparklio.core.admin_display import money
from sparklio.core.admin_scoping import ReadOnlyAdminMixin
from sparklio.core.models import Role
from sparklio.llm import selectors
from sparklio.llm.models import LLMCall, WorkspaceLLMPolicy


@admin.register(LLMCall)
class LLMCallAdmin(ReadOnlyAdminMixin, WorkspaceScopedAdmin):
    """The ledger, read only. "Spend report" (top right) shows spend per day, provider and
    workspace. Calls no workspace caused are the superusers' to see."""

    list_display = [
        "created_at",
        "workspace",
        "purpose",
        "provider",
        "model",
        "outcome",
        "input_tokens",
        "output_tokens",
        "cached_input_tokens",
        "cost",
        "latency_ms",
        "attempt",
        "fallback",
        "cache_hit",
    ]
    list_filter = ["provider", "outcome", "purpose", "cache_hit", "fallback", "streamed", "created_at"]
    search_fields = ["model", "error", "request_id", "correlation_id"]
    date_hierarchy = "created_at"
    list_select_related = ["workspace"]
    change_list_template = "admin/llm/llmcall/change_list.html"

    def get_fields(self, request, obj=None):
        names = [f.name for f in self.model._meta.concrete_fields if f.name not in ("id", "cost_usd")]
        return ["cost", *names]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    @admin.display(description=gettext_lazy("Cost"), ordering="cost_usd")
    def cost(self, obj):
        return money(obj.cost_usd)

    def get_urls(self):
        return [
            path("spend/", self.admin_site.admin_view(self.spend_view), name="llm_llmcall_spend"),
            *super().get_urls(),
        ]

    def spend_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        days = 30
        since = timezone.now() - timedelta(days=days)
        calls = self.get_queryset(request).filter(created_at__gte=since)
        summary = selectors.spend_summary(calls)
        peak = max((row["cost_usd"] for row in summary["by_day"]), default=0) or 1
        by_day = [
            {**row, "percent": float(row["cost_usd"] / peak * 100), "money": money(row["cost_usd"])}
            for row in summary["by_day"]
        ]
        summary["by_provider"] = [{**row, "money": money(row["cost_usd"])} for row in summary["by_provider"]]
        by_workspace = [
            {**row, "money": money(row["cost_usd"])}
            for row in calls.values("workspace__name").annotate(cost_usd=Sum("cost_usd")).order_by("-cost_usd")
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("LLM spend, last %(days)d days") % {"days": days},
            "opts": self.model._meta,
            "summary": summary,
            "total_money": money(summary["totals"]["cost_usd"]),
            "by_day": by_day,
            "by_workspace": by_workspace,
        }
        return TemplateResponse(request, "admin/llm/spend.html", context)


@admin.register(WorkspaceLLMPolicy)
class WorkspaceLLMPolicyAdmin(WorkspaceScopedAdmin):
    """A workspace's budget and rate limits: set by its owners."""

    write_role = Role.OWNER
    list_display = ["workspace", "budget", "requests_per_minute", "tokens_per_minute"]
    autocomplete_fields = ["workspace"]

    @admin.display(description=gettext_lazy("Monthly budget"), ordering="monthly_budget_usd")
    def budget(self, obj):
        return money(obj.monthly_budget_usd) if obj.monthly_budget_usd is not None else "—"
