from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from performance import charts, insights, selectors, services
from performance.api.serializers import (
    ChartQuerySerializer,
    ImportCreateSerializer,
    ImportResultSerializer,
    ImportSerializer,
    InsightsQuerySerializer,
    InsightsSerializer,
    SummaryQuerySerializer,
    SummarySerializer,
)
from sparklio.core.api.scoping import WorkspaceScopedMixin, require_role
from sparklio.core.models import Role


def _window(values) -> dict:
    return {"date_from": values.get("date_from"), "date_to": values.get("date_to")}


@extend_schema(tags=["performance"])
class ImportViewSet(WorkspaceScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Ad results imported from Meta Ads, Google Ads, Naver search ads or a plain sheet.

    Editors and owners import; viewers read the history. Filter with ``?workspace=``."""

    serializer_class = ImportSerializer
    filterset_fields = ["workspace", "layout"]
    ordering_fields = ["created_at"]
    parser_classes = [MultiPartParser, FormParser]

    def get_base_queryset(self):
        return selectors.import_list()

    @extend_schema(
        request={"multipart/form-data": ImportCreateSerializer},
        responses={201: ImportResultSerializer},
        summary="Import an export (CSV or XLSX): rows written, refused rows with reasons",
    )
    def create(self, request):
        data = ImportCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        require_role(request, values["workspace"].pk, Role.EDITOR)
        result = services.performance_import(
            workspace=values["workspace"], created_by=request.user, upload=values["file"]
        )
        return Response(ImportResultSerializer(result).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["performance"],
    parameters=[SummaryQuerySerializer],
    responses={200: SummarySerializer},
    summary="Impressions, clicks, conversions, spend, revenue and CTR, CVR, CPC, CPA, ROAS per group",
)
class SummaryView(APIView):
    def get(self, request):
        query = SummaryQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        values = query.validated_data
        groups = selectors.summary(workspace_id=values["workspace"].pk, group_by=values["group_by"], **_window(values))
        return Response(SummarySerializer({"group_by": values["group_by"], "groups": groups}).data)


@extend_schema(
    tags=["performance"],
    parameters=[InsightsQuerySerializer],
    responses={200: InsightsSerializer},
    summary="Best and worst ads, significant variant differences, unusual days, recommendations",
)
class InsightsView(APIView):
    def get(self, request):
        query = InsightsQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        values = query.validated_data
        options = insights.Options(
            metric=values["metric"],
            min_impressions=values["min_impressions"],
            min_clicks=values["min_clicks"],
            **_window(values),
        )
        found = insights.workspace_insights(workspace_id=values["workspace"].pk, options=options)
        return Response(InsightsSerializer(found).data)


@extend_schema(
    tags=["performance"],
    parameters=[ChartQuerySerializer],
    responses={(200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY, description="The chart, 1000×540 pixels.")},
    summary="A metric as a PNG chart: a line by day, bars by campaign, ad, document, channel or variant",
)
class ChartView(APIView):
    def get(self, request):
        query = ChartQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        values = query.validated_data
        groups = selectors.summary(workspace_id=values["workspace"].pk, group_by=values["group_by"], **_window(values))
        png = charts.render_chart(groups, metric=values["metric"], group_by=values["group_by"])
        response = HttpResponse(png, content_type="image/png")
        response["Cache-Control"] = "private, no-store"
        return response
