from rest_framework import serializers

from sparklio.core.api import strict
from sparklio.core.api.scoping import WorkspaceField
from trends import selectors
from trends.models import Feed


class FeedCreateSerializer(strict.Serializer):
    workspace = WorkspaceField()
    url = serializers.CharField(max_length=2000, help_text="An RSS or Atom feed (http or https).")
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)


class FeedSerializer(strict.ModelSerializer):
    items = serializers.IntegerField(source="item_count", read_only=True, help_text="Items stored")

    class Meta:
        model = Feed
        fields = [
            "id",
            "workspace",
            "url",
            "name",
            "title",
            "kind",
            "last_status",
            "last_error",
            "last_collected_at",
            "last_new",
            "last_duplicates",
            "items",
            "created_at",
        ]
        read_only_fields = fields


class CollectResultSerializer(strict.Serializer):
    feed = serializers.IntegerField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=["ok", "failed"])
    new = serializers.IntegerField(help_text="Items stored by this collection")
    duplicates = serializers.IntegerField(help_text="Items of the feed that were stored before")
    error = serializers.CharField(help_text="Why the collection failed; empty when it did not")


class FeedCreatedSerializer(FeedSerializer):
    collected = serializers.SerializerMethodField(help_text="The items of the fetch that checked the feed")

    class Meta(FeedSerializer.Meta):
        fields = [*FeedSerializer.Meta.fields, "collected"]
        read_only_fields = fields

    def get_collected(self, obj) -> dict:
        return CollectResultSerializer(self.context["collected"].as_dict()).data


class TrendQuerySerializer(strict.QuerySerializer):
    workspace = WorkspaceField()
    window_hours = serializers.IntegerField(
        min_value=1,
        max_value=selectors.MAX_WINDOW_HOURS,
        default=selectors.DEFAULT_WINDOW_HOURS,
        help_text="Length of the current window, and of the previous one it is compared with (default 168: a week).",
    )
    limit = serializers.IntegerField(min_value=1, max_value=selectors.MAX_LIMIT, default=selectors.DEFAULT_LIMIT)


class TrendFeedRefSerializer(strict.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class TrendItemSerializer(strict.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    link = serializers.CharField()
    published = serializers.DateTimeField()
    feed = TrendFeedRefSerializer()


class TrendKeywordSerializer(strict.Serializer):
    keyword = serializers.CharField()
    mentions = serializers.IntegerField(help_text="Items of the current window that contain it")
    previous = serializers.IntegerField(help_text="Items of the previous window that contain it")
    growth = serializers.FloatField(help_text="(mentions − previous) / (previous + 1): defined when previous is 0")
    new = serializers.BooleanField(help_text="Not mentioned in the previous window")
    items = TrendItemSerializer(many=True, help_text="Its latest items of the current window")


class TrendRankingSerializer(strict.Serializer):
    window_hours = serializers.IntegerField()
    start = serializers.DateTimeField(help_text="Start of the current window")
    end = serializers.DateTimeField(help_text="End of the current window: now")
    previous_start = serializers.DateTimeField(help_text="Start of the previous window (it ends at `start`)")
    feeds = serializers.IntegerField(help_text="Feeds the workspace follows")
    items = serializers.IntegerField(help_text="Items published in the current window")
    keywords = TrendKeywordSerializer(many=True)
