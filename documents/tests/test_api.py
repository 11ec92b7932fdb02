import base64
import copy
import json

import pytest
import respx
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from brands.tests.factories import BrandKitFactory
from conftest import client_for, member
from documents.models import Document, DocumentVersion

pytestmark = pytest.mark.django_db
DOCS = "/api/v1/documents/"


def ad(**overrides) -> dict:
    """An Instagram feed ad as the copywriter and designer agents would make it."""
    content = {
        "schema_version": "2.0",
        "title": "X1 런칭",
        "channel": "instagram_feed",
        "width": 1080,
        "height": 1080,
        "language": "ko",
        "pages": [
            {
                "id": "p1",
                "background": "#FAFAF7",
                "objects": [
                    {
                        "id": "bg",
                        "type": "shape",
                        "shape": "rect",
                        "role": "background_shape",
                        "x": 0,
                        "y": 0,
                        "width": 1080,
                        "height": 1080,
                        "fill": "#14213D",
                        "z_index": 0,
                    },
                    {
                        "id": "h1",
                        "type": "text",
                        "role": "headline",
                        "x": 80,
                        "y": 120,
                        "width": 920,
                        "height": 200,
                        "text": "하루 종일, 조용하게",
                        "style": {"font_size": 88, "font_weight": 900, "color": "#FFFFFF"},
                        "provenance": {"source": "agent", "agent": "copywriter", "run_id": 12},
                        "z_index": 2,
                    },
                    {
                        "id": "cta",
                        "type": "group",
                        "role": "cta_button",
                        "x": 80,
                        "y": 900,
                        "width": 400,
                        "height": 100,
                        "children": [
                            {
                                "id": "cta-bg",
                                "type": "shape",
                                "shape": "rect",
                                "role": "card",
                                "width": 400,
                                "height": 100,
                                "fill": "#FF5A1F",
                                "corner_radius": 50,
                            },
                            {
                                "id": "cta-t",
                                "type": "text",
                                "role": "cta",
                                "width": 400,
                                "height": 100,
                                "text": "지금 구매",
                                "style": {"align": "center", "vertical_align": "middle", "color": "#FFFFFF"},
                            },
                        ],
                    },
                ],
            }
        ],
    }
    content.update(overrides)
    return content


def create(client, workspace, content=None, **extra):
    return client.post(DOCS, {"workspace": workspace.id, "content": content or ad(), **extra}, format="json")


def test_schema_and_presets_are_published(owner_client):
    schema = owner_client.get(f"{DOCS}schema/").json()
    assert schema["title"] == "SparklioDocument 2.0"
    roles = schema["$defs"]["Role"]["enum"]
    assert len(roles) >= 40 and {"headline", "cta", "logo", "product_image", "disclaimer"} <= set(roles)
    presets = {p["key"]: (p["width"], p["height"]) for p in owner_client.get(f"{DOCS}presets/").json()}
    assert presets["instagram_story"] == (1080, 1920) and presets["youtube_thumbnail"] == (1280, 720)


