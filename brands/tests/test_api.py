from pathlib import Path

import pytest
from django.conf import settings

from brands.models import BrandColor, BrandFont, BrandKit, BrandLogo
from brands.tests.factories import BrandColorFactory, BrandFontFactory, BrandKitFactory, BrandLogoFactory
from brands.tests.images import (
    ORANGE,
    hex_of,
    jpeg_bytes,
    png_bytes,
    svg_bytes,
    undecodable_png,
    upload,
)
from conftest import client_for, member
from sparklio.core.tests.factories import MembershipFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db

BRANDS = "/api/v1/brands/"


def list_url(brand=None) -> str:
    return BRANDS


def detail_url(brand) -> str:
    return f"{BRANDS}{brand.pk}/"


def logos_url(brand) -> str:
    return f"{BRANDS}{brand.pk}/logos/"


def logo_url(brand, logo) -> str:
    return f"{BRANDS}{brand.pk}/logos/{logo.pk}/"


def media_files() -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (BrandKit, BrandColor, BrandFont, BrandLogo)}


def brand_payload(workspace, **overrides) -> dict:
    payload = {
        "workspace": workspace.pk,
        "name": "Sparkle Coffee",
        "description": "Single-origin coffee for busy mornings.",
        "language": "en",
        "tone_of_voice": "Warm, short sentences.",
        "target_audience": "Office workers, 25-40.",
        "colors": [
            {"name": "Ember", "hex": "#ff5a1f", "role": "primary"},
            {"name": "Night", "hex": "#abc", "role": "text"},
            {"name": "Cream", "hex": "#FFF8E7", "role": "background"},
        ],
        "fonts": [
            {"family": "Pretendard", "role": "heading", "weights": [700, 400, 700]},
            {"family": "Noto Sans KR", "role": "body"},
        ],
        "banned_words": ["cheap", "Cheap ", "instant"],
        "required_words": ["fresh"],
        "guidelines": "Never put the logo on busy photos.",
    }
    payload.update(overrides)
    return payload


def assert_invalid(response, field: str) -> None:
    """400 in the API's error shape, with messages for ``field`` (a JSON path such as colors[0].hex)."""
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"]
    errors = body["errors"]
    assert field in errors, errors
    assert errors[field] and all(isinstance(m, str) and m for m in errors[field])


def upload_logo(client, brand, data: bytes, name: str = "logo.png", content_type: str = "image/png"):
    return client.post(logos_url(brand), {"file": upload(name, data, content_type)}, format="multipart")


# --- Create, read, update, delete -------------------------------------------------------


def test_create_stores_the_brand_with_its_colours_and_fonts_in_order(owner_client, workspace, user):
    response = owner_client.post(BRANDS, brand_payload(workspace), format="json")

    assert response.status_code == 201, response.content
    brand = BrandKit.objects.get()
    assert response.json()["id"] == brand.pk
    assert brand.workspace == workspace
    assert brand.created_by == user
    assert (brand.name, brand.language) == ("Sparkle Coffee", "en")
    assert brand.description == "Single-origin coffee for busy mornings."
    assert brand.tone_of_voice == "Warm, short sentences."
    assert brand.target_audience == "Office workers, 25-40."
    assert brand.guidelines == "Never put the logo on busy photos."
    assert brand.banned_words == ["cheap", "instant"]  # trimmed, duplicates (any case) dropped
    assert brand.required_words == ["fresh"]
    assert [(c.name, c.hex, c.role, c.position) for c in brand.colors.all()] == [
        ("Ember", "#FF5A1F", "primary", 0),
        ("Night", "#AABBCC", "text", 1),
        ("Cream", "#FFF8E7", "background", 2),
    ]
    assert [(f.family, f.role, f.weights, f.position) for f in brand.fonts.all()] == [
        ("Pretendard", "heading", [400, 700], 0),
        ("Noto Sans KR", "body", [], 1),
    ]


def test_create_answers_with_the_stored_brand(owner_client, workspace):
    response = owner_client.post(BRANDS, brand_payload(workspace), format="json")

    body = response.json()
    assert body["workspace"] == workspace.pk
    assert [c["hex"] for c in body["colors"]] == ["#FF5A1F", "#AABBCC", "#FFF8E7"]
    assert body["fonts"][0] == {"family": "Pretendard", "role": "heading", "weights": [400, 700]}
    assert body["logos"] == []


