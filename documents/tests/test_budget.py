"""Render budgets: a document whose images decode to too many pixels (or are too many) is refused
when written, naming the image's JSON path; a render stops at its time budget."""

import base64
import io
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image
from rest_framework.exceptions import ValidationError

from documents.models import Document
from documents.render import render_page
from documents.schema import SparklioDocument
from documents.services import document_update

pytestmark = pytest.mark.django_db
DOCS = "/api/v1/documents/"


def webp(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, "WEBP", lossless=True, method=0)
    return out.getvalue()


def data_url(data: bytes, kind: str = "webp") -> str:
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


@pytest.fixture(scope="module")
def huge_webp() -> str:
    """The reported bomb's image: 6000×6000 pixels in about 2 KB."""
    return data_url(webp((6000, 6000)))


def document(sources: list[str]) -> dict:
    return {
        "schema_version": "2.0",
        "width": 1080,
        "height": 1080,
        "pages": [
            {
                "id": "p1",
                "objects": [
                    {"id": f"i{n}", "type": "image", "role": "product_image", "src": src, "width": 100, "height": 100}
                    for n, src in enumerate(sources)
                ],
            }
        ],
    }


def create(client, workspace, content):
    return client.post(DOCS, {"workspace": workspace.id, "content": content}, format="json")


def test_the_reported_render_bomb_is_refused_at_write_naming_the_image(owner_client, workspace, huge_webp):
    assert len(huge_webp) < 4000
    content = document([huge_webp] * 150)
    response = create(owner_client, workspace, content)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    # 36 MP each is within the per-image limit; the sixth takes the document past 200 MP.
    assert list(body["errors"]) == ["content.pages[0].objects[5].src"]
    assert "216000000" in body["detail"] and "200000000" in body["detail"]
    assert not Document.objects.exists()


def test_too_many_images_are_refused_naming_the_first_one_past_the_limit(owner_client, workspace, settings):
    settings.RENDER_MAX_IMAGES = 3
    small = data_url(webp((10, 10)))
    response = create(owner_client, workspace, document([small] * 4))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["content.pages[0].objects[3].src"]
    assert create(owner_client, workspace, document([small] * 3)).status_code == 201


def test_pixels_add_up_over_the_document(owner_client, workspace, settings):
    settings.RENDER_MAX_DOCUMENT_PIXELS = 25_000
    picture = data_url(webp((100, 100)))  # 10,000 pixels each
    response = create(owner_client, workspace, document([picture] * 3))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["content.pages[0].objects[2].src"]
    assert "30000" in errors["content.pages[0].objects[2].src"][0]
    assert create(owner_client, workspace, document([picture] * 2)).status_code == 201


def test_images_in_groups_backgrounds_and_storage_are_measured(owner_client, workspace, settings):
    settings.RENDER_MAX_IMAGE_PIXELS = 5_000
    path = default_storage.save(f"uploads/{workspace.id}/big.webp", ContentFile(webp((100, 100))))
    grouped = document([])
    grouped["pages"][0]["objects"] = [
        {
            "id": "g",
            "type": "group",
            "role": "card",
            "width": 500,
            "height": 500,
            "children": [{"id": "i", "type": "image", "role": "logo", "src": path, "width": 10, "height": 10}],
        }
    ]
    response = create(owner_client, workspace, grouped)
    assert list(response.json()["errors"]) == ["content.pages[0].objects[0].children[0].src"]
    background = document([])
    background["pages"][0]["background_image"] = data_url(webp((100, 100)))
    response = create(owner_client, workspace, background)
    assert list(response.json()["errors"]) == ["content.pages[0].background_image"]


def test_updates_go_through_the_same_check(owner_client, workspace, user, settings, huge_webp):
    created = create(owner_client, workspace, document([])).json()
    settings.RENDER_MAX_IMAGE_PIXELS = 30_000_000
    response = owner_client.put(
        f"{DOCS}{created['id']}/", {"content": document([huge_webp]), "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["content.pages[0].objects[0].src"]
    assert "6000×6000" in response.json()["detail"]
    with pytest.raises(ValidationError, match="6000×6000"):
        document_update(
            document=Document.objects.get(pk=created["id"]), user=user, content=document([huge_webp]), base_version=1
        )


def legacy(workspace, content: dict) -> Document:
    """A document stored before the limits existed (written around the checks)."""
    return Document.objects.create(workspace=workspace, title="old", content=content, version=1)


def test_a_render_stops_at_its_time_budget_with_a_json_error(owner_client, workspace, settings):
    picture = data_url(webp((3000, 3000)))
    doc = legacy(workspace, SparklioDocument.model_validate(document([picture] * 40)).model_dump(mode="json"))
    settings.RENDER_TIME_BUDGET_SECONDS = 0.5
    started = time.monotonic()
    response = owner_client.get(f"{DOCS}{doc.id}/render/")
    elapsed = time.monotonic() - started
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "render_budget_exceeded"
    assert "0.5 s" in body["detail"] and body["object"].startswith("image i")
    assert elapsed < 5, elapsed


def test_a_render_draws_images_past_the_pixel_budget_as_placeholders(settings):
    settings.RENDER_MAX_DOCUMENT_PIXELS = 15_000
    red = data_url(webp((100, 100)))
    parsed = SparklioDocument.model_validate(document([red, red]))
    parsed.pages[0].objects[1].x = 500
    result = render_page(parsed, 0)
    image = Image.open(io.BytesIO(result.content)).convert("RGB")
    assert image.getpixel((50, 50))[0] > 150  # the first image is drawn
    assert image.getpixel((550, 50)) != image.getpixel((50, 50))  # the second is not
    assert any("decoded pixels" in warning for warning in result.warnings)


def test_admin_thumbnails_over_the_budget_answer_422_not_500(admin_client, workspace, settings):
    doc = legacy(
        workspace, SparklioDocument.model_validate(document([data_url(webp((50, 50)))])).model_dump(mode="json")
    )
    settings.RENDER_TIME_BUDGET_SECONDS = 0
    response = admin_client.get(f"/admin/documents/document/{doc.id}/thumbnail.jpg")
    assert response.status_code == 422 and response.json()["code"] == "render_budget_exceeded"
