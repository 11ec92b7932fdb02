from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from knowledge import rag, selectors, services
from knowledge.api.serializers import (
    AnswerSerializer,
    AskSerializer,
    SearchQuerySerializer,
    SearchResultSerializer,
    SourceAcceptedSerializer,
    SourceCreateSerializer,
    SourceSerializer,
)
from sparklio.core.api.scoping import WorkspaceScopedMixin, require_role
from sparklio.core.models import Role


@extend_schema(tags=["knowledge"])
class SourceViewSet(
    WorkspaceScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Documents of the knowledge base: uploads, web pages and pasted notes.

    Viewers read; editors and owners add and delete. A new source answers 202 and is processed
    in the background (progress on the workspace socket). Filter with ``?workspace=``,
    ``?brand=``, ``?status=``, ``?kind=``; search titles with ``?search=``."""

    serializer_class = SourceSerializer
    filterset_fields = ["workspace", "brand", "status", "kind"]
    search_fields = ["title", "original_name", "url"]
    ordering_fields = ["created_at", "title", "status"]

    def get_base_queryset(self):
        return selectors.source_list()

    @extend_schema(
        request={"multipart/form-data": SourceCreateSerializer, "application/json": SourceCreateSerializer},
        responses={202: SourceAcceptedSerializer},
        summary="Add a source: multipart `file`, or JSON `url`, or JSON `title` and `text`",
    )
    def create(self, request):
        data = SourceCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        require_role(request, values["workspace"].pk, Role.EDITOR)
        source = services.source_create(
            workspace=values["workspace"],
            brand=values.get("brand"),
            created_by=request.user,
            upload=values.get("file"),
            url=values.get("url", ""),
            title=values.get("title", ""),
            text=values.get("text", ""),
        )
        return Response(SourceAcceptedSerializer(source).data, status=status.HTTP_202_ACCEPTED)

    def perform_destroy(self, instance):
        services.source_delete(source=instance)


@extend_schema(
    tags=["knowledge"],
    parameters=[SearchQuerySerializer],
    responses={200: SearchResultSerializer},
    summary="Passages of the knowledge base that best match a question (hybrid: vectors and full text)",
)
class SearchView(APIView):
    def get(self, request):
        query = SearchQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        values = query.validated_data
        hits = selectors.knowledge_search(
            workspace_id=values["workspace"].pk,
            brand_id=values["brand"].pk if values.get("brand") else None,
            question=values["q"],
            k=values["k"],
            user_id=request.user.pk,
        )
        return Response(SearchResultSerializer({"results": hits}).data)


@extend_schema(
    tags=["knowledge"],
    request=AskSerializer,
    responses={200: AnswerSerializer},
    summary="Answer a question from the knowledge base, with citations",
)
class AskView(APIView):
    def post(self, request):
        data = AskSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        answer = rag.knowledge_ask(
            workspace_id=values["workspace"].pk,
            brand_id=values["brand"].pk if values.get("brand") else None,
            question=values["question"],
            user_id=request.user.pk,
        )
        return Response(AnswerSerializer(answer).data)
