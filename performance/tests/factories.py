import datetime as dt
from decimal import Decimal

import factory

from performance.models import MetricRow
from sparklio.core.tests.factories import WorkspaceFactory


class MetricRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MetricRow

    workspace = factory.SubFactory(WorkspaceFactory)
    date = factory.Sequence(lambda n: dt.date(2026, 11, 1) + dt.timedelta(days=n % 28))
    campaign = "Campaign"
    ad = factory.Sequence(lambda n: f"Ad {n}")
    channel = "meta"
    impressions = 1000
    clicks = 20
    conversions = Decimal("2")
    spend = Decimal("10000")
    revenue = Decimal("40000")
