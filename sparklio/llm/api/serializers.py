from datetime import UTC

from rest_framework import serializers

from sparklio.core.api import strict
from sparklio.core.api.fields import MAX_ID, DateTimeField
from sparklio.llm.models import LLMCall


class ProviderStatusSerializer(strict.Serializer):
    name = serializers.CharField()
    configured = serializers.BooleanField()
    models = serializers.DictField(child=serializers.CharField(), help_text="Default model per purpose.")
    in_fallback_chain = serializers.BooleanField()
    health = serializers.ChoiceField(choices=["ok", "cooling_down", "not_configured", "failing", "unknown"])
    cooldown_until = serializers.DateTimeField(allow_null=True)
    last_success_at = serializers.DateTimeField(allow_null=True)
    last_error = serializers.CharField(allow_blank=True)


class UsageQuerySerializer(strict.QuerySerializer):
    workspace = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Needed when you belong to several workspaces."
    )
    provider = serializers.CharField(required=False)
    purpose = serializers.ChoiceField(choices=["fast", "smart", "vision", "embedding"], required=False)
    since = DateTimeField(required=False, help_text="Default: the start of this month (UTC).")
    until = DateTimeField(required=False)


class UsageTotalsSerializer(strict.Serializer):
    calls = serializers.IntegerField()
    cost_usd = serializers.DecimalField(max_digits=14, decimal_places=8)
    input_tokens = serializers.IntegerField()
    output_tokens = serializers.IntegerField()
    cached_input_tokens = serializers.IntegerField()
    cache_hits = serializers.IntegerField()


class UsageDaySerializer(strict.Serializer):
    day = serializers.DateField()
    calls = serializers.IntegerField()
    cost_usd = serializers.DecimalField(max_digits=14, decimal_places=8)


class UsageProviderSerializer(strict.Serializer):
    provider = serializers.CharField()
    model = serializers.CharField()
    calls = serializers.IntegerField()
    cost_usd = serializers.DecimalField(max_digits=14, decimal_places=8)
    input_tokens = serializers.IntegerField()
    output_tokens = serializers.IntegerField()


class UsageSerializer(strict.Serializer):
    workspace = serializers.IntegerField()
    # in UTC: the moment asked for, which in the server's zone may carry a local mean time
    # offset with seconds (+08:27:52 in year 143), no valid date-time
    since = serializers.DateTimeField(default_timezone=UTC)
    until = serializers.DateTimeField(allow_null=True, default_timezone=UTC)
    monthly_budget_usd = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    month_to_date_usd = serializers.DecimalField(max_digits=14, decimal_places=8)
    totals = UsageTotalsSerializer()
    by_day = UsageDaySerializer(many=True)
    by_provider = UsageProviderSerializer(many=True)


class LLMCallSerializer(strict.ModelSerializer):
    cause_type = serializers.SlugRelatedField(slug_field="model", read_only=True)

    class Meta:
        model = LLMCall
        fields = [
            "id",
            "request_id",
            "workspace",
            "user",
            "purpose",
            "provider",
            "model",
            "streamed",
            "structured",
            "input_tokens",
            "output_tokens",
            "cached_input_tokens",
            "cache_write_tokens",
            "cost_usd",
            "price_known",
            "latency_ms",
            "ttft_ms",
            "attempt",
            "fallback",
            "cache_hit",
            "outcome",
            "error",
            "cause_type",
            "cause_id",
            "created_at",
        ]
        read_only_fields = fields