def test_create_stores_version_one(owner_client, workspace, user):
    response = create(owner_client, workspace)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["version"], body["title"], body["channel"]) == (1, "X1 런칭", "instagram_feed")
    assert response["ETag"] == '"1"'
    headline = body["content"]["pages"][0]["objects"][1]
    assert headline["style"]["font_family"] == "Noto Sans KR"  # defaults are filled in
    version = DocumentVersion.objects.get(document_id=body["id"])
    assert (version.version, version.source, version.created_by_id) == (1, "create", user.id)


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (
            lambda c: c["pages"][0]["objects"][1]["style"].update(color="white"),
            "content.pages[0].objects[1].style.color",
        ),
        (lambda c: c["pages"][0]["objects"][1].update(role="hero"), "content.pages[0].objects[1].role"),
        (lambda c: c["pages"][0]["objects"][0].update(type="blob"), "content.pages[0].objects[0]"),
        (lambda c: c["pages"][0]["objects"][0].update(width=-5), "content.pages[0].objects[0].width"),
        (
            lambda c: c["pages"][0]["objects"][2]["children"][0].update(height=0),
            "content.pages[0].objects[2].children[0].height",
        ),
        (lambda c: c["pages"][0]["objects"][1].update(colour="#000000"), "content.pages[0].objects[1].colour"),
        (lambda c: c.update(pages=[]), "content.pages"),
        (lambda c: c.update(channel="tiktok"), "content"),
        (lambda c: c["pages"][0]["objects"][1].update(id="bg"), "content"),
        (
            lambda c: c["pages"][0]["objects"].append(
                {"id": "l", "type": "shape", "shape": "line", "role": "divider", "width": 1, "height": 1}
            ),
            "content.pages[0].objects[3]",
        ),
    ],
    ids=[
        "bad-colour",
        "unknown-role",
        "unknown-type",
        "negative-size",
        "nested-zero-size",
        "unknown-field",
        "no-pages",
        "unknown-channel",
        "duplicate-id",
        "line-without-points",
    ],
)
def test_invalid_documents_name_the_json_path_and_save_nothing(owner_client, workspace, mutate, path):
    content = ad()
    mutate(content)
    response = create(owner_client, workspace, content)
    assert response.status_code == 400
    assert path in response.json()["errors"], response.json()
    assert not Document.objects.exists()


def test_size_and_object_limits(owner_client, workspace, settings):
    settings.DOCUMENT_MAX_OBJECTS = 3
    response = create(owner_client, workspace)
    assert response.status_code == 400 and "content.pages" in response.json()["errors"]
    settings.DOCUMENT_MAX_OBJECTS = 100
    settings.DOCUMENT_MAX_BYTES = 500
    response = create(owner_client, workspace)
    assert response.status_code == 400 and "bytes" in response.json()["errors"]["content"][0]
    assert not Document.objects.exists()


