from rest_framework import serializers

from sparklio.core.api import strict

MONEY = {"max_digits": 14, "decimal_places": 8, "coerce_to_string": True}


class WorkflowStatusCountsSerializer(strict.Serializer):
    """One field per agents.models.RunStatus (ops/tests/test_stats.py keeps them in step)."""

    pending = serializers.IntegerField()
    running = serializers.IntegerField()
    succeeded = serializers.IntegerField()
    failed = serializers.IntegerField()


class FailureReasonSerializer(strict.Serializer):
    reason = serializers.CharField(help_text="The failed workflow's error, cut at 200 characters")
    count = serializers.IntegerField()


class WorkflowStatsSerializer(strict.Serializer):
    by_status = WorkflowStatusCountsSerializer()
    failure_reasons = FailureReasonSerializer(many=True, help_text="The ten commonest, most first")


class QueueDepthSerializer(strict.Serializer):
    queue = serializers.CharField()
    waiting = serializers.IntegerField(allow_null=True, help_text="Tasks not yet taken by a worker; null: no queue")
    broker = serializers.ChoiceField(choices=["redis", "memory", "eager"])
    note = serializers.CharField(help_text="What the number covers")


class ProviderSpendSerializer(strict.Serializer):
    provider = serializers.CharField()
    calls = serializers.IntegerField(help_text="Ledger rows: requests, cache answers and refusals")
    cost_usd = serializers.DecimalField(**MONEY)


class SpendPeriodSerializer(strict.Serializer):
    since = serializers.DateTimeField(help_text="Local midnight (TIME_ZONE) of the day, or of the month's 1st")
    total_usd = serializers.DecimalField(**MONEY)
    by_provider = ProviderSpendSerializer(many=True)


class GatewaySpendSerializer(strict.Serializer):
    today = SpendPeriodSerializer()
    month = SpendPeriodSerializer()


class OpenSocketsSerializer(strict.Serializer):
    count = serializers.IntegerField()
    scope = serializers.CharField(help_text="Which server processes the count covers")


class AdminStatsSerializer(strict.Serializer):
    generated_at = serializers.DateTimeField()
    workflows = WorkflowStatsSerializer()
    queue = QueueDepthSerializer()
    gateway_spend = GatewaySpendSerializer()
    sockets = OpenSocketsSerializer()
