from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from brands.models import BrandColor, BrandKit, BrandLogo
from brands.tests.factories import BrandColorFactory, BrandFontFactory, BrandKitFactory, BrandLogoFactory
from brands.tests.images import ORANGE, hex_of, png_bytes, svg_bytes, upload
from sparklio.core.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:brands_brandkit_changelist")


def change_url(brand) -> str:
    return reverse("admin:brands_brandkit_change", args=[brand.pk])


def media_files() -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def change_form(brand, **fields) -> dict:
    """The admin change form of ``brand`` as posted, with empty colour, font and logo inlines."""
    data = {
        "workspace": brand.workspace_id,
        "name": brand.name,
        "description": brand.description,
        "language": brand.language,
        "tone_of_voice": brand.tone_of_voice,
        "target_audience": brand.target_audience,
        "banned_words": ",".join(brand.banned_words),
        "required_words": ",".join(brand.required_words),
        "guidelines": brand.guidelines,
    }
    for prefix in ("colors", "fonts", "logos"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    data.update(fields)
    return data


def new_logo_form(brand, file) -> dict:
    return {"logos-TOTAL_FORMS": "1", "logos-0-id": "", "logos-0-brand": str(brand.pk), "logos-0-upload": file}


def staff_with_brand_permissions(*codenames: str):
    person = UserFactory(is_staff=True)
    person.user_permissions.set(Permission.objects.filter(content_type__app_label="brands", codename__in=codenames))
    return person


# --- Superuser -------------------------------------------------------------------------------


def test_changelist_shows_brands_with_colour_swatches(admin_client, workspace, other_workspace):
    mine = BrandKitFactory(workspace=workspace, name="Sparkle Coffee")
    BrandColorFactory(brand=mine, name="Ember", hex="#FF5A1F", role="primary")
    BrandColorFactory(brand=mine, name="Night", hex="#141E50", role="text", position=1)
    BrandKitFactory(workspace=other_workspace, name="Moonlight Tea")

    response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sparkle Coffee" in html and "Moonlight Tea" in html  # a superuser sees every workspace
    assert "background:#FF5A1F" in html and "background:#141E50" in html
    assert 'title="Ember (primary)"' in html


def test_changelist_shows_the_first_logo(admin_client, workspace):
    brand = BrandKitFactory(workspace=workspace)
    logo = BrandLogoFactory(brand=brand)

    response = admin_client.get(CHANGELIST)

    # The URL is signed and expiring (sparklio/core/storage.py): compare its path.
    assert f'src="{logo.file.url.split("?")[0]}?exp=' in response.content.decode()


def test_change_page_shows_the_brand_its_inlines_and_the_logo_palette(admin_client, workspace):
    brand = BrandKitFactory(workspace=workspace, name="Sparkle Coffee")
    BrandColorFactory(brand=brand, name="Ember", hex="#FF5A1F")
    BrandFontFactory(brand=brand, family="Pretendard")
    BrandLogoFactory(brand=brand, analysis_status="ready", palette=[{"hex": "#141E50", "share": 0.6}])

    response = admin_client.get(change_url(brand))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Sparkle Coffee"' in html
    assert 'value="Ember"' in html and 'value="Pretendard"' in html
    assert 'title="#141E50 60%"' in html
    assert 'name="logos-TOTAL_FORMS"' in html


def test_admin_saves_a_renamed_brand(admin_client, workspace):
    brand = BrandKitFactory(workspace=workspace, name="Before")

    response = admin_client.post(change_url(brand), change_form(brand, name="After"))

    assert (response.status_code, response.url) == (302, CHANGELIST)
    brand.refresh_from_db()
    assert brand.name == "After"


def test_admin_upload_creates_a_logo_through_the_service(
    admin_client, admin_user, workspace, django_capture_on_commit_callbacks
):
    brand = BrandKitFactory(workspace=workspace)
    data = png_bytes(width=48, height=24, main=ORANGE)

    with django_capture_on_commit_callbacks(execute=True):
        form = change_form(brand, **new_logo_form(brand, upload("a.png", data)))
        response = admin_client.post(change_url(brand), form)

    assert response.status_code == 302, response.context and response.context["errors"]
    logo = BrandLogo.objects.get()
    assert (logo.brand, logo.created_by, logo.original_name) == (brand, admin_user, "a.png")
    assert (logo.content_type, logo.width, logo.height, logo.size_bytes) == ("image/png", 48, 24, len(data))
    assert Path(logo.file.path).read_bytes() == data
    assert logo.file.name.startswith(f"brands/{workspace.pk}/{brand.pk}/logos/")
    assert (logo.analysis_status, logo.palette[0]["hex"]) == ("ready", hex_of(ORANGE))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param("logo.png", b"just text", "not a supported image", id="text"),
        pytest.param("logo.svg", svg_bytes("<script>alert(1)</script>"), "may not contain &lt;script&gt;", id="script"),
        pytest.param("logo.png", png_bytes()[:60], "corrupt", id="truncated"),
    ],
)
def test_admin_rejects_a_bad_upload_and_stores_nothing(admin_client, workspace, name, data, message):
    brand = BrandKitFactory(workspace=workspace, name="Before")

    response = admin_client.post(
        change_url(brand), change_form(brand, name="After", **new_logo_form(brand, upload(name, data)))
    )

    assert response.status_code == 200  # the form again, with the error
    assert message in response.content.decode()
    logo_formset = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "logos")
    assert list(logo_formset.errors[0]) == ["upload"]
    assert not BrandLogo.objects.exists()
    assert media_files() == []
    brand.refresh_from_db()
    assert brand.name == "Before"  # nothing of the form is saved


