"""The editor's AI command: rules in Korean and English, the model for everything else, one
versioned write that the returned operations replay exactly."""

import colorsys
import copy
import io
import json
from decimal import Decimal

import pytest
from PIL import Image, ImageFont
from rest_framework.exceptions import ValidationError

from brands.models import BrandColor, BrandFont
from brands.tests.factories import BrandKitFactory
from conftest import client_for, member
from documents import services
from documents.commands import (
    OperationError,
    apply_ops,
    contrast_ratio,
    mix,
    parse_clauses,
    parse_command,
    relative_luminance,
)
from documents.commands.colors import CARD_CONTRAST, find_color, readable_shade
from documents.commands.headline import Facts, document_facts, write_headline
from documents.models import DocumentVersion
from documents.render import fonts
from documents.render import text as render_text
from documents.render.integrity import inspect_layout
from documents.render.renderer import render_page
from documents.schema import SparklioDocument
from sparklio.language.korean import has_placeholder_particle
from sparklio.llm.models import LLMCall, WorkspaceLLMPolicy
from sparklio.llm.tests import wire

pytestmark = pytest.mark.django_db
URL = "/api/v1/editor/ai_command"
PAGE = 1080
MARGIN = 54  # 5% of the page width

PRIMARY, ACCENT, BACKGROUND, TEXT = "#FF5A1F", "#2EC4B6", "#FFF8F0", "#1A1A1A"


def ad(workspace_id: int = 1, *, headline: bool = True) -> dict:
    """An Instagram feed ad as the copywriter and designer agents make it, with the images in
    its workspace's storage."""

    def text(id_, role, x, y, w, h, words, **style):
        return {
            "id": id_,
            "type": "text",
            "role": role,
            "x": x,
            "y": y,
            "width": w,
            "height": h,
            "text": words,
            "style": style,
            "z_index": 3,
        }

    objects = [
        {
            "id": "bg",
            "type": "shape",
            "shape": "rect",
            "role": "background_shape",
            "width": PAGE,
            "height": PAGE,
            "fill": "#14213D",
        },
        {
            "id": "logo",
            "type": "image",
            "role": "logo",
            "x": 80,
            "y": 60,
            "width": 180,
            "height": 60,
            "src": f"brands/{workspace_id}/1/logos/logo.png",
            "z_index": 5,
        },
        {
            "id": "product",
            "type": "image",
            "role": "product_image",
            "x": 560,
            "y": 380,
            "width": 440,
            "height": 460,
            "src": f"uploads/{workspace_id}/x1.png",
            "z_index": 1,
        },
        text("sub", "subheadline", 80, 350, 480, 60, "노이즈 캔슬링 무선 이어폰 X1", font_size=40, color="#E5E5E5"),
        text("body", "body", 80, 440, 440, 160, "최대 30시간 재생, 하루 종일 조용하게.", font_size=30, color="#FFFFFF"),
        text("price", "price", 80, 620, 400, 80, "129,000원", font_size=56, font_weight=800, color="#FFD166"),
        {
            "id": "cta",
            "type": "group",
            "role": "cta_button",
            "x": 80,
            "y": 760,
            "width": 400,
            "height": 100,
            "z_index": 4,
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
                    "style": {"font_size": 36, "font_weight": 700, "align": "center", "color": "#FFFFFF"},
                },
            ],
        },
        text("tags", "hashtags", 80, 900, 920, 40, "#X1 #무선이어폰 #노이즈캔슬링", font_size=26, color="#AAB4C8"),
        text(
            "legal",
            "disclaimer",
            80,
            990,
            920,
            40,
            "*재생 시간은 사용 환경에 따라 다를 수 있습니다.",
            font_size=20,
            color="#C8CCD6",
        ),
    ]
    if headline:
        objects.insert(
            3,
            text(
                "h1",
                "headline",
                80,
                160,
                920,
                180,
                "하루 종일, 조용하게",
                font_size=88,
                font_weight=900,
                color="#FFFFFF",
            ),
        )
    return {
        "schema_version": "2.0",
        "title": "X1 런칭",
        "channel": "instagram_feed",
        "width": PAGE,
        "height": PAGE,
        "language": "ko",
        "pages": [{"id": "p1", "background": "#0B132B", "objects": objects}],
    }


@pytest.fixture
def brand(workspace):
    kit = BrandKitFactory(workspace=workspace, name="Quietly")
    for position, (name, hex_, role) in enumerate(
        [
            ("Signal", PRIMARY, "primary"),
            ("Teal", ACCENT, "accent"),
            ("Cream", BACKGROUND, "background"),
            ("Ink", TEXT, "text"),
        ]
    ):
        BrandColor.objects.create(brand=kit, name=name, hex=hex_, role=role, position=position)
    BrandFont.objects.create(brand=kit, family="Black Han Sans", role="heading", weights=[400], position=0)
    BrandFont.objects.create(brand=kit, family="Pretendard", role="body", weights=[400, 700], position=1)
    return kit


@pytest.fixture
def document(workspace, user, brand):
    return services.document_create(workspace=workspace, user=user, content=ad(workspace.id), brand=brand)


def send(client, document, command, version=None):
    version = document.version if version is None else version
    return client.post(URL, {"document": document.pk, "version": version, "command": command}, format="json")


def run(client, document, command):
    """Send a command that must work; check the write and the replay; return (ops, content)."""
    before = copy.deepcopy(document.content)
    response = send(client, document, command)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["understood"] is True and body["operations"]
    assert body["document"]["version"] == document.version + 1
    assert response["ETag"] == f'"{document.version + 1}"'
    assert apply_ops(before, body["operations"]) == body["document"]["content"]
    document.refresh_from_db()
    assert document.content == body["document"]["content"]
    return body["operations"], body["document"]["content"], body


def objects(content) -> dict[str, dict]:
    found = {}

    def walk(items, ox=0, oy=0):
        for obj in items:
            found[obj["id"]] = {**obj, "abs_x": ox + obj["x"], "abs_y": oy + obj["y"]}
            walk(obj.get("children", []), ox + obj["x"], oy + obj["y"])

    walk(content["pages"][0]["objects"])
    return found


def inside_margins(obj) -> bool:
    """Inside the page less 5% of its width on every side."""
    return (
        obj["abs_x"] >= MARGIN - 0.01
        and obj["abs_x"] + obj["width"] <= PAGE - MARGIN + 0.01
        and obj["abs_y"] >= MARGIN - 0.01
        and obj["abs_y"] + obj["height"] <= PAGE - MARGIN + 0.01
    )


def inside_page(obj) -> bool:
    return (
        obj["abs_x"] >= 0
        and obj["abs_x"] + obj["width"] <= PAGE
        and obj["abs_y"] >= 0
        and obj["abs_y"] + obj["height"] <= PAGE
    )


def overlaps(a, b) -> bool:
    return not (
        a["abs_x"] + a["width"] <= b["abs_x"]
        or b["abs_x"] + b["width"] <= a["abs_x"]
        or a["abs_y"] + a["height"] <= b["abs_y"]
        or b["abs_y"] + b["height"] <= a["abs_y"]
    )


# --- adding -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["헤드라인 추가", "헤드라인 추가해줘", "add a headline", "Add headline"])
def test_add_a_headline_places_it_in_the_free_space(owner_client, workspace, user, brand, command):
    document = services.document_create(
        workspace=workspace, user=user, content=ad(workspace.id, headline=False), brand=brand
    )

    ops, content, _ = run(owner_client, document, command)

    assert [op["op"] for op in ops] == ["add"]
    found = objects(content)
    new = found[ops[0]["object"]["id"]]
    # No facts in this older document: its product line, and its language whatever the command's.
    assert new["role"] == "headline" and new["type"] == "text"
    assert new["text"] == "지금 노이즈 캔슬링 무선 이어폰 X1을 만나보세요"
    assert new["provenance"]["source"] == "agent" and new["provenance"]["agent"] == "editor"
    assert inside_margins(new)
    others = [o for o in found.values() if o["role"] != "background_shape" and o["id"] != new["id"]]
    assert not [o["id"] for o in others if overlaps(new, o) and o["id"] not in {"cta-bg", "cta-t"}]
    assert new["abs_y"] > found["logo"]["abs_y"] + found["logo"]["height"]  # between the logo and the subheadline
    assert new["abs_y"] + new["height"] < found["sub"]["abs_y"]
    assert new["style"]["font_family"] == "Black Han Sans"
    assert contrast_ratio(new["style"]["color"], "#14213D") >= 4.5
    assert new["z_index"] > max(o["z_index"] for o in content["pages"][0]["objects"] if o["id"] != new["id"])


def test_quoted_text_may_name_other_things(owner_client, document):
    ops, content, _ = run(owner_client, document, "본문 추가 '로고 옆 버튼을 눌러 보세요'")
    assert ops[0]["object"]["role"] == "body" and ops[0]["object"]["text"] == "로고 옆 버튼을 눌러 보세요"
    assert inside_page(objects(content)[ops[0]["object"]["id"]])


def test_added_objects_get_new_ids_and_quoted_text(owner_client, document):
    ops, content, _ = run(owner_client, document, "add a headline saying 'Quiet, all day'")
    ops2, content2, _ = run(owner_client, document, "헤드라인 추가 '두 번째'")
    first, second = ops[0]["object"], ops2[0]["object"]
    assert first["text"] == "Quiet, all day" and second["text"] == "두 번째"
    assert first["id"] != second["id"] and {first["id"], second["id"]}.isdisjoint({"h1", "sub"})
    assert inside_page(objects(content2)[second["id"]])


# --- background ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "lighter"),
    [
        ("배경을 밝게", True),
        ("배경을 더 밝게 해줘", True),
        ("make the background lighter", True),
        ("배경을 어둡게", False),
        ("make the background darker", False),
    ],
)
def test_background_lighter_or_darker(owner_client, document, command, lighter):
    before = objects(document.content)["bg"]["fill"], document.content["pages"][0]["background"]

    ops, content, _ = run(owner_client, document, command)

    after = objects(content)["bg"]["fill"], content["pages"][0]["background"]
    for old, new in zip(before, after, strict=True):
        assert (relative_luminance(new) > relative_luminance(old)) is lighter
        assert relative_luminance(new) != relative_luminance(old)
    assert {op["op"] for op in ops} == {"set_background", "restyle"}
    assert objects(content)["h1"] == objects(document.content)["h1"] | objects(content)["h1"]  # texts untouched


# --- size -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "factor"),
    [
        ("make the CTA bigger", 1.2),
        ("CTA 크게", 1.2),
        ("버튼을 더 크게", 1.2),
        ("make the button smaller", 0.8),
        ("CTA 작게", 0.8),
    ],
)
def test_cta_bigger_or_smaller_keeping_its_column_edge(owner_client, document, command, factor):
    old = objects(document.content)

    ops, content, _ = run(owner_client, document, command)

    new = objects(content)
    assert [(op["op"], op["target"]) for op in ops] == [("resize", "cta"), ("move", "cta")]
    assert new["cta"]["width"] == pytest.approx(400 * factor)
    assert new["cta"]["height"] == pytest.approx(100 * factor)
    centre = lambda o: (o["abs_x"] + o["width"] / 2, o["abs_y"] + o["height"] / 2)  # noqa: E731
    # its left edge lines up with the column of texts above it (x 80): it grows and shrinks from there
    assert new["cta"]["abs_x"] == 80 and centre(new["cta"])[1] == pytest.approx(centre(old["cta"])[1])
    assert new["cta-t"]["style"]["font_size"] == pytest.approx(36 * factor)
    assert new["cta-bg"]["width"] == pytest.approx(400 * factor) and new["cta-bg"]["corner_radius"] == pytest.approx(
        50 * factor
    )
    assert all(inside_margins(new[i]) for i in ["cta", "cta-bg", "cta-t"])


