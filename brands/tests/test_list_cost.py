"""The brand list's lean path: the same JSON as the detail view for every kit, one query
whatever the page holds (the page, its colours, fonts and logos, and the count as a window),
and the same pages, filters, search, ordering and scoping as DRF's own path."""

import pytest

from brands.tests.factories import BrandColorFactory, BrandFontFactory, BrandKitFactory, BrandLogoFactory
from conftest import client_for, member

BRANDS = "/api/v1/brands/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _statement_not_cache(settings):
    """These tests measure the statement; the cache of whole pages is tested in test_list_cache.py."""
    settings.BRAND_LIST_CACHE_SECONDS = 0


def kit(workspace, name, *, colors=2, fonts=2, logos=1):
    brand = BrandKitFactory(
        workspace=workspace,
        name=name,
        description="조용한 무선 이어폰",
        banned_words=["최고"],
        required_words=["X1"],
        guidelines="로고 주변 여백",
    )
    for i in range(colors):
        BrandColorFactory(brand=brand, name=f"c{i}", hex=f"#00000{i}", role="primary", position=colors - i)
    for i in range(fonts):
        BrandFontFactory(brand=brand, family=f"Font {i}", role="body", weights=[400, 700], position=i)
    for _ in range(logos):
        BrandLogoFactory(brand=brand, palette=[{"hex": "#FF5A1F", "share": 0.5}], analysis_status="ready")
    return brand


def unsigned(kit_json: dict) -> dict:
    return {**kit_json, "logos": [{**logo, "url": logo["url"].split("?")[0]} for logo in kit_json["logos"]]}


def test_each_list_row_is_exactly_the_detail_views_kit(owner_client, workspace):
    kits = [kit(workspace, "가"), kit(workspace, "Bare", colors=0, fonts=0, logos=0), kit(workspace, "Many", logos=2)]
    rows = owner_client.get(BRANDS).json()["results"]
    assert len(rows) == 3
    for row in rows:
        # a logo's signed URL carries its expiry in seconds: two requests a second apart sign
        # differently, so the signature is compared by its path and checked to be there
        assert unsigned(row) == unsigned(owner_client.get(f"{BRANDS}{row['id']}/").json())
        assert all("sig=" in logo["url"] for logo in row["logos"])
    many = next(row for row in rows if row["id"] == kits[2].pk)
    assert [c["name"] for c in many["colors"]] == ["c1", "c0"]  # in position order
    assert len(many["logos"]) == 2 and many["logos"][0]["url"].startswith("http://testserver/")


def test_the_list_costs_the_same_queries_for_one_kit_or_twenty(owner_client, workspace, django_assert_num_queries):
    kit(workspace, "first")
    owner_client.get(BRANDS)  # the token's first use (then cached with the roles)
    with django_assert_num_queries(1):  # the page with colours, fonts, logos and the count in it
        assert len(owner_client.get(BRANDS).json()["results"]) == 1
    for i in range(19):
        kit(workspace, f"kit {i}")
    with django_assert_num_queries(1):
        assert len(owner_client.get(BRANDS).json()["results"]) == 20
    with django_assert_num_queries(2):  # with ?workspace= (django-filter checks that it exists), search, ordering
        page = owner_client.get(BRANDS, {"workspace": workspace.pk, "search": "kit", "ordering": "-name"}).json()
    assert page["count"] == 19 and len(page["results"]) == 19


def names(response) -> list[str]:
    return names_of(response.json())


def test_pages_count_what_the_filters_leave_without_a_count_query(owner_client, workspace, django_assert_num_queries):
    for i in range(25):
        kit(workspace, f"kit {i:02}", colors=1, fonts=0, logos=0)
    owner_client.get(BRANDS)
    with django_assert_num_queries(1):
        first = owner_client.get(BRANDS, {"page_size": 10}).json()
    assert first["count"] == 25 and len(first["results"]) == 10 and first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/brands/?page=2&page_size=10"
    last = owner_client.get(BRANDS, {"page_size": 10, "page": 3}).json()
    assert last["count"] == 25 and names_of(last) == [f"kit {i}" for i in range(20, 25)]
    assert last["next"] is None and last["previous"] == "http://testserver/api/v1/brands/?page=2&page_size=10"
    # a short first page (fewer kits than the page size) still counts right
    short = owner_client.get(BRANDS, {"search": "kit 1"}).json()  # both words: kit 01, 10–19, 21
    assert short["count"] == 12 and short["next"] is None and len(short["results"]) == 12
    past = owner_client.get(BRANDS, {"page_size": 10, "page": 4})
    assert past.status_code == 404 and past.json() == owner_client.get(f"{BRANDS}?page=99").json()
    assert "Invalid page" in past.content.decode()
    for bad in ["0", "-1", "abc", "", "last"]:
        assert owner_client.get(BRANDS, {"page": bad}).status_code == 400, bad


