from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from meetings import services
from meetings.api.serializers import (
    MeetingCreateSerializer,
    MeetingListSerializer,
    MeetingSerializer,
    ToChatResultSerializer,
)
from meetings.models import Meeting
from sparklio.core.api.parsers import JSONParser
from sparklio.core.api.scoping import WorkspaceScopedMixin, request_roles, require_role, target_workspace
from sparklio.core.models import Role


@extend_schema(tags=["meetings"])
class MeetingViewSet(
    WorkspaceScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Meeting AI: upload notes (multipart `file` TXT/PDF/DOCX, or JSON `text`), then read the
    analysis (`status` extracting → pending → analyzing → ready, or failed with `error`) and
    send it to Spark Chat."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filterset_fields = ["workspace", "status", "kind"]
    search_fields = ["title"]
    ordering_fields = ["created_at", "meeting_date"]

    def get_queryset(self):
        return Meeting.objects.filter(workspace_id__in=request_roles(self.request).keys())

    def get_serializer_class(self):
        if self.action == "create":
            return MeetingCreateSerializer
        return MeetingListSerializer if self.action == "list" else MeetingSerializer

    @extend_schema(
        request={"multipart/form-data": MeetingCreateSerializer, "application/json": MeetingCreateSerializer},
        responses={201: MeetingSerializer, 202: MeetingSerializer},
        summary="Upload or paste meeting notes",
        description="Pasted text → 201. A file is stored and answered at once → 202 with `status` "
        "`extracting`; a worker reads it (progress `meeting_extract` on the workspace socket) and the "
        "meeting goes on to the analysis, or to `failed` with the reason in `error`.",
    )
    def create(self, request, *args, **kwargs):
        data = MeetingCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        workspace = target_workspace(request, values)
        require_role(request, workspace.pk, Role.EDITOR)
        meeting = services.meeting_create(
            workspace=workspace,
            user=request.user,
            title=values.get("title", ""),
            upload=values.get("file"),
            text=values.get("text"),
            meeting_date=values.get("meeting_date"),
            brand=values.get("brand"),
        )
        meeting.refresh_from_db()
        if values.get("file") is None:
            return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)
        # The file is read off the request: the client follows `status` here or on the socket.
        return Response(
            MeetingSerializer(meeting).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": f"{request.path}{meeting.pk}/"},
        )

    def perform_destroy(self, instance):
        services.meeting_delete(meeting=instance)

    @extend_schema(request=None, responses={202: MeetingSerializer}, summary="Analyse again")
    @action(detail=True, methods=["post"], url_path="analyze", filter_backends=[])
    def analyze(self, request, pk=None):
        meeting = services.meeting_reanalyze(meeting=self.get_object())
        meeting.refresh_from_db()
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        request=None, responses={201: ToChatResultSerializer}, summary="Open a chat session seeded with the analysis"
    )
    @action(detail=True, methods=["post"], url_path="to_chat", filter_backends=[])
    def to_chat(self, request, pk=None):
        session, message = services.meeting_to_chat(meeting=self.get_object(), user=request.user)
        return Response({"session": session.pk, "message": message.pk}, status=status.HTTP_201_CREATED)