def polotno_ad() -> dict:
    """An ad made in Polotno's editor: no Sparklio roles, only the designer's names."""

    def element(id_, kind, name, x, y, w, h, **attrs):
        return {"id": id_, "type": kind, "name": name, "x": x, "y": y, "width": w, "height": h, **attrs}

    return {
        "width": PAGE,
        "height": PAGE,
        "unit": "px",
        "dpi": 72,
        "pages": [
            {
                "id": "page-1",
                "background": "#0B132B",
                "children": [
                    element("bg", "figure", "background", 0, 0, PAGE, PAGE, subType="rect", fill="#14213D"),
                    element("title", "text", "헤드라인", 80, 120, 920, 200, text="하루 종일, 조용하게", fontSize=88),
                    element("pill", "figure", "Rectangle 4", 700, 880, 300, 90, subType="rect", fill="#FF5A1F",
                            cornerRadius=45),
                    element("label", "text", "cta-label", 720, 900, 260, 50, text="지금 구매", fontSize=36,
                            align="center", fill="white"),
                ],
            }
        ],
    }  # fmt: skip


@pytest.mark.parametrize("command", ["make the CTA bigger", "CTA 버튼 크게"])
def test_the_cta_of_a_design_imported_from_polotno_can_be_made_bigger(workspace, user, command):
    from documents.commands import run_command

    document, _ = services.document_import_polotno(workspace=workspace, user=user, polotno=polotno_ad())
    before = objects(document.content)
    assert (before["label"]["role"], before["pill"]["role"]) == ("cta_button", "cta_button")

    result = run_command(document=document, user=user, command=command, base_version=document.version)

    after = objects(result.document.content)
    assert result.provider == "rules" and result.document.version == 2
    centre = lambda o: (o["abs_x"] + o["width"] / 2, o["abs_y"] + o["height"] / 2)  # noqa: E731
    for oid, (width, height) in {"pill": (300, 90), "label": (260, 50)}.items():
        assert (after[oid]["width"], after[oid]["height"]) == (pytest.approx(width * 1.2), pytest.approx(height * 1.2))
        # grown about its centre, then kept inside the right margin (the pill reached 1030 > 1026)
        assert centre(after[oid])[1] == pytest.approx(centre(before[oid])[1])
        assert abs(centre(after[oid])[0] - centre(before[oid])[0]) <= 8
        assert inside_margins(after[oid])
    assert after["label"]["style"]["font_size"] == pytest.approx(36 * 1.2)
    assert after["title"] == before["title"] and after["bg"] == before["bg"]


@pytest.mark.parametrize("command", ["make the CTA bigger", "CTA 크게"])
def test_a_label_grown_with_its_pill_against_a_margin_stays_centred_on_it(workspace, user, command):
    from documents.commands import run_command

    polotno = polotno_ad()
    for element in polotno["pages"][0]["children"]:
        if element["id"] in {"pill", "label"}:  # against the left margin, where growing about the centre crosses it
            element["x"] -= 640
    document, _ = services.document_import_polotno(workspace=workspace, user=user, polotno=polotno)

    result = run_command(document=document, user=user, command=command, base_version=document.version)

    after = objects(result.document.content)
    pill, label = after["pill"], after["label"]
    assert pill["abs_x"] == MARGIN and label["width"] == pytest.approx(260 * 1.2)
    assert label["abs_x"] + label["width"] / 2 == pytest.approx(pill["abs_x"] + pill["width"] / 2)


def test_a_bigger_object_stays_inside_the_margins(owner_client, document):
    ops, content, _ = run(owner_client, document, "고지문 크게 해줘")
    legal = objects(content)["legal"]
    assert inside_margins(legal)
    # 920 × 1.2 would not fit: as wide as the right margin allows, its left edge (it is left-aligned) kept
    assert legal["x"] == 80 and legal["width"] == pytest.approx(PAGE - MARGIN - 80)
    assert legal["style"]["font_size"] == pytest.approx(24) and legal["style"]["shrink_to_fit"] is True


# --- brand colours and fonts ------------------------------------------------------------------------


def text_backdrop(content, obj_id) -> str:
    """What each text of the test ad sits on."""
    found = objects(content)
    return found["cta-bg"]["fill"] if obj_id == "cta-t" else found["bg"]["fill"]


@pytest.mark.parametrize("command", ["use brand colours", "use brand colors", "브랜드 색상 적용", "브랜드 컬러로"])
def test_brand_colours_are_applied_with_readable_text(owner_client, document, command):
    ops, content, _ = run(owner_client, document, command)

    found = objects(content)
    assert content["pages"][0]["background"] == BACKGROUND
    assert found["bg"]["fill"] == BACKGROUND
    assert found["cta-bg"]["fill"] == ACCENT
    assert found["h1"]["style"]["color"] in {PRIMARY, TEXT}
    assert found["body"]["style"]["color"] == TEXT
    texts = [o for o in found.values() if o["type"] == "text"]
    assert len(texts) == 7
    for obj in texts:
        assert obj["style"]["color"] in {PRIMARY, ACCENT, BACKGROUND, TEXT}, obj["id"]
        assert contrast_ratio(obj["style"]["color"], text_backdrop(content, obj["id"])) >= 4.5, obj["id"]
    assert {op["op"] for op in ops} == {"set_background", "restyle"}


def test_brand_primary_is_kept_for_the_headline_when_it_reads_well(owner_client, workspace, user):
    dark = BrandKitFactory(workspace=workspace)
    BrandColor.objects.create(brand=dark, name="Amber", hex="#FFB400", role="primary")
    BrandColor.objects.create(brand=dark, name="Night", hex="#101820", role="background")
    BrandColor.objects.create(brand=dark, name="Paper", hex="#F5F5F5", role="text")
    document = services.document_create(workspace=workspace, user=user, content=ad(workspace.id), brand=dark)

    _, content, _ = run(owner_client, document, "use brand colors")

    found = objects(content)
    assert found["h1"]["style"]["color"] == "#FFB400"
    assert found["cta-bg"]["fill"] == "#FFB400"  # no accent: the primary
    assert contrast_ratio(found["cta-t"]["style"]["color"], "#FFB400") >= 4.5
    assert found["body"]["style"]["color"] == "#F5F5F5"


@pytest.mark.parametrize("command", ["use brand fonts", "브랜드 폰트 적용", "브랜드 글꼴로 바꿔줘"])
def test_brand_fonts(owner_client, document, command):
    ops, content, _ = run(owner_client, document, command)

    found = objects(content)
    assert found["h1"]["style"]["font_family"] == "Black Han Sans"
    assert found["h1"]["style"]["font_weight"] == 400  # the only weight the brand has
    assert found["sub"]["style"]["font_family"] == "Black Han Sans"
    for obj_id in ["body", "price", "cta-t", "tags", "legal"]:
        assert found[obj_id]["style"]["font_family"] == "Pretendard", obj_id
    assert found["price"]["style"]["font_weight"] == 700  # 800 is not a Pretendard weight here
    assert {op["op"] for op in ops} == {"restyle"}


def test_brand_colours_and_fonts_together(owner_client, document):
    _, content, _ = run(owner_client, document, "브랜드 색상과 폰트 적용")
    assert objects(content)["bg"]["fill"] == BACKGROUND
    assert objects(content)["body"]["style"]["font_family"] == "Pretendard"


def test_brand_commands_need_a_brand_kit(owner_client, workspace, user):
    document = services.document_create(workspace=workspace, user=user, content=ad(workspace.id))
    response = send(owner_client, document, "브랜드 색상 적용")
    assert response.status_code == 422
    assert response.json()["code"] == "not_understood" and "brand kit" in response.json()["detail"]
    assert DocumentVersion.objects.filter(document=document).count() == 1


# --- moving ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "where"),
    [
        ("move the logo to the top right", (PAGE - 180 - MARGIN, MARGIN)),
        ("로고를 오른쪽 위로", (PAGE - 180 - MARGIN, MARGIN)),
        ("move the logo to the top left", (MARGIN, MARGIN)),
        ("로고를 왼쪽 위로 옮겨줘", (MARGIN, MARGIN)),
        ("put the logo at the bottom right", (PAGE - 180 - MARGIN, PAGE - 60 - MARGIN)),
        ("로고를 오른쪽 아래로", (PAGE - 180 - MARGIN, PAGE - 60 - MARGIN)),
        ("move the logo to the bottom left", (MARGIN, PAGE - 60 - MARGIN)),
        ("로고를 가운데로", ((PAGE - 180) / 2, (PAGE - 60) / 2)),
        ("로고 위치를 오른쪽으로 해줘", (PAGE - 180 - MARGIN, 60)),  # the height it had
        ("move the logo to the centre", ((PAGE - 180) / 2, (PAGE - 60) / 2)),
    ],
)
def test_move_the_logo(owner_client, document, command, where):
    ops, content, _ = run(owner_client, document, command)
    assert ops == [{"op": "move", "target": "logo", "x": where[0], "y": where[1]}]
    logo = objects(content)["logo"]
    assert (logo["x"], logo["y"]) == where and inside_page(logo)


def test_a_command_that_changes_nothing_keeps_the_version(owner_client, document):
    run(owner_client, document, "move the logo to the top left")
    response = send(owner_client, document, "로고를 왼쪽 위로")
    assert response.status_code == 200 and response.json()["document"]["version"] == 2
    assert response.json()["operations"] == [{"op": "move", "target": "logo", "x": MARGIN, "y": MARGIN}]
    assert DocumentVersion.objects.filter(document=document).count() == 2


def test_a_group_moves_with_its_children(owner_client, document):
    _, content, _ = run(owner_client, document, "버튼을 오른쪽 아래로 이동")
    found = objects(content)
    assert (found["cta"]["x"], found["cta"]["y"]) == (PAGE - 400 - MARGIN, PAGE - 100 - MARGIN)
    assert (found["cta-t"]["x"], found["cta-t"]["y"]) == (0, 0)  # relative to the group


@pytest.mark.parametrize(
    ("command", "target", "front"),
    [
        ("bring the product image to the front", "product", True),
        ("제품 사진을 맨 앞으로", "product", True),
        ("send the logo to the back", "logo", False),
        ("로고를 맨 뒤로", "logo", False),
    ],
)
def test_stacking_order(owner_client, document, command, target, front):
    ops, content, _ = run(owner_client, document, command)
    z = {o["id"]: o["z_index"] for o in content["pages"][0]["objects"]}
    others = [v for k, v in z.items() if k != target]
    assert ops == [{"op": "reorder", "target": target, "z_index": z[target]}]
    assert (z[target] > max(others)) if front else (z[target] < min(others))


def test_a_text_can_be_made_darker(owner_client, document):
    ops, content, _ = run(owner_client, document, "make the price darker")
    assert ops == [
        {"op": "restyle", "target": "price", "style": {"color": objects(content)["price"]["style"]["color"]}}
    ]
    assert relative_luminance(objects(content)["price"]["style"]["color"]) < relative_luminance("#FFD166")


# --- deleting and replacing text ------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["delete the hashtags", "해시태그 삭제", "해시태그 지워줘", "remove hashtags"])
def test_delete_the_hashtags(owner_client, document, command):
    before = objects(document.content)
    ops, content, _ = run(owner_client, document, command)
    assert ops == [{"op": "delete", "target": "tags"}]
    assert set(objects(content)) == set(before) - {"tags"}


