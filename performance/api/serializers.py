from django.utils.translation import gettext as _
from rest_framework import serializers

from performance.insights import PERFORMER_METRICS
from performance.models import PerformanceImport
from performance.selectors import GROUPS, METRICS
from sparklio.core.api import strict
from sparklio.core.api.scoping import WorkspaceField


class ImportCreateSerializer(strict.Serializer):
    workspace = WorkspaceField()
    file = serializers.FileField(
        help_text="CSV or XLSX as exported by Meta Ads, Google Ads or Naver search ads, or a sheet with date, "
        "campaign, ad, channel, variant, impressions, clicks, conversions, spend, revenue (English or Korean)."
    )


class RejectedRowSerializer(strict.Serializer):
    row = serializers.IntegerField(help_text="Row number as the spreadsheet shows it (1 = first line of the file).")
    reason = serializers.CharField()


class SkippedRowSerializer(strict.Serializer):
    row = serializers.IntegerField(help_text="Row number as the spreadsheet shows it (1 = first line of the file).")
    reason = serializers.CharField(help_text="'total line: …' or 'summary line: no campaign, ad group or ad'")


class ImportResultSerializer(strict.Serializer):
    id = serializers.IntegerField(source="record.pk", help_text="The import's id.")
    layout = serializers.CharField(source="record.layout", help_text="meta, google_ads, naver_search or generic.")
    header_row = serializers.IntegerField(source="record.header_row")
    imported = serializers.IntegerField(
        source="record.imported", help_text="Rows accepted: inserted + updated + unchanged."
    )
    inserted = serializers.IntegerField(source="record.inserted", help_text="Rows new to the workspace.")
    updated = serializers.IntegerField(source="record.updated", help_text="Stored rows whose figures changed.")
    unchanged = serializers.IntegerField(
        source="record.unchanged", help_text="Stored rows with the same figures (nothing written)."
    )
    skipped = serializers.IntegerField(source="record.skipped", help_text="Total and summary lines left out.")
    skipped_rows = SkippedRowSerializer(
        source="record.skipped_rows", many=True, help_text="Each skipped line with the reason (the first 1,000)."
    )
    rejected_count = serializers.IntegerField(source="record.rejected_count")
    rejected = RejectedRowSerializer(many=True, help_text="Refused rows with the reason (the first 1,000).")


class ImportSerializer(strict.ModelSerializer):
    class Meta:
        model = PerformanceImport
        fields = [
            "id",
            "workspace",
            "original_name",
            "layout",
            "header_row",
            "imported",
            "inserted",
            "updated",
            "unchanged",
            "skipped",
            "skipped_rows",
            "rejected_count",
            "rejected",
            "size",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields


class WindowSerializer(strict.QuerySerializer):
    workspace = WorkspaceField()
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)

    def validate(self, attrs):
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start and end and start > end:
            raise serializers.ValidationError({"date_to": [_("Comes before date_from.")]})
        return attrs


class SummaryQuerySerializer(WindowSerializer):
    group_by = serializers.ChoiceField(
        choices=list(GROUPS), help_text="campaign, ad, document, channel, variant or day."
    )


class ChartQuerySerializer(SummaryQuerySerializer):
    metric = serializers.ChoiceField(choices=list(METRICS))
    group_by = serializers.ChoiceField(choices=list(GROUPS), default="day")


class InsightsQuerySerializer(WindowSerializer):
    metric = serializers.ChoiceField(choices=list(PERFORMER_METRICS), default="auto")
    min_impressions = serializers.IntegerField(min_value=0, default=1000)
    min_clicks = serializers.IntegerField(min_value=0, default=50)


class GroupSerializer(strict.Serializer):
    label = serializers.CharField()
    impressions = serializers.FloatField()
    clicks = serializers.FloatField()
    conversions = serializers.FloatField()
    spend = serializers.FloatField()
    revenue = serializers.FloatField()
    ctr = serializers.FloatField(allow_null=True, help_text="clicks / impressions; null without impressions")
    cvr = serializers.FloatField(allow_null=True, help_text="conversions / clicks")
    cpc = serializers.FloatField(allow_null=True, help_text="spend / clicks")
    cpa = serializers.FloatField(allow_null=True, help_text="spend / conversions")
    roas = serializers.FloatField(allow_null=True, help_text="revenue / spend")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # the grouping's own key fields (campaign, date, document, …) travel as they are
        for key in ("campaign", "ad_group", "ad", "document", "channel", "variant", "date"):
            if key in instance:
                value = instance[key]
                data[key] = value.isoformat() if hasattr(value, "isoformat") else value
        return data


