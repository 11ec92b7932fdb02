import io
from pathlib import Path

import pytest
from django.db import DataError, connection
from django.test.utils import CaptureQueriesContext
from rest_framework.exceptions import ValidationError

from brands import services
from brands.logos import dominant_colors
from brands.models import BrandColor, BrandFont, BrandKit, BrandLogo
from brands.tests.factories import BrandColorFactory, BrandFontFactory, BrandKitFactory, BrandLogoFactory
from brands.tests.images import (
    NAVY,
    ORANGE,
    half_transparent_png,
    hex_of,
    png_bytes,
    svg_bytes,
    two_colour_image,
    upload,
)
from sparklio.core.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def brand(workspace):
    return BrandKitFactory(workspace=workspace)


# --- brand_logo_analyze --------------------------------------------------------------------


def test_analyze_measures_the_palette_and_tells_the_workspace(
    brand, workspace_events, django_capture_on_commit_callbacks, settings
):
    settings.BRAND_LIST_CACHE_SECONDS = 0  # the brand list's cache would add a callback of its own
    logo = BrandLogoFactory(brand=brand)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = services.brand_logo_analyze(logo_id=logo.pk)

    logo.refresh_from_db()
    assert result == logo
    assert logo.analysis_status == "ready"
    assert logo.palette == [{"hex": hex_of(ORANGE), "share": 0.75}, {"hex": hex_of(NAVY), "share": 0.25}]
    assert logo.analysis_error == ""
    assert len(callbacks) == 1
    assert workspace_events() == [
        {
            "type": "job.progress",
            "job": "brand_logo_analyze",
            "brand": brand.pk,
            "logo": logo.pk,
            "status": "succeeded",
            "progress": 1.0,
            "palette": logo.palette,
        },
    ]


def test_analyze_sends_nothing_before_the_transaction_commits(
    brand, workspace_events, django_capture_on_commit_callbacks, settings
):
    settings.BRAND_LIST_CACHE_SECONDS = 0  # the brand list's cache would add a callback of its own
    logo = BrandLogoFactory(brand=brand)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.brand_logo_analyze(logo_id=logo.pk)

    assert workspace_events() == []
    callbacks[0]()
    assert [event["status"] for event in workspace_events()] == ["succeeded"]


def test_analyze_twice_changes_nothing_and_sends_no_second_event(
    brand, workspace_events, django_capture_on_commit_callbacks
):
    logo = BrandLogoFactory(brand=brand)
    with django_capture_on_commit_callbacks(execute=True):
        services.brand_logo_analyze(logo_id=logo.pk)
    assert len(workspace_events()) == 1
    # Make the stored bytes different: a second analysis would now measure another palette.
    Path(logo.file.path).write_bytes(png_bytes(main=NAVY, other=ORANGE))
    first = BrandLogo.objects.values().get(pk=logo.pk)

    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = services.brand_logo_analyze(logo_id=logo.pk)

    assert again.analysis_status == "ready"
    assert BrandLogo.objects.values().get(pk=logo.pk) == first
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("UPDATE")]
    assert callbacks == []
    assert workspace_events() == []


def test_analyze_leaves_a_failed_logo_alone(brand, workspace_events, django_capture_on_commit_callbacks):
    logo = BrandLogoFactory(brand=brand, analysis_status="failed", analysis_error="earlier failure")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = services.brand_logo_analyze(logo_id=logo.pk)

    assert result.analysis_status == "failed"
    logo.refresh_from_db()
    assert (logo.analysis_status, logo.analysis_error, logo.palette) == ("failed", "earlier failure", [])
    assert callbacks == []