@pytest.mark.parametrize(
    ("command", "target", "text"),
    [
        ("change the headline to 'Quiet, all day'", "h1", "Quiet, all day"),
        ('Change the headline to "Don\'t miss it"', "h1", "Don't miss it"),
        ("change the headline to Summer sale", "h1", "Summer sale"),
        ("헤드라인을 '여름 세일'로 바꿔", "h1", "여름 세일"),
        ("헤드라인을 여름 세일로 변경", "h1", "여름 세일"),
        ("제목을 새로운 시작으로 바꿔줘", "h1", "새로운 시작"),
        ("서브헤드라인을 '이어폰 X1'로 수정", "sub", "이어폰 X1"),
        ("change the subheadline to Brand colours, bigger", "sub", "Brand colours, bigger"),
        ("버튼 문구를 '지금 바로'로 바꿔", "cta-t", "지금 바로"),
    ],
)
def test_replace_text(owner_client, document, command, target, text):
    ops, content, _ = run(owner_client, document, command)
    assert ops == [{"op": "replace_text", "target": target, "text": text}]
    assert objects(content)[target]["text"] == text
    untouched = "sub" if target != "sub" else "h1"
    assert objects(content)[untouched]["text"] == objects(document.content)[untouched]["text"]


# --- what is written, and what is not ---------------------------------------------------------------------


def test_the_command_is_one_ai_command_version(owner_client, document, user):
    run(owner_client, document, "해시태그 삭제")
    version = DocumentVersion.objects.get(document=document, version=2)
    assert (version.source, version.summary, version.created_by) == ("ai_command", "AI command: 해시태그 삭제", user)


