from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import Workspace


class Outcome(models.TextChoices):
    OK = "ok", "OK"
    CACHE_HIT = "cache_hit", "Answered from cache"
    AUTH = "auth", "Authentication failed"
    NOT_FOUND = "not_found", "Model not found"
    BAD_REQUEST = "bad_request", "Bad request"
    RATE_LIMITED = "rate_limited", "Rate limited by the provider"
    SERVER = "server", "Provider error"
    OVERLOADED = "overloaded", "Provider overloaded"
    TIMEOUT = "timeout", "Timed out"
    CONNECTION = "connection", "Connection failed"
    INCOMPLETE_STREAM = "incomplete_stream", "Stream cut short"
    INVALID_OUTPUT = "invalid_output", "Reply did not match the schema"
    CANCELLED = "cancelled", "Cancelled by the caller"
    BUDGET_EXCEEDED = "budget_exceeded", "Refused: monthly budget"
    WORKSPACE_RATE_LIMITED = "workspace_rate_limited", "Refused: workspace rate limit"
    ERROR = "error", "Other error"


class LLMCall(models.Model):
    """The ledger: one row per request sent to a provider (each retry and fallback attempt),
    per answer served from the cache, and per call refused before sending."""

    request_id = models.UUIDField(db_index=True, help_text="Groups the attempts of one gateway call.")
    correlation_id = models.CharField(
        max_length=128,
        blank=True,
        db_index=True,
        help_text="The X-Request-ID of the HTTP request (or of the task it enqueued) that led to the call.",
    )
    workspace = models.ForeignKey(Workspace, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    purpose = models.CharField(max_length=16)
    provider = models.CharField(max_length=32)
    model = models.CharField(max_length=120)
    streamed = models.BooleanField(default=False)
    structured = models.BooleanField(default=False)
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    cached_input_tokens = models.PositiveIntegerField(default=0)
    cache_write_tokens = models.PositiveIntegerField(default=0)
    cost_usd = models.DecimalField(max_digits=14, decimal_places=8, default=0)
    price_known = models.BooleanField(default=True)
    latency_ms = models.FloatField(default=0)
    ttft_ms = models.FloatField(null=True, blank=True, help_text="Time to first token (streamed calls).")
    attempt = models.PositiveSmallIntegerField(default=1, help_text="1 for the first request of the call.")
    fallback = models.BooleanField(default=False, help_text="Sent to a provider after the first one failed.")
    cache_hit = models.BooleanField(default=False)
    outcome = models.CharField(max_length=32, choices=Outcome.choices)
    error = models.TextField(blank=True)
    # What caused the call (an agent run, a chat message…), linked generically so this
    # floor never imports the apps above it.
    cause_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    cause_id = models.PositiveBigIntegerField(null=True, blank=True)
    cause = GenericForeignKey("cause_type", "cause_id")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

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

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="llm_policy")
    monthly_budget_usd = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Empty: the server default."
    )
    requests_per_minute = models.PositiveIntegerField(null=True, blank=True)
    tokens_per_minute = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("workspace LLM policy")
        verbose_name_plural = _("workspace LLM policies")

    def __str__(self) -> str:
        return f"LLM policy of {self.workspace}"
