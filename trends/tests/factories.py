import hashlib

import factory
from django.utils import timezone

from sparklio.core.tests.factories import WorkspaceFactory
from trends.models import Feed, FeedItem, FeedKind


class FeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feed

    workspace = factory.SubFactory(WorkspaceFactory)
    url = factory.Sequence(lambda n: f"https://news.example.com/feed{n}.xml")
    name = factory.Sequence(lambda n: f"Feed {n}")
    kind = FeedKind.RSS


class FeedItemFactory(factory.django.DjangoModelFactory):
    """An item as stored (keywords given; a collection would extract them)."""

    class Meta:
        model = FeedItem

    feed = factory.SubFactory(FeedFactory)
    workspace = factory.LazyAttribute(lambda o: o.feed.workspace)
    guid = factory.Sequence(lambda n: f"item-{n}")
    key = factory.LazyAttribute(lambda o: hashlib.sha256(o.guid.encode()).hexdigest())
    story = factory.LazyAttribute(lambda o: o.key)
    title = factory.Sequence(lambda n: f"Item {n}")
    published = factory.LazyFunction(timezone.now)
