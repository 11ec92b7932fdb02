from typing import get_args

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from brands.selectors import brand_list
from documents import commands
from documents.api.serializers import DocumentSerializer
from documents.api.views import CONFLICT, _with_etag, base_version
from documents.commands.operations import Op
from documents.models import Document
from sparklio.core.api import strict
from sparklio.core.api.openapi import model_schema, typed_json
from sparklio.core.api.scoping import request_roles, require_role
from sparklio.core.models import Role


class EditorCommandSerializer(strict.Serializer):
    document = serializers.IntegerField(min_value=1, help_text="Id of the document to edit.")
    version = serializers.IntegerField(
        min_value=1, required=False, help_text="The version the command is based on (or send If-Match)."
    )
    command = serializers.CharField(
        min_length=1,
        max_length=500,
        help_text='What to change, in Korean or English: "make the CTA bigger", "헤드라인을 \'여름 세일\'로 바꿔".',
    )


class EditorCommandResultSerializer(strict.Serializer):
    operations = typed_json(
        model_schema(*get_args(get_args(Op)[0]), many=True),
        help_text="The editor operations that were applied, in order (op: add, update, delete, move, resize, "
        "restyle, replace_text, reorder, set_background); replaying them on the previous version gives this one.",
    )
    document = DocumentSerializer()
    understood = serializers.BooleanField()
    provider = serializers.CharField(help_text='"rules" for built-in commands, else the LLM provider that answered.')
    notes = serializers.ListField(
        child=serializers.CharField(),
        help_text="Where the change is not quite what was asked, what was done instead and why (a text that "
        "grew less than asked because it would cover another object, a word that was not understood).",
    )


class NotUnderstoodSerializer(strict.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField(help_text="not_understood")
    understood = serializers.BooleanField()


@extend_schema(tags=["editor"])
class EditorCommandView(APIView):
    @extend_schema(
        request=EditorCommandSerializer,
        responses={200: EditorCommandResultSerializer, 409: CONFLICT, 422: NotUnderstoodSerializer},
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=False)],
        summary="Edit a document with a command in Korean or English",
        description="Common commands are carried out by rules; others are put to a language model when one is "
        "configured. The change is one new version (source ai_command); a command that is not understood "
        "answers 422 and changes nothing.",
    )
    def post(self, request):
        data = EditorCommandSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        document = get_object_or_404(
            Document.objects.filter(workspace_id__in=request_roles(request).keys()), pk=values["document"]
        )
        require_role(request, document.workspace_id, Role.EDITOR)
        brand = brand_list().filter(pk=document.brand_id).first() if document.brand_id else None
        result = commands.run_command(
            document=document,
            user=request.user,
            command=values["command"],
            base_version=base_version(request, values),
            brand=brand,
        )
        body = {
            "operations": commands.dump_ops(result.operations),
            "document": DocumentSerializer(result.document).data,
            "understood": True,
            "provider": result.provider,
            "notes": result.notes,
        }
        return _with_etag(Response(body), result.document)
