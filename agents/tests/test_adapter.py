"""The channel adapter: one design re-laid out for every channel preset, measured on pixels."""

import io

import pytest
from PIL import Image, ImageColor

from agents.library.adapter import SLOT_OF, adapt_document
from agents.tests import adapt_sources
from documents.render import render_page
from documents.render.integrity import inspect_layout
from documents.schema import CHANNEL_PRESETS, ImageObject, SparklioDocument, TextObject
from documents.services import workspace_path_rule

SOURCES = [
    "square_korean",
    "story_korean",
    "landscape_english",
    "portrait_english_photo",
    "square_english_backdrop",
    "campaign_korean",
]
NO_WORKSPACE = {"square_korean", "campaign_korean"}


def source_of(name: str, workspace_id: int) -> SparklioDocument:
    make = getattr(adapt_sources, name)
    return SparklioDocument.model_validate(make() if name in NO_WORKSPACE else make(workspace_id))


def source_roles(doc: SparklioDocument) -> set[str]:
    from documents.schema import iter_objects

    return {o.role.value for o in iter_objects(doc.pages[0].objects) if isinstance(o, TextObject) and o.text.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("name", SOURCES)
def test_every_preset_passes_the_layout_checks(name, workspace):
    source = source_of(name, workspace.pk)
    rule = workspace_path_rule(workspace.pk)
    assert inspect_layout(source, allowed_path=rule).texts  # the source itself renders
    for channel, preset in CHANNEL_PRESETS.items():
        adapted = adapt_document(source, channel, allowed_path=rule)
        doc = adapted.document
        assert (doc.width, doc.height, doc.channel) == (preset.width, preset.height, channel)
        report = inspect_layout(doc, allowed_path=rule)
        assert report.defects == [], (channel, [d.message for d in report.defects])
        assert adapted.defects == []
        texts = {o.role.value for o in doc.pages[0].objects if isinstance(o, TextObject)}
        # every text of the source is on the page, or named as left out
        assert set(adapted.document.metadata["adapted"]["roles"]) == texts
        assert texts | set(adapted.left_out) >= {SLOT_OF.get(r, r) for r in source_roles(source)}
        rendered = render_page(doc, 0, fmt="png", allowed_path=rule)
        if not doc.pages[0].background_image:
            # the page is filled to its corners with the source's background
            image = Image.open(io.BytesIO(rendered.content)).convert("RGB")
            corners = {image.getpixel((x, y)) for x in (0, image.width - 1) for y in (0, image.height - 1)}
            assert corners == {ImageColor.getrgb(doc.pages[0].background)}, channel


# --- the endpoint and the agent ----------------------------------------------------------------------

ADAPT = "/api/v1/documents/{}/adapt/"


def stored_story(workspace):
    from documents.services import document_create

    return document_create(workspace=workspace, user=None, content=adapt_sources.story_korean(workspace.pk))


@pytest.mark.django_db
def test_the_endpoint_makes_one_linked_document_per_channel(owner_client, workspace, user):
    from documents.models import Document

    source = stored_story(workspace)
    photo = next(o["src"] for o in source.content["pages"][0]["objects"] if o["role"] == "product_image")
    channels = ["instagram_feed", "web_banner", "instagram_story"]
    response = owner_client.post(ADAPT.format(source.pk), {"channels": channels}, format="json")
    assert response.status_code == 201, response.json()
    made = response.json()["documents"]
    assert [item["channel"] for item in made] == channels
    assert [(item["width"], item["height"]) for item in made] == [(1080, 1080), (1200, 400), (1080, 1920)]
    assert [item["layout"] for item in made] == ["square", "banner", "tall"]
    assert all(item["source"] == source.pk and item["defects"] == [] for item in made)
    for item in made:
        document = Document.objects.get(pk=item["id"], workspace=workspace)
        content = document.content
        assert document.channel == item["channel"] and document.created_by == user
        assert content["metadata"]["adapted"]["source"] == source.pk
        assert document.title.startswith(source.title) and CHANNEL_PRESETS[item["channel"]].label in document.title
        objects = {o["role"]: o for o in content["pages"][0]["objects"]}
        # the product is shown whole, the same picture; every text is the source's
        assert objects["product_image"]["src"] == photo and objects["product_image"]["fit"] == "contain"
        assert objects["headline"]["text"] == "출근길 소음은 끄고, 음악은 켜고"
        assert objects["cta_button"]["style"]["background_color"] == "#FF5A1F"
        assert content["pages"][0]["background"] == "#FFF7EE"
        assert objects["headline"]["provenance"]["agent"] == "channel_adapter"
    # the render endpoint draws them
    png = owner_client.get(f"/api/v1/documents/{made[1]['id']}/render/?format=png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(png.content)).size == (1200, 400)
    # even the banner has room for everything this design says
    assert [item["left_out"] for item in made] == [[], [], []]
    # the source is untouched
    source.refresh_from_db()
    assert source.version == 1 and source.channel == "instagram_story"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"channels": ["instagram_feed", "tiktok"]}, "channels"),
        ({"channels": []}, "channels"),
        ({}, "channels"),
        ({"channels": "instagram_feed"}, "channels"),
        ({"channels": ["instagram_feed"], "size": 2}, "size"),
    ],
)
def test_bad_channels_are_a_400_naming_the_field_and_nothing_is_made(owner_client, workspace, body, field):
    from documents.models import Document

    source = stored_story(workspace)
    response = owner_client.post(ADAPT.format(source.pk), body, format="json")
    assert response.status_code == 400 and field in response.json()["errors"], response.json()
    assert Document.objects.filter(workspace=workspace).count() == 1


