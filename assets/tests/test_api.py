"""The assets API end to end: uploads sniffed from their bytes, roles, scoping, no orphan files."""

from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from assets.models import Asset
from assets.tests.factories import AssetFactory
from assets.tests.pictures import encode, small, upload
from brands.tests.images import svg_bytes, undecodable_png
from conftest import client_for, member
from sparklio.core.tests.factories import MembershipFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db

ASSETS = "/api/v1/assets/"


def media_files() -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def assert_invalid(response, field: str) -> None:
    """400 in the API's error shape, with messages for ``field``."""
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid" and body["detail"]
    assert field in body["errors"], body["errors"]
    assert all(isinstance(m, str) and m for m in body["errors"][field])


def post(client, workspace, data: bytes, name: str = "photo.png", content_type: str = "image/png"):
    payload = {"workspace": workspace.pk, "file": upload(data, name, content_type)}
    return client.post(ASSETS, payload, format="multipart")


def test_upload_answers_201_with_the_stored_picture(owner_client, workspace, user):
    data = small("PNG", size=(64, 48))

    response = post(owner_client, workspace, data, name="Glow serum.png")

    assert response.status_code == 201, response.content
    body = response.json()
    asset = Asset.objects.get()
    assert set(body) == {
        "id",
        "workspace",
        "name",
        "url",
        "width",
        "height",
        "content_type",
        "bytes",
        "original_name",
        "created_at",
    }
    assert (body["id"], body["workspace"], body["name"]) == (asset.pk, workspace.pk, "Glow serum")
    assert (body["width"], body["height"], body["content_type"], body["bytes"]) == (64, 48, "image/png", len(data))
    assert (asset.created_by, Path(asset.file.path).read_bytes()) == (user, data)


def test_the_url_is_a_signed_media_link_that_serves_the_file(owner_client, workspace, api_client):
    data = small("WEBP")
    url = post(owner_client, workspace, data, name="p.webp", content_type="image/webp").json()["url"]

    path, _, query = url.partition("?")
    assert path.endswith(Asset.objects.get().file.name) and "exp=" in query and "sig=" in query
    served = api_client.get(url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == data
    assert api_client.get(path).status_code == 404  # unsigned


def test_the_name_is_taken_when_given(owner_client, workspace):
    payload = {"workspace": workspace.pk, "file": upload(small(), "IMG_0042.png"), "name": "X1 earbuds, front"}
    response = owner_client.post(ASSETS, payload, format="multipart")

    assert response.json()["name"] == "X1 earbuds, front"


def test_the_type_comes_from_the_bytes_not_the_name(owner_client, workspace):
    response = post(owner_client, workspace, small("JPEG"), name="photo.png", content_type="image/png")

    assert response.status_code == 201
    assert response.json()["content_type"] == "image/jpeg" and Asset.objects.get().file.name.endswith(".jpg")


BAD_FILES = [
    pytest.param("photo.png", b"Hello, I am text pretending to be a PNG.\n", id="text"),
    pytest.param("logo.svg", svg_bytes('<rect width="10" height="10"/>'), id="svg"),
    pytest.param("photo.png", small()[:60], id="truncated-png"),
    pytest.param("photo.png", undecodable_png(), id="undecodable-png"),
    pytest.param("photo.bmp", encode(Image.new("RGB", (8, 8)), "BMP"), id="bmp"),
    pytest.param("photo.tif", encode(Image.new("RGB", (8, 8)), "TIFF"), id="tiff"),
]


@pytest.mark.parametrize(("name", "data"), BAD_FILES)
def test_upload_refuses_what_is_not_an_accepted_picture_and_stores_nothing(owner_client, workspace, name, data):
    response = post(owner_client, workspace, data, name=name)

    assert_invalid(response, "file")
    assert not Asset.objects.exists() and media_files() == []


def test_an_svg_is_refused_by_name(owner_client, workspace):
    response = post(owner_client, workspace, svg_bytes(), name="logo.svg", content_type="image/svg+xml")

    assert "SVG" in response.json()["errors"]["file"][0]


def test_upload_refuses_a_file_over_the_size_limit(owner_client, workspace, settings):
    data = small()
    settings.ASSET_MAX_BYTES = len(data) - 1

    response = post(owner_client, workspace, data)

    assert_invalid(response, "file")
    assert str(len(data) - 1) in response.json()["errors"]["file"][0]
    assert not Asset.objects.exists() and media_files() == []
    settings.ASSET_MAX_BYTES = len(data)
    assert post(owner_client, workspace, data).status_code == 201


def test_upload_refuses_too_many_pixels_and_decompression_bombs(owner_client, workspace, settings):
    settings.ASSET_MAX_PIXELS = 64 * 48 - 1
    assert_invalid(post(owner_client, workspace, small(size=(64, 48))), "file")

    settings.ASSET_MAX_PIXELS = 10**12  # Pillow's own bomb guard still stands behind ours
    bomb = encode(Image.new("1", (12_000, 12_000)), "PNG")
    assert_invalid(post(owner_client, workspace, bomb), "file")
    assert not Asset.objects.exists() and media_files() == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"file": "not-a-file"}, "file"),
        ({}, "file"),
    ],
    ids=["not-a-file", "no-file"],
)
def test_upload_without_a_file_names_file(owner_client, workspace, payload, field):
    response = owner_client.post(ASSETS, {"workspace": workspace.pk, **payload}, format="multipart")

    assert_invalid(response, field)


