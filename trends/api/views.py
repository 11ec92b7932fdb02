from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from sparklio.core.api.scoping import WorkspaceScopedMixin, require_role
from sparklio.core.models import Role
from trends import selectors, services
from trends.api.serializers import (
    CollectResultSerializer,
    FeedCreatedSerializer,
    FeedCreateSerializer,
    FeedSerializer,
    TrendQuerySerializer,
    TrendRankingSerializer,
)


@extend_schema(tags=["trends"])
class FeedViewSet(
    WorkspaceScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """RSS and Atom feeds the workspace follows for trends.

    Viewers read; editors and owners add, collect and delete. Adding a feed fetches it once: a
    URL that gives no feed (a web page, too large, too slow, a private address) answers 400 on
    ``url`` and nothing is stored; a feed is stored with the items of that fetch. Feeds are
    collected every TREND_COLLECT_MINUTES, or now with ``collect``. Filter with ``?workspace=``."""

    serializer_class = FeedSerializer
    filterset_fields = ["workspace", "kind", "last_status"]
    search_fields = ["name", "title", "url"]
    ordering_fields = ["name", "created_at", "last_collected_at"]

    def get_base_queryset(self):
        return selectors.feed_list()

    @extend_schema(request=FeedCreateSerializer, responses={201: FeedCreatedSerializer}, summary="Follow a feed")
    def create(self, request):
        data = FeedCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        require_role(request, values["workspace"].pk, Role.EDITOR)
        feed, collected = services.feed_create(
            workspace=values["workspace"], url=values["url"], name=values.get("name", ""), created_by=request.user
        )
        feed = selectors.feed_list().get(pk=feed.pk)
        return Response(
            FeedCreatedSerializer(feed, context={"collected": collected}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=None,
        responses={200: CollectResultSerializer},
        summary="Collect the feed now",
        description="Fetches the feed and stores its new items. A fetch that fails answers 200 with "
        '`status: "failed"` and the `error`, which is also recorded on the feed; nothing is stored then.',
    )
    @action(detail=True, methods=["post"])
    def collect(self, request, pk=None):
        feed = self.get_object()
        require_role(request, feed.workspace_id, Role.EDITOR)
        result = services.feed_collect(feed_id=feed.pk)
        if result is None:
            raise NotFound("The feed was deleted.")
        return Response(CollectResultSerializer(result.as_dict()).data)

    def perform_destroy(self, instance):
        services.feed_delete(feed=instance)


@extend_schema(
    tags=["trends"],
    parameters=[TrendQuerySerializer],
    responses={200: TrendRankingSerializer},
    summary="Keywords of the workspace's feeds ranked by mentions and growth against the previous window",
)
class TrendsView(APIView):
    def get(self, request):
        query = TrendQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        values = query.validated_data
        ranking = selectors.trend_ranking(
            workspace_id=values["workspace"].pk, window_hours=values["window_hours"], limit=values["limit"]
        )
        return Response(TrendRankingSerializer(ranking).data)