def test_analyze_a_missing_logo_returns_none(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = services.brand_logo_analyze(logo_id=987654)

    assert result is None
    assert callbacks == []


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n but then nothing that Pillow can read", id="corrupt-bytes"),
        pytest.param(None, id="file-missing-from-storage"),
    ],
)
def test_analyze_an_unreadable_logo_ends_failed_and_says_why(
    brand, stored, workspace_events, django_capture_on_commit_callbacks
):
    logo = BrandLogoFactory(brand=brand)
    path = Path(logo.file.path)
    if stored is None:
        path.unlink()
    else:
        path.write_bytes(stored)

    with django_capture_on_commit_callbacks(execute=True):
        result = services.brand_logo_analyze(logo_id=logo.pk)

    logo.refresh_from_db()
    assert result.analysis_status == logo.analysis_status == "failed"
    assert logo.analysis_error
    assert logo.palette == []
    events = workspace_events()
    assert [(e["status"], e["logo"], e["error"]) for e in events] == [("failed", logo.pk, logo.analysis_error)]


def test_task_runs_the_service_and_reports_the_status(brand):
    from brands.tasks import brand_logo_analyze

    logo = BrandLogoFactory(brand=brand)

    assert brand_logo_analyze(logo.pk) == "ready"
    assert brand_logo_analyze(987654) is None
    logo.refresh_from_db()
    assert logo.analysis_status == "ready"


# --- brand_logo_add / brand_logo_delete ------------------------------------------------------