def test_create_with_only_the_required_fields_uses_defaults(owner_client, workspace):
    response = owner_client.post(BRANDS, {"workspace": workspace.pk, "name": "Plain"}, format="json")

    assert response.status_code == 201, response.content
    brand = BrandKit.objects.get()
    assert brand.language == "ko"
    assert (brand.banned_words, brand.required_words) == ([], [])
    assert not brand.colors.exists() and not brand.fonts.exists()


def test_retrieve_returns_the_brand_with_colours_fonts_and_logos(owner_client, workspace):
    brand = BrandKitFactory(workspace=workspace, name="Acme", banned_words=["cheap"])
    BrandColorFactory(brand=brand, name="Second", hex="#000000", role="text", position=1)
    BrandColorFactory(brand=brand, name="First", hex="#FF5A1F", role="primary", position=0)
    BrandFontFactory(brand=brand, family="Pretendard", role="body", weights=[400])
    logo = BrandLogoFactory(brand=brand)

    response = owner_client.get(detail_url(brand))

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["name"], body["workspace"]) == (brand.pk, "Acme", workspace.pk)
    assert body["banned_words"] == ["cheap"]
    assert [c["name"] for c in body["colors"]] == ["First", "Second"]
    assert body["fonts"] == [{"family": "Pretendard", "role": "body", "weights": [400]}]
    assert [entry["id"] for entry in body["logos"]] == [logo.pk]
    assert body["logos"][0]["url"].split("?")[0].endswith(logo.file.name)


def test_patch_replaces_the_colours_whole_when_given(owner_client, workspace):
    brand = BrandKitFactory(workspace=workspace)
    BrandColorFactory(brand=brand, name="Old one", hex="#111111", position=0)
    BrandColorFactory(brand=brand, name="Old two", hex="#222222", position=1)

    response = owner_client.patch(
        detail_url(brand), {"colors": [{"name": "New", "hex": "#0af", "role": "accent"}]}, format="json"
    )

    assert response.status_code == 200, response.content
    assert [(c.name, c.hex, c.role) for c in brand.colors.all()] == [("New", "#00AAFF", "accent")]
    assert [c["name"] for c in response.json()["colors"]] == ["New"]


def test_patch_with_an_empty_colour_list_removes_every_colour(owner_client, workspace):
    brand = BrandKitFactory(workspace=workspace)
    BrandColorFactory(brand=brand)

    response = owner_client.patch(detail_url(brand), {"colors": []}, format="json")

    assert response.status_code == 200
    assert not brand.colors.exists()


def test_patch_without_colours_or_fonts_leaves_them(owner_client, workspace):
    brand = BrandKitFactory(workspace=workspace, name="Acme", language="ko")
    BrandColorFactory(brand=brand, name="Ember", hex="#FF5A1F")
    BrandFontFactory(brand=brand, family="Pretendard")

    response = owner_client.patch(detail_url(brand), {"tone_of_voice": "Bold."}, format="json")

    assert response.status_code == 200, response.content
    brand.refresh_from_db()
    assert brand.tone_of_voice == "Bold."
    assert (brand.name, brand.language) == ("Acme", "ko")  # absent fields keep their values, no defaults
    assert [c.name for c in brand.colors.all()] == ["Ember"]
    assert [f.family for f in brand.fonts.all()] == ["Pretendard"]
    assert [c["name"] for c in response.json()["colors"]] == ["Ember"]


def test_patch_can_rename_a_brand_to_a_different_case_of_its_own_name(owner_client, workspace):
    brand = BrandKitFactory(workspace=workspace, name="acme")

    response = owner_client.patch(detail_url(brand), {"name": "ACME"}, format="json")

    assert response.status_code == 200, response.content
    brand.refresh_from_db()
    assert brand.name == "ACME"


