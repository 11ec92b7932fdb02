from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import Workspace


class Outcome(models.TextChoices):
    OK = "ok", _("OK")
    CACHE_HIT = "cache_hit", _("Answered from cache")
    AUTH = "auth", _("Authentication failed")
    NOT_FOUND = "not_found", _("Model not found")
    BAD_REQUEST = "bad_request", _("Bad request")
    RATE_LIMITED = "rate_limited", _("Rate limited by the provider")
    SERVER = "server", _("Provider error")
    OVERLOADED = "overloaded", _("Provider overloaded")
    TIMEOUT = "timeout", _("Timed out")
    CONNECTION = "connection", _("Connection failed")
    INCOMPLETE_STREAM = "incomplete_stream", _("Stream cut short")
    INVALID_OUTPUT = "invalid_output", _("Reply did not match the schema")
    CANCELLED = "cancelled", _("Cancelled by the caller")
    BUDGET_EXCEEDED = "budget_exceeded", _("Refused: monthly budget")
    WORKSPACE_RATE_LIMITED = "workspace_rate_limited", _("Refused: workspace rate limit")
    ERROR = "error", _("Other error")


class LLMCall(models.Model):
    """The ledger: one row per request sent to a provider (each retry and fallback attempt),
    per answer served from the cache, and per call refused before sending."""

    request_id = models.UUIDField(
        db_index=True, help_text=_("Groups the attempts of one gateway call."), verbose_name=_("request ID")
    )
    correlation_id = models.CharField(
        max_length=128,
        blank=True,
        db_index=True,
        help_text=_("The X-Request-ID of the HTTP request (or of the task it enqueued) that led to the call."),
        verbose_name=_("correlation ID"),
    )
    workspace = models.ForeignKey(
        Workspace, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("workspace")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    purpose = models.CharField(max_length=16, verbose_name=_("purpose"))
    provider = models.CharField(max_length=32, verbose_name=_("provider"))
    model = models.CharField(max_length=120, verbose_name=_("model"))
    streamed = models.BooleanField(default=False, verbose_name=_("streamed"))
    structured = models.BooleanField(default=False, verbose_name=_("structured"))
    input_tokens = models.PositiveIntegerField(default=0, verbose_name=_("input tokens"))
    output_tokens = models.PositiveIntegerField(default=0, verbose_name=_("output tokens"))
    cached_input_tokens = models.PositiveIntegerField(default=0, verbose_name=_("cached input tokens"))
    cache_write_tokens = models.PositiveIntegerField(default=0, verbose_name=_("cache write tokens"))
    cost_usd = models.DecimalField(max_digits=14, decimal_places=8, default=0, verbose_name=_("cost (USD)"))
    price_known = models.BooleanField(default=True, verbose_name=_("price known"))
    latency_ms = models.FloatField(default=0, verbose_name=_("latency (ms)"))
    ttft_ms = models.FloatField(
        null=True,
        blank=True,
        help_text=_("Time to first token (streamed calls)."),
        verbose_name=_("time to first token (ms)"),
    )
    attempt = models.PositiveSmallIntegerField(
        default=1, help_text=_("1 for the first request of the call."), verbose_name=_("attempt")
    )
    fallback = models.BooleanField(
        default=False, help_text=_("Sent to a provider after the first one failed."), verbose_name=_("fallback")
    )
    cache_hit = models.BooleanField(default=False, verbose_name=_("cache hit"))
    outcome = models.CharField(max_length=32, choices=Outcome.choices, verbose_name=_("outcome"))
    error = models.TextField(blank=True, verbose_name=_("error"))
    # What caused the call (an agent run, a chat message…), linked generically so this
    # floor never imports the apps above it.
    cause_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("cause type")
    )
    cause_id = models.PositiveBigIntegerField(null=True, blank=True, verbose_name=_("cause ID"))
    cause = GenericForeignKey("cause_type", "cause_id")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("LLM call")
        verbose_name_plural = _("LLM calls")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["workspace", "created_at"], name="llmcall_ws_time"),
            models.Index(fields=["cause_type", "cause_id"], name="llmcall_cause"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}/{self.model} {self.outcome}"


class WorkspaceLLMPolicy(models.Model):
    """Per-workspace overrides of the budget and rate limits in settings."""

    workspace = models.OneToOneField(
        Workspace, on_delete=models.CASCADE, related_name="llm_policy", verbose_name=_("workspace")
    )
    monthly_budget_usd = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: the server default."),
        verbose_name=_("monthly budget (USD)"),
    )
    requests_per_minute = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("requests per minute"))
    tokens_per_minute = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("tokens per minute"))

    class Meta:
        verbose_name = _("workspace LLM policy")
        verbose_name_plural = _("workspace LLM policies")

    def __str__(self) -> str:
        return f"LLM policy of {self.workspace}"