def test_admin_saves_colour_and_font_inlines(admin_client, workspace):
    brand = BrandKitFactory(workspace=workspace)
    form = change_form(
        brand,
        **{
            "colors-TOTAL_FORMS": "1",
            "colors-0-position": "0",
            "colors-0-name": "Ember",
            "colors-0-hex": "#FF5A1F",
            "colors-0-role": "primary",
            "colors-0-brand": str(brand.pk),
            "fonts-TOTAL_FORMS": "1",
            "fonts-0-position": "0",
            "fonts-0-family": "Pretendard",
            "fonts-0-role": "body",
            "fonts-0-weights": "400,700",
            "fonts-0-brand": str(brand.pk),
        },
    )

    response = admin_client.post(change_url(brand), form)

    assert response.status_code == 302
    assert [(c.name, c.hex, c.role) for c in brand.colors.all()] == [("Ember", "#FF5A1F", "primary")]
    assert [(f.family, f.weights) for f in brand.fonts.all()] == [("Pretendard", [400, 700])]


def test_admin_rejects_an_invalid_colour(admin_client, workspace):
    brand = BrandKitFactory(workspace=workspace)
    form = change_form(
        brand,
        **{
            "colors-TOTAL_FORMS": "1",
            "colors-0-position": "0",
            "colors-0-name": "Bad",
            "colors-0-hex": "orange",
            "colors-0-role": "primary",
            "colors-0-brand": str(brand.pk),
        },
    )

    response = admin_client.post(change_url(brand), form)

    assert response.status_code == 200
    assert "Enter a colour as #RRGGBB" in response.content.decode()
    assert not BrandColor.objects.exists()


def test_admin_deletes_a_logo_and_its_file(admin_client, workspace, django_capture_on_commit_callbacks):
    brand = BrandKitFactory(workspace=workspace)
    logo = BrandLogoFactory(brand=brand)
    path = Path(logo.file.path)
    form = change_form(
        brand,
        **{
            "logos-TOTAL_FORMS": "1",
            "logos-INITIAL_FORMS": "1",
            "logos-0-id": str(logo.pk),
            "logos-0-brand": str(brand.pk),
            "logos-0-DELETE": "on",
        },
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(change_url(brand), form)

    assert response.status_code == 302
    assert not BrandLogo.objects.exists()
    assert not path.exists()


# --- Staff who are not superusers ------------------------------------------------------------


@pytest.fixture
def staff_editor(workspace):
    person = staff_with_brand_permissions("view_brandkit", "change_brandkit")
    MembershipFactory(workspace=workspace, user=person, role="editor")
    return person


def test_staff_see_only_brands_of_their_workspaces(client, staff_editor, workspace, other_workspace):
    BrandKitFactory(workspace=workspace, name="Sparkle Coffee")
    BrandKitFactory(workspace=other_workspace, name="Moonlight Tea")
    client.force_login(staff_editor)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert [b.name for b in response.context["cl"].result_list] == ["Sparkle Coffee"]
    assert "Moonlight Tea" not in response.content.decode()


def test_staff_can_open_a_brand_of_their_workspace(client, staff_editor, workspace):
    brand = BrandKitFactory(workspace=workspace, name="Sparkle Coffee")
    client.force_login(staff_editor)

    response = client.get(change_url(brand))

    assert response.status_code == 200
    assert 'value="Sparkle Coffee"' in response.content.decode()


def test_staff_are_sent_away_from_another_workspaces_brand(client, staff_editor, other_workspace):
    brand = BrandKitFactory(workspace=other_workspace, name="Moonlight Tea")
    client.force_login(staff_editor)

    response = client.get(change_url(brand))
    posted = client.post(change_url(brand), change_form(brand, name="Mine now"))

    # Django admin answers an object outside get_queryset like a missing one: back to the index.
    assert (response.status_code, response.url) == (302, reverse("admin:index"))
    assert (posted.status_code, posted.url) == (302, reverse("admin:index"))
    brand.refresh_from_db()
    assert brand.name == "Moonlight Tea"


def test_staff_who_only_view_the_workspace_cannot_change_its_brands(client, workspace):
    person = staff_with_brand_permissions("view_brandkit", "change_brandkit")
    MembershipFactory(workspace=workspace, user=person, role="viewer")
    brand = BrandKitFactory(workspace=workspace, name="Sparkle Coffee")
    client.force_login(person)

    page = client.get(change_url(brand))
    posted = client.post(change_url(brand), change_form(brand, name="Changed"))

    assert page.status_code == 200
    assert 'name="name"' not in page.content.decode()  # shown read-only
    assert posted.status_code == 403
    brand.refresh_from_db()
    assert brand.name == "Sparkle Coffee"


def test_staff_without_the_brand_permissions_cannot_open_the_changelist(client, workspace):
    person = UserFactory(is_staff=True)
    MembershipFactory(workspace=workspace, user=person, role="owner")
    client.force_login(person)

    response = client.get(CHANGELIST)

    assert response.status_code == 403
    assert BrandKit.objects.count() == 0