def test_delete_removes_the_brand_its_rows_and_its_logo_files(
    owner_client, workspace, django_capture_on_commit_callbacks
):
    brand = BrandKitFactory(workspace=workspace)
    BrandColorFactory(brand=brand)
    BrandFontFactory(brand=brand)
    logos = [BrandLogoFactory(brand=brand), BrandLogoFactory(brand=brand)]
    kept = BrandLogoFactory(brand=BrandKitFactory(workspace=workspace))
    paths = [Path(logo.file.path) for logo in logos]
    assert all(p.exists() for p in paths)

    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.delete(detail_url(brand))

    assert response.status_code == 204
    assert not BrandKit.objects.filter(pk=brand.pk).exists()
    assert row_counts() == {"BrandKit": 1, "BrandColor": 0, "BrandFont": 0, "BrandLogo": 1}
    assert not any(p.exists() for p in paths)
    assert media_files() == [Path(kept.file.path)]


# --- Bad input: 400 naming the field, nothing saved ----------------------------------------


def colour(hex_: str = "#000000", role: str = "primary") -> dict:
    return {"name": "Swatch", "hex": hex_, "role": role}


def font(role: str = "body", weights: list[int] | None = None) -> dict:
    return {"family": "Pretendard", "role": role, "weights": weights or [400]}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"colors": [colour("#12345G")]}, "colors[0].hex", id="hex-not-hex"),
        pytest.param({"colors": [colour("FF5A1F")]}, "colors[0].hex", id="hex-no-hash"),
        pytest.param({"colors": [colour("#FF5A1")]}, "colors[0].hex", id="hex-5-digits"),
        pytest.param({"colors": [colour("#FF5A1F00")]}, "colors[0].hex", id="hex-8-digits"),
        pytest.param({"colors": [colour(), colour(role="hero")]}, "colors[1].role", id="unknown-colour-role"),
        pytest.param({"fonts": [font(weights=[400, 450])]}, "fonts[0].weights", id="weight-450"),
        pytest.param({"fonts": [font(role="poster")]}, "fonts[0].role", id="unknown-font-role"),
        pytest.param(
            {"banned_words": ["Cheap"], "required_words": ["fresh", "cheap"]},
            "required_words",
            id="word-banned-and-required",
        ),
        pytest.param({"name": ""}, "name", id="blank-name"),
        pytest.param({"name": "x" * 121}, "name", id="name-too-long"),
        pytest.param({"language": "fr"}, "language", id="unknown-language"),
    ],
)
def test_create_rejects_bad_input_and_saves_nothing(owner_client, workspace, overrides, field):
    before = row_counts()

    response = owner_client.post(BRANDS, brand_payload(workspace, **overrides), format="json")

    assert_invalid(response, field)
    assert row_counts() == before


