import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from brands.tests.factories import BrandKitFactory
from documents.services import document_create
from sparklio.core.events import workspace_group

CONTENT = {"width": 100, "height": 100, "pages": [{"id": "p", "objects": []}]}


@pytest.fixture
def brand(workspace):
    return BrandKitFactory(workspace=workspace, name="소리숲", language="ko")


@pytest.fixture
def document(workspace, user):
    return document_create(workspace=workspace, user=user, content=CONTENT, title="설날 카드")


@pytest.fixture
def workspace_events(workspace, settings):
    """Listens on the workspace's group of the in-memory channel layer; call it for the events
    sent so far."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    group = workspace_group(workspace.pk)
    async_to_sync(layer.group_add)(group, channel)

    def sent() -> list[dict]:
        async_to_sync(layer.send)(channel, {"type": "test.end"})
        events = []
        while (message := async_to_sync(layer.receive)(channel))["type"] != "test.end":
            events.append(message["event"])
        return events

    yield sent
    async_to_sync(layer.group_discard)(group, channel)
