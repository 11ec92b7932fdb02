from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from assets import selectors, services
from assets.api.serializers import AssetSerializer, AssetUploadSerializer
from sparklio.core.api.scoping import WorkspaceScopedMixin, require_role
from sparklio.core.models import Role


@extend_schema(tags=["assets"])
class AssetViewSet(
    WorkspaceScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Pictures of the workspace (real product photos) that generators and workflows can use.

    Viewers read; editors and owners upload and delete. Filter with ``?workspace=``, search
    with ``?search=``, sort with ``?ordering=`` (newest first by default).
    """

    serializer_class = AssetSerializer
    parser_classes = [MultiPartParser, FormParser]
    filterset_fields = ["workspace", "content_type"]
    search_fields = ["name", "original_name"]
    ordering_fields = ["created_at", "name", "size_bytes"]

    def get_base_queryset(self):
        return selectors.asset_list()

    @extend_schema(
        request={"multipart/form-data": AssetUploadSerializer},
        responses={201: AssetSerializer},
        summary="Upload a picture (multipart `workspace`, `file`, `name?`)",
    )
    def create(self, request):
        data = AssetUploadSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        require_role(request, values["workspace"].pk, Role.EDITOR)
        asset = services.asset_create(
            workspace=values["workspace"],
            upload=values["file"],
            created_by=request.user,
            name=values.get("name", ""),
        )
        return Response(AssetSerializer(asset, context={"request": request}).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.asset_delete(asset=instance)
