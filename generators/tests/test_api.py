import pytest

from brands.tests.factories import BrandKitFactory
from conftest import client_for, member

PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야."
)

pytestmark = pytest.mark.django_db


def test_list_shows_every_generator_with_schemas(owner_client):
    body = owner_client.get("/api/v1/generators/").json()
    names = {item["name"] for item in body}
    assert {"headline", "product_image", "storyboard", "short_video"} <= names and len(body) == 16
    headline = next(item for item in body if item["name"] == "headline")
    assert headline["kind"] == "text" and "count" in headline["input_schema"]["properties"]
    assert owner_client.get("/api/v1/generators/logo/").json()["kind"] == "image"
    assert owner_client.get("/api/v1/generators/nope/").status_code == 404


def test_run_answers_with_the_output_and_who_made_it(owner_client, workspace):
    brand = BrandKitFactory(workspace=workspace)
    response = owner_client.post("/api/v1/generators/headline/run/", {"brief": PLAN, "brand": brand.pk}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["provider"] == "offline" and body["offline"] is True and body["model"] is None
    assert body["output"]["headlines"] and body["slots"]["product"] == "무선 이어폰 X1"
    assert body["checks"]["distinct"] is True


def test_structured_fields_without_a_brief(owner_client):
    response = owner_client.post(
        "/api/v1/generators/slogan/run/",
        {"product": "Glow Serum", "features": ["brightening"], "language": "en"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["output"]["language"] == "en"


def test_an_image_generator_returns_a_stored_picture(owner_client, workspace):
    body = owner_client.post(
        "/api/v1/generators/product_image/run/", {"brief": PLAN, "width": 512, "height": 512}, format="json"
    ).json()
    assert body["output"]["path"].startswith(f"uploads/{workspace.pk}/") and body["output"]["method"] == "renderer"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"brief": ""}, "brief"),
        ({"brief": "x" * 10_000}, "brief"),
        ({"brief": PLAN, "channel": "myspace"}, "channel"),
        ({"brief": PLAN, "count": "many"}, "count"),
        ({"brief": PLAN, "provider": "hal"}, "provider"),
        ({"brief": PLAN, "brand": 999999}, "brand"),
    ],
)
def test_bad_input_names_the_field(owner_client, payload, field):
    response = owner_client.post("/api/v1/generators/headline/run/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()


@pytest.mark.parametrize(
    ("generator", "field", "value"),
    [
        ("headline", "count", "7"),
        ("headline", "count", 7.0),
        ("headline", "count", True),
        ("hashtag", "count", "5"),
        ("ad_copy", "variants", 3.0),
        ("description", "max_chars", "400"),
        ("storyboard", "duration", 15.0),
        ("product_image", "width", "512"),
        ("product_image", "details", "true"),
        ("product_image", "details", 1),
        ("product_image", "assets", ["1"]),
        ("headline", "features", "waterproof"),
        ("headline", "product", 5),
    ],
)
def test_a_value_of_another_json_type_is_a_400_naming_the_field(owner_client, generator, field, value):
    """docs/api.md, strict input: "7" or 7.0 for an integer, "true" or 1 for a boolean are refused."""
    response = owner_client.post(f"/api/v1/generators/{generator}/run/", {"brief": PLAN, field: value}, format="json")
    assert response.status_code == 400, response.json()
    errors = response.json()["errors"]
    assert any(key == field or key.startswith(f"{field}.") for key in errors), errors


def test_integers_and_booleans_of_their_own_type_are_taken(owner_client):
    response = owner_client.post("/api/v1/generators/headline/run/", {"brief": PLAN, "count": 7}, format="json")
    assert response.status_code == 200 and len(response.json()["output"]["headlines"]) <= 7
    image = owner_client.post(
        "/api/v1/generators/product_image/run/",
        {"brief": PLAN, "width": 512, "height": 512, "details": False},
        format="json",
    )
    assert image.status_code == 200, image.json()


def test_a_brand_of_another_workspace_is_not_found(owner_client, other_workspace):
    foreign = BrandKitFactory(workspace=other_workspace)
    response = owner_client.post(
        "/api/v1/generators/headline/run/", {"brief": PLAN, "brand": foreign.pk}, format="json"
    )
    assert response.status_code == 400 and "brand" in response.json()["errors"]


def test_viewers_cannot_run_and_anonymous_is_refused(api_client, workspace):
    viewer = client_for(member(workspace, "viewer"))
    assert viewer.post("/api/v1/generators/cta/run/", {"brief": PLAN}, format="json").status_code == 403
    assert api_client.get("/api/v1/generators/").status_code == 401


def test_a_missing_picture_or_a_non_string_brief_is_a_400(owner_client, workspace):
    missing = owner_client.post(
        "/api/v1/generators/background_removal/run/",
        {"image": f"uploads/{workspace.pk}/nothing-here.png", "product": "cup"},
        format="json",
    )
    assert missing.status_code == 400 and "image" in missing.json()["errors"]
    number = owner_client.post("/api/v1/generators/headline/run/", {"brief": 5}, format="json")
    assert number.status_code == 400 and "brief" in number.json()["errors"]
