"""A document's detail kept in the cache (documents/detailcache.py): a repeated read touches no
row and is the same response; every change a reader could see shows on the very next request;
who may read it is checked on every request."""

import pytest

from brands.tests.factories import BrandKitFactory
from conftest import client_for, member
from documents.tests.test_api import DOCS, create
from sparklio.core.models import Membership
from sparklio.core.services import membership_remove
from sparklio.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_repeated_read_touches_no_row_and_is_the_same_response(owner_client, workspace, django_assert_num_queries):
    doc = create(owner_client, workspace, title="봄 신상 포스터").json()
    first = owner_client.get(f"{DOCS}{doc['id']}/")
    with django_assert_num_queries(0):
        again = owner_client.get(f"{DOCS}{doc['id']}/")
    assert again.status_code == 200 and again.content == first.content
    assert again["ETag"] == first["ETag"] == '"1"'
    assert again["Content-Type"] == first["Content-Type"] == "application/json"
    assert again.json()["title"] == "봄 신상 포스터"


def test_every_write_shows_on_the_next_read(owner_client, workspace):
    doc = create(owner_client, workspace).json()
    url = f"{DOCS}{doc['id']}/"
    owner_client.get(url)
    patched = owner_client.patch(url, {"title": "Summer sale", "version": 1}, format="json")
    assert patched.status_code == 200
    seen = owner_client.get(url)
    assert seen.json()["title"] == "Summer sale" and seen["ETag"] == '"2"'
    restored = owner_client.post(f"{url}versions/1/restore/", {"version": 2}, format="json")
    assert restored.status_code in (200, 201)
    assert owner_client.get(url).json()["version"] == 3
    assert owner_client.delete(url, HTTP_IF_MATCH='"3"').status_code == 204
    assert owner_client.get(url).status_code == 404


def test_a_read_that_raced_a_write_cannot_keep_the_old_body(owner_client, workspace):
    from documents import detailcache

    doc = create(owner_client, workspace, title="before").json()
    url = f"{DOCS}{doc['id']}/"
    # a slow reader took its key, then read the row, while a writer saved and committed
    key = detailcache.body_key(doc["id"], "application/json")
    stale = detailcache.Kept(workspace.pk, 1, "application/json", b'{"title": "before"}')
    assert owner_client.patch(url, {"title": "after", "version": 1}, format="json").status_code == 200
    detailcache.put(key, stale)  # the reader keeps what it read, under the old stamp
    assert owner_client.get(url).json()["title"] == "after"


def test_deleting_the_brand_or_the_author_shows_at_once(owner_client, workspace, user):
    brand = BrandKitFactory(workspace=workspace)
    author = member(workspace, "editor")
    doc = create(client_for(author), workspace, brand=brand.pk).json()
    url = f"{DOCS}{doc['id']}/"
    body = owner_client.get(url).json()
    assert body["brand"] == brand.pk and body["created_by"] == author.pk
    brand.delete()  # SET_NULL: no signal for the document itself
    assert owner_client.get(url).json()["brand"] is None
    author.delete()
    body = owner_client.get(url).json()
    assert body["created_by"] is None and body["updated_by"] is None


def test_a_kept_body_is_never_shown_to_someone_outside_the_workspace(owner_client, workspace):
    doc = create(owner_client, workspace).json()
    url = f"{DOCS}{doc['id']}/"
    viewer = member(workspace, "viewer")
    viewer_client = client_for(viewer)
    assert viewer_client.get(url).status_code == 200
    assert client_for(UserFactory()).get(url).status_code == 404  # kept, yet not theirs
    membership_remove(membership=Membership.objects.get(workspace=workspace, user=viewer))
    assert viewer_client.get(url).status_code == 404


def test_the_browsable_page_and_other_renderings_are_kept_apart(owner_client, workspace):
    doc = create(owner_client, workspace, title="Pine & Salt").json()
    url = f"{DOCS}{doc['id']}/"
    plain = owner_client.get(url)
    html = owner_client.get(url, HTTP_ACCEPT="text/html")
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    assert "Pine &amp; Salt" in html.content.decode()
    indented = owner_client.get(url, HTTP_ACCEPT="application/json; indent=2")
    assert indented.content != plain.content and indented.json() == plain.json()


def test_off_when_the_setting_is_zero(owner_client, workspace, settings, django_assert_num_queries):
    settings.DOCUMENT_DETAIL_CACHE_SECONDS = 0
    doc = create(owner_client, workspace).json()
    owner_client.get(f"{DOCS}{doc['id']}/")
    with django_assert_num_queries(1):
        assert owner_client.get(f"{DOCS}{doc['id']}/").status_code == 200
