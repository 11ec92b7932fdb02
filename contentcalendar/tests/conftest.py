import pytest

from brands.tests.factories import BrandKitFactory
from documents.services import document_create

CONTENT = {"width": 100, "height": 100, "pages": [{"id": "p", "objects": []}]}


@pytest.fixture
def brand(workspace):
    return BrandKitFactory(workspace=workspace, name="소리숲", language="ko")


@pytest.fixture
def document(workspace, user):
    return document_create(workspace=workspace, user=user, content=CONTENT, title="설날 카드")
