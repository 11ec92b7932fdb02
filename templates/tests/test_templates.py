import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from brands.tests.factories import BrandColorFactory, BrandFontFactory, BrandKitFactory
from conftest import client_for, member
from documents.models import Document
from documents.schema import CHANNEL_PRESETS, SparklioDocument
from documents.services import document_validate
from templates.fitting import fitted_size, wrapped_height
from templates.library import TEMPLATES
from templates.models import Template
from templates.services import skeleton_validate, template_apply, template_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def brand(workspace):
    kit = BrandKitFactory(workspace=workspace)
    BrandColorFactory(brand=kit, role="primary", hex="#0055FF")
    BrandColorFactory(brand=kit, role="text", hex="#222233")
    BrandColorFactory(brand=kit, role="background", hex="#FAF5EE")
    BrandFontFactory(brand=kit, role="heading", family="Black Han Sans")
    BrandFontFactory(brand=kit, role="body", family="Pretendard")
    return kit


def library(slug):
    return Template.objects.get(slug=slug)


def headline(document):
    return next(o for o in document.content["pages"][0]["objects"] if o["role"] == "headline")


def test_the_migrated_library_has_twelve_valid_templates_over_six_channels():
    from templates.campaign import campaign_library

    templates = Template.objects.filter(workspace__isnull=True)
    assert templates.count() == len(TEMPLATES) + len(campaign_library()) and len(TEMPLATES) >= 12
    assert set(templates.filter(category="campaign").values_list("channel", flat=True)) == set(CHANNEL_PRESETS)
    assert len({t.channel for t in templates}) >= 6
    for template in templates:
        parsed = document_validate(template.skeleton)
        preset = CHANNEL_PRESETS[template.channel]
        assert (parsed.width, parsed.height) == (preset.width, preset.height)
        skeleton_validate(template.skeleton, channel=template.channel)
        assert any(o.role.value in {"headline", "quote", "slogan"} for o in parsed.pages[0].objects)
    for template in templates.filter(channel="instagram_feed").exclude(category="campaign"):
        assert any(o["role"] == "hashtags" for o in template.skeleton["pages"][0]["objects"])


def test_apply_uses_the_brand_colours_and_fonts_and_fits_the_text(workspace, user, brand):
    template = library("ig-feed-sale")
    document = template_apply(template=template, workspace=workspace, user=user, brand=brand, content={})
    title = headline(document)
    assert title["style"]["color"] == "#0055FF"  # the skeleton's headline is in the primary colour
    assert title["style"]["font_family"] == "Black Han Sans"
    body = next(o for o in document.content["pages"][0]["objects"] if o["role"] == "price")
    assert body["style"]["color"] == "#222233"
    assert document.content["pages"][0]["background"] == "#FAF5EE"
    assert title["provenance"] == {"source": "template", "template_id": template.pk, **_nones()}
    assert document.content["metadata"]["template"]["id"] == template.pk
    assert document.brand_id == brand.pk
    assert not any(o["type"] == "image" for o in document.content["pages"][0]["objects"])  # unfilled pictures go
    assert document.versions.get().source == "create"


def _nones():
    return {"agent": None, "run_id": None, "user_id": None, "created_at": None}


def test_a_long_headline_is_set_smaller_and_fits_its_box(workspace, user, brand):
    template = library("fb-feed-product-launch")
    short = template_apply(
        template=template, workspace=workspace, user=user, brand=brand, content={"headline": "신제품"}
    )
    long_text = "올여름 가장 가볍고 강력한 무선 청소기가 드디어 출시되었습니다 지금 바로 만나보세요"
    long = template_apply(
        template=template, workspace=workspace, user=user, brand=brand, content={"headline": long_text}
    )
    short_size = headline(short)["style"]["font_size"]
    long_size = headline(long)["style"]["font_size"]
    assert long_size < short_size == 64
    assert long.content["metadata"]["template"]["fitted"]["headline"] == {"from": 64.0, "to": long_size}
    parsed = SparklioDocument.model_validate(long.content)
    box = next(o for o in parsed.pages[0].objects if o.role.value == "headline")
    assert box.text == long_text
    assert wrapped_height(box, language="ko") <= box.height + 0.5
    assert fitted_size(box, language="ko") == long_size  # stable: already fitted


def test_a_long_korean_headline_without_spaces_fits(workspace, user):
    import io

    from PIL import Image

    from documents.render import render_page

    template = library("kakao-feed-notice")
    text = "가" * 120
    document = template_apply(template=template, workspace=workspace, user=user, content={"headline": text})
    parsed = SparklioDocument.model_validate(document.content)
    box = next(o for o in parsed.pages[0].objects if o.role.value == "headline")
    assert box.style.font_size < 60
    assert wrapped_height(box, language="ko") <= box.height + 0.5
    # Draw the headline alone: no ink falls outside its box.
    parsed.pages[0].objects = [box]
    parsed.pages[0].background = "#FFFFFF"
    box.style.color = "#000000"
    image = Image.open(io.BytesIO(render_page(parsed, 0).content)).convert("L")
    ink = image.point(lambda v: 255 if v < 200 else 0).getbbox()
    assert ink is not None
    left, top, right, bottom = ink
    assert left >= box.x - 1 and top >= box.y - 1
    assert right <= box.x + box.width + 1 and bottom <= box.y + box.height + 1


