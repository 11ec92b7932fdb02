import json
import re

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from documents import detailcache, selectors, services
from documents.api.serializers import (
    DiffSerializer,
    DocumentCreateSerializer,
    DocumentListSerializer,
    DocumentPatchSerializer,
    DocumentReplaceSerializer,
    DocumentSerializer,
    DocumentVersionDetailSerializer,
    DocumentVersionSerializer,
    PolotnoImportResultSerializer,
    PolotnoImportSerializer,
    VersionBodySerializer,
    document_data,
)
from documents.diff import document_diff
from documents.models import Document
from documents.schema import CHANNEL_PRESETS, json_schema
from sparklio.core.api.scoping import WorkspaceScopedMixin, request_roles, require_role
from sparklio.core.models import Role

_IF_MATCH = re.compile(r'^\s*(?:W/)?"?(\d+)"?\s*$')
CONFLICT = OpenApiResponse(description="Stale version: nothing written; the body has current_version.")


def base_version(request, data: dict) -> int:
    """The version a write is based on: the `version` body field or an If-Match header."""
    if data.get("version") is not None:
        return data["version"]
    header = request.headers.get("If-Match")
    if header:
        match = _IF_MATCH.match(header)
        if not match:
            raise ValidationError({"If-Match": ['Send the version as If-Match: "3".']})
        return int(match.group(1))
    raise ValidationError({"version": [_("Say which version this change is based on (`version` or If-Match).")]})


def _render_params(params) -> tuple[str, int, float]:
    fmt = params.get("format", "png").lower()
    if fmt not in {"png", "jpeg", "jpg", "webp", "pdf"}:
        raise ValidationError({"format": [_("One of png, jpeg, webp, pdf.")]})
    fmt = "jpeg" if fmt == "jpg" else fmt
    try:
        page = int(params.get("page", 1))
    except ValueError:
        raise ValidationError({"page": [_("A page number, from 1.")]}) from None
    try:
        scale = float(params.get("scale", 1))
    except ValueError:
        raise ValidationError({"scale": [_("A number between 0.1 and 4.")]}) from None
    if not 0.1 <= scale <= 4:
        raise ValidationError({"scale": [_("A number between 0.1 and 4.")]})
    return fmt, page, scale


def _with_etag(response: Response, document: Document) -> Response:
    response["ETag"] = f'"{document.version}"'
    return response