def test_malformed_json_is_a_400(owner_client, workspace):
    response = owner_client.post(DOCS, data='{"workspace": 1, "content": {', content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_brand_must_belong_to_the_workspace(owner_client, workspace, other_workspace):
    foreign = BrandKitFactory(workspace=other_workspace)
    response = create(owner_client, workspace, brand=foreign.id)
    assert response.status_code == 400 and "brand" in response.json()["errors"]
    response = create(owner_client, workspace, ad(brand=foreign.id))
    assert response.status_code == 400 and "content.brand" in response.json()["errors"]
    mine = BrandKitFactory(workspace=workspace)
    assert create(owner_client, workspace, brand=mine.id).json()["brand"] == mine.id


def test_update_needs_the_current_version_and_never_loses_a_write(owner_client, workspace):
    doc = create(owner_client, workspace).json()
    first, second = copy.deepcopy(doc["content"]), copy.deepcopy(doc["content"])
    first["pages"][0]["objects"][1]["text"] = "첫 번째 수정"
    second["pages"][0]["objects"][1]["text"] = "두 번째 수정"

    ok = owner_client.put(f"{DOCS}{doc['id']}/", {"content": first, "version": 1}, format="json")
    stale = owner_client.put(f"{DOCS}{doc['id']}/", {"content": second, "version": 1}, format="json")

    assert ok.status_code == 200 and ok.json()["version"] == 2
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2 and stale.json()["code"] == "version_conflict"
    stored = Document.objects.get(pk=doc["id"])
    assert stored.content["pages"][0]["objects"][1]["text"] == "첫 번째 수정"
    assert DocumentVersion.objects.filter(document=stored).count() == 2


def test_if_match_header_works_like_the_version_field(owner_client, workspace):
    doc = create(owner_client, workspace).json()
    content = doc["content"]
    content["pages"][0]["background"] = "#000000"
    assert (
        owner_client.put(f"{DOCS}{doc['id']}/", {"content": content}, format="json", HTTP_IF_MATCH='"1"').status_code
        == 200
    )
    assert (
        owner_client.put(f"{DOCS}{doc['id']}/", {"content": content}, format="json", HTTP_IF_MATCH='"1"').status_code
        == 409
    )
    missing = owner_client.put(f"{DOCS}{doc['id']}/", {"content": content}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()["errors"]


def test_invalid_update_writes_nothing(owner_client, workspace):
    doc = create(owner_client, workspace).json()
    content = doc["content"]
    content["pages"][0]["objects"][1]["style"]["font_size"] = -3
    response = owner_client.put(f"{DOCS}{doc['id']}/", {"content": content, "version": 1}, format="json")
    assert response.status_code == 400
    assert "content.pages[0].objects[1].style.font_size" in response.json()["errors"]
    assert Document.objects.get(pk=doc["id"]).version == 1


def test_patch_changes_only_metadata(owner_client, workspace):
    doc = create(owner_client, workspace).json()
    response = owner_client.patch(
        f"{DOCS}{doc['id']}/", {"title": "새 제목", "version": 1, "metadata": {"campaign": "launch"}}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["version"], body["content"]["title"]) == ("새 제목", 2, "새 제목")
    assert body["content"]["metadata"] == {"campaign": "launch"}
    assert body["content"]["pages"] == doc["content"]["pages"]
    refused = owner_client.patch(f"{DOCS}{doc['id']}/", {"content": {}, "version": 2}, format="json")
    assert refused.status_code == 400 and "content" in refused.json()["errors"]


def test_versions_restore_and_diff(owner_client, workspace):
    doc = create(owner_client, workspace).json()
    content = doc["content"]
    content["pages"][0]["objects"][1]["text"] = "바뀐 헤드라인"
    del content["pages"][0]["objects"][0]
    content["pages"][0]["objects"].append(
        {
            "id": "logo",
            "type": "image",
            "role": "logo",
            "src": f"brands/{workspace.id}/logo.png",
            "x": 900,
            "y": 40,
            "width": 120,
            "height": 60,
        }
    )
    owner_client.put(f"{DOCS}{doc['id']}/", {"content": content, "version": 1}, format="json")

    versions = owner_client.get(f"{DOCS}{doc['id']}/versions/").json()["results"]
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[0]["summary"] == "1 object(s) added; 1 removed; 1 changed"
    diff = owner_client.get(f"{DOCS}{doc['id']}/diff/?from=1&to=2").json()
    assert diff["added"] == ["logo"] and diff["removed"] == ["bg"] and diff["changed"] == {"h1": ["text"]}

    restored = owner_client.post(f"{DOCS}{doc['id']}/versions/1/restore/", {"version": 2}, format="json").json()
    assert restored["version"] == 3
    assert restored["content"]["pages"] == owner_client.get(f"{DOCS}{doc['id']}/versions/1/").json()["content"]["pages"]
    assert owner_client.post(f"{DOCS}{doc['id']}/versions/1/restore/", {"version": 2}, format="json").status_code == 409
    assert owner_client.get(f"{DOCS}{doc['id']}/versions/9/").status_code == 404


def test_roles_and_isolation(owner_client, workspace, other_workspace):
    doc = create(owner_client, workspace).json()
    viewer = client_for(member(workspace, "viewer"))
    assert viewer.get(f"{DOCS}{doc['id']}/").status_code == 200
    assert (
        viewer.put(f"{DOCS}{doc['id']}/", {"content": doc["content"], "version": 1}, format="json").status_code == 403
    )
    assert create(viewer, workspace).status_code == 403
    stranger = client_for(other_workspace.memberships.get().user)
    for method, url in [
        ("get", f"{DOCS}{doc['id']}/"),
        ("put", f"{DOCS}{doc['id']}/"),
        ("patch", f"{DOCS}{doc['id']}/"),
        ("delete", f"{DOCS}{doc['id']}/"),
        ("get", f"{DOCS}{doc['id']}/versions/"),
        ("get", f"{DOCS}{doc['id']}/diff/?from=1"),
    ]:
        assert getattr(stranger, method)(url, {"version": 1}, format="json").status_code == 404, (method, url)
    assert stranger.get(DOCS).json()["count"] == 0
    assert create(stranger, workspace).status_code == 400  # not a workspace they can name
    assert Document.objects.count() == 1


def test_list_is_light_and_its_query_count_fixed(owner_client, workspace, django_assert_num_queries):
    for _ in range(3):
        create(owner_client, workspace)
    # the ?workspace= filter's lookup, count, page (content not loaded); token and roles cached
    with django_assert_num_queries(3) as captured:
        body = owner_client.get(f"{DOCS}?workspace={workspace.id}").json()
    assert '"content"' not in captured.captured_queries[-1]["sql"]
    assert body["count"] == 3 and "content" not in body["results"][0]


def test_admin_lists_and_shows_documents_with_their_history(admin_client, owner_client, workspace):
    doc = create(owner_client, workspace).json()
    listing = admin_client.get("/admin/documents/document/").content
    assert b"X1" in listing and f"/admin/documents/document/{doc['id']}/thumbnail.jpg".encode() in listing
    thumb = admin_client.get(f"/admin/documents/document/{doc['id']}/thumbnail.jpg?w=160")
    assert thumb["Content-Type"] == "image/jpeg" and _image(thumb.content).size == (160, 160)
    page = admin_client.get(f"/admin/documents/document/{doc['id']}/change/")
    assert page.status_code == 200 and "하루 종일".encode() in page.content and b"created" in page.content


def _image(content: bytes):
    import io

    from PIL import Image

    return Image.open(io.BytesIO(content))


def test_render_page_formats_and_pdf(owner_client, workspace):
    doc = create(owner_client, workspace).json()
    url = f"{DOCS}{doc['id']}/render/"
    png = owner_client.get(url)
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    image = _image(png.content).convert("RGB")
    assert image.size == (1080, 1080)
    assert image.getpixel((20, 20)) == (0x14, 0x21, 0x3D)  # the navy background shape
    assert image.getpixel((280, 950)) == (0xFF, 0x5A, 0x1F)  # the orange CTA button, left of its label
    half = _image(owner_client.get(f"{url}?format=jpeg&scale=0.5").content)
    assert half.format == "JPEG" and half.size == (540, 540)
    assert _image(owner_client.get(f"{url}?format=webp&page=1").content).format == "WEBP"
    pdf = owner_client.get(f"{url}?format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("query", "field"),
    [("format=gif", "format"), ("page=2", "page"), ("page=x", "page"), ("scale=9", "scale"), ("scale=abc", "scale")],
)
def test_render_rejects_bad_parameters(owner_client, workspace, query, field):
    doc = create(owner_client, workspace).json()
    response = owner_client.get(f"{DOCS}{doc['id']}/render/?{query}")
    assert response.status_code == 400 and field in response.json()["errors"]


def test_render_is_scoped_like_reads(owner_client, workspace, other_workspace):
    doc = create(owner_client, workspace).json()
    assert client_for(member(workspace, "viewer")).get(f"{DOCS}{doc['id']}/render/").status_code == 200
    stranger = client_for(other_workspace.memberships.get().user)
    assert stranger.get(f"{DOCS}{doc['id']}/render/").status_code == 404


@pytest.mark.parametrize(
    "src",
    [
        "brands/999999/1/logos/x.png",
        "https://evil.example/x.png",
        "http://169.254.169.254/latest/meta-data",
        "file:///etc/passwd",
        "/etc/passwd",
        "brands/../../secret.png",
        "http://[::1/x.png",
        "http://cdn.sparklio.test:port/x.png",
    ],
)
def test_image_sources_outside_the_workspace_are_refused_at_write(owner_client, workspace, src):
    content = ad()
    content["pages"][0]["objects"].append(
        {"id": "img", "type": "image", "role": "product_image", "src": src, "width": 100, "height": 100}
    )
    response = create(owner_client, workspace, content)
    assert response.status_code == 400
    assert "content.pages[0].objects[3].src" in response.json()["errors"]
    assert not Document.objects.exists()


def test_own_storage_library_and_allowed_hosts_are_accepted(owner_client, workspace, settings):
    settings.RENDER_IMAGE_ALLOWED_HOSTS = ["cdn.sparklio.test"]
    content = ad()
    for index, src in enumerate(
        [f"brands/{workspace.id}/1/logos/x.png", "library/templates/bg.png", "https://cdn.sparklio.test/a.png"]
    ):
        content["pages"][0]["objects"].append(
            {"id": f"img{index}", "type": "image", "role": "illustration", "src": src, "width": 10, "height": 10}
        )
    assert create(owner_client, workspace, content).status_code == 201


def test_polotno_export_then_import_is_lossless(owner_client, workspace):
    doc = create(owner_client, workspace).json()
    exported = owner_client.get(f"{DOCS}{doc['id']}/polotno/")
    assert exported.status_code == 200
    store = exported.json()
    assert (store["width"], store["height"]) == (1080, 1080)
    kinds = {child["type"] for child in store["pages"][0]["children"]}
    assert {"text", "figure", "group"} <= kinds
    imported = owner_client.post(f"{DOCS}import/polotno/", {"workspace": workspace.id, "polotno": store}, format="json")
    assert imported.status_code == 201, imported.json()
    body = imported.json()
    assert body["version"] == 1 and body["warnings"] == []
    assert body["content"] == doc["content"]
    assert DocumentVersion.objects.get(document_id=body["id"]).source == "import"


def test_polotno_import_of_an_editor_store_infers_roles_and_keeps_unknown_elements(owner_client, workspace):
    store = {
        "width": 1080,
        "height": 1080,
        "fonts": [],
        "unit": "px",
        "dpi": 72,
        "pages": [
            {
                "id": "page-1",
                "background": "white",
                "children": [
                    {
                        "id": "t1",
                        "type": "text",
                        "x": 80,
                        "y": 80,
                        "width": 900,
                        "height": 120,
                        "text": "무선 이어폰 X1",
                        "fontSize": 80,
                        "fontFamily": "Noto Sans KR",
                        "fill": "black",
                        "align": "left",
                    },
                    {
                        "id": "t2",
                        "type": "text",
                        "x": 80,
                        "y": 300,
                        "width": 900,
                        "height": 80,
                        "text": "24시간 배터리",
                        "fontSize": 32,
                        "fontFamily": "Noto Sans KR",
                        "fill": "#333",
                        "align": "left",
                    },
                    {"id": "tbl", "type": "table", "x": 0, "y": 0, "width": 10, "height": 10, "rows": [[1]]},
                ],
            }
        ],
    }
    response = owner_client.post(
        f"{DOCS}import/polotno/", {"workspace": workspace.id, "title": "가져온 광고", "polotno": store}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    roles = {o["id"]: o["role"] for o in body["content"]["pages"][0]["objects"]}
    assert roles == {"t1": "headline", "t2": "body"}
    assert body["title"] == "가져온 광고"
    assert any("table" in warning for warning in body["warnings"])
    assert body["content"]["metadata"]["polotno_unsupported"][0]["element"]["type"] == "table"


def png_data(colour: tuple[int, int, int]) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, "PNG")
    return out.getvalue()


FOREIGN = ["https://images.unsplash.com/photo-1", "http://169.254.169.254/x.png"]


def store_with_pictures(workspace) -> dict:
    """A Polotno design whose pictures are on other hosts, inline, and in the workspace's storage."""
    own = default_storage.save(f"uploads/{workspace.id}/pics/blue.png", ContentFile(png_data((0, 0, 255))))
    inline = "data:image/png;base64," + base64.b64encode(png_data((255, 0, 0))).decode()

    def picture(id_, name, x, y, src):
        return {"id": id_, "type": "image", "name": name, "x": x, "y": y, "width": 100, "height": 100, "src": src}

    return {
        "width": 400,
        "height": 400,
        "pages": [
            {
                "id": "p",
                "background": "#14213D",
                "children": [
                    picture("photo", "product", 0, 0, FOREIGN[0]),
                    picture("meta", "brand-logo", 200, 0, FOREIGN[1]),
                    picture("inline", "", 0, 200, inline),
                    picture("own", "", 200, 200, own),
                ],
            }
        ],
    }


def test_polotno_images_on_other_hosts_are_kept_reported_and_never_fetched(owner_client, workspace):
    with respx.mock:  # any request that is not routed here fails the test
        foreign = [respx.get(url).respond(200, content=png_data((0, 160, 0))) for url in FOREIGN]

        data = {"workspace": workspace.id, "polotno": store_with_pictures(workspace)}
        imported = owner_client.post(f"{DOCS}import/polotno/", data, format="json")
        assert imported.status_code == 201, imported.json()
        body = imported.json()
        rendered = owner_client.get(f"{DOCS}{body['id']}/render/?format=png")

    assert not any(route.called for route in foreign)
    assert [o["src"] for o in body["content"]["pages"][0]["objects"][:2]] == FOREIGN
    kept = "not in RENDER_IMAGE_ALLOWED_HOSTS: kept, but never fetched; it renders as a placeholder"
    assert body["warnings"] == [
        "content.pages[0].objects[0].src (image 'photo'): 'https://images.unsplash.com/photo-1' is on host "
        f"'images.unsplash.com', {kept}",
        "content.pages[0].objects[1].src (image 'meta'): 'http://169.254.169.254/x.png' is on host "
        f"'169.254.169.254', {kept}",
    ]
    assert rendered.status_code == 200 and rendered["Content-Type"] == "image/png"
    warnings = json.loads(rendered["X-Render-Warnings"])
    assert [w.split(":")[0] for w in warnings] == ["image photo", "image meta"]
    assert all("not fetched, drawn as a placeholder" in w for w in warnings)
    page = _image(rendered.content).convert("RGB")
    assert page.getpixel((30, 70)) == page.getpixel((230, 70)) == (240, 240, 240)  # placeholders
    assert page.getpixel((50, 250)) == (255, 0, 0) and page.getpixel((250, 250)) == (0, 0, 255)
    assert page.getpixel((150, 150)) == (0x14, 0x21, 0x3D)


def test_a_design_imported_with_images_on_other_hosts_can_be_edited_and_restored(owner_client, workspace):
    body = owner_client.post(
        f"{DOCS}import/polotno/", {"workspace": workspace.id, "polotno": store_with_pictures(workspace)}, format="json"
    ).json()
    url = f"{DOCS}{body['id']}/"
    content = copy.deepcopy(body["content"])
    content["pages"][0]["objects"][2]["x"] = 10

    edited = owner_client.put(url, {"content": content, "version": 1}, format="json")
    assert edited.status_code == 200, edited.json()
    command = owner_client.post(
        "/api/v1/editor/ai_command", {"document": body["id"], "version": 2, "command": "로고 크게"}, format="json"
    )
    assert command.status_code == 200, command.json()

    # A picture from another host that the document did not have is still refused.
    added = copy.deepcopy(command.json()["document"]["content"])
    added["pages"][0]["objects"][2]["src"] = "https://evil.example/x.png"
    refused = owner_client.put(url, {"content": added, "version": 3}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["content.pages[0].objects[2].src"]

    # Once the pictures are gone, the version that had them can still be restored.
    content = copy.deepcopy(command.json()["document"]["content"])
    del content["pages"][0]["objects"][:2]
    assert owner_client.put(url, {"content": content, "version": 3}, format="json").status_code == 200
    restored = owner_client.post(f"{url}versions/1/restore/", {"version": 4}, format="json")
    assert restored.status_code == 200, restored.json()
    assert [o["src"] for o in restored.json()["content"]["pages"][0]["objects"][:2]] == FOREIGN


@pytest.mark.parametrize(
    ("src", "message"),
    [
        ("file:///etc/passwd", "scheme 'file' is not read"),
        ("brands/999999/1/logos/x.png", "outside what the document may use"),
        ("http://[::1/x.png", "not a valid URL"),
        ("http:///x.png", "the URL names no host"),
        ("data:image/svg+xml;base64,PHN2Zy8+", "only base64 data:image URLs"),
    ],
)
def test_polotno_images_that_are_not_web_urls_are_still_refused_naming_the_field(owner_client, workspace, src, message):
    store = {"width": 100, "height": 100, "pages": [{"id": "p", "children": [
        {"id": "x", "type": "image", "x": 0, "y": 0, "width": 50, "height": 50, "src": src}]}]}  # fmt: skip

    response = owner_client.post(f"{DOCS}import/polotno/", {"workspace": workspace.id, "polotno": store}, format="json")

    assert response.status_code == 400
    assert message in response.json()["errors"]["content.pages[0].objects[0].src"][0]
    assert not Document.objects.exists()


def test_polotno_import_errors_name_the_path_and_save_nothing(owner_client, workspace):
    bad = {
        "width": 1080,
        "height": 1080,
        "pages": [
            {
                "id": "p",
                "children": [
                    {
                        "id": "t",
                        "type": "text",
                        "x": 0,
                        "y": 0,
                        "width": 10,
                        "height": 10,
                        "text": "x",
                        "fontSize": "huge",
                    }
                ],
            }
        ],
    }
    response = owner_client.post(f"{DOCS}import/polotno/", {"workspace": workspace.id, "polotno": bad}, format="json")
    assert response.status_code == 400
    assert "pages[0].children[0].fontSize" in response.json()["errors"]["polotno"][0]
    missing = owner_client.post(f"{DOCS}import/polotno/", {"workspace": workspace.id}, format="json")
    assert missing.status_code == 400 and "polotno" in missing.json()["errors"]
    assert not Document.objects.exists()


def test_deleting_the_brand_does_not_lock_its_documents(owner_client, workspace):
    brand = BrandKitFactory(workspace=workspace)
    doc = create(owner_client, workspace, brand=brand.id).json()
    assert owner_client.delete(f"/api/v1/brands/{brand.id}/").status_code == 204
    renamed = owner_client.patch(f"{DOCS}{doc['id']}/", {"title": "브랜드 없이", "version": 1}, format="json")
    assert renamed.status_code == 200, renamed.json()
    assert renamed.json()["content"]["brand"] is None and renamed.json()["brand"] is None
    restored = owner_client.post(f"{DOCS}{doc['id']}/versions/1/restore/", {"version": 2}, format="json")
    assert restored.status_code == 200 and restored.json()["content"]["brand"] is None


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda c: c["pages"][0]["objects"][1].update(text="a\u0000b"), "content.pages[0].objects[1].text"),
        (lambda c: c.update(metadata={"k": "\u0000"}), "content.metadata.k"),
        (lambda c: c["pages"][0]["objects"][0].update(x="NaN"), "content.pages[0].objects[0].x"),
        (lambda c: c["pages"][0]["objects"][0].update(y="Infinity"), "content.pages[0].objects[0].y"),
        (lambda c: c.update(brand=424242), "content.brand"),
    ],
    ids=["nul-in-text", "nul-in-metadata", "nan", "infinity", "unknown-brand"],
)
def test_values_postgres_cannot_store_or_that_do_not_exist_are_400(owner_client, workspace, mutate, path):
    content = ad()
    mutate(content)
    response = create(owner_client, workspace, content)
    assert response.status_code == 400, response.content
    assert path in response.json()["errors"]
    assert not Document.objects.exists()


