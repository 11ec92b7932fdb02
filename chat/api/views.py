from asgiref.sync import async_to_sync
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from chat import services
from chat.api.serializers import (
    AnalyzeResultSerializer,
    AnalyzeSerializer,
    ChatMessageSerializer,
    ChatSessionSerializer,
    MessageCreateSerializer,
    ToDocumentSerializer,
)
from chat.models import ChatMessage, ChatSession
from documents.api.serializers import DocumentSerializer
from documents.models import Document
from sparklio.core.api.fields import id_param
from sparklio.core.api.pagination import Pagination
from sparklio.core.api.scoping import WorkspaceScopedMixin, request_roles, require_role, target_workspace
from sparklio.core.models import Role


def _reply(session: ChatSession, message: ChatMessage, provider, document) -> tuple[ChatMessage, list[dict]]:
    events: list[dict] = []

    async def collect(event):
        events.append(event)

    answer = async_to_sync(services.respond)(
        session_id=session.pk, user_message_id=message.pk, provider=provider, document_id=document, emit=collect
    )
    return services._reload(answer.pk), events


@extend_schema(tags=["chat"])
class ChatSessionViewSet(
    WorkspaceScopedMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Spark Chat sessions. Talk live on ``/ws/chat/{id}/``; ``messages`` reads the history
    (``?after=<id>`` for what a reconnecting client missed) or sends one and waits for the answer."""

    serializer_class = ChatSessionSerializer
    filterset_fields = ["workspace", "brand"]
    search_fields = ["title"]
    ordering_fields = ["updated_at", "created_at"]

    def get_queryset(self):
        return ChatSession.objects.filter(workspace_id__in=request_roles(self.request).keys())

    def perform_create(self, serializer):
        values = serializer.validated_data
        workspace = target_workspace(self.request, values)
        require_role(self.request, workspace.pk, Role.EDITOR)
        serializer.instance = services.chat_session_create(
            workspace=workspace,
            user=self.request.user,
            title=values.get("title", ""),
            brand=values.get("brand"),
            provider=values.get("provider"),
        )

    def perform_update(self, serializer):
        values = serializer.validated_data
        session = serializer.instance
        if "brand" in values and values["brand"] is not None and values["brand"].workspace_id != session.workspace_id:
            raise ValidationError({"brand": [f"No brand kit {values['brand'].pk} in this workspace."]})
        if "provider" in values:
            values["provider"] = services.provider_or_none(values["provider"]) or ""
        values.pop("workspace", None)
        serializer.save()

    @extend_schema(
        methods=["GET"],
        parameters=[
            OpenApiParameter("after", int, description="Only messages after this id"),
            OpenApiParameter("page", int, description="A page number, from 1."),
            OpenApiParameter("page_size", int, description="Messages per page, 1–100."),
        ],
        responses={
            200: Pagination().get_paginated_response_schema(
                {"type": "array", "items": {"$ref": "#/components/schemas/ChatMessage"}}
            )
        },
        summary="The session's messages",
    )
    @extend_schema(
        methods=["POST"],
        request=MessageCreateSerializer,
        responses={201: ChatMessageSerializer(many=True)},
        summary="Send a message and wait for the answer",
    )
    @action(detail=True, methods=["get", "post"], url_path="messages", filter_backends=[], pagination_class=None)
    def messages(self, request, pk=None):
        session = self.get_object()
        if request.method == "GET":
            after = id_param(request.query_params, "after")
            messages = services.messages_after(session=session, after=after)
            # paginated here, not by the action: the POST answers the two new messages as they are
            paginator = Pagination()
            page = paginator.paginate_queryset(messages, request, view=self)
            return paginator.get_paginated_response(ChatMessageSerializer(page, many=True).data)
        require_role(request, session.workspace_id, Role.EDITOR)
        data = MessageCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        provider = services.provider_or_none(values.get("provider"))
        document = services.document_check(workspace_id=session.workspace_id, document=values.get("document"))
        message = services.message_add_user(session=session, user=request.user, content=values["content"])
        answer, _ = _reply(session, message, provider, document)
        return Response(
            ChatMessageSerializer([services._reload(message.pk), answer], many=True).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=["chat"])
class AnalyzeView(APIView):
    """One message in, the assistant's answer out, with the detected intent and what it started."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=AnalyzeSerializer, responses={200: AnalyzeResultSerializer}, summary="Analyse a message and answer it"
    )
    def post(self, request):
        data = AnalyzeSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        provider = services.provider_or_none(values.get("provider"))
        session = values.get("session")
        services.content_check(values["message"], field="message")
        if session is None:
            workspace = target_workspace(request, values)
            require_role(request, workspace.pk, Role.EDITOR)
            document = services.document_check(workspace_id=workspace.pk, document=values.get("document"))
            session = services.chat_session_create(
                workspace=workspace,
                user=request.user,
                title=values["message"][:60],
                brand=values.get("brand"),
                provider=provider,
            )
        else:
            require_role(request, session.workspace_id, Role.EDITOR)
            document = services.document_check(workspace_id=session.workspace_id, document=values.get("document"))
            brand = values.get("brand")
            if brand is not None and brand.workspace_id != session.workspace_id:
                raise ValidationError({"brand": ["This brand kit belongs to another workspace than the session."]})
            if brand is not None and session.brand_id not in (None, brand.pk):
                raise ValidationError({"brand": ["The session has another brand kit; change it on the session."]})
            if brand is not None and session.brand_id is None:
                session.brand = brand
                session.save(update_fields=["brand", "updated_at"])
        message = services.message_add_user(session=session, user=request.user, content=values["message"])
        answer, _ = _reply(session, message, provider, document)
        return Response(
            {
                "session": session.pk,
                "intent": answer.intent,
                "answer": answer.content,
                "provider": answer.provider,
                "started": answer.started,
                "citations": services.citations_of(answer),
                "user_message": ChatMessageSerializer(services._reload(message.pk)).data,
                "message": ChatMessageSerializer(answer).data,
            }
        )


@extend_schema(tags=["chat"])
class ToDocumentView(APIView):
    """ "Send to editor": a SparklioDocument from the message's generated content."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=ToDocumentSerializer,
        responses={201: DocumentSerializer, 200: DocumentSerializer},
        summary="Send a message to the editor",
    )
    def post(self, request, pk):
        message = (
            ChatMessage.objects.filter(pk=pk, workspace_id__in=request_roles(request).keys())
            .select_related("session__brand", "session__workspace")
            .first()
        )
        if message is None:
            from rest_framework.exceptions import NotFound

            raise NotFound("No such message.")
        require_role(request, message.workspace_id, Role.EDITOR)
        data = ToDocumentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        document = None
        if values.get("document") is not None:
            document = Document.objects.filter(pk=values["document"], workspace_id=message.workspace_id).first()
            if document is None:
                raise ValidationError({"document": ["No such document in this chat's workspace."]})
        if values.get("channel"):
            from agents.services import channel_check

            channel_check(values["channel"])
        result, created = services.message_to_document(
            message=message,
            user=request.user,
            document=document,
            base_version=values.get("version"),
            channel=values.get("channel"),
        )
        response = Response(
            DocumentSerializer(result).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )
        response["ETag"] = f'"{result.version}"'
        return response
