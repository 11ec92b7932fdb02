import datetime as dt

import factory

from contentcalendar.models import CalendarEntry, EntryStatus
from contentcalendar.planner import KST
from sparklio.core.tests.factories import WorkspaceFactory


class CalendarEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarEntry

    workspace = factory.SubFactory(WorkspaceFactory)
    title = factory.Sequence(lambda n: f"게시물 {n}")
    channel = "instagram_feed"
    publish_at = factory.Sequence(lambda n: dt.datetime(2027, 3, 1, 19, tzinfo=KST) + dt.timedelta(days=n % 28))
    status = EntryStatus.DRAFT
