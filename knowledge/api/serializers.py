from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from brands.models import BrandKit
from knowledge.models import Source
from knowledge.rag import QUESTION_MAX_CHARS
from sparklio.core.api import strict
from sparklio.core.api.scoping import WorkspaceField, request_roles


@extend_schema_field(OpenApiTypes.INT)
class BrandField(serializers.PrimaryKeyRelatedField):
    """A brand of one of the caller's workspaces (checked against ``workspace`` by the serializer)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Id of a brand of the workspace; empty: knowledge of the whole workspace.")
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return BrandKit.objects.none()
        return BrandKit.objects.filter(workspace_id__in=request_roles(request).keys())


class ScopeSerializer(strict.Serializer):
    workspace = WorkspaceField()
    brand = BrandField()

    def validate(self, attrs):
        brand = attrs.get("brand")
        if brand is not None and brand.workspace_id != attrs["workspace"].pk:
            raise serializers.ValidationError({"brand": [_("No such brand in this workspace.")]})
        return attrs


class SourceCreateSerializer(ScopeSerializer):
    file = serializers.FileField(
        required=False, help_text="PDF, DOCX, Markdown, HTML, TXT or CSV; the kind is read from the bytes."
    )
    url = serializers.CharField(required=False, allow_blank=True, max_length=2000, help_text="A public web page.")
    title = serializers.CharField(required=False, allow_blank=True, max_length=255)
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, help_text="Pasted text.")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if not any(attrs.get(name) for name in ("file", "url", "text")):
            # blame what was sent empty (`{"text": ""}`), else the file
            field = next((name for name in ("text", "url") if name in self.initial_data), "file")
            raise serializers.ValidationError({field: [_("Give a file, a url or a text.")]})
        return attrs


class SourceSerializer(strict.ModelSerializer):
    chunks = serializers.IntegerField(source="chunk_count", read_only=True, help_text="Chunks stored")

    class Meta:
        model = Source
        fields = [
            "id",
            "workspace",
            "brand",
            "title",
            "kind",
            "status",
            "error",
            "warnings",
            "language",
            "url",
            "original_name",
            "size",
            "chunks",
            "created_at",
            "updated_at",
            "processed_at",
        ]
        read_only_fields = fields


class SourceAcceptedSerializer(strict.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "status", "title", "kind"]
        read_only_fields = fields


class SearchQuerySerializer(ScopeSerializer):
    q = serializers.CharField(max_length=QUESTION_MAX_CHARS, help_text="The question or words to look for.")
    k = serializers.IntegerField(min_value=1, max_value=50, default=5, help_text="How many passages (1–50).")


class SearchHitSerializer(strict.Serializer):
    chunk = serializers.IntegerField()
    source = serializers.IntegerField()
    source_title = serializers.CharField()
    text = serializers.CharField()
    score = serializers.FloatField(help_text="Reciprocal-rank fusion score: for ordering, not a probability.")
    page = serializers.IntegerField(allow_null=True)
    heading = serializers.CharField()


class SearchResultSerializer(strict.Serializer):
    results = SearchHitSerializer(many=True)


class AskSerializer(ScopeSerializer):
    question = serializers.CharField(max_length=QUESTION_MAX_CHARS)


class CitationSerializer(strict.Serializer):
    source = serializers.IntegerField()
    source_title = serializers.CharField()
    chunk = serializers.IntegerField()
    quote = serializers.CharField(help_text="Words of the passage, verbatim.")
    page = serializers.IntegerField(allow_null=True)


class AnswerSerializer(strict.Serializer):
    answer = serializers.CharField()
    citations = CitationSerializer(many=True)
    grounded = serializers.BooleanField(help_text="False when nothing in the knowledge base answers the question.")
    provider = serializers.CharField(help_text='"offline" for the extractive answer, else the model\'s provider.')