def test_error_paths_of_list_items_use_brackets(owner_client, workspace):
    payload = brand_payload(
        workspace,
        colors=[{"name": "a", "hex": "#12345G", "role": "primary"}, {"name": "b", "hex": "#000", "role": "hero"}],
        fonts=[{"family": "Pretendard", "role": "body", "weights": [450]}],
        banned_words=["ok", "x" * 101],
    )

    response = owner_client.post(BRANDS, payload, format="json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"colors[0].hex", "colors[1].role", "fonts[0].weights", "banned_words[1]"}


def test_an_error_about_a_whole_list_names_the_list(owner_client, workspace):
    too_many = [{"name": f"c{i}", "hex": "#000000", "role": "text"} for i in range(51)]

    response = owner_client.post(BRANDS, brand_payload(workspace, colors=too_many), format="json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"colors"}


def test_create_rejects_more_than_fifty_colours(owner_client, workspace):
    too_many = [{"name": f"c{i}", "hex": "#000000", "role": "text"} for i in range(51)]

    response = owner_client.post(BRANDS, brand_payload(workspace, colors=too_many), format="json")

    assert response.status_code == 400
    assert any(path.startswith("colors") for path in response.json()["errors"])
    assert row_counts() == {"BrandKit": 0, "BrandColor": 0, "BrandFont": 0, "BrandLogo": 0}


@pytest.mark.parametrize("field", ["name", "workspace"])
def test_create_rejects_a_missing_required_field(owner_client, workspace, field):
    payload = brand_payload(workspace)
    del payload[field]

    response = owner_client.post(BRANDS, payload, format="json")

    assert_invalid(response, field)
    assert row_counts() == {"BrandKit": 0, "BrandColor": 0, "BrandFont": 0, "BrandLogo": 0}


def test_create_rejects_a_workspace_the_caller_does_not_belong_to(owner_client, workspace, other_workspace):
    response = owner_client.post(BRANDS, brand_payload(other_workspace), format="json")

    assert_invalid(response, "workspace")
    assert row_counts() == {"BrandKit": 0, "BrandColor": 0, "BrandFont": 0, "BrandLogo": 0}


def test_create_rejects_a_duplicate_name_in_the_workspace_whatever_the_case(owner_client, workspace):
    BrandKitFactory(workspace=workspace, name="Sparkle Coffee")
    before = row_counts()

    response = owner_client.post(BRANDS, brand_payload(workspace, name="SPARKLE coffee"), format="json")

    assert_invalid(response, "name")
    assert row_counts() == before


def test_create_allows_a_name_used_in_another_workspace(owner_client, workspace, other_workspace):
    BrandKitFactory(workspace=other_workspace, name="Sparkle Coffee")

    response = owner_client.post(BRANDS, brand_payload(workspace), format="json")

    assert response.status_code == 201, response.content
    assert BrandKit.objects.filter(name="Sparkle Coffee").count() == 2


def test_patch_rejects_a_rename_onto_another_brand_whatever_the_case(owner_client, workspace):
    BrandKitFactory(workspace=workspace, name="Acme")
    brand = BrandKitFactory(workspace=workspace, name="Beta")
    BrandColorFactory(brand=brand, name="Kept")

    response = owner_client.patch(
        detail_url(brand), {"name": "aCME", "colors": [{"name": "New", "hex": "#000", "role": "text"}]}, format="json"
    )

    assert_invalid(response, "name")
    brand.refresh_from_db()
    assert brand.name == "Beta"
    assert [c.name for c in brand.colors.all()] == ["Kept"]


def test_patch_rejects_a_bad_colour_and_keeps_the_old_ones(owner_client, workspace):
    brand = BrandKitFactory(workspace=workspace, name="Acme")
    BrandColorFactory(brand=brand, name="Kept")

    response = owner_client.patch(
        detail_url(brand),
        {
            "name": "Renamed",
            "colors": [{"name": "ok", "hex": "#000", "role": "text"}, {"name": "bad", "hex": "#GGG", "role": "text"}],
        },
        format="json",
    )

    assert_invalid(response, "colors[1].hex")
    brand.refresh_from_db()
    assert brand.name == "Acme"
    assert [c.name for c in brand.colors.all()] == ["Kept"]


def test_patch_rejects_a_banned_word_that_is_already_required(owner_client, workspace):
    brand = BrandKitFactory(workspace=workspace, required_words=["fresh"], banned_words=[])

    response = owner_client.patch(detail_url(brand), {"banned_words": ["FRESH"]}, format="json")

    assert_invalid(response, "required_words")
    brand.refresh_from_db()
    assert brand.banned_words == []


def test_patch_cannot_move_a_brand_to_another_workspace(owner_client, user, workspace):
    second = WorkspaceFactory()
    MembershipFactory(workspace=second, user=user, role="owner")
    brand = BrandKitFactory(workspace=workspace)

    response = owner_client.patch(detail_url(brand), {"workspace": second.pk}, format="json")

    assert_invalid(response, "workspace")
    brand.refresh_from_db()
    assert brand.workspace == workspace


# --- Logos ------------------------------------------------------------------------------


@pytest.fixture
def brand(workspace):
    return BrandKitFactory(workspace=workspace)


def test_upload_png_logo_stores_the_file_and_its_measurements(
    owner_client, brand, user, django_capture_on_commit_callbacks
):
    data = png_bytes(width=48, height=24)

    with django_capture_on_commit_callbacks(execute=True):
        response = upload_logo(owner_client, brand, data, name="Sparkle logo.png")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["content_type"], body["width"], body["height"]) == ("image/png", 48, 24)
    assert (body["original_name"], body["size_bytes"]) == ("Sparkle logo.png", len(data))
    logo = BrandLogo.objects.get(pk=body["id"])
    assert (logo.brand, logo.created_by) == (brand, user)
    stored = Path(logo.file.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert stored.suffix == ".png"
    assert stored.read_bytes() == data
    assert body["url"].split("?")[0].endswith(logo.file.name)
    assert "sig=" in body["url"]


def test_upload_runs_the_colour_analysis_after_commit(owner_client, brand, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_logo(owner_client, brand, png_bytes(main=ORANGE))

    assert response.json()["analysis_status"] == "pending"  # measured in the background
    logo = BrandLogo.objects.get()
    assert logo.analysis_status == "ready"
    assert logo.palette[0]["hex"] == hex_of(ORANGE)
    listed = owner_client.get(logos_url(brand)).json()["results"]
    assert listed[0]["analysis_status"] == "ready"
    assert listed[0]["palette"][0] == {"hex": hex_of(ORANGE), "share": 0.75}


def test_upload_type_comes_from_the_content_not_the_name(owner_client, brand, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_logo(owner_client, brand, jpeg_bytes(), name="logo.png", content_type="image/png")

    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == "image/jpeg"
    logo = BrandLogo.objects.get()
    assert logo.file.name.endswith(".jpg")
    assert logo.original_name == "logo.png"


@pytest.mark.parametrize(
    ("attrs", "size"),
    [
        pytest.param('width="120" height="60"', (120, 60), id="width-height"),
        pytest.param('width="120px" height="60px"', (120, 60), id="width-height-px"),
        pytest.param('viewBox="0 0 300 100"', (300, 100), id="viewbox"),
        pytest.param('width="100%" height="100%" viewBox="0,0,64,32"', (64, 32), id="percent-falls-back-to-viewbox"),
    ],
)
def test_upload_svg_logo_records_its_size(owner_client, brand, attrs, size, django_capture_on_commit_callbacks):
    data = svg_bytes('<rect width="10" height="10" fill="#FF5A1F"/>', attrs=attrs)

    with django_capture_on_commit_callbacks(execute=True):
        response = upload_logo(owner_client, brand, data, name="logo.svg", content_type="image/svg+xml")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content_type"] == "image/svg+xml"
    assert (body["width"], body["height"]) == size
    logo = BrandLogo.objects.get()
    assert logo.file.name.endswith(".svg")
    assert logo.analysis_status == "ready"
    assert logo.palette == [{"hex": "#FF5A1F", "share": 1.0}]


BAD_LOGOS = [
    pytest.param("logo.png", b"Hello, I am plain text pretending to be a PNG.\n", id="text-named-png"),
    pytest.param("logo.png", b"", id="empty"),
    pytest.param("logo.png", png_bytes()[:50], id="truncated-png"),
    pytest.param("logo.png", png_bytes()[:-20], id="png-cut-in-the-data"),
    pytest.param("logo.svg", svg_bytes("<script>alert(1)</script>"), id="svg-script"),
    pytest.param("logo.svg", svg_bytes(attrs='width="10" height="10" onload="alert(1)"'), id="svg-onload"),
    pytest.param("logo.svg", svg_bytes('<rect onclick="alert(1)" width="1" height="1"/>'), id="svg-nested-onclick"),
    pytest.param(
        "logo.svg",
        svg_bytes('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject>'),
        id="svg-foreignobject",
    ),
    pytest.param(
        "logo.svg", svg_bytes('<image href="https://evil.example/x.png" width="1" height="1"/>'), id="svg-external-href"
    ),
    pytest.param("logo.svg", svg_bytes('<a href="javascript:alert(1)"><text>x</text></a>'), id="svg-javascript-href"),
    pytest.param("logo.svg", svg_bytes(attrs=""), id="svg-without-size"),
    pytest.param("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect', id="svg-broken"),
    pytest.param(
        "logo.svg",
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">&a;</svg>',
        id="svg-with-dtd",
    ),
    pytest.param("logo.svg", b'<?xml version="1.0"?><html><body/></html>', id="xml-not-svg"),
    pytest.param("logo.bmp", b"BM" + b"\x00" * 64, id="bmp-header-garbage"),
]


@pytest.mark.parametrize(("name", "data"), BAD_LOGOS)
def test_upload_rejects_a_bad_file_and_stores_nothing(
    owner_client, brand, name, data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_logo(owner_client, brand, data, name=name)

    assert_invalid(response, "file")
    assert not BrandLogo.objects.exists()
    assert media_files() == []


def test_upload_rejects_a_file_over_the_size_limit(owner_client, brand, settings):
    data = png_bytes()
    settings.BRAND_LOGO_MAX_BYTES = len(data) - 1

    response = upload_logo(owner_client, brand, data)

    assert_invalid(response, "file")
    assert str(len(data) - 1) in response.json()["errors"]["file"][0]
    assert not BrandLogo.objects.exists()
    assert media_files() == []


def test_upload_accepts_a_file_exactly_at_the_size_limit(owner_client, brand, settings):
    data = png_bytes()
    settings.BRAND_LOGO_MAX_BYTES = len(data)

    response = upload_logo(owner_client, brand, data)

    assert response.status_code == 201, response.content


def test_upload_rejects_an_image_with_too_many_pixels(owner_client, brand, settings):
    settings.BRAND_LOGO_MAX_PIXELS = 40 * 20 - 1

    response = upload_logo(owner_client, brand, png_bytes(width=40, height=20))

    assert_invalid(response, "file")
    assert not BrandLogo.objects.exists()
    assert media_files() == []


def test_upload_without_a_file_field_names_file(owner_client, brand):
    response = owner_client.post(logos_url(brand), {"other": "x"}, format="multipart")

    assert_invalid(response, "file")
    assert not BrandLogo.objects.exists()


def test_upload_rejects_a_png_whose_pixel_data_cannot_be_decoded(
    owner_client, brand, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_logo(owner_client, brand, undecodable_png())

    assert_invalid(response, "file")
    assert not BrandLogo.objects.exists()
    assert media_files() == []


def test_upload_rejects_an_svg_that_animates_a_link_into_javascript(owner_client, brand):
    data = svg_bytes('<a><animate attributeName="href" values="javascript:alert(1)"/><text y="9">x</text></a>')

    response = upload_logo(owner_client, brand, data, name="logo.svg")

    assert_invalid(response, "file")
    assert not BrandLogo.objects.exists()


def test_logo_list_returns_the_brands_logos_in_upload_order(owner_client, brand):
    first, second = BrandLogoFactory(brand=brand), BrandLogoFactory(brand=brand)
    BrandLogoFactory(brand=BrandKitFactory(workspace=brand.workspace))

    response = owner_client.get(logos_url(brand))

    assert response.status_code == 200
    body = response.json()["results"]
    assert [entry["id"] for entry in body] == [first.pk, second.pk]
    assert set(body[0]) == {
        "id",
        "url",
        "original_name",
        "content_type",
        "size_bytes",
        "width",
        "height",
        "analysis_status",
        "palette",
        "created_at",
    }


def test_delete_logo_removes_the_row_and_the_file(owner_client, brand, django_capture_on_commit_callbacks):
    logo, other = BrandLogoFactory(brand=brand), BrandLogoFactory(brand=brand)
    path = Path(logo.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.delete(logo_url(brand, logo))

    assert response.status_code == 204
    assert list(BrandLogo.objects.all()) == [other]
    assert not path.exists()
    assert media_files() == [Path(other.file.path)]


def test_delete_logo_through_another_brand_answers_404(owner_client, brand, django_capture_on_commit_callbacks):
    logo = BrandLogoFactory(brand=BrandKitFactory(workspace=brand.workspace))

    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.delete(logo_url(brand, logo))

    assert response.status_code == 404
    assert BrandLogo.objects.filter(pk=logo.pk).exists()
    assert Path(logo.file.path).exists()


# --- Roles and isolation -------------------------------------------------------------------


@pytest.fixture
def viewer_client(workspace):
    return client_for(member(workspace, "viewer"))


@pytest.fixture
def editor_client(workspace):
    return client_for(member(workspace, "editor"))


def test_viewer_can_list_retrieve_and_see_logos(viewer_client, brand):
    BrandLogoFactory(brand=brand)

    listed = viewer_client.get(BRANDS)
    retrieved = viewer_client.get(detail_url(brand))
    logos = viewer_client.get(logos_url(brand))

    assert listed.status_code == 200
    assert [b["id"] for b in listed.json()["results"]] == [brand.pk]
    assert retrieved.status_code == 200
    assert retrieved.json()["name"] == brand.name
    assert logos.status_code == 200
    assert len(logos.json()["results"]) == 1


def test_viewer_cannot_create(viewer_client, workspace):
    response = viewer_client.post(BRANDS, brand_payload(workspace), format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert row_counts() == {"BrandKit": 0, "BrandColor": 0, "BrandFont": 0, "BrandLogo": 0}


def test_viewer_cannot_patch(viewer_client, brand):
    response = viewer_client.patch(detail_url(brand), {"name": "Hijacked"}, format="json")

    assert response.status_code == 403
    brand.refresh_from_db()
    assert brand.name != "Hijacked"


def test_viewer_cannot_delete(viewer_client, brand):
    response = viewer_client.delete(detail_url(brand))

    assert response.status_code == 403
    assert BrandKit.objects.filter(pk=brand.pk).exists()


def test_viewer_cannot_upload_or_delete_logos(viewer_client, brand, django_capture_on_commit_callbacks):
    existing = BrandLogoFactory(brand=brand)

    with django_capture_on_commit_callbacks(execute=True):
        uploaded = upload_logo(viewer_client, brand, png_bytes())
        deleted = viewer_client.delete(logo_url(brand, existing))

    assert (uploaded.status_code, deleted.status_code) == (403, 403)
    assert list(BrandLogo.objects.all()) == [existing]
    assert media_files() == [Path(existing.file.path)]


def test_editor_can_create_change_upload_and_delete(editor_client, workspace, django_capture_on_commit_callbacks):
    created = editor_client.post(BRANDS, brand_payload(workspace), format="json")
    brand = BrandKit.objects.get()
    patched = editor_client.patch(detail_url(brand), {"name": "Renamed"}, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        uploaded = upload_logo(editor_client, brand, png_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        deleted = editor_client.delete(detail_url(brand))

    assert (created.status_code, patched.status_code, uploaded.status_code, deleted.status_code) == (201, 200, 201, 204)
    assert row_counts() == {"BrandKit": 0, "BrandColor": 0, "BrandFont": 0, "BrandLogo": 0}
    assert media_files() == []


def test_editor_elsewhere_cannot_create_where_they_only_view(workspace):
    person = member(workspace, "viewer")
    own = WorkspaceFactory()
    MembershipFactory(workspace=own, user=person, role="editor")

    response = client_for(person).post(BRANDS, brand_payload(workspace), format="json")

    assert response.status_code == 403
    assert not BrandKit.objects.exists()


@pytest.fixture
def foreign_brand(other_workspace):
    brand = BrandKitFactory(workspace=other_workspace, name="Secret Launch", tone_of_voice="confidential")
    BrandColorFactory(brand=brand)
    return brand


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("get", detail_url, None),
        ("patch", detail_url, {"name": "Mine now"}),
        ("put", detail_url, None),
        ("delete", detail_url, None),
        ("get", logos_url, None),
    ],
)
def test_another_workspaces_brand_answers_404(owner_client, foreign_brand, method, path, payload):
    before = row_counts()

    response = getattr(owner_client, method)(path(foreign_brand), payload, format="json")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}
    assert row_counts() == before
    foreign_brand.refresh_from_db()
    assert foreign_brand.name == "Secret Launch"


def test_another_workspaces_brand_answers_404_to_logo_upload_and_delete(
    owner_client, foreign_brand, django_capture_on_commit_callbacks
):
    logo = BrandLogoFactory(brand=foreign_brand)

    with django_capture_on_commit_callbacks(execute=True):
        uploaded = upload_logo(owner_client, foreign_brand, png_bytes())
        deleted = owner_client.delete(logo_url(foreign_brand, logo))

    assert (uploaded.status_code, deleted.status_code) == (404, 404)
    assert "Secret" not in uploaded.content.decode() + deleted.content.decode()
    assert list(BrandLogo.objects.all()) == [logo]
    assert media_files() == [Path(logo.file.path)]


def test_another_workspaces_brand_is_absent_from_the_list(owner_client, workspace, foreign_brand):
    mine = BrandKitFactory(workspace=workspace)

    response = owner_client.get(BRANDS)

    assert [b["id"] for b in response.json()["results"]] == [mine.pk]
    assert response.json()["count"] == 1


def test_filtering_the_list_by_another_workspace_shows_nothing(owner_client, workspace, other_workspace, foreign_brand):
    response = owner_client.get(BRANDS, {"workspace": other_workspace.pk})

    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", list_url),
        ("post", list_url),
        ("get", detail_url),
        ("patch", detail_url),
        ("delete", detail_url),
        ("get", logos_url),
        ("post", logos_url),
    ],
)
def test_unauthenticated_requests_answer_401(api_client, brand, method, path):
    response = getattr(api_client, method)(path(brand))

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert BrandKit.objects.filter(pk=brand.pk).exists()


def test_an_invalid_token_answers_401(api_client, brand):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-token")

    response = api_client.get(BRANDS)

    assert response.status_code == 401


# --- List ----------------------------------------------------------------------------------


def test_list_is_paginated(owner_client, workspace):
    for name in ["A", "B", "C"]:
        BrandKitFactory(workspace=workspace, name=name)

    first = owner_client.get(BRANDS, {"page_size": 2}).json()
    second = owner_client.get(first["next"]).json()

    assert set(first) == {"count", "next", "previous", "results"}
    assert (first["count"], first["previous"]) == (3, None)
    assert [b["name"] for b in first["results"]] == ["A", "B"]
    assert [b["name"] for b in second["results"]] == ["C"]
    assert (second["next"], second["previous"] is not None) == (None, True)


def test_list_filters_by_workspace(owner_client, user, workspace):
    second = WorkspaceFactory()
    MembershipFactory(workspace=second, user=user, role="viewer")
    here = BrandKitFactory(workspace=workspace, name="Here")
    there = BrandKitFactory(workspace=second, name="There")

    everything = owner_client.get(BRANDS).json()
    filtered = owner_client.get(BRANDS, {"workspace": second.pk}).json()

    assert [b["id"] for b in everything["results"]] == [here.pk, there.pk]
    assert [b["id"] for b in filtered["results"]] == [there.pk]


def test_list_searches_names(owner_client, workspace):
    BrandKitFactory(workspace=workspace, name="Sparkle Coffee")
    BrandKitFactory(workspace=workspace, name="Moonlight Tea")

    response = owner_client.get(BRANDS, {"search": "sparkle"})

    assert [b["name"] for b in response.json()["results"]] == ["Sparkle Coffee"]


def test_list_orders_by_name_descending(owner_client, workspace):
    for name in ["Beta", "Alpha", "Gamma"]:
        BrandKitFactory(workspace=workspace, name=name)

    default = owner_client.get(BRANDS).json()["results"]
    descending = owner_client.get(BRANDS, {"ordering": "-name"}).json()["results"]

    assert [b["name"] for b in default] == ["Alpha", "Beta", "Gamma"]
    assert [b["name"] for b in descending] == ["Gamma", "Beta", "Alpha"]


def make_full_brands(workspace, count: int) -> None:
    for _ in range(count):
        brand = BrandKitFactory(workspace=workspace)
        BrandColorFactory(brand=brand, position=0)
        BrandColorFactory(brand=brand, position=1, hex="#000000", role="text")
        BrandFontFactory(brand=brand)
        BrandLogoFactory(brand=brand)


# one: the page with its colours, fonts and logos as JSON and the count (a window) in it; the
# token and the caller's roles come from the cache after the token's first use.
LIST_QUERIES = 1


@pytest.mark.parametrize("brands", [3, 6])
def test_list_query_count_does_not_grow_with_the_brands(owner_client, workspace, brands, django_assert_num_queries):
    make_full_brands(workspace, brands)
    owner_client.get("/api/v1/auth/me/")  # a token's first use notes its last_used (then once a minute)

    with django_assert_num_queries(LIST_QUERIES):
        response = owner_client.get(BRANDS)

    results = response.json()["results"]
    assert len(results) == brands
    assert all(len(b["colors"]) == 2 and len(b["fonts"]) == 1 and len(b["logos"]) == 1 for b in results)