def test_if_match_can_carry_the_version(owner_client, document):
    response = owner_client.post(
        URL, {"document": document.pk, "command": "해시태그 삭제"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert response.status_code == 200 and response.json()["document"]["version"] == 2


def test_a_stale_version_is_a_409_and_writes_nothing(owner_client, document):
    run(owner_client, document, "해시태그 삭제")
    response = send(owner_client, document, "로고를 오른쪽 위로", version=1)
    assert response.status_code == 409
    assert response.json()["code"] == "version_conflict" and response.json()["current_version"] == 2
    document.refresh_from_db()
    assert document.version == 2 and DocumentVersion.objects.filter(document=document).count() == 2


@pytest.mark.parametrize(
    "command", ["make it pop", "분위기를 좀 더 고급스럽게", "make the headline and the logo bigger"]
)
def test_an_unknown_command_without_a_model_is_a_422_and_writes_nothing(owner_client, document, command):
    response = send(owner_client, document, command)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "not_understood" and body["understood"] is False and body["detail"]
    document.refresh_from_db()
    assert document.version == 1 and DocumentVersion.objects.filter(document=document).count() == 1


@pytest.mark.parametrize(
    ("command", "missing"),
    [
        ("delete the QR code", "QR code"),
        ("make the badge bigger", "badge"),
        ("정가를 '199,000원'으로 바꿔", "original price"),
    ],
)
def test_a_command_whose_target_is_missing_is_a_422(owner_client, document, command, missing):
    response = send(owner_client, document, command)
    assert response.status_code == 422
    assert response.json()["detail"] == f"This document has no {missing}."
    assert DocumentVersion.objects.filter(document=document).count() == 1


def test_the_input_is_checked(owner_client, document):
    assert send(owner_client, document, "").status_code == 400
    assert send(owner_client, document, "x" * 501).status_code == 400
    response = owner_client.post(URL, {"document": document.pk, "command": "해시태그 삭제"}, format="json")
    assert response.status_code == 400 and "version" in response.json()["errors"]


def test_viewers_cannot_edit(document, workspace):
    response = send(client_for(member(workspace, "viewer")), document, "해시태그 삭제")
    assert response.status_code == 403
    editor = client_for(member(workspace, "editor"))
    assert send(editor, document, "해시태그 삭제").status_code == 200


def test_another_workspaces_document_is_not_found(other_workspace, document):
    stranger = other_workspace.memberships.get().user
    response = send(client_for(stranger), document, "해시태그 삭제")
    assert response.status_code == 404
    assert DocumentVersion.objects.filter(document=document).count() == 1


# --- the parser and apply_ops on their own ------------------------------------------------------------------


def test_ambiguous_commands_are_left_to_the_model():
    doc = SparklioDocument.model_validate(ad())
    assert parse_command("make it bigger", doc, None) is None
    assert parse_command("make the headline and the logo bigger", doc, None) is None
    assert parse_command("make the CTA bigger and red", doc, None) is None
    assert parse_command("move the logo to the top right and make it pop", doc, None) is None


def test_subheadline_is_not_taken_for_the_headline():
    doc = SparklioDocument.model_validate(ad())
    ops = parse_command("서브헤드라인 크게", doc, None)
    assert {op.target for op in ops} == {"sub"}
    ops = parse_command("make the sub-headline smaller", doc, None)
    assert {op.target for op in ops} == {"sub"}


def test_apply_ops_reaches_into_groups_and_refuses_what_does_not_fit():
    content = services.document_validate(ad()).model_dump(mode="json")
    out = apply_ops(content, [{"op": "restyle", "target": "cta-bg", "style": {"fill": "#000000"}}])
    assert objects(out)["cta-bg"]["fill"] == "#000000" and objects(content)["cta-bg"]["fill"] == "#FF5A1F"
    with pytest.raises(OperationError, match=r"operations\[0\] \(restyle\): fill cannot style 'h1'"):
        apply_ops(content, [{"op": "restyle", "target": "h1", "style": {"fill": "#000000"}}])
    with pytest.raises(OperationError, match="no object 'nope'"):
        apply_ops(content, [{"op": "delete", "target": "nope"}])
    with pytest.raises(OperationError, match="font_size is for texts"):
        apply_ops(content, [{"op": "resize", "target": "bg", "width": 10, "height": 10, "font_size": 3}])
    with pytest.raises(OperationError, match="invalid operations"):
        apply_ops(content, [{"op": "explode", "target": "bg"}])
    with pytest.raises(ValidationError) as info:
        apply_ops(content, [{"op": "update", "target": "h1", "changes": {"width": -5}}])
    assert "content.pages[0].objects[3].width" in info.value.detail


# --- the model, for the rest ----------------------------------------------------------------------------------


@pytest.fixture
def fake_api():
    api = wire.FakeAPI()
    yield api
    api.close()


@pytest.fixture
def model(settings, fake_api):
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = f"{fake_api.base}/v1"
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    settings.LLM_MAX_ATTEMPTS = 1
    return fake_api.route("POST", "/v1/chat/completions")


def answer(route, operations):
    route.respond(json=wire.openai_completion(json.dumps({"operations": operations})))


def test_the_model_answers_what_the_rules_do_not(owner_client, document, model, workspace, user):
    answer(model, [{"op": "restyle", "target": "h1", "style": {"italic": True, "underline": True}}])

    ops, content, body = run(owner_client, document, "make the headline italic and underline it")

    assert body["provider"] == "openai"
    assert objects(content)["h1"]["style"]["italic"] is True
    sent = json.loads(model.calls.last.request.content)
    fmt = sent["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["name"] == "CommandPlan"
    schema = json.dumps(fmt["json_schema"]["schema"])
    assert '"oneOf"' not in schema and '"discriminator"' not in schema and '"anyOf"' in schema
    prompt = json.loads(sent["messages"][-1]["content"])
    assert prompt["command"] == "make the headline italic and underline it"
    assert {"id": "cta-t", "group": "cta"}.items() <= next(
        o for o in prompt["pages"][0]["objects"] if o["id"] == "cta-t"
    ).items()
    assert prompt["brand"]["colors"]["primary"] == PRIMARY and prompt["brand"]["fonts"]["heading"] == "Black Han Sans"
    call = LLMCall.objects.get()
    assert (call.purpose, call.workspace_id, call.user_id, call.outcome) == ("fast", workspace.id, user.id, "ok")


def test_objects_the_model_adds_are_the_editors_with_fresh_ids(owner_client, document, model):
    badge = {
        "id": "h1",
        "type": "text",
        "role": "badge",
        "x": 800,
        "y": 300,
        "width": 200,
        "height": 60,
        "text": "NEW",
        "provenance": {"source": "user"},
    }
    answer(model, [{"op": "add", "page": 0, "object": badge}])

    ops, content, _ = run(owner_client, document, "신제품 배지를 붙여줘")

    added = ops[0]["object"]
    assert added["id"] not in {"h1"} and objects(content)[added["id"]]["text"] == "NEW"
    assert added["provenance"] == {"source": "agent", "agent": "editor"}


@pytest.mark.parametrize(
    "operations",
    [
        [{"op": "delete", "target": "ghost"}],
        [{"op": "move", "target": "h1", "x": 10, "y": 10}, {"op": "update", "target": "h1", "changes": {"width": -1}}],
        [],
    ],
    ids=["unknown-target", "invalid-result", "nothing"],
)
def test_model_operations_that_do_not_apply_write_nothing(owner_client, document, model, operations):
    answer(model, operations)
    response = send(owner_client, document, "make it pop")
    assert response.status_code == 422 and response.json()["code"] == "not_understood"
    document.refresh_from_db()
    assert document.version == 1 and DocumentVersion.objects.filter(document=document).count() == 1


@pytest.mark.parametrize(
    "operation",
    [
        {"op": "explode"},
        # Only texts and shapes can be added: the model never points the renderer at an image.
        {
            "op": "add",
            "page": 0,
            "object": {
                "id": "x",
                "type": "image",
                "role": "logo",
                "width": 9,
                "height": 9,
                "src": "http://169.254.169.254/latest",
            },
        },
    ],
    ids=["unknown-op", "image"],
)
def test_a_model_answer_that_is_not_operations_writes_nothing(owner_client, document, model, operation):
    model.respond(json=wire.openai_completion(json.dumps({"operations": [operation]})))
    response = send(owner_client, document, "make it pop")
    assert response.status_code == 422 and "not usable" in response.json()["detail"]
    assert DocumentVersion.objects.filter(document=document).count() == 1


def test_rules_come_first_even_with_a_model(owner_client, document, model):
    _, _, body = run(owner_client, document, "해시태그 삭제")
    assert body["provider"] == "rules" and model.call_count == 0


def test_a_spent_budget_is_said_and_writes_nothing(owner_client, document, model, workspace):
    WorkspaceLLMPolicy.objects.create(workspace=workspace, monthly_budget_usd=Decimal("0"))
    response = send(owner_client, document, "make it pop")
    assert response.status_code == 422 and "budget" in response.json()["detail"]
    assert model.call_count == 0 and DocumentVersion.objects.filter(document=document).count() == 1


def test_replacing_text_with_empty_quotes_is_not_understood_and_writes_nothing(owner_client, workspace):
    from documents.models import Document as Doc
    from documents.services import document_create

    document = document_create(workspace=workspace, user=None, content=_empty_quote_doc())
    response = owner_client.post(
        "/api/v1/editor/ai_command",
        {"document": document.pk, "version": 1, "command": "헤드라인을 ''로 바꿔"},
        format="json",
    )
    assert response.status_code == 422
    assert Doc.objects.get(pk=document.pk).version == 1


def _empty_quote_doc():
    return {
        "width": 1080,
        "height": 1080,
        "pages": [
            {
                "id": "p",
                "objects": [
                    {
                        "id": "h",
                        "type": "text",
                        "role": "headline",
                        "width": 900,
                        "height": 200,
                        "text": "원래 헤드라인",
                    }
                ],
            }
        ],
    }


# --- colours by name ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("빨간색", "#D62828"),
        ("빨강", "#D62828"),
        ("레드", "#D62828"),
        ("붉은색", "#D62828"),
        ("red", "#D62828"),
        ("파란색", "#1C64F2"),
        ("파랑", "#1C64F2"),
        ("블루", "#1C64F2"),
        ("Blue", "#1C64F2"),
        ("남색", "#1B2B5E"),
        ("네이비", "#1B2B5E"),
        ("navy", "#1B2B5E"),
        ("navy blue", "#1B2B5E"),
        ("하늘색", "#6EC1F0"),
        ("sky blue", "#6EC1F0"),
        ("light blue", "#A5D8FF"),
        ("teal", "#0F8B8D"),
        ("초록색", "#2B8A3E"),
        ("녹색", "#2B8A3E"),
        ("그린", "#2B8A3E"),
        ("green", "#2B8A3E"),
        ("민트", "#96E6C8"),
        ("mint", "#96E6C8"),
        ("노란색", "#FFD43B"),
        ("노랑", "#FFD43B"),
        ("옐로", "#FFD43B"),
        ("yellow", "#FFD43B"),
        ("주황색", "#F76707"),
        ("오렌지", "#F76707"),
        ("orange", "#F76707"),
        ("보라색", "#6F42C1"),
        ("퍼플", "#6F42C1"),
        ("purple", "#6F42C1"),
        ("violet", "#8B5CF6"),
        ("분홍색", "#F06595"),
        ("핑크", "#F06595"),
        ("pink", "#F06595"),
        ("검정", "#000000"),
        ("검은색", "#000000"),
        ("블랙", "#000000"),
        ("black", "#000000"),
        ("흰색", "#FFFFFF"),
        ("하얀색", "#FFFFFF"),
        ("화이트", "#FFFFFF"),
        ("white", "#FFFFFF"),
        ("회색", "#868E96"),
        ("그레이", "#868E96"),
        ("gray", "#868E96"),
        ("grey", "#868E96"),
        ("light gray", "#E5E5E5"),
        ("light grey", "#E5E5E5"),
        ("연회색", "#E5E5E5"),
        ("밝은 회색", "#E5E5E5"),
        ("dark gray", "#495057"),
        ("진회색", "#495057"),
        ("금색", "#D4AF37"),
        ("골드", "#D4AF37"),
        ("gold", "#D4AF37"),
        ("은색", "#C0C0C0"),
        ("실버", "#C0C0C0"),
        ("silver", "#C0C0C0"),
        ("베이지", "#F5F0E1"),
        ("beige", "#F5F0E1"),
        ("brown", "#8B5A2B"),
        ("갈색", "#8B5A2B"),
        ("버건디", "#800020"),
        ("와인색", "#800020"),
        ("burgundy", "#800020"),
        ("#1e90ff", "#1E90FF"),
        ("#fff", "#FFFFFF"),
        ("#A1b", "#AA11BB"),
    ],
)
def test_colour_names_in_both_languages(words, expected):
    found = find_color(f"배경을 {words}으로")
    assert found is not None and found.hex == expected and not found.brand
    assert find_color(f"make the background {words}").hex == expected


@pytest.mark.parametrize(
    ("words", "base", "toward", "amount"),
    [
        ("연한 파란색", "#1C64F2", "#FFFFFF", 0.45),
        ("밝은 초록", "#2B8A3E", "#FFFFFF", 0.45),
        ("light pink", "#F06595", "#FFFFFF", 0.45),
        ("pale yellow", "#FFD43B", "#FFFFFF", 0.45),
        ("진한 파란색", "#1C64F2", "#000000", 0.4),
        ("짙은 보라", "#6F42C1", "#000000", 0.4),
        ("dark red", "#D62828", "#000000", 0.4),
        ("deep orange", "#F76707", "#000000", 0.4),
    ],
)
def test_lighter_and_darker_shades_of_a_colour(words, base, toward, amount):
    assert find_color(words).hex == mix(base, toward, amount)


def test_colour_words_are_not_found_inside_other_words():
    assert find_color("reduce the whitespace and redo the bordered box") is None
    assert find_color("검은색으로").hex == "#000000"  # not "은색", silver
    assert find_color("제품 사진 빨간색").hex == "#D62828"  # "사진 빨간": not "진" (dark) red
    assert find_color("make it bigger") is None and find_color("#X1 #무선이어폰") is None
    assert find_color("브랜드 색으로").brand and find_color("use the brand colour").brand


@pytest.mark.parametrize("backdrop", ["#14213D", "#FFFFFF", "#1B2B5E", "#FFD43B", "#868E96", "#000000"])
@pytest.mark.parametrize("color", ["#1B2B5E", "#D62828", "#FFD43B", "#FFFFFF", "#000000", "#868E96"])
def test_a_readable_shade_keeps_the_colour_when_it_reads_and_stays_close_when_not(color, backdrop):
    shade = readable_shade(color, backdrop)
    if shade is None:  # no shade still seen as the colour reads there (yellow on mid grey)
        assert color == "#FFD43B" and backdrop == "#868E96"
        return
    assert contrast_ratio(shade, backdrop) >= 4.5
    if contrast_ratio(color, backdrop) >= 4.5:
        assert shade == color
    if color not in {"#FFFFFF", "#000000", "#868E96"}:  # mixed at most 70% towards white or black
        assert shade in {mix(color, end, n / 20) for end in ("#FFFFFF", "#000000") for n in range(15)}


def hue(color: str) -> float:
    return colorsys.rgb_to_hsv(*(int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0] * 360


def on_blue(workspace_id: int) -> dict:
    content = campaign_ad(workspace_id)
    content["pages"][0]["background"] = "#1C64F2"
    for obj in content["pages"][0]["objects"]:
        if obj["type"] == "text" and not obj["style"].get("background_color"):
            obj["style"]["color"] = "#FFFFFF"
    return content


@pytest.mark.parametrize(
    ("command", "word", "named"),
    [
        ("make the headline sparkly purple-ish", "sparkly", "purple"),
        ("제목을 반짝이는 보라색으로", "반짝이는", "보라색"),
    ],
)
def test_a_word_the_rules_do_not_know_before_a_colour_is_said_in_the_notes(
    owner_client, workspace, user, brand, command, word, named
):
    document = make(workspace, user, brand, campaign_ad(workspace.id))

    ops, content, body = run(owner_client, document, command)

    assert objects(content)["headline"]["style"]["color"] == "#6F42C1"  # purple, not a near-white
    assert body["notes"] == [f'"{word}" is not a colour word the editor knows and was left out; "{named}" was applied.']


@pytest.mark.parametrize("command", ["make the headline purple", "헤드라인을 보라색으로 바꿔줘", "make the title navy"])
def test_a_colour_no_shade_of_which_reads_is_refused_not_made_near_white(owner_client, workspace, user, brand, command):
    document = make(workspace, user, brand, on_blue(workspace.id))

    response = send(owner_client, document, command)

    assert response.status_code == 422, response.json()
    detail = response.json()["detail"]
    assert detail.startswith("The headline cannot be ") and "reads on #1C64F2" in detail
    assert DocumentVersion.objects.filter(document=document).count() == 1


@pytest.mark.parametrize(
    ("command", "named"), [("make the headline yellow", "yellow"), ("제목을 노란색으로", "노란색")]
)
def test_a_colour_that_reads_only_as_a_shade_keeps_its_hue_and_says_so(
    owner_client, workspace, user, brand, command, named
):
    document = make(workspace, user, brand, on_blue(workspace.id))

    _, content, body = run(owner_client, document, command)

    color = objects(content)["headline"]["style"]["color"]
    assert contrast_ratio(color, "#1C64F2") >= 4.5 and abs(hue(color) - hue("#FFD43B")) < 6
    assert color in {mix("#FFD43B", "#FFFFFF", n / 20) for n in range(15)}  # at most 70% towards white
    assert body["notes"] == [
        f'The headline is {color}, a lighter shade of "{named}": #FFD43B itself reads at only 3.5:1 on #1C64F2.'
    ]


# --- a headline from the document's facts -------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "language", "expected"),
    [
        (
            Facts("무선 이어폰 X1", ["노이즈 캔슬링", "30시간 재생"], None),
            "ko",
            "노이즈 캔슬링으로 완성한 무선 이어폰 X1",
        ),
        (
            Facts("Nimbus 2", ["8000Pa suction", "180-minute battery"], "20% off"),
            "en",
            "Nimbus 2: 8000Pa suction, done right",
        ),
        # 으로 after a final consonant, 로 after a vowel and after ㄹ
        (Facts("스마트 필", ["초경량 설계"], None), "ko", "초경량 설계로 완성한 스마트 필"),
        (Facts("스마트 워치 S", ["방수 기능"], None), "ko", "방수 기능으로 완성한 스마트 워치 S"),
        (Facts("스마트 워치 S", [], None), "ko", "지금 스마트 워치 S를 만나보세요"),  # "S" is read 에스
        (Facts("보습 크림", ["마이크로 캡슐"], None), "ko", "마이크로 캡슐로 완성한 보습 크림"),
        (Facts("러닝화 에어", ["초경량 메시 소재 필"], None), "ko", "초경량 메시 소재 필로 완성한 러닝화 에어"),
        # 을/를 after the product, when there is no feature to name
        (Facts("에어팟 프로", [], None), "ko", "지금 에어팟 프로를 만나보세요"),
        (Facts("무선 이어폰 X1", [], None), "ko", "지금 무선 이어폰 X1을 만나보세요"),
        (Facts("갤럭시 버즈", [], None), "ko", "지금 갤럭시 버즈를 만나보세요"),
        # the offer, when there is no feature
        (Facts("에어팟 프로", [], "20% 할인"), "ko", "에어팟 프로, 지금 20% 할인"),
        (Facts("Nimbus 2", [], "20% off this week"), "en", "Nimbus 2: 20% off this week"),
        (Facts("Nimbus 2", [], None), "en", "Meet Nimbus 2"),
        # a feature the product's name already says is not said twice
        (Facts("노이즈 캔슬링 이어폰", ["노이즈 캔슬링", "방수"], None), "ko", "방수로 완성한 노이즈 캔슬링 이어폰"),
        # a Latin word is read as Korean reads it (ANC: 에이엔씨), never "ANC(으)로"
        (Facts("무선 이어폰 X1", ["ANC"], None), "ko", "ANC로 완성한 무선 이어폰 X1"),
        (Facts(None, ["노이즈 캔슬링"], None), "ko", "노이즈 캔슬링이 다릅니다"),
        (Facts(None, ["quiet motor"], None), "en", "Quiet motor, done right"),
        (Facts(None, [], None), "ko", None),
    ],
)
def test_a_headline_is_written_from_the_facts(facts, language, expected):
    headline = write_headline(facts, language)
    assert headline == expected
    assert headline is None or not has_placeholder_particle(headline) and "(" not in headline


def test_a_headline_stays_short_and_picks_a_feature_that_fits():
    long_feature = "하루 종일 편안하게 착용할 수 있는 인체공학 디자인"
    headline = write_headline(Facts("무선 이어폰 X1", [long_feature, "방수"], None), "ko")
    assert headline == "방수로 완성한 무선 이어폰 X1"
    assert len(write_headline(Facts("무선 이어폰 X1", [long_feature], None), "ko")) <= 28
    english = write_headline(
        Facts("Nimbus 2", ["a suction power that no other vacuum of its size can match"], None), "en"
    )
    assert english == "Meet Nimbus 2"


def facts_doc(facts=None, *, language="ko", objects_=None) -> dict:
    content = {
        "width": PAGE,
        "height": PAGE,
        "language": language,
        "metadata": {"facts": facts} if facts is not None else {},
        "pages": [{"id": "p", "background": "#FFFFFF", "objects": objects_ or []}],
    }
    return services.document_validate(content).model_dump(mode="json")


def test_the_facts_come_from_the_metadata_or_else_from_the_texts():
    given = {
        "product": "무선 이어폰 X1",
        "features": ["노이즈 캔슬링", 7, ""],
        "offer": None,
        "price": "129,000원",
        "audience": "직장인",
        "language": "ko",
        "category": "audio",
    }
    assert document_facts(facts_doc(given)) == Facts("무선 이어폰 X1", ["노이즈 캔슬링"], None)

    def text(id_, role, words, y):
        return {"id": id_, "type": "text", "role": role, "y": y, "width": 900, "height": 60, "text": words}

    english = facts_doc(
        "not a dict",
        language="en",
        objects_=[
            text("name", "product_name", "Nimbus 2", 100),
            text("f1", "feature_bullet", "• 8000Pa suction\n• 180-minute battery", 200),
            text("deal", "discount_badge", "20% off", 300),
        ],
    )
    assert document_facts(english) == Facts("Nimbus 2", ["8000Pa suction", "180-minute battery"], "20% off")
    assert write_headline(document_facts(english), "en") == "Nimbus 2: 8000Pa suction, done right"
    # Korean features from the texts must be noun phrases: "…으로 완성한" follows a noun.
    korean = facts_doc(
        objects_=[
            text("name", "product_name", "스마트 필", 100),
            text("f1", "feature_bullet", "- 초경량 설계\n- 하루 종일 가볍게", 200),
        ]
    )
    features = document_facts(korean).features
    assert features[0] == "초경량 설계" and "스마트 필" not in features
    assert all(not f.endswith(("게", "요", "다")) for f in features)
    assert document_facts(facts_doc({"product": "X1", "features": "노이즈"})).features == []


# --- helpers for what a command leaves ----------------------------------------------------------------


def light_ad(workspace_id: int = 1, **kwargs) -> dict:
    """The test ad on a white page with dark texts, where most colours read as asked."""
    content = ad(workspace_id, **kwargs)
    content["pages"][0]["background"] = "#FFFFFF"
    for obj in content["pages"][0]["objects"]:
        if obj["id"] == "bg":
            obj["fill"] = "#FFFFFF"
        elif obj["type"] == "text":
            obj["style"]["color"] = "#222222"
    return content


def make(workspace, user, brand, content) -> object:
    return services.document_create(workspace=workspace, user=user, content=content, brand=brand)


def under(content, obj_id) -> str:
    """The colour under a text of the test ad: its button's fill, else the background shape's."""
    found = objects(content)
    return found["cta-bg"]["fill"] if obj_id == "cta-t" else found["bg"]["fill"]


def all_texts_read(before, after) -> bool:
    """Every text reads on what is under it, unless it did not before and still sits on the same
    colour (the test ad's white CTA words on orange)."""
    old = objects(before)
    for obj in objects(after).values():
        if obj["type"] != "text":
            continue
        was = obj["id"] in old and contrast_ratio(old[obj["id"]]["style"]["color"], under(before, obj["id"])) >= 4.5
        if (was or under(before, obj["id"]) != under(after, obj["id"])) and contrast_ratio(
            obj["style"]["color"], under(after, obj["id"])
        ) < 4.5:
            return False
    return True


def laid_out(obj) -> tuple[float, bool]:
    """(height, a word broken) of a text as the renderer lays it out in its box."""
    style = obj["style"]
    faces = [fonts.resolve(style["font_family"], style["font_weight"]), *fonts.fallbacks(style["font_weight"] >= 600)]
    layout = render_text.layout(
        render_text.prepare(obj["text"], faces),
        style["font_size"],
        max_width=obj["width"],
        letter_spacing=style["letter_spacing"],
        line_height=style["line_height"],
        language="ko" if fonts.LAYOUT == ImageFont.Layout.RAQM else None,
    )
    return layout.height, layout.broke_word


# --- compound commands ------------------------------------------------------------------------------------


def test_bigger_headline_and_a_blue_background_are_one_version(owner_client, document):
    before = copy.deepcopy(document.content)
    ops, content, body = run(owner_client, document, "제목을 더 크게 하고 배경을 파란색으로")

    found = objects(content)
    assert found["h1"]["style"]["font_size"] > 88 and found["h1"]["width"] > 920
    assert content["pages"][0]["background"] == "#1C64F2" and found["bg"]["fill"] == "#1C64F2"
    assert all_texts_read(before, content)
    assert body["provider"] == "rules"
    assert DocumentVersion.objects.filter(document=document).count() == 2
    summary = DocumentVersion.objects.get(document=document, version=2).summary
    assert summary == "AI command: 제목을 더 크게 하고 배경을 파란색으로"


def test_bigger_headline_and_a_red_cta(owner_client, document):
    ops, content, _ = run(owner_client, document, "헤드라인 키우고 CTA는 빨간색으로 바꿔줘")

    found = objects(content)
    assert found["h1"]["style"]["font_size"] > 88
    assert found["cta-bg"]["fill"] == "#D62828"
    assert contrast_ratio(found["cta-t"]["style"]["color"], "#D62828") >= 4.5
    assert found["h1"]["text"] == "하루 종일, 조용하게"  # a colour is not new text


def test_a_navy_headline_and_the_logo_on_the_left_margin(owner_client, workspace, user, brand):
    document = make(workspace, user, brand, light_ad(workspace.id))

    ops, content, _ = run(owner_client, document, "make the headline navy and move the logo left")

    found = objects(content)
    assert found["h1"]["style"]["color"] == "#1B2B5E"
    assert (found["logo"]["x"], found["logo"]["y"]) == (MARGIN, 60)  # the left margin, at the height it had
    assert ops == [
        {"op": "restyle", "target": "h1", "style": {"color": "#1B2B5E"}},
        {"op": "move", "target": "logo", "x": MARGIN, "y": 60},
    ]


def test_a_bigger_cta_then_a_light_gray_background(owner_client, document):
    before = copy.deepcopy(document.content)
    ops, content, _ = run(owner_client, document, "make the CTA bigger, then change the background to light gray")

    found = objects(content)
    assert (found["cta"]["width"], found["cta"]["height"]) == (480, 120)
    assert content["pages"][0]["background"] == "#E5E5E5" and found["bg"]["fill"] == "#E5E5E5"
    assert all_texts_read(before, content)  # the white texts turned dark on the light page
    assert found["h1"]["style"]["color"] != "#FFFFFF"


def test_the_logo_to_the_left_and_a_bold_price(owner_client, document):
    ops, content, _ = run(owner_client, document, "로고를 왼쪽으로 옮기고, 가격을 굵게")

    assert ops == [
        {"op": "move", "target": "logo", "x": MARGIN, "y": 60},
        {"op": "restyle", "target": "price", "style": {"font_weight": 900}},  # 800 already: a step heavier
    ]


@pytest.mark.parametrize(
    ("command", "check"),
    [
        (
            "배경은 베이지, 로고는 오른쪽 위로",
            lambda f, c: c["pages"][0]["background"] == "#F5F0E1" and (f["logo"]["x"], f["logo"]["y"]) == (846, MARGIN),
        ),
        (
            "CTA를 키운 다음에 배경을 회색으로",
            lambda f, c: f["cta"]["width"] == 480 and f["bg"]["fill"] == "#868E96",
        ),
        (
            "Make the CTA bigger. Change the background to navy.",
            lambda f, c: f["cta"]["width"] == 480 and f["bg"]["fill"] == "#1B2B5E",
        ),
        (
            "delete the hashtags; make the body bold",
            lambda f, c: "tags" not in f and f["body"]["style"]["font_weight"] == 700,
        ),
        (
            "해시태그 지우고 본문은 굵게 해줘",
            lambda f, c: "tags" not in f and f["body"]["style"]["font_weight"] == 700,
        ),
        (
            "로고를 오른쪽 아래로 옮긴 후에 헤드라인을 '여름 세일'로 바꿔줘",
            lambda f, c: (f["logo"]["x"], f["logo"]["y"]) == (846, 966) and f["h1"]["text"] == "여름 세일",
        ),
        (
            "change the headline to 'Fast, light and quiet' and move the logo to the right",
            lambda f, c: f["h1"]["text"] == "Fast, light and quiet" and f["logo"]["x"] == 846,
        ),
        (
            "change the headline to Summer sale and make the logo bigger",
            lambda f, c: f["h1"]["text"] == "Summer sale" and f["logo"]["width"] == 216,
        ),
        (
            "가격은 노란색으로 하고 고지문은 작게",
            lambda f, c: f["price"]["style"]["color"] == "#FFD43B" and f["legal"]["style"]["font_size"] == 16,
        ),
        (
            "make the price gold, make the subheadline smaller and send the logo to the back",
            lambda f, c: (
                f["price"]["style"]["color"] == "#D4AF37"
                and f["sub"]["style"]["font_size"] == 32
                and f["logo"]["z_index"] < f["bg"]["z_index"]
            ),
        ),
        (
            "본문을 크게 하고, 그리고 배경을 어둡게",
            lambda f, c: (
                f["body"]["style"]["font_size"] > 30
                and relative_luminance(f["bg"]["fill"]) < relative_luminance("#14213D")
            ),
        ),
        (
            "add a headline saying 'Quiet, all day' then move the logo to the bottom left",
            lambda f, c: (
                any(o["text"] == "Quiet, all day" for o in f.values() if o["type"] == "text")
                and (f["logo"]["x"], f["logo"]["y"]) == (MARGIN, 966)
            ),
        ),
    ],
)
def test_compound_commands_in_both_languages(owner_client, document, command, check):
    ops, content, _ = run(owner_client, document, command)
    assert check(objects(content), content), ops
    assert DocumentVersion.objects.filter(document=document).count() == 2


@pytest.mark.parametrize(
    ("command", "check"),
    [
        # Korean leaves the object out of the second clause; English says "it".
        (
            "헤드라인을 키우고 빨간색으로 바꿔줘",
            lambda f: f["h1"]["style"]["font_size"] > 88 and _reddish(f["h1"]["style"]["color"]),
        ),
        (
            "헤드라인을 키우고 '여름 세일'로 바꿔줘",
            lambda f: f["h1"]["style"]["font_size"] > 88 and f["h1"]["text"] == "여름 세일",
        ),
        (
            "move the logo to the top right and make it bigger",
            lambda f: f["logo"]["width"] == 216 and f["logo"]["x"] + 216 == PAGE - MARGIN and f["logo"]["y"] == MARGIN,
        ),
        (
            "make the body smaller and then move it to the bottom",
            lambda f: f["body"]["y"] + f["body"]["height"] == 1026,
        ),
    ],
)
def test_a_clause_that_names_nothing_acts_on_what_the_one_before_named(owner_client, document, command, check):
    ops, content, _ = run(owner_client, document, command)
    assert check(objects(content)), ops


def _reddish(color: str) -> bool:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return r > g + 40 and r > b + 40


@pytest.mark.parametrize(
    ("command", "clauses"),
    [
        ("헤드라인을 '빠르고 가볍게'로 바꿔줘", ["헤드라인을 '빠르고 가볍게'로 바꿔줘"]),
        ("헤드라인을 빠르고 가볍게로 바꿔줘", ["헤드라인을 빠르고 가볍게로 바꿔줘"]),
        (
            'change the headline to "Salt, pepper and then some"',
            ['change the headline to "Salt, pepper and then some"'],
        ),
        ("change the headline to Salt and Pepper", ["change the headline to Salt and Pepper"]),
        ("change the subheadline to Brand colours, bigger", ["change the subheadline to Brand colours, bigger"]),
        ("가격을 129,000원으로 바꿔줘", ["가격을 129,000원으로 바꿔줘"]),
        ("광고 문구 말고 헤드라인 크게", ["광고 문구 말고 헤드라인 크게"]),
        ("제목을 더 크게 하고 배경을 파란색으로", ["제목을 더 크게 하", "배경을 파란색으로"]),
        ("로고를 왼쪽으로 옮기고, 가격을 굵게", ["로고를 왼쪽으로 옮기", "가격을 굵게"]),
        ("CTA를 키운 다음에 배경을 회색으로", ["CTA를 키운", "배경을 회색으로"]),
        ("make the headline navy and move the logo left", ["make the headline navy", "move the logo left"]),
        (
            "make the CTA bigger, then change the background to light gray",
            ["make the CTA bigger", "change the background to light gray"],
        ),
        ("make the headline and the logo bigger", ["make the headline", "the logo bigger"]),
    ],
)
def test_where_a_command_is_cut_into_clauses(command, clauses):
    doc = SparklioDocument.model_validate(ad())
    assert parse_clauses(command, doc, None).clauses == clauses


def test_quoted_text_with_joiners_is_one_replacement(owner_client, document):
    ops, content, _ = run(owner_client, document, "헤드라인을 '빠르고 가볍게, 그리고 조용하게'로 바꿔줘")
    assert ops == [{"op": "replace_text", "target": "h1", "text": "빠르고 가볍게, 그리고 조용하게"}]


@pytest.mark.parametrize(
    ("command", "detail"),
    [
        ("로고를 왼쪽으로 옮기고 분위기를 고급스럽게", 'Part 2 of 2 ("분위기를 고급스럽게") was not understood.'),
        ("make it pop and move the logo left", 'Part 1 of 2 ("make it pop") was not understood.'),
        ("make the headline bigger, then make it sparkle", 'Part 2 of 2 ("make it sparkle") was not understood.'),
        (
            "make the headline bigger and delete the QR code",
            'Part 2 of 2 ("delete the QR code"): This document has no QR code.',
        ),
        ("배지를 빨간색으로 하고 로고를 위로", 'Part 1 of 2 ("배지를 빨간색으로 하"): This document has no badge.'),
        ("헤드라인 키우고 로고를 빨간색으로", 'Part 2 of 2 ("로고를 빨간색으로"): The logo is a picture'),
    ],
)
def test_a_compound_command_with_a_part_not_understood_writes_nothing(owner_client, document, command, detail):
    before = copy.deepcopy(document.content)
    response = send(owner_client, document, command)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "not_understood" and body["understood"] is False
    assert body["detail"].startswith(detail), body["detail"]
    document.refresh_from_db()
    assert document.version == 1 and document.content == before
    assert DocumentVersion.objects.filter(document=document).count() == 1


# --- colours ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "color"),
    [
        ("배경을 파란색으로", "#1C64F2"),
        ("배경 빨간색으로 바꿔줘", "#D62828"),
        ("배경을 하늘색으로 해줘", "#6EC1F0"),
        ("배경색을 연한 파란색으로", mix("#1C64F2", "#FFFFFF", 0.45)),
        ("배경을 진한 초록으로", mix("#2B8A3E", "#000000", 0.4)),
        ("배경을 민트색으로 변경", "#96E6C8"),
        ("배경을 흰색으로", "#FFFFFF"),
        ("배경을 검정으로", "#000000"),
        ("배경은 베이지", "#F5F0E1"),
        ("배경을 버건디로", "#800020"),
        ("배경 #fff", "#FFFFFF"),
        ("change the background to navy", "#1B2B5E"),
        ("make the background light gray", "#E5E5E5"),
        ("make the background dark grey", "#495057"),
        ("set the background colour to #1e90ff", "#1E90FF"),
        ("paint the background teal", "#0F8B8D"),
        ("turn the background purple", "#6F42C1"),
        ("background: sky blue", "#6EC1F0"),
    ],
)
def test_the_background_takes_the_colour_and_the_texts_stay_readable(owner_client, document, command, color):
    before = copy.deepcopy(document.content)
    ops, content, _ = run(owner_client, document, command)
    assert content["pages"][0]["background"] == color and objects(content)["bg"]["fill"] == color
    assert all_texts_read(before, content)
    for op in ops:  # only texts that no longer read are recoloured
        if op["op"] == "restyle" and op["target"] != "bg":
            old = objects(before)[op["target"]]["style"]["color"]
            assert contrast_ratio(old, under(content, op["target"])) < 4.5


