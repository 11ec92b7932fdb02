from rest_framework import serializers

from assets.models import Asset
from sparklio.core.api import strict
from sparklio.core.api.scoping import WorkspaceField


class AssetUploadSerializer(strict.Serializer):
    workspace = WorkspaceField()
    file = serializers.FileField(
        help_text="PNG, JPEG or WebP (a GIF's first frame is stored as PNG); the type is read from the content."
    )
    name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="Defaults to the file's name"
    )


class AssetSerializer(strict.ModelSerializer):
    url = serializers.FileField(source="file", read_only=True, use_url=True, help_text="Signed, expiring link")
    bytes = serializers.IntegerField(source="size_bytes", read_only=True)

    class Meta:
        model = Asset
        fields = [
            "id",
            "workspace",
            "name",
            "url",
            "width",
            "height",
            "content_type",
            "bytes",
            "original_name",
            "created_at",
        ]
        read_only_fields = fields
