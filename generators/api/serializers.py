from rest_framework import serializers

from documents.api.serializers import CallerBrandField
from sparklio.core.api.scoping import WorkspaceField


class GeneratorSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()
    description = serializers.CharField()
    input_schema = serializers.JSONField()
    output_schema = serializers.JSONField()


class GeneratorRunSerializer(serializers.Serializer):
    """The envelope of a run; every other key is the generator's own input (see its input_schema)."""

    workspace = WorkspaceField(required=False, help_text="Optional: else the brand's workspace, or your only one.")
    brand = CallerBrandField(required=False, allow_null=True)
    provider = serializers.CharField(
        required=False, allow_blank=True, help_text="openai, anthropic, gemini, ollama or offline"
    )


class GeneratorResultSerializer(serializers.Serializer):
    generator = serializers.CharField()
    provider = serializers.CharField(help_text="The provider that made the output, or 'offline' for the baseline")
    model = serializers.CharField(allow_null=True)
    offline = serializers.BooleanField()
    output = serializers.JSONField()
    notes = serializers.ListField(child=serializers.CharField())
    checks = serializers.JSONField()
    slots = serializers.JSONField()
    cost_usd = serializers.FloatField()