@pytest.mark.django_db
def test_another_workspaces_document_is_a_404_and_viewers_may_not_adapt(owner_client, workspace, other_workspace):
    from conftest import client_for, member
    from documents.models import Document
    from documents.services import document_create
    from documents.tests.test_api import ad

    foreign = document_create(workspace=other_workspace, user=None, content=ad())
    response = owner_client.post(ADAPT.format(foreign.pk), {"channels": ["kakao_feed"]}, format="json")
    assert response.status_code == 404
    assert owner_client.post(ADAPT.format(10**9), {"channels": ["kakao_feed"]}, format="json").status_code == 404
    viewer = client_for(member(workspace, "viewer"))
    mine = document_create(workspace=workspace, user=None, content=ad())
    assert viewer.post(ADAPT.format(mine.pk), {"channels": ["kakao_feed"]}, format="json").status_code == 403
    editor = client_for(member(workspace, "editor"))
    assert editor.post(ADAPT.format(mine.pk), {"channels": ["kakao_feed"]}, format="json").status_code == 201
    assert Document.objects.filter(workspace=other_workspace).count() == 1


@pytest.mark.django_db(transaction=True)
def test_all_documents_are_made_or_none(owner_client, workspace, monkeypatch):
    """A failure on the second channel leaves no first document behind."""
    from documents import services as document_services
    from documents.models import Document

    source = stored_story(workspace)
    real = document_services.document_create
    calls = []

    def failing_second(**kwargs):
        calls.append(kwargs["content"]["channel"])
        if len(calls) == 2:
            raise RuntimeError("storage went away")
        return real(**kwargs)

    monkeypatch.setattr(document_services, "document_create", failing_second)
    client = owner_client
    client.raise_request_exception = False
    response = client.post(ADAPT.format(source.pk), {"channels": ["instagram_feed", "kakao_feed"]}, format="json")
    assert response.status_code == 500 and calls == ["instagram_feed", "kakao_feed"]
    assert list(Document.objects.filter(workspace=workspace).values_list("pk", flat=True)) == [source.pk]


@pytest.mark.django_db(transaction=True)
def test_the_agent_runs_the_same_service(owner_client, workspace, other_workspace):
    from documents.models import Document
    from documents.services import document_create
    from documents.tests.test_api import ad

    source = document_create(workspace=workspace, user=None, content=ad())
    response = owner_client.post(
        "/api/v1/agents/channel_adapter/runs/",
        {"input": {"document": source.pk, "channels": ["youtube_thumbnail", "naver_blog"]}},
        format="json",
    )
    assert response.status_code == 202, response.json()
    body = owner_client.get(f"/api/v1/agent-runs/{response.json()['id']}/").json()
    assert body["status"] == "succeeded", body
    made = body["output"]["documents"]
    assert [item["channel"] for item in made] == ["youtube_thumbnail", "naver_blog"]
    for item in made:
        document = Document.objects.get(pk=item["id"], workspace=workspace)
        assert document.content["metadata"]["adapted"]["source"] == source.pk
        run_ids = {o["provenance"]["run_id"] for o in document.content["pages"][0]["objects"]}
        assert run_ids == {body["id"]}
    unknown = owner_client.post(
        "/api/v1/agents/channel_adapter/runs/",
        {"input": {"document": source.pk, "channels": ["fax"]}},
        format="json",
    )
    assert unknown.status_code == 400 and "input.channels" in unknown.json()["errors"]
    foreign = document_create(workspace=other_workspace, user=None, content=ad())
    refused = owner_client.post(
        "/api/v1/agents/channel_adapter/runs/",
        {"input": {"document": foreign.pk, "channels": ["kakao_feed"]}},
        format="json",
    )
    assert refused.status_code == 400 and "input.document" in refused.json()["errors"]