@pytest.mark.parametrize(
    ("command", "target", "color"),
    [
        ("make the headline navy", "h1", "#1B2B5E"),
        ("제목을 남색으로", "h1", "#1B2B5E"),
        ("헤드라인 색을 빨간색으로 바꿔줘", "h1", "#D62828"),
        ("서브헤드라인을 진한 초록색으로", "sub", mix("#2B8A3E", "#000000", 0.4)),
        ("본문 글자색을 진회색으로 바꿔줘", "body", "#495057"),
        ("make the body text black", "body", "#000000"),
        ("가격을 보라색으로", "price", "#6F42C1"),
        ("change the price colour to burgundy", "price", "#800020"),
        ("color the hashtags brown", "tags", "#8B5A2B"),
        ("고지문을 검은색으로", "legal", "#000000"),
    ],
)
def test_a_text_takes_the_colour_asked_for(owner_client, workspace, user, brand, command, target, color):
    document = make(workspace, user, brand, light_ad(workspace.id))
    ops, content, _ = run(owner_client, document, command)
    assert ops == [{"op": "restyle", "target": target, "style": {"color": color}}]


@pytest.mark.parametrize(
    ("command", "target", "hue"),
    [
        ("make the headline navy", "h1", lambda r, g, b: b > r + 20),
        ("헤드라인을 빨간색으로 바꿔줘", "h1", lambda r, g, b: r > g + 40 and r > b + 40),
        ("make the price #ff0000", "price", lambda r, g, b: r > g + 40 and r > b + 40),
        ("본문을 진한 초록으로", "body", lambda r, g, b: g > r and g > b),
    ],
)
def test_a_colour_that_would_not_read_becomes_a_shade_of_it_that_does(owner_client, document, command, target, hue):
    ops, content, _ = run(owner_client, document, command)
    color = objects(content)[target]["style"]["color"]
    assert contrast_ratio(color, "#14213D") >= 4.5
    assert hue(*(int(color[i : i + 2], 16) for i in (1, 3, 5))), color