def test_deep_nesting_is_a_400_at_any_depth(owner_client, workspace):
    def nest(depth):
        obj = {"id": "leaf", "type": "shape", "shape": "rect", "role": "decoration", "width": 1, "height": 1}
        for level in range(depth):
            obj = {"id": f"g{level}", "type": "group", "role": "other", "width": 10, "height": 10, "children": [obj]}
        return obj

    content = ad()
    content["pages"][0]["objects"].append(nest(11))
    response = create(owner_client, workspace, content)
    assert response.status_code == 400 and "nest at most 10" in str(response.json())
    import json as json_lib

    # Too deep for Python's JSON parser: built as text, since json.dumps could not write it either.
    leaf = '{"id": "leaf", "type": "shape", "shape": "rect", "role": "decoration", "width": 1, "height": 1}'
    opening = '{"id": "g", "type": "group", "role": "other", "width": 10, "height": 10, "children": ['
    nested = opening * 3000 + leaf + "]}" * 3000
    page = json_lib.dumps(ad()).replace('"objects": [', '"objects": [' + nested + ", ", 1)
    body = f'{{"workspace": {workspace.id}, "content": {page}}}'
    raw = owner_client.post(DOCS, data=body, content_type="application/json")
    assert raw.status_code == 400
    assert not Document.objects.exists()