@pytest.mark.django_db
def test_pictures_keep_their_aspect_and_what_does_not_fit_is_named(workspace):
    rule = workspace_path_rule(workspace.pk)
    landscape = source_of("landscape_english", workspace.pk)
    banner = adapt_document(landscape, "web_banner", allowed_path=rule)
    # a 400 px banner sets the headline and the offer row; the rest is named, not lost silently
    assert {"subheadline", "hashtags", "disclaimer"} <= set(banner.left_out)
    portrait = source_of("portrait_english_photo", workspace.pk)
    story = adapt_document(portrait, "instagram_story", allowed_path=rule)
    pictures = [o for o in story.document.pages[0].objects if isinstance(o, ImageObject)]
    # a photo of a scene fills its frame (cover, cropped), a product is contained; the QR text has no slot
    assert [(p.role.value, p.fit) for p in pictures] == [("lifestyle_image", "cover")]
    assert "qr_code" in story.left_out
    square = adapt_document(source_of("square_korean", workspace.pk), "facebook_feed", allowed_path=rule)
    page = square.document.pages[0]
    # the full-page band of the source becomes the page's colour; the white headline stays white
    assert page.background == "#14213D"
    assert not any(o.role.value == "overlay" for o in page.objects)
    backdrop = adapt_document(source_of("square_english_backdrop", workspace.pk), "web_banner", allowed_path=rule)
    # a full-page photo becomes the page's own background image (cropped to fill it), under a scrim
    # that keeps the white type readable wherever the new crop puts it
    shown = backdrop.document.pages[0]
    assert shown.background_image and shown.background_image.endswith("backdrop.png")
    scrim = next(o for o in shown.objects if o.role.value == "overlay")
    assert (scrim.fill, scrim.opacity, scrim.width, scrim.height) == ("#000000", 0.5, 1200, 400)
    assert next(o for o in shown.objects if o.role.value == "headline").style.color == "#FFFFFF"
    headline = next(o for o in page.objects if o.role.value == "headline")
    assert headline.style.color == "#FFFFFF" and headline.style.font_weight == 900  # the source's weight


@pytest.mark.django_db
def test_layouts_follow_the_format(workspace):
    """Square and wide pages set the texts beside the picture, tall ones stack them above and below it."""
    rule = workspace_path_rule(workspace.pk)
    source = source_of("story_korean", workspace.pk)

    def boxes(channel):
        doc = adapt_document(source, channel, allowed_path=rule).document
        return {o.role.value: o for o in doc.pages[0].objects}

    wide = boxes("facebook_feed")
    assert wide["headline"].x + wide["headline"].width <= wide["product_image"].x
    tall = boxes("instagram_story")
    assert tall["headline"].y + tall["headline"].height <= tall["product_image"].y
    assert tall["product_image"].y + tall["product_image"].height <= tall["cta_button"].y
    for box in (wide, tall):
        logo = box["logo"]
        assert logo.x <= box["headline"].x + 1 and logo.y < box["headline"].y  # top-left, inside the margin


@pytest.mark.django_db
def test_a_design_without_text_is_a_400_naming_the_document(owner_client, workspace):
    from documents.models import Document
    from documents.services import document_create
    from documents.tests.test_api import ad

    content = ad()
    content["pages"][0]["objects"] = content["pages"][0]["objects"][:1]  # the background band only
    bare = document_create(workspace=workspace, user=None, content=content)
    response = owner_client.post(ADAPT.format(bare.pk), {"channels": ["kakao_feed"]}, format="json")
    assert response.status_code == 400 and "document" in response.json()["errors"]
    assert Document.objects.filter(workspace=workspace).count() == 1
    korean = owner_client.post(ADAPT.format(bare.pk), {"channels": []}, format="json", HTTP_ACCEPT_LANGUAGE="ko")
    assert korean.json()["errors"]["channels"] == ["채널 프리셋을 하나 이상 지정하세요."]
