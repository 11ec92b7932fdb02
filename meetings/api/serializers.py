from rest_framework import serializers

from agents.library.meeting import MeetingOutput
from documents.api.serializers import CallerBrandField
from meetings.models import Meeting
from sparklio.core.api import strict
from sparklio.core.api.openapi import model_schema, typed_json
from sparklio.core.api.scoping import WorkspaceField


class MeetingCreateSerializer(strict.Serializer):
    workspace = WorkspaceField(required=False)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    file = serializers.FileField(required=False, help_text="TXT, PDF or DOCX (read by content, not by name)")
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, help_text="Pasted notes")
    meeting_date = serializers.DateField(required=False, help_text="Defaults to today; due dates resolve against it")
    brand = CallerBrandField(required=False, allow_null=True)


class MeetingListSerializer(strict.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "workspace", "title", "meeting_date", "kind", "status", "created_at", "analyzed_at"]
        read_only_fields = fields


class MeetingSerializer(strict.ModelSerializer):
    file_url = serializers.SerializerMethodField()
    analysis = typed_json(model_schema(MeetingOutput, empty=True), read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "workspace",
            "brand",
            "title",
            "meeting_date",
            "kind",
            "original_name",
            "size_bytes",
            "pages",
            "file_url",
            "text",
            "status",
            "analysis",
            "provider",
            "error",
            "created_at",
            "analyzed_at",
        ]
        read_only_fields = fields

    def get_file_url(self, meeting) -> str | None:
        return meeting.file.url if meeting.file else None


class ToChatResultSerializer(strict.Serializer):
    session = serializers.IntegerField()
    message = serializers.IntegerField()