def test_diff_with_non_ascii_digits_is_a_400(owner_client, workspace):
    doc = create(owner_client, workspace).json()
    response = owner_client.get(f"{DOCS}{doc['id']}/diff/?from=²")
    assert response.status_code == 400 and "from" in response.json()["errors"]


def test_detail_costs_one_query_once_the_token_is_known(owner_client, workspace, django_assert_num_queries):
    doc = create(owner_client, workspace).json()
    with django_assert_num_queries(1):  # the document; token and roles cached, no filter set built
        assert owner_client.get(f"{DOCS}{doc['id']}/?workspace=0").json()["id"] == doc["id"]


def test_the_detail_is_exactly_what_the_document_serializer_gives(owner_client, workspace, user, settings):
    from documents.api.serializers import DocumentSerializer

    settings.DOCUMENT_DETAIL_CACHE_SECONDS = 0  # the raw UPDATE below is seen only without it

    brand = BrandKitFactory(workspace=workspace)
    doc = create(owner_client, workspace, title="가을 세일", brand=brand.pk).json()
    document = Document.objects.get(pk=doc["id"])
    body = owner_client.get(f"{DOCS}{doc['id']}/")
    assert body.json() == json.loads(json.dumps(DocumentSerializer(document).data)) == doc
    assert body.json()["brand"] == brand.pk and body.json()["created_by"] == user.pk
    assert body["ETag"] == f'"{document.version}"'
    Document.objects.filter(pk=document.pk).update(brand=None, created_by=None, updated_by=None)
    document.refresh_from_db()
    assert owner_client.get(f"{DOCS}{doc['id']}/").json() == json.loads(json.dumps(DocumentSerializer(document).data))


def test_the_detail_refuses_what_get_object_refuses(owner_client, workspace, other_workspace):
    theirs = create(client_for(other_workspace.created_by), other_workspace).json()
    ours = create(owner_client, workspace).json()
    for pk in ["abc", "0", "-1", "99999999", str(2**63), str(10**30), str(theirs["id"])]:
        detail = owner_client.get(f"{DOCS}{pk}/")
        through_get_object = owner_client.get(f"{DOCS}{pk}/polotno/")  # DRF's get_object()
        assert detail.status_code == through_get_object.status_code == 404, pk
        assert detail.json() == through_get_object.json(), pk
    assert owner_client.get(f"{DOCS}{ours['id']}/").status_code == 200
    viewer = client_for(member(workspace, "viewer"))
    assert viewer.get(f"{DOCS}{ours['id']}/").json() == owner_client.get(f"{DOCS}{ours['id']}/").json()
    assert client_for(member(other_workspace, "viewer")).get(f"{DOCS}{ours['id']}/").status_code == 404