def test_logo_add_queues_the_analysis_only_after_commit(brand, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        logo = services.brand_logo_add(brand=brand, upload=upload("logo.png", png_bytes()), created_by=user)

    logo.refresh_from_db()
    assert logo.analysis_status == "pending"
    assert Path(logo.file.path).exists()

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    logo.refresh_from_db()
    assert logo.analysis_status == "ready"


def test_logo_add_removes_the_file_when_the_row_cannot_be_saved(brand, settings):
    unsaved_user = User(username="ghost")

    with pytest.raises(ValueError, match="unsaved related object"):
        services.brand_logo_add(brand=brand, upload=upload("logo.png", png_bytes()), created_by=unsaved_user)

    assert not BrandLogo.objects.exists()
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []


def test_logo_add_rejects_a_bad_file_as_a_validation_error_on_file(brand, user):
    with pytest.raises(ValidationError) as raised:
        services.brand_logo_add(brand=brand, upload=upload("logo.png", b"plain text"), created_by=user)

    assert set(raised.value.detail) == {"file"}
    assert not BrandLogo.objects.exists()


def test_logo_delete_removes_the_file_only_after_commit(brand, django_capture_on_commit_callbacks):
    logo = BrandLogoFactory(brand=brand)
    path = Path(logo.file.path)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.brand_logo_delete(logo=logo)

    assert not BrandLogo.objects.exists()
    assert path.exists()  # a rollback would still need it
    for callback in callbacks:
        callback()
    assert not path.exists()


def test_brand_delete_removes_logo_files_only_after_commit(brand, django_capture_on_commit_callbacks):
    paths = [Path(BrandLogoFactory(brand=brand).file.path) for _ in range(2)]

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.brand_delete(brand=brand)

    assert not BrandKit.objects.exists() and not BrandLogo.objects.exists()
    assert all(p.exists() for p in paths)
    for callback in callbacks:
        callback()
    assert not any(p.exists() for p in paths)


# --- brand_create / brand_update -------------------------------------------------------------


def test_create_stores_colours_and_fonts_with_their_positions(workspace, user):
    brand = services.brand_create(
        workspace=workspace,
        created_by=user,
        name="Acme",
        colors=[{"name": "B", "hex": "#000000", "role": "text"}, {"name": "A", "hex": "#FFFFFF", "role": "background"}],
        fonts=[{"family": "Pretendard", "role": "body", "weights": [400]}],
    )

    assert [(c.name, c.position) for c in brand.colors.all()] == [("B", 0), ("A", 1)]
    assert [(f.family, f.position) for f in brand.fonts.all()] == [("Pretendard", 0)]
    assert brand.created_by == user


def test_create_is_all_or_nothing(workspace, user):
    with pytest.raises(DataError):
        services.brand_create(
            workspace=workspace,
            created_by=user,
            name="Acme",
            colors=[{"name": "Too long", "hex": "#FF5A1F00", "role": "primary"}],
        )

    assert BrandKit.objects.count() == BrandColor.objects.count() == 0


def test_create_rejects_a_taken_name_whatever_the_case(workspace, user):
    BrandKitFactory(workspace=workspace, name="Acme")

    with pytest.raises(ValidationError) as raised:
        services.brand_create(workspace=workspace, created_by=user, name="ACME")

    assert set(raised.value.detail) == {"name"}
    assert BrandKit.objects.count() == 1


def test_update_replaces_only_the_lists_it_is_given(brand):
    BrandColorFactory(brand=brand, name="Old colour")
    BrandFontFactory(brand=brand, family="Old font")

    services.brand_update(brand=brand, colors=[{"name": "New colour", "hex": "#000000", "role": "text"}])

    assert [c.name for c in brand.colors.all()] == ["New colour"]
    assert [f.family for f in brand.fonts.all()] == ["Old font"]
    assert BrandColor.objects.count() == BrandFont.objects.count() == 1


def test_update_rejects_a_rename_onto_another_brand_and_changes_nothing(brand):
    BrandKitFactory(workspace=brand.workspace, name="Taken")
    old_name = brand.name
    BrandColorFactory(brand=brand, name="Kept")

    with pytest.raises(ValidationError) as raised:
        services.brand_update(brand=brand, name="taken", colors=[])

    assert set(raised.value.detail) == {"name"}
    brand.refresh_from_db()
    assert brand.name == old_name
    assert [c.name for c in brand.colors.all()] == ["Kept"]


# --- dominant_colors -------------------------------------------------------------------------


def test_dominant_colours_of_a_two_colour_png():
    palette = dominant_colors(png_bytes(main=ORANGE, other=NAVY, main_share=0.75), "image/png")

    assert palette == [{"hex": hex_of(ORANGE), "share": 0.75}, {"hex": hex_of(NAVY), "share": 0.25}]


def test_dominant_colours_of_a_large_image_are_measured_on_a_small_copy():
    image = two_colour_image(width=800, height=400, main_share=0.75)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")

    palette = dominant_colors(buffer.getvalue(), "image/png")

    # Resampling blends a few edge pixels; they join the nearer colour or fall under 2 %.
    assert [entry["hex"] for entry in palette] == [hex_of(ORANGE), hex_of(NAVY)]
    assert palette[0]["share"] == pytest.approx(0.75, abs=0.02)
    assert palette[1]["share"] == pytest.approx(0.25, abs=0.02)


def test_dominant_colours_ignore_transparent_pixels():
    palette = dominant_colors(half_transparent_png(visible=ORANGE, hidden=NAVY), "image/png")

    assert palette == [{"hex": hex_of(ORANGE), "share": 1.0}]


def test_dominant_colours_of_a_fully_transparent_image_are_empty():
    image = two_colour_image().convert("RGBA")
    image.putalpha(0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")

    assert dominant_colors(buffer.getvalue(), "image/png") == []


def test_dominant_colours_of_an_svg_count_its_fill_colours():
    data = svg_bytes(
        '<rect fill="#ff0000"/><rect fill="#F00"/><circle stroke="#FF0000"/>'
        '<path fill="#00ff00"/><stop stop-color="#0000FF"/><rect fill="#0000ff"/>'
    )

    palette = dominant_colors(data, "image/svg+xml")

    assert palette == [
        {"hex": "#FF0000", "share": 0.5},
        {"hex": "#0000FF", "share": 0.333},
        {"hex": "#00FF00", "share": 0.167},
    ]


def test_dominant_colours_keep_at_most_count_colours():
    data = svg_bytes("".join(f'<rect fill="#0000{n:02X}"/>' for n in range(8)))

    assert len(dominant_colors(data, "image/svg+xml", count=3)) == 3