def names_of(page: dict) -> list[str]:
    return [row["name"] for row in page["results"]]


def test_an_empty_list_is_a_first_page_of_nothing(owner_client, workspace, other_workspace):
    kit(other_workspace, "theirs")
    assert owner_client.get(BRANDS).json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert owner_client.get(BRANDS, {"page": 2}).status_code == 404


def test_filters_search_and_ordering_on_the_lean_path(owner_client, workspace, user):
    from sparklio.core.tests.factories import MembershipFactory, WorkspaceFactory

    second = WorkspaceFactory(created_by=user)
    MembershipFactory(workspace=second, user=user, role="viewer")
    BrandKitFactory(workspace=workspace, name="Alpha", language="en", tone_of_voice="calm")
    BrandKitFactory(workspace=workspace, name="Beta", language="ko", target_audience="runners")
    BrandKitFactory(workspace=second, name="Gamma", language="en", description="calm and quiet")
    assert names(owner_client.get(BRANDS)) == ["Alpha", "Beta", "Gamma"]
    assert names(owner_client.get(BRANDS, {"workspace": second.pk})) == ["Gamma"]
    assert names(owner_client.get(BRANDS, {"language": "en"})) == ["Alpha", "Gamma"]
    assert names(owner_client.get(BRANDS, {"language": "en", "workspace": workspace.pk})) == ["Alpha"]
    assert names(owner_client.get(BRANDS, {"search": "calm"})) == ["Alpha", "Gamma"]
    assert names(owner_client.get(BRANDS, {"search": "RUNNERS"})) == ["Beta"]
    assert names(owner_client.get(BRANDS, {"ordering": "-name"})) == ["Gamma", "Beta", "Alpha"]
    assert owner_client.get(BRANDS, {"language": "en", "search": "calm"}).json()["count"] == 2
    # refusals stay as they were: an empty filter, an unknown choice, a workspace not one's own
    assert owner_client.get(f"{BRANDS}?workspace=").status_code == 400
    assert owner_client.get(f"{BRANDS}?language=").status_code == 400
    assert owner_client.get(BRANDS, {"language": "xx"}).status_code == 400
    assert owner_client.get(BRANDS, {"workspace": 999999}).status_code == 400


def test_another_workspaces_kits_never_appear(owner_client, workspace, other_workspace):
    kit(workspace, "ours")
    kit(other_workspace, "theirs")
    kit(other_workspace, "ours too?")
    page = owner_client.get(BRANDS).json()
    assert page["count"] == 1 and names_of(page) == ["ours"]
    assert owner_client.get(BRANDS, {"search": "theirs"}).json()["count"] == 0
    assert owner_client.get(BRANDS, {"workspace": other_workspace.pk}).json()["count"] == 0
    viewer = client_for(member(workspace, "viewer"))
    assert names_of(viewer.get(BRANDS).json()) == ["ours"]


def test_the_plain_statement_and_the_queryset_path_give_the_same_pages(
    owner_client, workspace, other_workspace, user, django_assert_num_queries
):
    from sparklio.core.tests.factories import MembershipFactory, WorkspaceFactory

    second = WorkspaceFactory(created_by=user)
    MembershipFactory(workspace=second, user=user, role="editor")
    for i in range(5):
        kit(workspace, f"kit {i}", logos=i % 2)
        kit(second, f"Kit {i} b", colors=i, fonts=1, logos=0)
    kit(other_workspace, "kit theirs")
    owner_client.get(BRANDS)
    for params in ["", "?page_size=3", "?page_size=3&page=2", "?page=4&page_size=3"]:
        with django_assert_num_queries(1):
            plain = owner_client.get(f"{BRANDS}{params}")
        # ?search= (nothing to search for) takes the queryset path: filters, search, ordering
        with django_assert_num_queries(1):
            queryset = owner_client.get(f"{BRANDS}{params}{'&' if params else '?'}search=")
        assert plain.status_code == queryset.status_code
        expected = queryset.json()
        for key in ("next", "previous"):
            if expected.get(key):
                expected[key] = expected[key].replace("&search=", "").replace("?search=&", "?").replace("?search=", "")
        assert plain.json() == expected, params
    assert owner_client.get(BRANDS).json()["count"] == 10


def test_rows_equal_the_detail_view_in_utc_as_well(owner_client, workspace, settings):
    settings.TIME_ZONE = "UTC"
    kit(workspace, "utc", logos=1)
    row = owner_client.get(BRANDS).json()["results"][0]
    assert row["created_at"].endswith("Z") and row["logos"][0]["created_at"].endswith("Z")
    assert row == owner_client.get(f"{BRANDS}{row['id']}/").json()
