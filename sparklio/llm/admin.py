from datetime import timedelta

from django.contrib import admin
from django.db.models import Sum
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from sparklio.llm import selectors
from sparklio.llm.models import LLMCall, WorkspaceLLMPolicy


@admin.register(LLMCall)
class LLMCallAdmin(admin.ModelAdmin):
    """The ledger, read only. "Spend report" (top right) shows spend per day, provider and workspace."""

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
        "cost_usd",
        "latency_ms",
        "attempt",
        "fallback",
        "cache_hit",
    ]
    list_filter = ["provider", "outcome", "purpose", "cache_hit", "fallback", "streamed", "created_at"]
    search_fields = ["model", "error", "request_id"]
    date_hierarchy = "created_at"
    list_select_related = ["workspace"]
    change_list_template = "admin/llm/llmcall/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("spend/", self.admin_site.admin_view(self.spend_view), name="llm_llmcall_spend"),
            *super().get_urls(),
        ]

    def spend_view(self, request):
        days = 30
        since = timezone.now() - timedelta(days=days)
        calls = LLMCall.objects.filter(created_at__gte=since)
        summary = selectors.spend_summary(calls)
        peak = max((row["cost_usd"] for row in summary["by_day"]), default=0) or 1
        by_day = [{**row, "percent": float(row["cost_usd"] / peak * 100)} for row in summary["by_day"]]
        by_workspace = calls.values("workspace__name").annotate(cost_usd=Sum("cost_usd")).order_by("-cost_usd")
        context = {
            **self.admin_site.each_context(request),
            "title": f"LLM spend, last {days} days",
            "opts": self.model._meta,
            "summary": summary,
            "by_day": by_day,
            "by_workspace": by_workspace,
        }
        return TemplateResponse(request, "admin/llm/spend.html", context)


@admin.register(WorkspaceLLMPolicy)
class WorkspaceLLMPolicyAdmin(admin.ModelAdmin):
    list_display = ["workspace", "monthly_budget_usd", "requests_per_minute", "tokens_per_minute"]
    autocomplete_fields = ["workspace"]
