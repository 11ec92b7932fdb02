"""asset_create, asset_delete and assets_for_workspace on real files in the test's MEDIA_ROOT."""

from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image
from rest_framework.exceptions import ValidationError

from assets import services
from assets.models import Asset
from assets.selectors import assets_for_workspace
from assets.tests.factories import AssetFactory
from assets.tests.pictures import encode, small, upload
from sparklio.core.models import User

pytestmark = pytest.mark.django_db


def media_files() -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def test_create_stores_the_picture_under_the_workspace_uploads(workspace, user):
    data = small("JPEG", size=(120, 80))

    asset = services.asset_create(
        workspace=workspace, upload=upload(data, "Bottle shot.JPG", "image/jpeg"), created_by=user
    )

    assert asset.file.name.startswith(f"uploads/{workspace.pk}/assets/") and asset.file.name.endswith(".jpg")
    assert Path(asset.file.path).read_bytes() == data
    assert (asset.name, asset.original_name) == ("Bottle shot", "Bottle shot.JPG")
    assert (asset.content_type, asset.size_bytes, asset.width, asset.height) == ("image/jpeg", len(data), 120, 80)
    assert asset.created_by == user


def test_create_keeps_only_the_files_own_name(workspace, user):
    asset = services.asset_create(
        workspace=workspace, upload=upload(small(), "C:\\photos\\..\\cup.png"), created_by=user, name="  "
    )

    assert (asset.name, asset.original_name) == ("cup", "cup.png")


def test_a_gif_is_stored_as_its_first_frame_in_png(workspace, user):
    frames = [Image.new("RGB", (30, 20), colour) for colour in ("#FF0000", "#00FF00")]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)

    asset = services.asset_create(workspace=workspace, upload=upload(data, "anim.gif", "image/gif"), created_by=user)

    assert asset.content_type == "image/png" and asset.file.name.endswith(".png")
    with Image.open(asset.file.path) as stored:
        assert stored.format == "PNG" and stored.size == (30, 20)
        assert stored.convert("RGB").getpixel((5, 5)) == (255, 0, 0)
    assert asset.size_bytes == Path(asset.file.path).stat().st_size


def test_a_quarter_turned_photo_records_its_upright_size(workspace, user):
    exif = Image.Exif()
    exif[0x0112] = 8
    data = encode(Image.new("RGB", (90, 30), "#336699"), "JPEG", exif=exif)

    asset = services.asset_create(workspace=workspace, upload=upload(data, "phone.jpg"), created_by=user)

    assert (asset.width, asset.height) == (30, 90)


def test_create_refuses_a_bad_file_on_file_and_stores_nothing(workspace, user):
    with pytest.raises(ValidationError) as raised:
        services.asset_create(workspace=workspace, upload=upload(b"just text"), created_by=user)

    assert set(raised.value.detail) == {"file"}
    assert not Asset.objects.exists() and media_files() == []


def test_create_removes_the_file_when_the_row_cannot_be_saved(workspace):
    unsaved_user = User(username="ghost")

    with pytest.raises(ValueError, match="unsaved related object"):
        services.asset_create(workspace=workspace, upload=upload(small()), created_by=unsaved_user)

    assert not Asset.objects.exists() and media_files() == []


def test_delete_removes_the_file_only_after_commit(workspace, django_capture_on_commit_callbacks):
    asset, other = AssetFactory(workspace=workspace), AssetFactory(workspace=workspace)
    path = Path(asset.file.path)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.asset_delete(asset=asset)

    assert list(Asset.objects.all()) == [other]
    assert path.exists()  # a rolled-back delete would still need it
    for callback in callbacks:
        callback()
    assert not path.exists() and Path(other.file.path).exists()


# --- assets_for_workspace ---------------------------------------------------------------------------


def test_assets_for_workspace_returns_them_in_the_order_asked(workspace):
    first, second = AssetFactory(workspace=workspace), AssetFactory(workspace=workspace)

    assert assets_for_workspace(workspace.pk, [second.pk, first.pk, second.pk]) == [second, first]
    assert assets_for_workspace(workspace.pk, []) == []


def test_assets_for_workspace_names_unknown_and_foreign_ids_alike(workspace, other_workspace):
    mine = AssetFactory(workspace=workspace)
    foreign = AssetFactory(workspace=other_workspace)

    with pytest.raises(ValidationError) as raised:
        assets_for_workspace(workspace.pk, [mine.pk, foreign.pk, 987654])

    assert raised.value.detail == {"assets": [f"No assets {foreign.pk}, 987654 in this workspace."]}


def test_assets_for_workspace_reads_once(workspace, django_assert_num_queries):
    ids = [AssetFactory(workspace=workspace).pk for _ in range(3)]

    with django_assert_num_queries(1):
        assets_for_workspace(workspace.pk, ids)
