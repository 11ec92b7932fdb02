from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import WorkspaceScopedModel


class ChatSession(WorkspaceScopedModel):
    brand = models.ForeignKey(
        "brands.BrandKit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("brand")
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    provider = models.CharField(
        max_length=20,
        blank=True,
        help_text=_("Preferred provider; blank: the gateway's chain"),
        verbose_name=_("provider"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("chat session")
        verbose_name_plural = _("chat sessions")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["workspace", "-updated_at"], name="chatsession_ws_recent")]

    def __str__(self):
        return self.title


class MessageRole(models.TextChoices):
    USER = "user", _("User")
    ASSISTANT = "assistant", _("Assistant")
    SYSTEM = "system", _("System")


class MessageStatus(models.TextChoices):
    COMPLETE = "complete", _("Complete")
    STREAMING = "streaming", _("Streaming")
    PARTIAL = "partial", _("Partial (cancelled)")
    FAILED = "failed", _("Failed")


class ChatMessage(WorkspaceScopedModel):
    """One message. An assistant message records the provider and model that wrote it, its
    tokens and cost (the LLM ledger rows link to it), and what it started."""

    session = models.ForeignKey(
        ChatSession, on_delete=models.CASCADE, related_name="messages", verbose_name=_("session")
    )
    role = models.CharField(max_length=10, choices=MessageRole.choices, verbose_name=_("role"))
    content = models.TextField(blank=True, verbose_name=_("content"))
    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.COMPLETE, verbose_name=_("status")
    )
    intent = models.CharField(max_length=30, blank=True, verbose_name=_("intent"))
    attachments = models.JSONField(default=list, blank=True, verbose_name=_("attachments"))
    generated = models.JSONField(
        default=dict, blank=True, help_text=_("Structured content made for this answer"), verbose_name=_("generated")
    )
    started = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("What the message started: workflows, runs, documents"),
        verbose_name=_("started"),
    )
    provider = models.CharField(max_length=40, blank=True, verbose_name=_("provider"))
    model = models.CharField(max_length=120, blank=True, verbose_name=_("model"))
    input_tokens = models.PositiveIntegerField(default=0, verbose_name=_("input tokens"))
    output_tokens = models.PositiveIntegerField(default=0, verbose_name=_("output tokens"))
    cost_usd = models.DecimalField(max_digits=14, decimal_places=8, default=0, verbose_name=_("cost (USD)"))
    agent_runs = models.ManyToManyField("agents.AgentRun", blank=True, related_name="+", verbose_name=_("agent runs"))
    workflows = models.ManyToManyField("agents.Workflow", blank=True, related_name="+", verbose_name=_("workflows"))
    documents = models.ManyToManyField("documents.Document", blank=True, related_name="+", verbose_name=_("documents"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        ordering = ["id"]
        indexes = [models.Index(fields=["session", "id"], name="chatmessage_session_order")]

    def __str__(self):
        return f"{self.role}: {self.content[:40]}"