def test_picture_slots_take_workspace_files_and_the_brand_logo(workspace, user, brand):
    path = default_storage.save(f"uploads/{workspace.pk}/product.png", ContentFile(b"x"))
    template = library("ig-feed-product-launch")
    document = template_apply(
        template=template, workspace=workspace, user=user, brand=brand, content={"product_image": path}
    )
    pictures = {o["role"]: o["src"] for o in document.content["pages"][0]["objects"] if o["type"] == "image"}
    assert pictures == {"product_image": path}  # no brand logo: the logo slot is removed


def test_workspace_templates_are_validated(workspace, other_workspace):
    skeleton = TEMPLATES[0]["skeleton"] | {"width": 10}
    with pytest.raises(Exception, match="skeleton"):
        template_create(name="x", slug="x", channel="instagram_feed", category="sale", skeleton=skeleton)
    bad = dict(TEMPLATES[0]["skeleton"])
    bad["metadata"] = {"palette": {"nope": {"fill": "primary"}}}
    with pytest.raises(Exception, match="palette"):
        template_create(name="x", slug="x", channel="instagram_feed", category="sale", skeleton=bad)


# API


def url(template, suffix=""):
    return f"/api/v1/templates/{template.pk}/{suffix}"


def test_apply_over_the_api(owner_client, workspace, brand):
    template = library("ig-story-flash-sale")
    response = owner_client.post(
        url(template, "apply/"),
        {"workspace": workspace.pk, "brand": brand.pk, "title": "가을 세일", "content": {"headline": "가을 세일"}},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["title"] == "가을 세일" and body["brand"] == brand.pk and body["version"] == 1
    assert headline(Document.objects.get(pk=body["id"]))["text"] == "가을 세일"


def test_an_unknown_role_is_named(owner_client, workspace):
    response = owner_client.post(
        url(library("ig-feed-sale"), "apply/"), {"workspace": workspace.pk, "content": {"qr_code": "x"}}, format="json"
    )
    assert response.status_code == 400
    assert "content.qr_code" in str(response.json())
    assert not Document.objects.exists()


def test_another_workspaces_file_in_the_logo_slot_is_refused(owner_client, workspace, other_workspace):
    response = owner_client.post(
        url(library("ig-feed-testimonial"), "apply/"),
        {"workspace": workspace.pk, "content": {"logo": f"brands/{other_workspace.pk}/1/logos/x.png"}},
        format="json",
    )
    assert response.status_code == 400
    assert "content.logo" in str(response.json())
    response = owner_client.post(
        url(library("ig-feed-testimonial"), "apply/"),
        {"workspace": workspace.pk, "content": {"logo": "https://evil.example/x.png"}},
        format="json",
    )
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_viewers_cannot_apply(workspace):
    viewer = client_for(member(workspace, "viewer"))
    template = library("ig-feed-sale")
    assert viewer.get(url(template)).status_code == 200
    response = viewer.post(url(template, "apply/"), {"workspace": workspace.pk, "content": {}}, format="json")
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_another_workspaces_template_is_not_found(owner_client, workspace, other_workspace):
    theirs = template_create(
        name="Theirs",
        slug="theirs",
        channel="instagram_feed",
        category="sale",
        skeleton=TEMPLATES[0]["skeleton"],
        workspace=other_workspace,
    )
    template_create(
        name="Ours",
        slug="ours",
        channel="kakao_feed",
        category="event",
        skeleton=library("kakao-feed-notice").skeleton,
        workspace=workspace,
    )
    assert owner_client.get(url(theirs)).status_code == 404
    response = owner_client.post(url(theirs, "apply/"), {"workspace": workspace.pk, "content": {}}, format="json")
    assert response.status_code == 404
    slugs = {t["slug"] for t in owner_client.get("/api/v1/templates/", {"page_size": 100}).json()["results"]}
    assert "ours" in slugs and "theirs" not in slugs


def test_list_filters_and_detail(owner_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = owner_client.get("/api/v1/templates/", {"channel": "instagram_feed"})
    results = response.json()["results"]
    assert results and {t["channel"] for t in results} == {"instagram_feed"}
    sales = owner_client.get("/api/v1/templates/", {"category": "sale"}).json()["results"]
    assert sales and {t["category"] for t in sales} == {"sale"}
    by_tag = owner_client.get("/api/v1/templates/", {"search": "쿠폰"}).json()["results"]
    assert [t["slug"] for t in by_tag] == ["kakao-feed-coupon"]
    by_name = owner_client.get("/api/v1/templates/", {"search": "유튜브"}).json()["results"]
    assert [t["slug"] for t in by_name] == ["yt-thumbnail-announcement"]
    detail = owner_client.get(url(library("ig-feed-sale"))).json()
    roles = {slot["role"]: slot["kind"] for slot in detail["slots"]}
    assert roles["headline"] == "text" and roles["product_image"] == "image" and "price" in roles
    assert detail["skeleton"]["channel"] == "instagram_feed"


def test_preview_renders_a_png(owner_client):
    response = owner_client.get(url(library("yt-thumbnail-announcement"), "preview/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_syncing_the_library_again_updates_rather_than_duplicates():
    from templates.services import template_library_sync

    Template.objects.filter(slug="ig-feed-sale").update(name="old")
    before = Template.objects.filter(workspace__isnull=True).count()
    template_library_sync()
    assert Template.objects.filter(workspace__isnull=True).count() == before
    assert library("ig-feed-sale").name == TEMPLATES[1]["name"]


NEW_CHANNELS = ("web_banner", "poster", "presentation", "email_newsletter")


def test_the_channel_presets_migration_adds_one_campaign_template_per_new_channel_once():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("templates.migrations.0004_channel_presets")
    Template.objects.filter(slug="campaign-poster").delete()  # as before the migration
    Template.objects.filter(slug="campaign-web-banner").update(name="old")
    for _ in range(2):  # idempotent: by slug
        migration.load_library(apps, None)
    for channel in NEW_CHANNELS:
        templates = Template.objects.filter(workspace__isnull=True, category="campaign", channel=channel)
        assert templates.count() == 1, channel
        template = templates.get()
        preset = CHANNEL_PRESETS[channel]
        assert template.slug == f"campaign-{channel.replace('_', '-')}"
        assert (template.skeleton["width"], template.skeleton["height"]) == (preset.width, preset.height)
        assert template.name == f"캠페인 ({preset.label})"
    assert Template.objects.filter(workspace__isnull=True, category="campaign").count() == len(CHANNEL_PRESETS)


def test_library_sync_writes_the_placeholder_pictures_its_slots_point_at(settings, tmp_path):
    from django.core.files.storage import default_storage
    from PIL import Image

    from templates.services import template_library_sync

    template_library_sync()
    names = default_storage.listdir("library/placeholders")[1]
    assert "product_image.png" in names and "logo.png" in names
    with default_storage.open("library/placeholders/product_image.png") as fh:
        image = Image.open(fh).convert("RGB")
        assert image.size == (800, 800) and image.getpixel((2, 400)) != (0, 0, 0)


def test_apply_with_the_contract_body_takes_the_brands_workspace(owner_client, workspace, brand, user, other_workspace):
    """The issue's contract is `{brand, content}`: the document goes to the brand's workspace."""
    from sparklio.core.tests.factories import MembershipFactory

    MembershipFactory(workspace=other_workspace, user=user, role="editor")  # the caller has two workspaces
    response = owner_client.post(
        url(library("ig-feed-sale"), "apply/"),
        {"brand": brand.pk, "content": {"headline": "주말 특가"}},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["workspace"] == workspace.pk
    ambiguous = owner_client.post(url(library("ig-feed-sale"), "apply/"), {"content": {}}, format="json")
    assert ambiguous.status_code == 400 and "workspace" in ambiguous.json()["errors"]


def test_slot_text_errors_name_the_slot(owner_client, workspace):
    for value in ["x" * 25_000, "a\u0000b"]:
        response = owner_client.post(
            url(library("ig-feed-sale"), "apply/"),
            {"workspace": workspace.pk, "content": {"headline": value}},
            format="json",
        )
        assert response.status_code == 400 and "content.headline" in response.json()["errors"]
    assert not Document.objects.exists()


def test_every_library_preview_renders_with_its_placeholder_pictures(owner_client):
    """The fuzz finding: ``ig-portrait-brand`` (template 5) answered 500 "box offset can't be
    negative" once its placeholder pictures were in storage: fitting the 800×800 placeholder to
    cover its 460×165 box put the crop box a rounding error outside the picture."""
    from documents.schema import iter_objects
    from templates.services import placeholder_ensure

    for template in Template.objects.filter(workspace=None):
        for page in SparklioDocument.model_validate(template.skeleton).pages:
            for obj in iter_objects(page.objects):
                if obj.type == "image":
                    placeholder_ensure(path=obj.src)
    for template in Template.objects.filter(workspace=None).order_by("pk"):
        response = owner_client.get(url(template, "preview/"))
        assert response.status_code == 200, (template.slug, response.content[:200])
        assert response["Content-Type"] == "image/png"


def test_a_picture_covers_its_box_whatever_the_rounding():
    from PIL import Image

    from documents.render.images import fit
    from documents.schema import Crop

    picture = Image.new("RGBA", (800, 800), "red")
    assert fit(picture, (460, 165), "cover").size == (460, 165)
    assert fit(picture, (50, 50), "fill", crop=Crop(x=1, y=1, width=0.5, height=0.5)).size == (50, 50)
