from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from brands import listcache, selectors, services
from brands.api.serializers import BrandKitSerializer, LogoSerializer, LogoUploadSerializer, brand_list_rows
from brands.models import BrandKit
from sparklio.core.api.scoping import WorkspaceScopedMixin, request_roles, require_role
from sparklio.core.models import Role

PAGE_PARAMETERS = {"page", "page_size"}


def _content_type(renderer) -> str:
    """The Content-Type DRF's Response would give a body of this renderer."""
    return f"{renderer.media_type}; charset={renderer.charset}" if renderer.charset else renderer.media_type


@extend_schema(tags=["brands"])
class BrandKitViewSet(WorkspaceScopedMixin, viewsets.ModelViewSet):
    """Brand kits: colours, fonts, logos, tone of voice, banned and required words, guidelines.

    Viewers read; editors create, change and delete. Filter with ``?workspace=`` and
    ``?language=``, search with ``?search=``, sort with ``?ordering=``.
    """

    serializer_class = BrandKitSerializer
    filterset_fields = ["workspace", "language"]
    search_fields = ["name", "description", "tone_of_voice", "target_audience"]
    ordering_fields = ["name", "created_at", "updated_at"]
    ordering = ["name", "id"]

    def get_base_queryset(self):
        return BrandKit.objects.all() if self.action == "list" else selectors.brand_list()

    def list(self, request, *args, **kwargs):
        # One query for the page, its colours, fonts and logos and the count, read as tuples
        # (selectors.brand_list_page); the same JSON, filters, search, ordering and pages. With
        # no parameter but the page's, the statement is a fixed one (no queryset to compile).
        # That plain list is also kept in the cache until a kit of its workspaces changes
        # (brands/listcache.py).
        # The page is kept as the JSON body itself: a hit is one cache read and no encoding.
        if request.query_params.keys() <= PAGE_PARAMETERS:
            workspaces = request_roles(request).keys()
            renderer = request.accepted_renderer
            cacheable = renderer.format == "json"
            key = (
                listcache.page_key(f"{request.build_absolute_uri()}\n{request.accepted_media_type}", workspaces)
                if cacheable
                else None
            )
            kept = listcache.get(key)
            if kept is not None:
                return HttpResponse(kept, content_type=_content_type(renderer))
            rows = self.paginator.paginate_counted(
                request, lambda offset, limit: selectors.brand_list_page_plain(workspaces, offset=offset, limit=limit)
            )
            response = self.get_paginated_response(brand_list_rows(rows, context=self.get_serializer_context()))
            if key is not None:
                body = renderer.render(response.data, request.accepted_media_type, self.get_renderer_context())
                listcache.put(key, body)
                return HttpResponse(body, content_type=_content_type(renderer))
            return response
        else:
            queryset = self.filter_queryset(self.get_queryset())
            rows = self.paginator.paginate_counted(
                request, lambda offset, limit: selectors.brand_list_page(queryset, offset=offset, limit=limit)
            )
        return self.get_paginated_response(brand_list_rows(rows, context=self.get_serializer_context()))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        workspace = data.pop("workspace")
        require_role(self.request, workspace.pk, Role.EDITOR)
        serializer.instance = services.brand_create(workspace=workspace, created_by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("workspace", None)
        serializer.instance = services.brand_update(brand=serializer.instance, **data)

    def perform_destroy(self, instance):
        services.brand_delete(brand=instance)

    @extend_schema(responses=LogoSerializer(many=True), summary="List a brand's logos")
    @action(
        detail=True,
        methods=["get"],
        url_path="logos",
        filter_backends=[],
        parser_classes=[MultiPartParser, FormParser],
    )
    def logos(self, request, pk=None):
        brand = self.get_object()
        page = self.paginate_queryset(brand.logos.order_by("pk"))
        return self.get_paginated_response(LogoSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(
        request={"multipart/form-data": LogoUploadSerializer},
        responses={201: LogoSerializer},
        summary="Upload a logo (multipart field `file`); its colours are measured in the background",
    )
    @logos.mapping.post
    def upload_logo(self, request, pk=None):
        brand = self.get_object()
        data = LogoUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        logo = services.brand_logo_add(brand=brand, upload=data.validated_data["file"], created_by=request.user)
        return Response(LogoSerializer(logo, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None}, summary="Delete a logo")
    @action(detail=True, methods=["delete"], url_path=r"logos/(?P<logo_id>\d+)")
    def delete_logo(self, request, pk=None, logo_id=None):
        brand = self.get_object()
        services.brand_logo_delete(logo=get_object_or_404(brand.logos, pk=logo_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
