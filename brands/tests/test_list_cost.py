"""The brand list's lean path: the same JSON as the detail view for every kit, and a fixed
number of queries whatever the page holds."""

import pytest

from brands.tests.factories import BrandColorFactory, BrandFontFactory, BrandKitFactory, BrandLogoFactory

BRANDS = "/api/v1/brands/"

pytestmark = pytest.mark.django_db


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


def test_each_list_row_is_exactly_the_detail_views_kit(owner_client, workspace):
    kits = [kit(workspace, "가"), kit(workspace, "Bare", colors=0, fonts=0, logos=0), kit(workspace, "Many", logos=2)]
    rows = owner_client.get(BRANDS).json()["results"]
    assert len(rows) == 3
    for row in rows:
        assert row == owner_client.get(f"{BRANDS}{row['id']}/").json()
    many = next(row for row in rows if row["id"] == kits[2].pk)
    assert [c["name"] for c in many["colors"]] == ["c1", "c0"]  # in position order
    assert len(many["logos"]) == 2 and many["logos"][0]["url"].startswith("http://testserver/")


def test_the_list_costs_the_same_queries_for_one_kit_or_twenty(owner_client, workspace, django_assert_num_queries):
    kit(workspace, "first")
    owner_client.get(BRANDS)  # the token's first use (then cached with the roles)
    with django_assert_num_queries(3):  # count, page with colours and fonts as JSON, logos
        assert len(owner_client.get(BRANDS).json()["results"]) == 1
    for i in range(19):
        kit(workspace, f"kit {i}")
    with django_assert_num_queries(3):
        assert len(owner_client.get(BRANDS).json()["results"]) == 20