@extend_schema(tags=["documents"])
class DocumentViewSet(
    WorkspaceScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """SparklioDocument v2.0 documents with their version history.

    Every write is validated (errors name the JSON path, e.g. `content.pages[0].objects[2].style.color`)
    and must say which version it is based on (`version` in the body or `If-Match`); a stale one
    answers 409 with `current_version` and changes nothing."""

    queryset = Document.objects.all()
    filterset_fields = ["workspace", "brand", "channel"]
    search_fields = ["title"]
    ordering_fields = ["updated_at", "created_at", "title"]

    def get_base_queryset(self):
        # Lists never carry the (large) content.
        return Document.objects.defer("content") if self.action == "list" else Document.objects.all()

    def get_serializer_class(self):
        return DocumentListSerializer if self.action == "list" else DocumentSerializer

    def retrieve(self, request, *args, **kwargs):
        # get_object() for one id, from a fixed statement (selectors.document_in_workspaces):
        # the same 404s (an id that is not a number, or not in the caller's workspaces) and
        # the same object permission check.
        # The JSON body is kept until the document changes (documents/detailcache.py); who may
        # read it is checked on every request, from its workspace.
        try:
            pk = int(kwargs[self.lookup_url_kwarg or self.lookup_field])
        except (TypeError, ValueError):
            raise Http404 from None
        roles = request_roles(request)
        renderer = request.accepted_renderer
        key = detailcache.body_key(pk, request.accepted_media_type) if renderer.format == "json" else None
        kept = detailcache.get(key)
        if kept is not None:
            if kept.workspace_id not in roles:
                raise Http404(f"No {Document._meta.object_name} matches the given query.")
            self.check_object_permissions(request, kept)
            response = HttpResponse(kept.body, content_type=kept.content_type)
            response["ETag"] = f'"{kept.version}"'
            return response
        document = selectors.document_in_workspaces(pk, roles.keys())
        if document is None:
            raise Http404(f"No {Document._meta.object_name} matches the given query.")
        self.check_object_permissions(request, document)
        if key is None:
            return _with_etag(Response(document_data(document)), document)
        body = renderer.render(document_data(document), request.accepted_media_type, self.get_renderer_context())
        content_type = f"{renderer.media_type}; charset={renderer.charset}" if renderer.charset else renderer.media_type
        detailcache.put(key, detailcache.Kept(document.workspace_id, document.version, content_type, body))
        response = HttpResponse(body, content_type=content_type)
        response["ETag"] = f'"{document.version}"'
        return response

    @extend_schema(request=DocumentCreateSerializer, responses={201: DocumentSerializer})
    def create(self, request):
        data = DocumentCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        require_role(request, values["workspace"].pk, Role.EDITOR)
        document = services.document_create(
            workspace=values["workspace"],
            user=request.user,
            content=values["content"],
            title=values.get("title"),
            brand=values.get("brand"),
        )
        return _with_etag(Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED), document)

    @extend_schema(
        request=DocumentReplaceSerializer,
        responses={200: DocumentSerializer, 409: CONFLICT},
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=False)],
    )
    def update(self, request, pk=None):
        document = self.get_object()
        data = DocumentReplaceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = services.document_update(
            document=document,
            user=request.user,
            content=data.validated_data["content"],
            base_version=base_version(request, data.validated_data),
        )
        return _with_etag(Response(DocumentSerializer(document).data), document)

    @extend_schema(
        request=DocumentPatchSerializer,
        responses={200: DocumentSerializer, 409: CONFLICT},
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=False)],
    )
    def partial_update(self, request, pk=None):
        document = self.get_object()
        data = DocumentPatchSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = base_version(request, values)
        values.pop("version", None)
        if "brand" in values:
            values["brand"] = values["brand"].pk if values["brand"] else None
        document = services.document_update_metadata(
            document=document, user=request.user, base_version=version, changes=values
        )
        return _with_etag(Response(DocumentSerializer(document).data), document)

    def perform_destroy(self, instance):
        services.document_delete(document=instance)

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=["png", "jpeg", "webp", "pdf"], description="Default png."),
            OpenApiParameter("page", int, description="1-based page number (ignored for pdf). Default 1."),
            OpenApiParameter("scale", float, description="0.1–4. Default 1."),
        ],
        responses={
            (200, "image/png", "image/jpeg", "image/webp", "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The rendered page (or the whole PDF)."
            )
        },
        summary="Render a page to PNG, JPEG or WebP, or the document to PDF",
    )
    @action(detail=True, methods=["get"], url_path="render", filter_backends=[])
    def render_page(self, request, pk=None):
        document = self.get_object()
        fmt, page, scale = _render_params(request.query_params)
        result = services.render_document(document, fmt=fmt, page=page, scale=scale)
        response = HttpResponse(result.content, content_type=result.content_type)
        ext = "jpg" if fmt == "jpeg" else fmt
        response["Content-Disposition"] = f'inline; filename="document-{document.pk}-v{document.version}.{ext}"'
        response["ETag"] = f'"{document.version}-{fmt}-{page}-{scale:g}"'
        response["Cache-Control"] = "private, max-age=0, must-revalidate"
        if result.warnings:
            response["X-Render-Warnings"] = json.dumps(result.warnings[:20], ensure_ascii=True)[:4000]
        return response

    @extend_schema(
        responses={200: OpenApiResponse(description="Polotno store JSON (roles and provenance in `custom`)")},
        summary="Export to Polotno's store JSON",
    )
    @action(detail=True, methods=["get"], url_path="polotno", filter_backends=[])
    def polotno(self, request, pk=None):
        return Response(services.document_to_polotno(self.get_object()))

    @extend_schema(
        request=PolotnoImportSerializer,
        responses={201: PolotnoImportResultSerializer},
        summary="Import Polotno's store JSON as a new document",
    )
    @action(detail=False, methods=["post"], url_path="import/polotno", filter_backends=[])
    def import_polotno(self, request):
        data = PolotnoImportSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        require_role(request, values["workspace"].pk, Role.EDITOR)
        document, warnings = services.document_import_polotno(
            workspace=values["workspace"],
            user=request.user,
            polotno=values["polotno"],
            title=values.get("title"),
            brand=values.get("brand"),
        )
        body = {**DocumentSerializer(document).data, "warnings": warnings}
        return _with_etag(Response(body, status=status.HTTP_201_CREATED), document)

    @extend_schema(
        responses={200: OpenApiResponse(description="JSON Schema of SparklioDocument v2.0")},
        summary="The SparklioDocument v2.0 JSON Schema",
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="schema",
        permission_classes=[permissions.AllowAny],
        pagination_class=None,
        filter_backends=[],
    )
    def document_schema(self, request):
        return Response(json_schema())

    @extend_schema(
        responses={200: OpenApiResponse(description="Channel presets with their sizes")},
        summary="Channel presets (Instagram, Facebook, YouTube, Naver, Kakao, product detail)",
    )
    @action(detail=False, methods=["get"], url_path="presets", pagination_class=None, filter_backends=[])
    def presets(self, request):
        return Response([preset.model_dump() for preset in CHANNEL_PRESETS.values()])

    @extend_schema(responses=DocumentVersionSerializer(many=True), summary="Version history, newest first")
    @action(detail=True, methods=["get"], url_path="versions", filter_backends=[])
    def versions(self, request, pk=None):
        document = self.get_object()
        page = self.paginate_queryset(document.versions.order_by("-version"))
        return self.get_paginated_response(DocumentVersionSerializer(page, many=True).data)

    @extend_schema(responses=DocumentVersionDetailSerializer, summary="One version, with its content")
    @action(detail=True, methods=["get"], url_path=r"versions/(?P<number>\d+)", filter_backends=[])
    def version_detail(self, request, pk=None, number=None):
        document = self.get_object()
        version = get_object_or_404(document.versions, version=number)
        return Response(DocumentVersionDetailSerializer(version).data)

    @extend_schema(
        request=VersionBodySerializer,
        responses={200: DocumentSerializer, 409: CONFLICT},
        summary="Make an old version the newest one",
    )
    @action(detail=True, methods=["post"], url_path=r"versions/(?P<number>\d+)/restore", filter_backends=[])
    def restore(self, request, pk=None, number=None):
        document = self.get_object()
        data = VersionBodySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = services.document_restore(
            document=document,
            user=request.user,
            version=int(number),
            base_version=base_version(request, data.validated_data),
        )
        return _with_etag(Response(DocumentSerializer(document).data), document)

    @extend_schema(
        parameters=[OpenApiParameter("from", int, required=True), OpenApiParameter("to", int)],
        responses=DiffSerializer,
        summary="What changed between two versions",
    )
    @action(detail=True, methods=["get"], url_path="diff", filter_backends=[])
    def diff(self, request, pk=None):
        document = self.get_object()
        numbers = {}
        for name, default in [("from", None), ("to", document.version)]:
            raw = request.query_params.get(name, default)
            if raw is None or not re.fullmatch(r"[0-9]{1,9}", str(raw)):
                raise ValidationError({name: ["A version number is needed."]})
            numbers[name] = int(raw)
        old = get_object_or_404(document.versions, version=numbers["from"])
        new = get_object_or_404(document.versions, version=numbers["to"])
        return Response(document_diff(old.content, new.content))
