from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import WorkspaceScopedModel


class RunStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class Workflow(WorkspaceScopedModel):
    """A brief on its way to a reviewed design document: the PM's plan and how far it got.

    ``stage`` is the index of the plan level running now; only the step that finishes a level
    moves it on (under a row lock), so each level is enqueued once however often steps rerun."""

    brief = models.TextField()
    facts = models.JSONField(
        default=dict, blank=True, help_text="What was understood from the brief, with the caller's corrections"
    )
    assets = models.JSONField(default=list, blank=True, help_text="Ids of the workspace's product pictures to use")
    brand = models.ForeignKey("brands.BrandKit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    channel = models.CharField(max_length=40)
    language = models.CharField(max_length=8, default="ko")
    provider = models.CharField(max_length=20, blank=True, help_text="Requested provider; blank: the gateway's chain")
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.PENDING)
    plan = models.JSONField(default=dict)
    stage = models.PositiveSmallIntegerField(default=0)
    outputs = models.JSONField(default=dict, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    document = models.ForeignKey(
        "documents.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    documents = models.JSONField(
        default=list, blank=True, help_text="One document id per planned channel, in the plan's order"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("workflow")
        verbose_name_plural = _("workflows")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["workspace", "-created_at"], name="workflow_ws_recent")]

    def __str__(self):
        return f"Workflow {self.pk} ({self.status})"


class AgentRun(WorkspaceScopedModel):
    """One agent's run, alone or as a step of a workflow. LLM calls it makes link to it in the
    ledger (its cost is theirs)."""

    workflow = models.ForeignKey(Workflow, on_delete=models.CASCADE, null=True, blank=True, related_name="runs")
    step = models.CharField(max_length=40, blank=True)
    agent = models.CharField(max_length=40)
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.PENDING)
    input = models.JSONField(default=dict, blank=True)
    output = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    provider = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("agent run")
        verbose_name_plural = _("agent runs")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workflow", "step"], condition=Q(workflow__isnull=False), name="one_run_per_workflow_step"
            )
        ]
        indexes = [models.Index(fields=["workspace", "-created_at"], name="agentrun_ws_recent")]

    def __str__(self):
        return f"{self.agent} run {self.pk} ({self.status})"

    @property
    def duration_ms(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds() * 1000
        return None