def test_a_light_text_on_white_is_darkened_to_read(owner_client, workspace, user, brand):
    document = make(workspace, user, brand, light_ad(workspace.id))
    _, content, _ = run(owner_client, document, "make the subheadline yellow")
    color = objects(content)["sub"]["style"]["color"]
    assert contrast_ratio(color, "#FFFFFF") >= 4.5 and color != "#000000"


@pytest.mark.parametrize(
    ("command", "fill"),
    [
        ("CTA는 빨간색으로", "#D62828"),
        ("make the CTA red", "#D62828"),
        ("버튼을 노란색으로", "#FFD43B"),
        ("make the button light blue", "#A5D8FF"),
        ("버튼 색을 민트로", "#96E6C8"),
        ("change the CTA to black", "#000000"),
    ],
)
def test_a_button_takes_the_colour_as_its_fill_and_its_words_stay_readable(owner_client, document, command, fill):
    ops, content, _ = run(owner_client, document, command)
    found = objects(content)
    assert found["cta-bg"]["fill"] == fill
    assert contrast_ratio(found["cta-t"]["style"]["color"], fill) >= 4.5
    assert found["cta-t"]["text"] == "지금 구매"


@pytest.mark.parametrize("command", ["CTA 글자를 검정색으로", "make the CTA text black", "버튼 문구를 검은색으로 해줘"])
def test_the_words_of_a_button_can_be_coloured_instead(owner_client, document, command):
    ops, content, _ = run(owner_client, document, command)
    assert ops == [{"op": "restyle", "target": "cta-t", "style": {"color": "#000000"}}]
    assert objects(content)["cta-bg"]["fill"] == "#FF5A1F"


@pytest.mark.parametrize(
    ("command", "check"),
    [
        ("헤드라인을 브랜드 색으로", lambda f: f["h1"]["style"]["color"] in {PRIMARY, TEXT, BACKGROUND, ACCENT}),
        ("make the CTA brand colour", lambda f: f["cta-bg"]["fill"] == ACCENT),
        ("버튼을 브랜드 컬러로 바꿔줘", lambda f: f["cta-bg"]["fill"] == ACCENT),
        ("배경을 브랜드 색으로", lambda f: f["bg"]["fill"] == BACKGROUND),
    ],
)
def test_one_object_in_the_brand_colour(owner_client, document, command, check):
    before = copy.deepcopy(document.content)
    ops, content, _ = run(owner_client, document, command)
    found = objects(content)
    assert check(found), ops
    assert all_texts_read(before, content)
    # only that object (and texts that would not read on it) changed
    assert found["sub"]["style"]["color"] == "#E5E5E5" or command.startswith("배경")


@pytest.mark.parametrize(
    ("command", "text"),
    [
        ("헤드라인을 '레드 세일'로 바꿔", "레드 세일"),
        ("change the headline to 'navy'", "navy"),
        ("change the headline to Red Velvet Sale", "Red Velvet Sale"),
        ("헤드라인을 블랙 프라이데이 특가로 바꿔줘", "블랙 프라이데이 특가"),
    ],
)
def test_colour_words_in_new_text_are_text(owner_client, document, command, text):
    ops, _, _ = run(owner_client, document, command)
    assert ops == [{"op": "replace_text", "target": "h1", "text": text}]


@pytest.mark.parametrize(
    ("command", "detail"),
    [
        ("make the logo red", "The logo is a picture; its colour cannot be changed here."),
        ("제품 사진을 파란색으로", "The product image is a picture; its colour cannot be changed here."),
        ("make the badge gold", "This document has no badge."),
    ],
)
def test_a_colour_that_cannot_be_given_is_a_422(owner_client, document, command, detail):
    response = send(owner_client, document, command)
    assert response.status_code == 422 and response.json()["detail"] == detail
    assert DocumentVersion.objects.filter(document=document).count() == 1


def test_a_brand_colour_needs_a_brand_kit(owner_client, workspace, user):
    document = make(workspace, user, None, ad(workspace.id))
    response = send(owner_client, document, "헤드라인을 브랜드 색으로")
    assert response.status_code == 422 and "brand kit" in response.json()["detail"]


# --- weight -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "target", "weight"),
    [
        ("가격을 굵게", "price", 900),
        ("make the body bold", "body", 700),
        ("본문 볼드", "body", 700),
        ("해시태그를 두껍게 해줘", "tags", 700),
        ("make the hashtags bolder", "tags", 700),
        ("CTA 글씨 굵게", "cta-t", 800),
        ("가격 볼드 해제", "price", 400),
        ("make the price not bold", "price", 400),
        ("헤드라인을 얇게", "h1", 400),
        ("make the headline regular weight", "h1", 400),
        ("본문을 가늘게", "body", 300),
    ],
)
def test_bold_and_regular(owner_client, document, command, target, weight):
    ops, content, _ = run(owner_client, document, command)
    assert ops == [{"op": "restyle", "target": target, "style": {"font_weight": weight}}]


# --- margins ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "target", "where"),
    [
        ("move the logo left", "logo", (MARGIN, 60)),
        ("로고를 왼쪽으로 옮겨줘", "logo", (MARGIN, 60)),
        ("로고를 오른쪽으로", "logo", (PAGE - 180 - MARGIN, 60)),
        ("move the logo up", "logo", (80, MARGIN)),
        ("로고를 아래로 내려줘", "logo", (80, PAGE - 60 - MARGIN)),
        ("move the logo to the top centre", "logo", ((PAGE - 180) / 2, MARGIN)),
        ("로고를 상단 가운데로", "logo", ((PAGE - 180) / 2, MARGIN)),
        ("로고를 왼쪽 가운데로", "logo", (MARGIN, (PAGE - 60) / 2)),
        ("center the logo horizontally", "logo", ((PAGE - 180) / 2, 60)),
        ("로고를 세로 가운데로 옮겨", "logo", (80, (PAGE - 60) / 2)),
        ("로고를 조금 오른쪽으로", "logo", (80 + MARGIN, 60)),
        ("nudge the logo down a bit", "logo", (80, 60 + MARGIN)),
        ("로고를 살짝 왼쪽으로", "logo", (MARGIN, 60)),  # a step would cross the margin: it stops there
        ("move the headline right", "h1", (PAGE - MARGIN - 920, 160)),
        ("헤드라인을 조금 왼쪽으로 이동", "h1", (MARGIN, 160)),
        ("move the product image to the bottom right", "product", (PAGE - MARGIN - 440, PAGE - MARGIN - 460)),
        ("가격을 맨 아래로 옮겨", "price", (80, PAGE - MARGIN - 80)),
    ],
)
def test_moves_land_inside_the_margins(owner_client, document, command, target, where):
    ops, content, _ = run(owner_client, document, command)
    found = objects(content)[target]
    assert (found["x"], found["y"]) == pytest.approx(where)
    assert inside_margins(found)


