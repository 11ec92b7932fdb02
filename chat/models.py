from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import WorkspaceScopedModel


class ChatSession(WorkspaceScopedModel):
    brand = models.ForeignKey("brands.BrandKit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=20, blank=True, help_text="Preferred provider; blank: the gateway's chain")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chat session")
        verbose_name_plural = _("chat sessions")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["workspace", "-updated_at"], name="chatsession_ws_recent")]

    def __str__(self):
        return self.title


class MessageRole(models.TextChoices):
    USER = "user", "User"
    ASSISTANT = "assistant", "Assistant"
    SYSTEM = "system", "System"


class MessageStatus(models.TextChoices):
    COMPLETE = "complete", "Complete"
    STREAMING = "streaming", "Streaming"
    PARTIAL = "partial", "Partial (cancelled)"
    FAILED = "failed", "Failed"


class ChatMessage(WorkspaceScopedModel):
    """One message. An assistant message records the provider and model that wrote it, its
    tokens and cost (the LLM ledger rows link to it), and what it started."""

    session = models.ForeignKey(ChatSession, on_delete=models.CASCADE, related_name="messages")
    role = models.CharField(max_length=10, choices=MessageRole.choices)
    content = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=MessageStatus.choices, default=MessageStatus.COMPLETE)
    intent = models.CharField(max_length=30, blank=True)
    attachments = models.JSONField(default=list, blank=True)
    generated = models.JSONField(default=dict, blank=True, help_text="Structured content made for this answer")
    started = models.JSONField(
        default=dict, blank=True, help_text="What the message started: workflows, runs, documents"
    )
    provider = models.CharField(max_length=40, blank=True)
    model = models.CharField(max_length=120, blank=True)
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    cost_usd = models.DecimalField(max_digits=14, decimal_places=8, default=0)
    agent_runs = models.ManyToManyField("agents.AgentRun", blank=True, related_name="+")
    workflows = models.ManyToManyField("agents.Workflow", blank=True, related_name="+")
    documents = models.ManyToManyField("documents.Document", blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        ordering = ["id"]
        indexes = [models.Index(fields=["session", "id"], name="chatmessage_session_order")]

    def __str__(self):
        return f"{self.role}: {self.content[:40]}"
