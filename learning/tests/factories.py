"""Documents with generated copy, and feedback on them."""

import factory

from documents.services import document_create
from learning.models import Feedback, FeedbackTarget


def text_object(obj_id: str, role: str, text: str, *, generated: bool = True, y: float = 100) -> dict:
    obj = {
        "id": obj_id,
        "type": "text",
        "role": role,
        "text": text,
        "x": 80,
        "y": y,
        "width": 900,
        "height": 120,
    }
    if generated:
        obj["provenance"] = {"source": "agent", "agent": "copywriter"}
    return obj


def content_with(*objects: dict, brand: int | None = None) -> dict:
    return {
        "width": 1080,
        "height": 1080,
        "brand": brand,
        "pages": [{"id": "p1", "objects": list(objects)}],
    }


def make_document(workspace, brand, *texts: tuple[str, str], user=None, generated: bool = True):
    """A design whose copy is ``texts`` ((role, text), …), made by an agent unless told otherwise."""
    objects = [
        text_object(f"t{index}", role, text, generated=generated, y=100 + 150 * index)
        for index, (role, text) in enumerate(texts)
    ]
    return document_create(workspace=workspace, user=user, content=content_with(*objects), brand=brand)


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    workspace = factory.LazyAttribute(lambda o: o.document.workspace)
    brand = factory.LazyAttribute(lambda o: o.document.brand)
    target = FeedbackTarget.DOCUMENT
    rating = 5
    texts = factory.LazyAttribute(lambda o: [])
