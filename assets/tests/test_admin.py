"""The assets admin: uploads and deletions through the services, staff scoped to their workspaces."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from assets.models import Asset
from assets.tests.factories import AssetFactory
from assets.tests.pictures import small, upload
from sparklio.core.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:assets_asset_changelist")
ADD = reverse("admin:assets_asset_add")


def change_url(asset) -> str:
    return reverse("admin:assets_asset_change", args=[asset.pk])


def delete_url(asset) -> str:
    return reverse("admin:assets_asset_delete", args=[asset.pk])


def media_files() -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def staff_with(*codenames: str, workspace=None, role: str = "editor"):
    person = UserFactory(is_staff=True)
    person.user_permissions.set(Permission.objects.filter(content_type__app_label="assets", codename__in=codenames))
    if workspace is not None:
        MembershipFactory(workspace=workspace, user=person, role=role)
    return person


def test_changelist_and_change_page_show_the_pictures(admin_client, workspace):
    asset = AssetFactory(workspace=workspace, name="Front shot")

    listing = admin_client.get(CHANGELIST).content.decode()
    page = admin_client.get(change_url(asset)).content.decode()

    assert "Front shot" in listing and asset.file.name in listing and "64×48" in listing
    assert asset.file.name in page and "Front shot" in page


def test_admin_upload_creates_the_asset_through_the_service(admin_client, workspace, admin_user):
    data = small("JPEG", size=(80, 60))

    response = admin_client.post(
        ADD, {"workspace": workspace.pk, "name": "", "upload": upload(data, "pack shot.jpg", "image/jpeg")}
    )

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    asset = Asset.objects.get()
    assert response["Location"] == CHANGELIST
    assert (asset.name, asset.content_type, asset.width, asset.height) == ("pack shot", "image/jpeg", 80, 60)
    assert asset.created_by == admin_user and Path(asset.file.path).read_bytes() == data


def test_admin_refuses_a_bad_upload_and_stores_nothing(admin_client, workspace):
    response = admin_client.post(ADD, {"workspace": workspace.pk, "upload": upload(b"not a picture")})

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["upload"]
    assert not Asset.objects.exists() and media_files() == []


def test_admin_delete_removes_the_file(admin_client, workspace, django_capture_on_commit_callbacks):
    asset = AssetFactory(workspace=workspace)
    path = Path(asset.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(delete_url(asset), {"post": "yes"})

    assert response.status_code == 302
    assert not Asset.objects.exists() and not path.exists()


def test_admin_bulk_delete_removes_the_files(admin_client, workspace, django_capture_on_commit_callbacks):
    assets = [AssetFactory(workspace=workspace), AssetFactory(workspace=workspace)]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST,
            {"action": "delete_selected", "_selected_action": [a.pk for a in assets], "post": "yes"},
        )

    assert response.status_code == 302
    assert not Asset.objects.exists() and media_files() == []


def test_staff_see_and_upload_only_into_their_workspaces(client, workspace, other_workspace):
    person = staff_with("view_asset", "add_asset", "change_asset", workspace=workspace)
    mine, foreign = AssetFactory(workspace=workspace), AssetFactory(workspace=other_workspace)
    client.force_login(person)

    listing = client.get(CHANGELIST).content.decode()
    assert mine.file.name in listing and foreign.file.name not in listing
    assert client.get(change_url(foreign)).status_code == 302  # sent away: not theirs

    refused = client.post(ADD, {"workspace": other_workspace.pk, "upload": upload(small())})
    assert list(refused.context["adminform"].form.errors) == ["workspace"]
    assert Asset.objects.count() == 2


def test_staff_who_only_view_the_workspace_cannot_delete(client, workspace):
    person = staff_with("view_asset", "change_asset", "delete_asset", workspace=workspace, role="viewer")
    asset = AssetFactory(workspace=workspace)
    client.force_login(person)

    assert client.get(change_url(asset)).status_code == 200
    assert client.post(delete_url(asset), {"post": "yes"}).status_code == 403
    assert Asset.objects.exists()
