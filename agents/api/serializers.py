from drf_spectacular.utils import extend_schema_field
from pydantic import BaseModel, Field
from rest_framework import serializers

from agents.library.orchestration import PMOutput
from agents.models import AgentRun, Workflow
from agents.registry import AGENTS
from agents.selectors import workflow_citations
from documents.api.serializers import CallerBrandField
from documents.schema import SparklioDocument
from generators.api.serializers import GeneratorRunSerializer
from sparklio.core.api import strict
from sparklio.core.api.fields import MoneyField, money
from sparklio.core.api.openapi import JSON_OBJECT, model_schema, typed_json
from sparklio.core.api.scoping import WorkspaceField
from sparklio.language.brief.facts import Facts, FactsOverride


class ScoresBeforeOptimization(BaseModel):
    review: int | None = None
    brand: int | None = None
    vision: int | None = None


class ChannelScores(BaseModel):
    """One design's scores by the rubric (agents/quality.py)."""

    review: int | None = None
    brand: int | None = None
    vision: int | None = None
    overall: int | None = None
    caps: list[str] = Field(default_factory=list)
    rounds: int = 0
    before_optimization: ScoresBeforeOptimization = Field(default_factory=ScoresBeforeOptimization)


class WorkflowScores(ChannelScores):
    """The weakest channel's scores (a campaign is as good as its worst design), every channel's,
    and the rubric that made them."""

    channel: str
    by_channel: dict[str, ChannelScores]
    rubric: dict[str, int | dict[str, int]]


AGENT_INPUT = model_schema(*dict.fromkeys(cls.Input for cls in AGENTS.values()), empty=True)
AGENT_OUTPUT = model_schema(*dict.fromkeys(cls.Output for cls in AGENTS.values()), empty=True)
SCORES = model_schema(WorkflowScores, empty=True)


class AgentSerializer(strict.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()
    input_schema = typed_json(JSON_OBJECT, help_text="The JSON Schema of the agent's input")
    output_schema = typed_json(JSON_OBJECT, help_text="The JSON Schema of the agent's output")


class AgentRunCreateSerializer(GeneratorRunSerializer):
    unknown_keys = "refuse"

    input = typed_json(
        model_schema(*dict.fromkeys(cls.Input for cls in AGENTS.values())),
        help_text="The agent's input, as a JSON object (see its input_schema)",
    )


class WorkflowCreateSerializer(strict.Serializer):
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
    facts = typed_json(
        model_schema(FactsOverride),
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


class AgentRunSerializer(strict.ModelSerializer):
    duration_ms = serializers.FloatField(read_only=True, allow_null=True)
    cost_usd = serializers.SerializerMethodField()
    input = typed_json(AGENT_INPUT, read_only=True, help_text="The agent's input (see its input_schema)")
    output = typed_json(AGENT_OUTPUT, read_only=True, help_text="The agent's output, once it succeeded")

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

    @extend_schema_field(MoneyField())
    def get_cost_usd(self, run):
        return money(self.context.get("costs", {}).get(run.pk, 0))

    def to_representation(self, run):
        data = super().to_representation(run)
        if isinstance(data.get("input"), dict):
            # the run keeps its envelope (brand, provider) beside the input as "_brand"…: not input
            data["input"] = {key: value for key, value in data["input"].items() if not key.startswith("_")}
        return data


class WorkflowListSerializer(strict.ModelSerializer):
    scores = typed_json(SCORES, read_only=True)

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


class WorkflowStepSerializer(strict.Serializer):
    step = serializers.CharField()
    agent = serializers.CharField()
    status = serializers.CharField()
    attempts = serializers.IntegerField()
    provider = serializers.CharField()
    error = serializers.CharField()
    run = serializers.IntegerField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    duration_ms = serializers.FloatField(allow_null=True)
    cost_usd = MoneyField()


class WorkflowDocumentSerializer(strict.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    channel = serializers.CharField()
    version = serializers.IntegerField()
    content = typed_json(model_schema(SparklioDocument))
    render_url = serializers.CharField()


class WorkflowCitationSerializer(strict.Serializer):
    """A passage of the brand's knowledge base that the workflow's agents drew on."""

    chunk = serializers.IntegerField()
    source = serializers.IntegerField()
    source_title = serializers.CharField()
    quote = serializers.CharField(help_text="The words of the passage that were used, verbatim")
    page = serializers.IntegerField(allow_null=True)
    steps = serializers.ListField(child=serializers.CharField(), help_text="The steps that used it")


class WorkflowSerializer(strict.ModelSerializer):
    steps = serializers.SerializerMethodField()
    citations = serializers.SerializerMethodField()
    cost_usd = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    facts = typed_json(model_schema(Facts, empty=True), read_only=True)
    assets = typed_json({"type": "array", "items": {"type": "integer"}}, read_only=True)
    plan = typed_json(model_schema(PMOutput, empty=True), read_only=True)
    outputs = typed_json(
        {"type": "object", "additionalProperties": JSON_OBJECT},
        read_only=True,
        help_text="Each finished step's output in short, by step id",
    )
    scores = typed_json(SCORES, read_only=True)

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
            "citations",
            "cost_usd",
            "document",
            "documents",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    @extend_schema_field(WorkflowCitationSerializer(many=True))
    def get_citations(self, workflow):
        return workflow_citations(self._runs(workflow))

    def _runs(self, workflow):
        if not hasattr(workflow, "_run_list"):
            workflow._run_list = list(workflow.runs.all())
        return workflow._run_list

    @extend_schema_field(WorkflowStepSerializer(many=True))
    def get_steps(self, workflow):
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
                "cost_usd": money(costs.get(run.pk, 0)),
            }
            for run in self._runs(workflow)
        ]

    @extend_schema_field(MoneyField())
    def get_cost_usd(self, workflow):
        costs = self.context.get("costs", {})
        return money(sum(costs.get(run.pk, 0) for run in self._runs(workflow)))

    @extend_schema_field(WorkflowDocumentSerializer(allow_null=True))
    def get_document(self, workflow):
        return self._describe(workflow.document)

    @extend_schema_field(WorkflowDocumentSerializer(many=True))
    def get_documents(self, workflow):
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


class DocumentAdaptSerializer(strict.Serializer):
    channels = serializers.ListField(
        child=serializers.CharField(max_length=40), help_text="Channel preset keys (GET /api/v1/documents/presets/)"
    )


class DocumentAdaptItemSerializer(strict.Serializer):
    id = serializers.IntegerField()
    channel = serializers.CharField()
    width = serializers.FloatField()
    height = serializers.FloatField()
    title = serializers.CharField()
    layout = serializers.CharField(help_text="square, wide, tall or banner: how the design was laid out")
    left_out = serializers.ListField(child=serializers.CharField())
    defects = serializers.ListField(child=serializers.CharField())
    source = serializers.IntegerField(help_text="The document it was adapted from")


class DocumentAdaptResultSerializer(strict.Serializer):
    documents = DocumentAdaptItemSerializer(many=True)
