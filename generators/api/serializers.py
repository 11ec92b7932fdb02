from rest_framework import serializers

from documents.api.serializers import CallerBrandField
from generators.registry import GENERATORS
from sparklio.core.api import strict
from sparklio.core.api.fields import MoneyField
from sparklio.core.api.openapi import JSON_OBJECT, model_schema, typed_json
from sparklio.core.api.scoping import WorkspaceField


class GeneratorSerializer(strict.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()
    description = serializers.CharField()
    input_schema = typed_json(JSON_OBJECT, help_text="The JSON Schema of the generator's input")
    output_schema = typed_json(JSON_OBJECT, help_text="The JSON Schema of the generator's output")


class GeneratorRunSerializer(strict.Serializer):
    """The envelope of a run; every other key is the generator's own input (see its input_schema),
    which refuses keys it does not know."""

    unknown_keys = "allow"

    workspace = WorkspaceField(required=False, help_text="Optional: else the brand's workspace, or your only one.")
    brand = CallerBrandField(required=False, allow_null=True)
    provider = serializers.CharField(
        required=False, allow_blank=True, help_text="openai, anthropic, gemini, ollama or offline"
    )


class GeneratorResultSerializer(strict.Serializer):
    generator = serializers.CharField()
    provider = serializers.CharField(help_text="The provider that made the output, or 'offline' for the baseline")
    model = serializers.CharField(allow_null=True)
    offline = serializers.BooleanField()
    output = typed_json(model_schema(*dict.fromkeys(cls.Output for cls in GENERATORS.values())))
    notes = serializers.ListField(child=serializers.CharField())
    checks = typed_json(JSON_OBJECT, help_text="What the output was checked for (lengths, banned words…)")
    slots = typed_json(JSON_OBJECT, help_text="What the generator worked from (product, features, offer…)")
    cost_usd = MoneyField()
