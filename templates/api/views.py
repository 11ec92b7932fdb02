from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from documents.api.serializers import DocumentSerializer
from documents.render import render_page
from documents.schema import SparklioDocument
from documents.services import workspace_path_rule
from sparklio.core.api.scoping import only_workspace, request_roles, require_role
from sparklio.core.models import Role, Workspace
from templates import selectors, services
from templates.api.serializers import TemplateApplySerializer, TemplateListSerializer, TemplateSerializer


@extend_schema(tags=["templates"])
class TemplateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Design templates: the shared library plus your workspaces' own.

    Filter with ``?channel=`` and ``?category=``, search names and tags with ``?search=``;
    ``apply`` turns one into a new document in a brand's colours and fonts."""

    filterset_fields = ["channel", "category", "workspace"]
    search_fields = ["name", "tags"]
    ordering_fields = ["name", "created_at"]

    def get_queryset(self):
        queryset = selectors.template_list(workspace_ids=request_roles(self.request).keys())
        return queryset.defer("skeleton") if self.action == "list" else queryset

    def get_serializer_class(self):
        return TemplateListSerializer if self.action == "list" else TemplateSerializer

    @extend_schema(
        request=TemplateApplySerializer,
        responses={201: DocumentSerializer},
        summary="Make a new document from this template, in a brand's colours and fonts",
    )
    @action(detail=True, methods=["post"], url_path="apply", filter_backends=[])
    def apply(self, request, pk=None):
        template = self.get_object()
        data = TemplateApplySerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        workspace = _target_workspace(request, template, values)
        require_role(request, workspace.pk, Role.EDITOR)
        document = services.template_apply(
            template=template,
            workspace=workspace,
            user=request.user,
            brand=values.get("brand"),
            title=values.get("title") or None,
            content=values["content"],
        )
        response = Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)
        response["ETag"] = f'"{document.version}"'
        return response

    @extend_schema(
        responses={
            (200, "image/png"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The template's first page, at half size."
            )
        },
        summary="Preview image of the template",
    )
    @action(detail=True, methods=["get"], url_path="preview", filter_backends=[])
    def preview(self, request, pk=None):
        template = self.get_object()
        allowed = workspace_path_rule(template.workspace_id) if template.workspace_id else services.library_path
        skeleton = SparklioDocument.model_validate(template.skeleton)
        result = render_page(skeleton, 0, fmt="png", scale=0.5, allowed_path=allowed)
        response = HttpResponse(result.content, content_type=result.content_type)
        response["Cache-Control"] = "private, max-age=3600"
        return response


def _target_workspace(request, template, values) -> Workspace:
    """The workspace the new document goes to: the one named, else the brand's, else the
    template's own, else the caller's only workspace."""
    if values.get("workspace") is not None:
        return values["workspace"]
    if values.get("brand") is not None:
        return values["brand"].workspace
    if template.workspace_id is not None:
        return template.workspace
    return only_workspace(request, what="the document")
