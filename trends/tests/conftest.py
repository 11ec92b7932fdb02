import pytest

from trends.tests.feedserver import FeedServer


@pytest.fixture
def feed_server(settings):
    """The loopback feed server, with the outbound fetcher allowed to reach it."""
    settings.OUTBOUND_ALLOW_PRIVATE = ["127.0.0.1"]
    server = FeedServer()
    yield server
    server.close()
