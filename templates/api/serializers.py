from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from documents.api.serializers import CallerBrandField
from documents.schema import SparklioDocument
from sparklio.core.api import strict
from sparklio.core.api.openapi import model_schema, typed_json
from sparklio.core.api.scoping import WorkspaceField
from templates.models import Template
from templates.selectors import template_slots


class SlotSerializer(strict.Serializer):
    role = serializers.CharField()
    kind = serializers.ChoiceField(choices=["text", "image"], help_text="text: give text; image: a storage path.")
    sample = serializers.CharField(help_text="The template's sample text (empty for pictures).")


class TemplateListSerializer(strict.ModelSerializer):
    class Meta:
        model = Template
        fields = ["id", "name", "slug", "description", "channel", "category", "tags", "workspace", "created_at"]
        read_only_fields = fields


class TemplateSerializer(TemplateListSerializer):
    slots = serializers.SerializerMethodField()
    skeleton = typed_json(
        model_schema(SparklioDocument), help_text="A SparklioDocument v2.0; `metadata.palette` names the brand colours."
    )

    class Meta(TemplateListSerializer.Meta):
        fields = [*TemplateListSerializer.Meta.fields, "slots", "skeleton"]
        read_only_fields = fields

    @extend_schema_field(SlotSerializer(many=True))
    def get_slots(self, template):
        return SlotSerializer(template_slots(template), many=True).data


class TemplateApplySerializer(strict.Serializer):
    workspace = WorkspaceField(
        required=False,
        help_text="Where the document goes. Optional: else the brand's workspace, the template's, or your only one.",
    )
    brand = CallerBrandField(required=False, allow_null=True)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    content = typed_json(
        {"type": "object", "additionalProperties": {"type": "string"}},
        required=False,
        default=dict,
        help_text="Slot role → text, or for picture slots (product_image, logo, ...) a storage path of the workspace.",
    )
