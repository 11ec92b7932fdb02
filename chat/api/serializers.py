from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chat.models import ChatMessage, ChatSession
from documents.api.serializers import CallerBrandField
from sparklio.core.api import strict
from sparklio.core.api.fields import MoneyField
from sparklio.core.api.openapi import JSON_OBJECT, typed_json
from sparklio.core.api.scoping import WorkspaceField, request_roles


class ChatSessionSerializer(strict.ModelSerializer):
    workspace = WorkspaceField(required=False)
    brand = CallerBrandField(required=False, allow_null=True)

    class Meta:
        model = ChatSession
        fields = ["id", "workspace", "brand", "title", "provider", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = {
            "title": {"required": False, "allow_blank": True},
            "provider": {"required": False, "allow_blank": True},
        }


class StartedSerializer(strict.Serializer):
    """What a message started (absent until it started something)."""

    agent_runs = serializers.ListField(child=serializers.IntegerField(), required=False)
    workflows = serializers.ListField(child=serializers.IntegerField(), required=False)
    documents = serializers.ListField(child=serializers.IntegerField(), required=False)


class ChatMessageSerializer(strict.ModelSerializer):
    cost_usd = MoneyField()
    attachments = typed_json({"type": "array", "items": JSON_OBJECT}, read_only=True)
    generated = typed_json(JSON_OBJECT, read_only=True, help_text="Structured content made for this answer")
    started = StartedSerializer(read_only=True)

    class Meta:
        model = ChatMessage
        fields = [
            "id",
            "session",
            "role",
            "content",
            "status",
            "intent",
            "attachments",
            "generated",
            "started",
            "provider",
            "model",
            "input_tokens",
            "output_tokens",
            "cost_usd",
            "agent_runs",
            "workflows",
            "documents",
            "created_at",
        ]
        read_only_fields = fields


class MessageCreateSerializer(strict.Serializer):
    content = serializers.CharField(allow_blank=True, trim_whitespace=False)
    provider = serializers.CharField(required=False, allow_blank=True)
    document = serializers.IntegerField(required=False, help_text="The document open in the editor")


@extend_schema_field(OpenApiTypes.INT)
class CallerSessionField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return ChatSession.objects.none()
        return ChatSession.objects.filter(workspace_id__in=request_roles(request).keys())


class AnalyzeSerializer(strict.Serializer):
    session = CallerSessionField(
        required=False, allow_null=True, help_text="Continue this session; a new one otherwise"
    )
    message = serializers.CharField(allow_blank=True, trim_whitespace=False)
    brand = CallerBrandField(required=False, allow_null=True)
    provider = serializers.CharField(required=False, allow_blank=True)
    workspace = WorkspaceField(required=False)
    document = serializers.IntegerField(required=False)


class ChatCitationSerializer(strict.Serializer):
    """A passage of the knowledge base the answer quotes."""

    source = serializers.IntegerField()
    source_title = serializers.CharField()
    chunk = serializers.IntegerField()
    quote = serializers.CharField(help_text="Copied word for word from the passage")
    page = serializers.IntegerField(allow_null=True)


class AnalyzeResultSerializer(strict.Serializer):
    session = serializers.IntegerField()
    intent = serializers.CharField()
    answer = serializers.CharField()
    provider = serializers.CharField()
    started = StartedSerializer()
    citations = ChatCitationSerializer(many=True, help_text="What a question answered from the knowledge base cites")
    user_message = ChatMessageSerializer()
    message = ChatMessageSerializer()


class ToDocumentSerializer(strict.Serializer):
    document = serializers.IntegerField(required=False, help_text="Update this document instead of creating one")
    version = serializers.IntegerField(required=False, help_text="The document version you edited (409 when stale)")
    channel = serializers.CharField(
        required=False, help_text="Channel preset of a new document (instagram_feed by default)"
    )
