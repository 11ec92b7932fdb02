"""The brand list's pages kept in the cache (brands/listcache.py): a repeated request reads no
row, and every change a caller could see (a kit, its colours, fonts or logos, a membership) shows
on the very next request."""

import pytest

from brands import services
from brands.models import BrandColor
from brands.tests.factories import BrandKitFactory, BrandLogoFactory
from brands.tests.images import png_bytes, upload
from conftest import client_for, member
from sparklio.core.services import membership_remove
from sparklio.core.tests.factories import MembershipFactory, WorkspaceFactory

BRANDS = "/api/v1/brands/"

pytestmark = pytest.mark.django_db


def names(client, **params) -> list[str]:
    return [row["name"] for row in client.get(BRANDS, params).json()["results"]]


def test_a_repeated_page_reads_no_row_and_is_the_same(owner_client, workspace, django_assert_num_queries):
    BrandKitFactory(workspace=workspace, name="달빛")
    first = owner_client.get(BRANDS).json()
    with django_assert_num_queries(0):
        again = owner_client.get(BRANDS).json()
    assert again == first and [row["name"] for row in again["results"]] == ["달빛"]


def test_every_change_to_a_kit_shows_on_the_next_request(owner_client, workspace, user):
    kit = services.brand_create(workspace=workspace, created_by=user, name="Halden")
    assert owner_client.get(BRANDS).json()["results"][0]["colors"] == []
    # colours from none to some (a bulk insert, which sends no signal of its own)
    owner_client.patch(f"{BRANDS}{kit.pk}/", {"colors": [{"name": "n", "hex": "#112233", "role": "primary"}]})
    assert [c["hex"] for c in owner_client.get(BRANDS).json()["results"][0]["colors"]] == ["#112233"]
    owner_client.patch(f"{BRANDS}{kit.pk}/", {"name": "Halden Knit"})
    assert names(owner_client) == ["Halden Knit"]
    # a colour changed through the ORM (the admin's inline, a shell)
    color = BrandColor.objects.get(brand=kit)
    color.hex = "#445566"
    color.save()
    assert [c["hex"] for c in owner_client.get(BRANDS).json()["results"][0]["colors"]] == ["#445566"]
    # a logo uploaded, then deleted
    response = owner_client.post(
        f"{BRANDS}{kit.pk}/logos/", {"file": upload("logo.png", png_bytes(), "image/png")}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert len(owner_client.get(BRANDS).json()["results"][0]["logos"]) == 1
    assert owner_client.delete(f"{BRANDS}{kit.pk}/logos/{response.json()['id']}/").status_code == 204
    assert owner_client.get(BRANDS).json()["results"][0]["logos"] == []
    # a second kit, then the first one deleted
    services.brand_create(workspace=workspace, created_by=user, name="Aster")
    assert names(owner_client) == ["Aster", "Halden Knit"]
    assert owner_client.delete(f"{BRANDS}{kit.pk}/").status_code == 204
    assert names(owner_client) == ["Aster"]


def test_a_logos_measured_palette_shows_once_measured(owner_client, workspace):
    kit = BrandKitFactory(workspace=workspace)
    logo = BrandLogoFactory(brand=kit, analysis_status="pending", palette=[])
    assert owner_client.get(BRANDS).json()["results"][0]["logos"][0]["analysis_status"] == "pending"
    logo.analysis_status, logo.palette = "ready", [{"hex": "#FF5A1F", "share": 1.0}]
    logo.save()
    assert owner_client.get(BRANDS).json()["results"][0]["logos"][0]["palette"] == [{"hex": "#FF5A1F", "share": 1.0}]


def test_who_sees_what_follows_memberships_at_once(workspace, user):
    BrandKitFactory(workspace=workspace, name="Ours")
    theirs = WorkspaceFactory()
    BrandKitFactory(workspace=theirs, name="Theirs")
    person = member(theirs, "viewer")
    stranger = client_for(person)
    owner = client_for(user)
    assert names(owner) == ["Ours"]
    assert names(stranger) == ["Theirs"]  # the same URL, another caller: never the page cached for the owner
    joined = MembershipFactory(workspace=workspace, user=person, role="viewer")
    assert names(stranger) == ["Ours", "Theirs"]
    membership_remove(membership=joined)
    assert names(stranger) == ["Theirs"]


def test_another_workspaces_change_keeps_this_page(owner_client, workspace, user, django_assert_num_queries):
    BrandKitFactory(workspace=workspace, name="Ours")
    elsewhere = WorkspaceFactory()
    owner_client.get(BRANDS)
    BrandKitFactory(workspace=elsewhere, name="Theirs")
    with django_assert_num_queries(0):
        assert names(owner_client) == ["Ours"]


def test_pages_and_hosts_are_kept_apart_and_filtered_lists_are_not_kept(
    owner_client, workspace, django_assert_num_queries, settings
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "studio.example.com"]
    for i in range(3):
        BrandKitFactory(workspace=workspace, name=f"kit {i}")
    assert names(owner_client, page_size=2) == ["kit 0", "kit 1"]
    assert names(owner_client, page_size=2, page=2) == ["kit 2"]
    other_host = owner_client.get(BRANDS, {"page_size": 2}, HTTP_HOST="studio.example.com").json()
    assert other_host["next"].startswith("http://studio.example.com/")
    assert owner_client.get(BRANDS, {"page_size": 2}).json()["next"].startswith("http://testserver/")
    owner_client.get(BRANDS, {"search": "kit"})
    with django_assert_num_queries(1):
        assert len(owner_client.get(BRANDS, {"search": "kit"}).json()["results"]) == 3


def test_off_when_the_setting_is_zero(owner_client, workspace, settings, django_assert_num_queries):
    settings.BRAND_LIST_CACHE_SECONDS = 0
    BrandKitFactory(workspace=workspace)
    owner_client.get(BRANDS)
    with django_assert_num_queries(1):
        owner_client.get(BRANDS)


def test_a_kept_page_is_the_same_response_and_the_browsable_page_is_not_kept(
    owner_client, workspace, django_assert_num_queries
):
    BrandKitFactory(workspace=workspace, name="Pine & Salt")
    first = owner_client.get(BRANDS)
    with django_assert_num_queries(0):
        again = owner_client.get(BRANDS)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] == "application/json"
    assert again["Allow"] == first["Allow"] and again["Vary"] == first["Vary"]
    # the browsable API gets its HTML page, never the kept JSON body
    html = owner_client.get(BRANDS, HTTP_ACCEPT="text/html")
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    assert "Pine &amp; Salt" in html.content.decode()
    # a JSON body asked for with an indent is kept apart from the plain one
    indented = owner_client.get(BRANDS, HTTP_ACCEPT="application/json; indent=2")
    assert indented.content != first.content and indented.json() == first.json()