def test_upload_without_a_workspace_names_workspace(owner_client, workspace):
    response = owner_client.post(ASSETS, {"file": upload(small())}, format="multipart")

    assert_invalid(response, "workspace")
    assert media_files() == []


def test_upload_into_another_workspace_names_workspace_and_stores_nothing(owner_client, other_workspace):
    response = post(owner_client, other_workspace, small())

    assert_invalid(response, "workspace")
    assert not Asset.objects.exists() and media_files() == []


def test_viewers_read_and_editors_write(workspace):
    viewer, editor = client_for(member(workspace, "viewer")), client_for(member(workspace, "editor"))
    asset = AssetFactory(workspace=workspace)

    assert viewer.get(f"{ASSETS}{asset.pk}/").status_code == 200
    assert post(viewer, workspace, small()).status_code == 403
    assert viewer.delete(f"{ASSETS}{asset.pk}/").status_code == 403
    assert Asset.objects.count() == 1 and len(media_files()) == 1

    assert post(editor, workspace, small()).status_code == 201
    assert editor.delete(f"{ASSETS}{asset.pk}/").status_code == 204


def test_anonymous_callers_are_refused(api_client, workspace):
    assert api_client.get(ASSETS).status_code == 401
    assert post(api_client, workspace, small()).status_code == 401


def test_list_shows_my_workspaces_newest_first_and_filters(
    owner_client, workspace, other_workspace, user, django_assert_num_queries
):
    second = WorkspaceFactory()
    MembershipFactory(workspace=second, user=user, role="viewer")
    older, newer = AssetFactory(workspace=workspace), AssetFactory(workspace=workspace)
    elsewhere = AssetFactory(workspace=second)
    AssetFactory(workspace=other_workspace)

    owner_client.get("/api/v1/auth/me/")  # a token's first use notes its last_used (then once a minute)
    with django_assert_num_queries(2):  # count, page (token and roles cached after the first use)
        body = owner_client.get(ASSETS).json()
    assert [item["id"] for item in body["results"]] == [elsewhere.pk, newer.pk, older.pk]
    assert body["count"] == 3 and body["next"] is None

    filtered = owner_client.get(ASSETS, {"workspace": workspace.pk, "page_size": 1}).json()
    assert filtered["count"] == 2 and [item["id"] for item in filtered["results"]] == [newer.pk]
    assert filtered["next"]
    assert owner_client.get(ASSETS, {"workspace": other_workspace.pk}).json()["count"] == 0
    assert owner_client.get(ASSETS, {"search": older.name}).json()["results"][0]["id"] == older.pk


def test_list_query_count_does_not_grow_with_the_page(owner_client, workspace, django_assert_num_queries):
    for _ in range(12):
        AssetFactory(workspace=workspace)
    owner_client.get("/api/v1/auth/me/")  # a token's first use notes its last_used (then once a minute)

    with django_assert_num_queries(2):  # count, page
        assert len(owner_client.get(ASSETS).json()["results"]) == 12


def test_another_workspaces_asset_is_not_found(owner_client, other_workspace):
    foreign = AssetFactory(workspace=other_workspace)

    assert owner_client.get(f"{ASSETS}{foreign.pk}/").status_code == 404
    assert owner_client.delete(f"{ASSETS}{foreign.pk}/").status_code == 404
    assert Asset.objects.filter(pk=foreign.pk).exists()


def test_delete_removes_the_row_and_its_file(owner_client, workspace, django_capture_on_commit_callbacks):
    asset = AssetFactory(workspace=workspace)
    path = Path(asset.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.delete(f"{ASSETS}{asset.pk}/")

    assert response.status_code == 204
    assert not Asset.objects.exists() and not path.exists()
