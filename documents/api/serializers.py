from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from brands.models import BrandKit
from documents.models import Document, DocumentVersion
from documents.schema import SparklioDocument
from sparklio.core.api import strict
from sparklio.core.api.openapi import JSON_OBJECT, model_schema, typed_json
from sparklio.core.api.scoping import WorkspaceField, request_roles


@extend_schema_field(OpenApiTypes.INT)
class CallerBrandField(serializers.PrimaryKeyRelatedField):
    """A brand kit in one of the caller's workspaces."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return BrandKit.objects.none()
        return BrandKit.objects.filter(workspace_id__in=request_roles(request).keys())


class DocumentListSerializer(strict.ModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "workspace", "title", "brand", "channel", "version", "created_at", "updated_at"]
        read_only_fields = fields


class DocumentSerializer(strict.ModelSerializer):
    content = typed_json(
        model_schema(SparklioDocument), help_text="The SparklioDocument v2.0 (see /api/v1/documents/schema/)."
    )

    class Meta:
        model = Document
        fields = [
            "id",
            "workspace",
            "title",
            "brand",
            "channel",
            "version",
            "content",
            "created_by",
            "updated_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


_WHEN = serializers.DateTimeField()


def document_data(document: Document) -> dict:
    """DocumentSerializer's JSON of ``document`` without building the serializer's fields (a
    ModelSerializer derives them from the model on every instance, which cost more than the
    rest of the detail view): a test holds the two equal."""
    return {
        "id": document.pk,
        "workspace": document.workspace_id,
        "title": document.title,
        "brand": document.brand_id,
        "channel": document.channel,
        "version": document.version,
        "content": document.content,
        "created_by": document.created_by_id,
        "updated_by": document.updated_by_id,
        "created_at": _WHEN.to_representation(document.created_at),
        "updated_at": _WHEN.to_representation(document.updated_at),
    }


class DocumentCreateSerializer(strict.Serializer):
    workspace = WorkspaceField()
    content = typed_json(model_schema(SparklioDocument))
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    brand = CallerBrandField(required=False, allow_null=True)


# What a client that fetched the document may send back: read-only, ignored (a comment, not a
# docstring, which would describe the request schemas that derive from it).
class EchoedDocumentFields(strict.Serializer):
    id = serializers.IntegerField(read_only=True)
    workspace = serializers.IntegerField(read_only=True)
    channel = serializers.CharField(read_only=True)
    created_by = serializers.IntegerField(read_only=True)
    updated_by = serializers.IntegerField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class DocumentReplaceSerializer(EchoedDocumentFields):
    unknown_message = _("PUT replaces the content (with version); change title, brand and metadata with PATCH.")

    content = typed_json(model_schema(SparklioDocument))
    version = serializers.IntegerField(
        min_value=1, required=False, help_text="The version this change is based on (or send If-Match)."
    )


class DocumentPatchSerializer(EchoedDocumentFields):
    unknown_message = _("PATCH changes only title, brand and metadata; send the whole document with PUT.")

    version = serializers.IntegerField(
        min_value=1, required=False, help_text="The version this change is based on (or send If-Match)."
    )
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    brand = CallerBrandField(required=False, allow_null=True)
    metadata = serializers.DictField(required=False)


class VersionBodySerializer(strict.Serializer):
    version = serializers.IntegerField(
        min_value=1, required=False, help_text="The current version you are restoring over (or send If-Match)."
    )


class DocumentVersionSerializer(strict.ModelSerializer):
    class Meta:
        model = DocumentVersion
        fields = ["version", "title", "source", "summary", "created_by", "created_at"]
        read_only_fields = fields


class DocumentVersionDetailSerializer(strict.ModelSerializer):
    content = typed_json(model_schema(SparklioDocument), read_only=True)

    class Meta:
        model = DocumentVersion
        fields = ["version", "title", "source", "summary", "created_by", "created_at", "content"]
        read_only_fields = fields


class DiffSerializer(strict.Serializer):
    added = serializers.ListField(child=serializers.CharField())
    removed = serializers.ListField(child=serializers.CharField())
    changed = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    document = serializers.ListField(child=serializers.CharField())
    pages = serializers.DictField()


class PolotnoImportSerializer(strict.Serializer):
    workspace = WorkspaceField()
    brand = CallerBrandField(required=False, allow_null=True)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    polotno = typed_json(JSON_OBJECT, help_text="Polotno's store JSON (store.toJSON()).")


class PolotnoImportResultSerializer(DocumentSerializer):
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "warnings"]
        read_only_fields = fields
