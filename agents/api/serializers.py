from rest_framework import serializers

from agents.models import AgentRun, Workflow
from documents.api.serializers import CallerBrandField
from sparklio.core.api.scoping import WorkspaceField


class WorkflowCreateSerializer(serializers.Serializer):
    brief = serializers.CharField(
        allow_blank=True, trim_whitespace=False, help_text="What to make, in Korean or English"
    )
    brand = CallerBrandField(help_text="The brand kit the campaign is for")
    channel = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="A channel preset key; detected from the brief when absent",
    )
    workspace = WorkspaceField(required=False, help_text="Optional: the brand's workspace by default")
    provider = serializers.CharField(
        required=False, allow_blank=True, help_text="openai, anthropic, gemini, ollama or offline"
    )
    facts = serializers.JSONField(
        required=False,
        allow_null=True,
        help_text="Corrections to what is read from the brief: any of product, category, features, offer, price, "
        "deadline, audience, tone, channels, language; a field given replaces the parsed one",
    )
    assets = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        max_length=10,
        help_text="Ids of product photos (POST /api/v1/assets/) to place in the design",
    )


class AgentRunSerializer(serializers.ModelSerializer):
    duration_ms = serializers.FloatField(read_only=True, allow_null=True)
    cost_usd = serializers.SerializerMethodField()

    class Meta:
        model = AgentRun
        fields = [
            "id",
            "workspace",
            "workflow",
            "step",
            "agent",
            "status",
            "input",
            "output",
            "error",
            "attempts",
            "provider",
            "cost_usd",
            "created_at",
            "started_at",
            "finished_at",
            "duration_ms",
        ]
        read_only_fields = fields

    def get_cost_usd(self, run) -> float:
        return float(self.context.get("costs", {}).get(run.pk, 0))


class WorkflowListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Workflow
        fields = [
            "id",
            "workspace",
            "brand",
            "channel",
            "status",
            "brief",
            "document",
            "scores",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class WorkflowSerializer(serializers.ModelSerializer):
    steps = serializers.SerializerMethodField()
    cost_usd = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()

    class Meta:
        model = Workflow
        fields = [
            "id",
            "workspace",
            "brand",
            "brief",
            "facts",
            "assets",
            "channel",
            "language",
            "provider",
            "status",
            "error",
            "plan",
            "stage",
            "steps",
            "outputs",
            "scores",
            "cost_usd",
            "document",
            "documents",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def _runs(self, workflow):
        if not hasattr(workflow, "_run_list"):
            workflow._run_list = list(workflow.runs.all())
        return workflow._run_list

    def get_steps(self, workflow) -> list[dict]:
        costs = self.context.get("costs", {})
        return [
            {
                "step": run.step,
                "agent": run.agent,
                "status": run.status,
                "attempts": run.attempts,
                "provider": run.provider,
                "error": run.error,
                "run": run.pk,
                "started_at": run.started_at.isoformat() if run.started_at else None,
                "finished_at": run.finished_at.isoformat() if run.finished_at else None,
                "duration_ms": run.duration_ms,
                "cost_usd": float(costs.get(run.pk, 0)),
            }
            for run in self._runs(workflow)
        ]

    def get_cost_usd(self, workflow) -> float:
        costs = self.context.get("costs", {})
        return round(float(sum(costs.get(run.pk, 0) for run in self._runs(workflow))), 8)

    def get_document(self, workflow) -> dict | None:
        return self._describe(workflow.document)

    def get_documents(self, workflow) -> list[dict]:
        """One per channel of the plan, in its order (those made so far)."""
        from documents.models import Document

        ids = [pk for pk in workflow.documents or [] if pk]
        if not ids:
            return [self._describe(workflow.document)] if workflow.document else []
        found = {d.pk: d for d in Document.objects.filter(pk__in=ids, workspace_id=workflow.workspace_id)}
        return [self._describe(found[pk]) for pk in ids if pk in found]

    @staticmethod
    def _describe(document) -> dict | None:
        if document is None:
            return None
        return {
            "id": document.pk,
            "title": document.title,
            "channel": document.channel,
            "version": document.version,
            "content": document.content,
            "render_url": f"/api/v1/documents/{document.pk}/render/?format=png",
        }
