from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from contentcalendar import ics, selectors, services
from contentcalendar.api.filters import CalendarEntryFilter
from contentcalendar.api.serializers import (
    CalendarEntrySerializer,
    ExportQuerySerializer,
    PlanRequestSerializer,
    PlanSerializer,
)
from contentcalendar.occasions import quiet_days
from sparklio.core.api.scoping import WorkspaceScopedMixin, only_workspace, require_role
from sparklio.core.models import Role

RANGE = [
    OpenApiParameter("from", str, description="From this date (or time with offset), inclusive"),
    OpenApiParameter("to", str, description="Up to this date (inclusive) or time with offset (exclusive)"),
]


@extend_schema_view(list=extend_schema(parameters=RANGE))
@extend_schema(tags=["calendar"])
class CalendarEntryViewSet(WorkspaceScopedMixin, viewsets.ModelViewSet):
    """The content calendar: what goes out, on which channel, when, with which design.

    Viewers read; editors and owners add, change and delete. Filter with ``?workspace=``,
    ``?brand=``, ``?status=``, ``?channel=``, ``?source=``, ``?from=`` and ``?to=``."""

    serializer_class = CalendarEntrySerializer
    filterset_class = CalendarEntryFilter
    search_fields = ["title", "notes"]
    ordering_fields = ["publish_at", "created_at", "title"]

    def get_base_queryset(self):
        return selectors.entry_list()

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        require_role(request, values["workspace"].pk, Role.EDITOR)
        entry = services.entry_create(user=request.user, **values)
        return Response(self.get_serializer(entry).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        entry = self.get_object()
        data = self.get_serializer(entry, data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        changes = {name: value for name, value in data.validated_data.items() if name != "workspace"}
        entry = services.entry_update(entry=entry, changes=changes)
        return Response(self.get_serializer(entry).data)

    def perform_destroy(self, instance):
        services.entry_delete(entry=instance)


@extend_schema(
    tags=["calendar"],
    request=PlanRequestSerializer,
    responses={201: PlanSerializer, 200: PlanSerializer},
    summary="Plan a month: entries from the brand's channels and cadence, holidays, shopping days and trends",
    description="Saved as draft entries in one transaction (201) unless `save` is false (200, proposals only). "
    "Entries the brand already has that month count against the cadence.",
)
class PlanView(APIView):
    def post(self, request):
        data = PlanRequestSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        brand = values["brand"]
        workspace = values.get("workspace") or brand.workspace
        # a preview writes nothing: viewers may ask for one
        require_role(request, workspace.pk, Role.EDITOR if values["save"] else Role.VIEWER)
        trends = (
            values["trends"]
            if "trends" in values
            else selectors.trend_keywords(workspace_id=workspace.pk, brand=brand, brief=values.get("brief", ""))
        )
        result = services.calendar_plan(
            workspace=workspace,
            brand=brand,
            month=values["month"],
            brief=values.get("brief", ""),
            trend_keywords=trends,
            cadence=values.get("cadence"),
            user=request.user,
            save=values["save"],
        )
        body = PlanSerializer(plan_body(result, month=values["month"]), context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED if result.saved else status.HTTP_200_OK)


def plan_body(result: services.PlanResult, *, month: str) -> dict:
    plan = result.plan
    return {
        "month": month,
        "language": plan.language,
        "saved": result.saved,
        "cadence": result.cadence,
        "counts": plan.counts,
        "occasions": [{"date": o.date, "name": o.name, "kind": o.kind} for o in plan.occasions],
        "quiet_days": sorted(quiet_days(plan.year, plan.month)),
        "trends": result.trends,
        "entries": result.entries,
    }


class FirstRenderer(BaseContentNegotiation):
    """The export answers text/calendar itself; errors are JSON whatever the client accepts
    (a calendar app sends ``Accept: text/calendar``, which no DRF renderer offers: a 406)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None


@extend_schema(
    tags=["calendar"],
    parameters=[ExportQuerySerializer],
    responses={(200, "text/calendar"): OpenApiResponse(OpenApiTypes.BINARY, description="iCalendar (RFC 5545)")},
    summary="The workspace's calendar as iCalendar, one event per entry",
)
class CalendarExportView(APIView):
    content_negotiation_class = FirstRenderer

    def get(self, request):
        query = ExportQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        workspace = query.validated_data.get("workspace") or only_workspace(request, what="the calendar")
        require_role(request, workspace.pk, Role.VIEWER)
        body = ics.calendar_ics(
            selectors.entries_for_export(workspace_id=workspace.pk),
            name=f"{workspace.name} — Sparklio",
            document_url=lambda pk: request.build_absolute_uri(reverse("document-detail", args=[pk])),
            now=timezone.now(),
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="sparklio-calendar-{workspace.pk}.ics"'
        response["Cache-Control"] = "private, no-store"
        return response