class SummarySerializer(strict.Serializer):
    group_by = serializers.CharField()
    groups = GroupSerializer(many=True)


class TotalsSerializer(strict.Serializer):
    impressions = serializers.FloatField()
    clicks = serializers.FloatField()
    conversions = serializers.FloatField()
    spend = serializers.FloatField()
    revenue = serializers.FloatField()
    ctr = serializers.FloatField(allow_null=True)
    cvr = serializers.FloatField(allow_null=True)
    cpc = serializers.FloatField(allow_null=True)
    cpa = serializers.FloatField(allow_null=True)
    roas = serializers.FloatField(allow_null=True)


class PerformerSerializer(strict.Serializer):
    label = serializers.CharField(help_text="campaign / ad group / ad / variant")
    value = serializers.FloatField(help_text="The ranking metric's value")
    campaign = serializers.CharField()
    ad_group = serializers.CharField()
    ad = serializers.CharField()
    variant = serializers.CharField()
    impressions = serializers.FloatField()
    clicks = serializers.FloatField()
    conversions = serializers.FloatField()
    spend = serializers.FloatField()
    revenue = serializers.FloatField()
    ctr = serializers.FloatField(allow_null=True)
    cvr = serializers.FloatField(allow_null=True)
    cpa = serializers.FloatField(allow_null=True)
    roas = serializers.FloatField(allow_null=True)


class VolumeSerializer(strict.Serializer):
    impressions = serializers.IntegerField()
    clicks = serializers.IntegerField()


class ArmSerializer(strict.Serializer):
    label = serializers.CharField()
    successes = serializers.FloatField(help_text="clicks (CTR) or conversions (CVR)")
    trials = serializers.FloatField(help_text="impressions (CTR) or clicks (CVR)")
    rate = serializers.FloatField()


class VariantTestSerializer(strict.Serializer):
    campaign = serializers.CharField()
    metric = serializers.ChoiceField(choices=["ctr", "cvr"])
    test = serializers.CharField(help_text="The test's name")
    a = ArmSerializer(help_text="The leader")
    b = ArmSerializer()
    z = serializers.FloatField(allow_null=True)
    p_value = serializers.FloatField(allow_null=True)
    p_adjusted = serializers.FloatField(allow_null=True, help_text="Holm-adjusted within the campaign")
    significant = serializers.BooleanField()
    enough_data = serializers.BooleanField(help_text="Each side expects at least 5 successes and 5 failures")


class AnomalySerializer(strict.Serializer):
    date = serializers.DateField()
    metric = serializers.ChoiceField(choices=["ctr", "spend"])
    value = serializers.FloatField()
    median = serializers.FloatField()
    robust_z = serializers.FloatField()
    direction = serializers.ChoiceField(choices=["high", "low"])
    method = serializers.CharField()


class RecommendationSerializer(strict.Serializer):
    en = serializers.CharField()
    ko = serializers.CharField()


class DataNoteSerializer(strict.Serializer):
    label = serializers.CharField(help_text="The ad (campaign / ad group / ad / variant), or 전체 / overall")
    metric = serializers.CharField(help_text="cvr")
    value = serializers.FloatField(help_text="The figure as reported, e.g. a CVR above 1 (100%)")
    en = serializers.CharField()
    ko = serializers.CharField()


class InsightsSerializer(strict.Serializer):
    metric = serializers.CharField(allow_null=True, help_text="ctr, cvr, roas or cpa; null without results")
    metric_reason = serializers.CharField()
    min_volume = VolumeSerializer()
    totals = TotalsSerializer()
    best = PerformerSerializer(many=True)
    worst = PerformerSerializer(many=True)
    variant_tests = VariantTestSerializer(many=True)
    anomalies = AnomalySerializer(many=True)
    data_notes = DataNoteSerializer(
        many=True,
        help_text="Figures left out of the ranking and the recommendations: a CVR above 100% (at most 20)",
    )
    recommendations = RecommendationSerializer(many=True)
