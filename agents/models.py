from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sparklio.core.models import WorkspaceScopedModel


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class Workflow(WorkspaceScopedModel):
    """A brief on its way to a reviewed design document: the PM's plan and how far it got.

    ``stage`` is the index of the plan level running now; only the step that finishes a level
    moves it on (under a row lock), so each level is enqueued once however often steps rerun."""

    brief = models.TextField(verbose_name=_("brief"))
    facts = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("What was understood from the brief, with the caller's corrections"),
        verbose_name=_("facts"),
    )
    assets = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Ids of the workspace's product pictures to use"),
        verbose_name=_("assets"),
    )
    brand = models.ForeignKey(
        "brands.BrandKit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("brand")
    )
    channel = models.CharField(max_length=40, verbose_name=_("channel"))
    language = models.CharField(max_length=8, default="ko", verbose_name=_("language"))
    provider = models.CharField(
        max_length=20,
        blank=True,
        help_text=_("Requested provider; blank: the gateway's chain"),
        verbose_name=_("provider"),
    )
    status = models.CharField(
        max_length=12, choices=RunStatus.choices, default=RunStatus.PENDING, verbose_name=_("status")
    )
    plan = models.JSONField(default=dict, verbose_name=_("plan"))
    stage = models.PositiveSmallIntegerField(default=0, verbose_name=_("stage"))
    outputs = models.JSONField(default=dict, blank=True, verbose_name=_("outputs"))
    scores = models.JSONField(default=dict, blank=True, verbose_name=_("scores"))
    error = models.TextField(blank=True, verbose_name=_("error"))
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    documents = models.JSONField(
        default=list,
        blank=True,
        help_text=_("One document id per planned channel, in the plan's order"),
        verbose_name=_("documents"),
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
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started at"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))

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

    workflow = models.ForeignKey(
        Workflow, on_delete=models.CASCADE, null=True, blank=True, related_name="runs", verbose_name=_("workflow")
    )
    step = models.CharField(max_length=40, blank=True, verbose_name=_("step"))
    agent = models.CharField(max_length=40, verbose_name=_("agent"))
    status = models.CharField(
        max_length=12, choices=RunStatus.choices, default=RunStatus.PENDING, verbose_name=_("status")
    )
    input = models.JSONField(default=dict, blank=True, verbose_name=_("input"))
    output = models.JSONField(default=dict, blank=True, verbose_name=_("output"))
    error = models.TextField(blank=True, verbose_name=_("error"))
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    provider = models.CharField(max_length=40, blank=True, verbose_name=_("provider"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started at"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))

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
