from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from brands.models import BrandKit
from learning import selectors, services
from learning.api.serializers import FeedbackCreateSerializer, FeedbackSerializer, LearningSerializer
from sparklio.core.api.scoping import WorkspaceScopedMixin, request_roles


@extend_schema(tags=["learning"])
class FeedbackViewSet(WorkspaceScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Ratings of documents and chat answers; what the brand learns from.

    Any member of the target's workspace may rate (viewers too: rating writes nothing of the
    workspace's content). Filter with ``?workspace=``, ``?brand=``, ``?document=``, ``?rating=``."""

    serializer_class = FeedbackSerializer
    filterset_fields = ["workspace", "brand", "target", "document", "rating"]
    ordering_fields = ["created_at", "rating"]

    def get_base_queryset(self):
        return selectors.feedback_list()

    @extend_schema(request=FeedbackCreateSerializer, responses={201: FeedbackSerializer})
    def create(self, request):
        data = FeedbackCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        feedback = services.feedback_create(
            user=request.user,
            workspace_ids=request_roles(request).keys(),
            rating=values["rating"],
            document_id=values.get("document"),
            chat_message_id=values.get("chat_message"),
            comment=values.get("comment", ""),
        )
        return Response(FeedbackSerializer(feedback).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["learning"],
    responses={200: LearningSerializer},
    summary="What the brand learned: preferred and avoided phrases, best examples, its style vector",
)
class BrandLearningView(APIView):
    def get(self, request, brand_id: int):
        brand = BrandKit.objects.filter(pk=brand_id, workspace_id__in=request_roles(request).keys()).first()
        if brand is None:
            raise Http404("No such brand in your workspaces.")
        profile = services.brand_learning_current(brand)
        return Response(LearningSerializer(selectors.learning_summary(profile, brand=brand)).data)