@pytest.mark.parametrize(
    ("command", "target"),
    [
        ("헤드라인 크게", "h1"),
        ("make the headline bigger", "h1"),
        ("제목 키워줘", "h1"),
        ("make the subheadline larger", "sub"),
        ("본문 키워줘", "body"),
        ("가격 확대", "price"),
        ("해시태그를 더 크게 해줘", "tags"),
        ("enlarge the disclaimer", "legal"),
        ("scale up the call to action", "cta"),
        ("make the logo bigger", "logo"),
        ("제품 사진 크게", "product"),
    ],
)
def test_bigger_grows_inside_the_margins_and_the_text_fits(owner_client, document, command, target):
    old = objects(document.content)[target]
    ops, content, _ = run(owner_client, document, command)
    new = objects(content)[target]
    assert inside_margins(new)
    assert new["width"] >= old["width"] and new["height"] >= old["height"]
    assert new["width"] * new["height"] > old["width"] * old["height"]
    if new["type"] == "text":
        assert new["style"]["font_size"] > old["style"]["font_size"]
        assert new["style"]["shrink_to_fit"] is True
        height, broke = laid_out(new)
        assert height <= new["height"] + 0.5 and not broke


def test_bigger_and_bigger_never_leaves_the_margins(owner_client, document):
    sizes = []
    for command in ["헤드라인 크게"] * 6 + ["make the logo bigger"] * 11:
        response = send(owner_client, document, command)
        if response.status_code == 422:
            # the headline has grown as far as it fits between the logo and the subheadline
            assert command == "헤드라인 크게" and len(sizes) >= 1
            assert response.json()["detail"] == (
                "The headline cannot be made bigger: it would reach the subheadline and the logo."
            )
            continue
        assert response.status_code == 200, response.json()
        document.refresh_from_db()
        found = objects(document.content)
        assert inside_margins(found["h1"]) and inside_margins(found["logo"])
        height, broke = laid_out(found["h1"])
        assert height <= found["h1"]["height"] + 0.5 and not broke
        sizes.append(found["h1"]["style"]["font_size"])
    assert sizes == sorted(sizes) and sizes[0] > 88
    assert found["logo"]["width"] == pytest.approx(PAGE - 2 * MARGIN)  # as wide as the margins allow, then no wider


PRODUCT_COPY = {"sub", "body", "price", "product"}


def test_a_long_headline_made_bigger_wraps_and_keeps_inside(owner_client, workspace, user, brand):
    content = ad(workspace.id)
    h1 = content["pages"][0]["objects"][3]
    h1.update(text="노이즈 캔슬링으로 완성한 하루 종일 조용한 무선 이어폰 X1", height=200)
    # room under it: nothing between the headline and the button
    content["pages"][0]["objects"] = [o for o in content["pages"][0]["objects"] if o["id"] not in PRODUCT_COPY]
    document = make(workspace, user, brand, content)

    _, after, _ = run(owner_client, document, "make the headline bigger")

    new = objects(after)["h1"]
    assert inside_margins(new) and new["style"]["font_size"] > 88
    height, broke = laid_out(new)
    assert height <= new["height"] + 0.5 and not broke


def test_a_text_outside_the_margins_comes_inside_when_resized(owner_client, workspace, user, brand):
    content = ad(workspace.id)
    content["pages"][0]["objects"][3].update(x=0, y=0, width=PAGE, height=200)
    document = make(workspace, user, brand, content)

    _, after, _ = run(owner_client, document, "헤드라인 작게")

    assert inside_margins(objects(after)["h1"])


def campaign_ad(workspace_id: int = 1, *, headline: str = "Discover Aqua Bottle", language: str = "en") -> dict:
    """A story as the campaign layout sets it: the headline and subheadline stacked above the
    product on its faint card, the features, the offer badge and the button below."""

    def text(id_, role, y, w, h, words, size, **style):
        style = {"font_size": size, "color": "#1B1B1B", **style}
        return {
            "id": id_,
            "type": "text",
            "role": role,
            "x": 76,
            "y": y,
            "width": w,
            "height": h,
            "text": words,
            "style": style,
            "z_index": 3,
        }

    filled = {"align": "center", "vertical_align": "middle", "font_weight": 700}
    objects_ = [
        {"id": "panel", "type": "shape", "shape": "rect", "role": "background_shape", "x": 76, "y": 455,
         "width": 928, "height": 850, "fill": "#14213D", "opacity": 0.08, "corner_radius": 28},
        {"id": "product", "type": "image", "role": "product_image", "x": 100, "y": 479, "width": 880,
         "height": 802, "src": f"uploads/{workspace_id}/x1.png", "fit": "contain", "z_index": 1},
        text("headline", "headline", 250, 928, 102, headline, 78, font_weight=900, line_height=1.15),
        text("subheadline", "subheadline", 378, 928, 51, "A refreshing break, every single day", 36),
        text("feature_bullet", "feature_bullet", 1331, 928, 101, "• Keeps drinks cold 24 hours\n• Weighs 280g", 34,
             line_height=1.4),
        text("discount_badge", "discount_badge", 1458, 197, 82, "20% off", 38, background_color="#C6F432", **filled),
        text("cta_button", "cta_button", 1566, 222, 78, "Get yours", 36, color="#FFFFFF",
             background_color="#FF5A1F", **filled),
    ]  # fmt: skip
    return {"width": PAGE, "height": 1920, "language": language,
            "pages": [{"id": "p", "background": "#FAFAF7", "objects": objects_}]}  # fmt: skip


def placed_boxes(content) -> dict[str, tuple[float, float, float, float]]:
    return {o["id"]: (o["abs_x"], o["abs_y"], o["width"], o["height"]) for o in objects(content).values()}


