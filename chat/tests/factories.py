import factory

from brands.tests.factories import BrandKitFactory
from chat.models import ChatMessage, ChatSession, MessageRole


class ChatSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChatSession

    brand = factory.SubFactory(BrandKitFactory)
    workspace = factory.LazyAttribute(lambda o: o.brand.workspace)
    title = factory.Sequence(lambda n: f"Chat {n}")


class ChatMessageFactory(factory.django.DjangoModelFactory):
    """A message as the chat stores it; an assistant message names the intent it answered."""

    class Meta:
        model = ChatMessage

    session = factory.SubFactory(ChatSessionFactory)
    workspace = factory.LazyAttribute(lambda o: o.session.workspace)
    role = MessageRole.USER
    content = "안녕하세요"