def boxes_meet(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def ink_defects(content) -> list[tuple[str, list[str]]]:
    """What the render's integrity checks find of texts touching, covered or out of their boxes."""
    report = inspect_layout(SparklioDocument.model_validate(content))
    kinds = {"text_collision", "text_covered", "text_overflow"}
    return [(defect.kind, defect.objects) for defect in report.defects if defect.kind in kinds]


@pytest.mark.parametrize("command", ["make the headline much bigger", "헤드라인 훨씬 크게 해줘"])
def test_a_headline_made_bigger_grows_only_until_it_would_reach_the_text_under_it(
    owner_client, workspace, user, brand, command
):
    document = make(workspace, user, brand, campaign_ad(workspace.id))
    first = placed_boxes(document.content)
    notes, sizes = [], []
    for _ in range(8):
        before = placed_boxes(document.content)
        response = send(owner_client, document, command)
        if response.status_code == 422:
            break
        assert response.status_code == 200, response.json()
        body = response.json()
        content, notes = body["document"]["content"], notes + body["notes"]
        document.refresh_from_db()
        after = placed_boxes(content)
        headline = objects(content)["headline"]
        sizes.append(headline["style"]["font_size"])
        # It kept its left edge, in line with the texts under it, and stayed inside the margins.
        assert headline["abs_x"] == 76 and headline["abs_x"] + headline["width"] <= PAGE - MARGIN
        assert headline["abs_y"] >= MARGIN
        for other, box in after.items():
            if other != "headline" and not boxes_meet(first["headline"], first[other]):
                assert not boxes_meet(after["headline"], box), other
        assert {k: v for k, v in after.items() if k != "headline"} == {
            k: v for k, v in before.items() if k != "headline"
        }
        assert ink_defects(content) == []  # its letters touch no other text and stay in its box
    else:
        pytest.fail("the headline never stopped growing")
    assert len(sizes) >= 2 and sizes == sorted(sizes) and sizes[0] == pytest.approx(78 * 1.2)
    assert response.json()["detail"] == "The headline cannot be made bigger: it would reach the subheadline."
    assert any(note.startswith("The headline grew to ") and "subheadline" in note for note in notes), notes
    assert DocumentVersion.objects.filter(document=document).count() == len(sizes) + 1


@pytest.mark.parametrize("command", ["make the headline much bigger", "제목을 더 크게"])
def test_a_headline_that_already_fills_its_room_is_not_made_bigger(owner_client, workspace, user, brand, command):
    long = "Stay cold all day with the all-new Aqua Bottle tumbler, now twenty percent off"
    document = make(workspace, user, brand, campaign_ad(workspace.id, headline=long))

    response = send(owner_client, document, command)

    assert response.status_code == 422 and response.json()["code"] == "not_understood"
    assert response.json()["detail"] == "The headline cannot be made bigger: it would reach the subheadline."
    assert DocumentVersion.objects.filter(document=document).count() == 1


def test_a_text_grown_in_a_compound_command_leaves_room_for_its_neighbours(owner_client, workspace, user, brand):
    content = campaign_ad(workspace.id, headline="출시 기념 20% 할인! 아쿠아 보틀", language="ko")
    _, after, body = run(owner_client, make(workspace, user, brand, content), "제목을 더 크게 하고 배경을 파란색으로")

    headline = objects(after)["headline"]
    assert headline["style"]["font_size"] > 78 and headline["abs_x"] == 76
    assert not boxes_meet(placed_boxes(after)["headline"], placed_boxes(after)["subheadline"])
    assert ink_defects(after) == []


@pytest.mark.parametrize("align", ["left", "center", "right"])
@pytest.mark.parametrize(
    "command", ["make the hashtags bigger", "해시태그 크게", "make the hashtags smaller", "해시태그를 작게 해줘"]
)
def test_a_resized_text_keeps_the_edge_it_is_aligned_on(owner_client, workspace, user, brand, align, command):
    content = ad(workspace.id)
    tags = next(o for o in content["pages"][0]["objects"] if o["id"] == "tags")
    tags["style"]["align"] = align
    document = make(workspace, user, brand, content)
    old = objects(document.content)["tags"]

    _, after, _ = run(owner_client, document, command)

    new = objects(after)["tags"]
    assert new["width"] != old["width"] and inside_margins(new)
    edge = {"left": 0.0, "center": 0.5, "right": 1.0}[align]
    assert new["x"] + edge * new["width"] == pytest.approx(old["x"] + edge * old["width"])
    assert new["y"] == old["y"]  # aligned to the top of its box: its top kept


def text_logo_ad(workspace_id: int, align: str) -> dict:
    """The test ad with its logo set as a word in a box wider than the word, as Polotno exports it."""
    content = light_ad(workspace_id)
    objects_ = content["pages"][0]["objects"]
    index = next(i for i, o in enumerate(objects_) if o["id"] == "logo")
    objects_[index] = {"id": "logo", "type": "text", "role": "logo", "x": 700 if align == "right" else 80, "y": 60,
                       "width": 300, "height": 90, "text": "LUMI", "z_index": 5,
                       "style": {"font_size": 72, "font_weight": 700, "color": "#14213D", "align": align}}  # fmt: skip
    return content


@pytest.mark.parametrize(
    ("command", "was", "side"),
    [
        ("move the logo left", "right", "left"),
        ("로고를 왼쪽으로 옮겨줘", "right", "left"),
        ("move the logo to the top right", "left", "right"),
        ("로고를 오른쪽으로", "left", "right"),
    ],
)
def test_a_text_moved_to_one_side_is_set_flush_to_it_so_its_letters_move(
    owner_client, workspace, user, brand, command, was, side
):
    document = make(workspace, user, brand, text_logo_ad(workspace.id, was))

    ops, after, _ = run(owner_client, document, command)

    assert {"op": "restyle", "target": "logo", "style": {"align": side}} in ops
    ink = next(t for t in inspect_layout(SparklioDocument.model_validate(after)).texts if t.id == "logo").ink_box
    if side == "left":
        assert MARGIN - 2 <= ink[0] <= MARGIN + 12  # the letters, not only the box, at the left margin
    else:
        assert PAGE - MARGIN - 12 <= ink[2] <= PAGE - MARGIN + 2


def rendered_colour(content, x: int, y: int) -> str:
    image = Image.open(io.BytesIO(render_page(SparklioDocument.model_validate(content)).content)).convert("RGB")
    return "#{:02X}{:02X}{:02X}".format(*image.getpixel((x, y)))


@pytest.mark.parametrize(
    ("command", "page"),
    [
        ("배경을 파란색으로", "#1C64F2"),
        ("change the background to light gray", "#E5E5E5"),
        ("배경을 진한 남색으로", mix("#1B2B5E", "#000000", 0.4)),
        ("make the background white", "#FFFFFF"),
        ("배경을 검은색으로 바꿔줘", "#000000"),
        ("use brand colours", BACKGROUND),
    ],
)
def test_a_new_background_keeps_the_product_card_in_a_tint_that_stands_out(
    owner_client, workspace, user, brand, command, page
):
    document = make(workspace, user, brand, campaign_ad(workspace.id))

    ops, after, _ = run(owner_client, document, command)

    panel = objects(after)["panel"]
    assert after["pages"][0]["background"] == page
    painted = mix(page, panel["fill"], panel["opacity"])
    assert contrast_ratio(painted, page) >= CARD_CONTRAST
    # as drawn: the card's edge, beside the product picture, against the page beside the card
    card, beside = rendered_colour(after, 76 + 10, 455 + 425), rendered_colour(after, 30, 455 + 425)
    assert beside == page and contrast_ratio(card, beside) >= CARD_CONTRAST - 0.02


def button_contrasts(content) -> list[float]:
    """How each button label reads on its pill: Polotno's label on its own shape, or the campaign
    layout's filled text."""
    found = objects(content)
    if "label" in found:
        return [contrast_ratio(found["label"]["style"]["color"], found["pill"]["fill"])]
    cta = found["cta_button"]["style"]
    return [contrast_ratio(cta["color"], cta["background_color"])]


@pytest.mark.parametrize("design", ["polotno", "campaign"])
@pytest.mark.parametrize(
    "commands",
    [
        ["CTA 버튼 초록색으로 바꾸고 글자 좀 줄여줘"],
        ["make the CTA button green"],
        ["CTA를 노란색으로 바꿔줘", "make the CTA darker", "CTA 더 어둡게", "CTA 더 어둡게"],
        ["make the CTA light gray", "CTA 버튼을 밝게"],
        ["버튼을 하늘색으로", "make the button lighter"],
    ],
)
def test_a_buttons_label_reads_on_its_new_fill(owner_client, workspace, user, brand, design, commands):
    if design == "polotno":
        document, _ = services.document_import_polotno(workspace=workspace, user=user, polotno=polotno_ad())
    else:
        document = make(workspace, user, brand, campaign_ad(workspace.id))
    for command in commands:
        _, content, _ = run(owner_client, document, command)
        assert min(button_contrasts(content)) >= 4.5, (command, objects(content).get("label"))


@pytest.mark.parametrize("command", ["make the CTA text navy", "CTA 글자를 빨간색으로"])
def test_the_words_of_a_button_with_its_own_shape_are_coloured_and_the_pill_kept(workspace, user, command):
    from documents.commands import run_command

    document, _ = services.document_import_polotno(workspace=workspace, user=user, polotno=polotno_ad())

    result = run_command(document=document, user=user, command=command, base_version=document.version)

    found = objects(result.document.content)
    assert found["pill"]["fill"] == "#FF5A1F"
    assert [op.target for op in result.operations] == ["label"]
    assert contrast_ratio(found["label"]["style"]["color"], "#FF5A1F") >= 4.5


# --- adding a headline from the facts ------------------------------------------------------------------------


FACTS_KO = {
    "product": "무선 이어폰 X1",
    "features": ["노이즈 캔슬링", "30시간 재생"],
    "offer": None,
    "price": "129,000원",
    "audience": "출퇴근하는 직장인",
    "language": "ko",
    "category": "audio",
}
FACTS_EN = {
    "product": "Nimbus 2",
    "features": ["8000Pa suction", "180-minute battery"],
    "offer": "20% off this week",
    "price": "$399",
    "audience": None,
    "language": "en",
    "category": "home appliances",
}


def added(ops, content) -> dict:
    assert [op["op"] for op in ops] == ["add"]
    return objects(content)[ops[0]["object"]["id"]]


def covers_no_text(new, content) -> bool:
    return not [
        o["id"] for o in objects(content).values() if o["type"] == "text" and o["id"] != new["id"] and overlaps(new, o)
    ]


@pytest.mark.parametrize(
    "command",
    ["헤드라인 추가", "헤드라인 하나 넣어줘", "헤드라인 써줘", "add a headline", "Write a headline", "insert headline"],
)
def test_a_headline_is_written_from_the_facts_of_a_campaign_document(owner_client, workspace, user, brand, command):
    content = ad(workspace.id, headline=False)
    content["metadata"] = {"facts": FACTS_KO}
    document = make(workspace, user, brand, content)

    ops, after, _ = run(owner_client, document, command)

    new = added(ops, after)
    assert new["text"] == "노이즈 캔슬링으로 완성한 무선 이어폰 X1"
    assert inside_margins(new) and covers_no_text(new, after)
    assert not overlaps(new, objects(after)["logo"]) and not overlaps(new, objects(after)["product"])
    height, broke = laid_out(new)
    assert height <= new["height"] + 0.5 and not broke
    assert contrast_ratio(new["style"]["color"], "#14213D") >= 4.5


def test_an_english_document_gets_an_english_headline(owner_client, workspace, user, brand):
    content = ad(workspace.id, headline=False)
    content.update(language="en", metadata={"facts": FACTS_EN})
    document = make(workspace, user, brand, content)

    ops, after, _ = run(owner_client, document, "헤드라인 추가")  # a Korean command, an English design

    new = added(ops, after)
    assert new["text"] == "Nimbus 2: 8000Pa suction, done right"
    assert inside_margins(new) and covers_no_text(new, after)


def test_a_red_headline_can_be_added(owner_client, workspace, user, brand):
    content = light_ad(workspace.id, headline=False)
    content["metadata"] = {"facts": {**FACTS_KO, "features": []}}
    document = make(workspace, user, brand, content)

    ops, after, _ = run(owner_client, document, "빨간 헤드라인 추가해줘")

    new = added(ops, after)
    # no features in the facts: one is read from the ad's own texts
    assert new["text"] == "최대 30시간 재생으로 완성한 무선 이어폰 X1"
    assert new["style"]["color"] == "#D62828"


def test_a_headline_takes_a_column_when_the_full_width_is_taken(owner_client, workspace, user, brand):
    content = ad(workspace.id, headline=False)
    content["metadata"] = {"facts": FACTS_KO}
    # A body reaching up under the logo leaves no full-width band between the logo and the subheadline.
    content["pages"][0]["objects"].append(
        {
            "id": "note",
            "type": "text",
            "role": "caption",
            "x": 600,
            "y": 130,
            "width": 420,
            "height": 200,
            "text": "한정 수량",
            "style": {"color": "#FFFFFF"},
        }
    )
    document = make(workspace, user, brand, content)

    ops, after, _ = run(owner_client, document, "add a headline")

    new = added(ops, after)
    assert inside_margins(new) and covers_no_text(new, after)
    assert not overlaps(new, objects(after)["logo"])
    assert new["width"] < PAGE / 2  # the left half, between the logo and the subheadline
    height, broke = laid_out(new)
    assert height <= new["height"] + 0.5 and not broke


def test_where_only_pictures_are_free_a_headline_goes_over_one_never_over_a_text(owner_client, workspace, user, brand):
    content = ad(workspace.id)  # already full: a headline, the copy down the left, the product on the right
    content["metadata"] = {"facts": FACTS_KO}
    document = make(workspace, user, brand, content)

    ops, after, _ = run(owner_client, document, "헤드라인 하나 더 추가")

    new = added(ops, after)
    assert inside_margins(new) and covers_no_text(new, after)
    assert not overlaps(new, objects(after)["logo"]) and overlaps(new, objects(after)["product"])


def test_a_page_with_no_room_for_a_headline_is_a_422(owner_client, workspace, user, brand):
    content = ad(workspace.id)
    objects_ = content["pages"][0]["objects"]
    for n, y in enumerate(range(54, 1026, 81)):  # texts all the way down
        objects_.append(
            {
                "id": f"line-{n}",
                "type": "text",
                "role": "caption",
                "x": 54,
                "y": y,
                "width": 972,
                "height": 80,
                "text": "줄",
            }
        )
    document = make(workspace, user, brand, content)

    response = send(owner_client, document, "헤드라인 추가")

    assert response.status_code == 422
    assert response.json()["detail"] == "There is no free space on the page for a new headline."
    assert DocumentVersion.objects.filter(document=document).count() == 1


# --- the model, for a compound command the rules half know ----------------------------------------------------


def test_a_compound_command_with_a_part_the_rules_do_not_know_goes_to_the_model_whole(owner_client, document, model):
    answer(
        model,
        [
            {"op": "restyle", "target": "h1", "style": {"italic": True}},
            {"op": "move", "target": "logo", "x": 54, "y": 60},
        ],
    )

    ops, content, body = run(owner_client, document, "make the headline italic and move the logo left")

    assert body["provider"] == "openai" and model.call_count == 1
    prompt = json.loads(json.loads(model.calls.last.request.content)["messages"][-1]["content"])
    assert prompt["command"] == "make the headline italic and move the logo left"
    assert objects(content)["h1"]["style"]["italic"] is True


def test_when_the_model_cannot_help_the_part_is_named(owner_client, document, model):
    answer(model, [])
    response = send(owner_client, document, "로고를 왼쪽으로 옮기고 분위기를 고급스럽게")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith('Part 2 of 2 ("분위기를 고급스럽게") was not understood.')
    assert "the model found nothing to change" in detail
    assert DocumentVersion.objects.filter(document=document).count() == 1


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("command", ["CTA 키워줘", "make the CTA bigger", "버튼 크게", "make the CTA smaller"])
def test_a_grown_button_keeps_its_edge_on_the_texts_column(workspace, user, command, language):
    """A campaign's button sits under a column of left-aligned texts; grown about its centre it
    stuck out to the left of them (x 42 against 57)."""
    from documents.commands import run_command
    from templates.campaign import SAMPLE, compose

    content = compose("instagram_feed", SAMPLE[language], logo=False, picture=True, language=language)
    document = services.document_create(workspace=workspace, user=user, content=content)
    before = objects(document.content)
    column = {o["abs_x"] for o in before.values() if o["role"] in ("headline", "feature_bullet", "product_name")}
    assert len(column) == 1 and before["cta_button"]["abs_x"] in column

    result = run_command(document=document, user=user, command=command, base_version=document.version)

    after = objects(result.document.content)
    assert after["cta_button"]["width"] != before["cta_button"]["width"]
    assert after["cta_button"]["abs_x"] == pytest.approx(before["cta_button"]["abs_x"])
    grown = "smaller" not in command
    assert (after["cta_button"]["style"]["font_size"] > before["cta_button"]["style"]["font_size"]) is grown


def test_a_centred_button_under_centred_texts_still_grows_about_its_centre(workspace, user):
    from documents.commands import run_command

    content = ad(workspace.id)
    for obj in content["pages"][0]["objects"]:
        if obj["id"] == "cta":
            obj["x"] = 340  # alone in the middle of the page: nothing shares its edges
    document = services.document_create(workspace=workspace, user=user, content=content)
    before = objects(document.content)["cta"]
    result = run_command(document=document, user=user, command="make the CTA bigger", base_version=document.version)
    after = objects(result.document.content)["cta"]
    assert after["abs_x"] + after["width"] / 2 == pytest.approx(before["abs_x"] + before["width"] / 2)
