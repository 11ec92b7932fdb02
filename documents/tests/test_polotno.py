"""SparklioDocument ↔ Polotno store JSON (documents/polotno.py). Pure functions: no database."""

import base64
import copy
import json
import math
import random
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from documents.polotno import css_color_to_hex, from_polotno, to_polotno
from documents.schema import SparklioDocument, iter_objects

KST = timezone(timedelta(hours=9))
SVG_ICON = (
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'>"
    "<path d='M12 2 L22 22 L2 22 Z' fill='#FF5500'/><text x='4' y='20'>별</text></svg>"
)


def korean_document() -> SparklioDocument:
    """Every object type, nested groups (children relative to their group), crop, rotation, opacity,
    locked and hidden objects, provenance with datetimes, and a z order that differs from the list order."""
    made_by_agent = {
        "source": "agent",
        "agent": "designer",
        "run_id": 41,
        "created_at": datetime(2025, 3, 14, 9, 30, 15, 123456, tzinfo=KST),
    }
    return SparklioDocument.model_validate(
        {
            "title": "봄맞이 세일 인스타그램",
            "brand": 7,
            "channel": "instagram_feed",
            "width": 1080,
            "height": 1080,
            "language": "ko",
            "fonts": [{"family": "Noto Sans KR", "weights": [400, 700, 900]}, {"family": "Pretendard"}],
            "metadata": {"campaign": "spring-2025", "review": {"score": 0.87, "notes": ["대비 좋음"]}},
            "pages": [
                {
                    "id": "cover",
                    "name": "표지",
                    "background": "#FFF4E0",
                    "background_image": "https://cdn.sparklio.dev/bg/spring.jpg",
                    "objects": [
                        {
                            "type": "text",
                            "id": "headline",
                            "role": "headline",
                            "text": "봄맞이 최대 50% 할인",
                            "x": 80,
                            "y": 120.5,
                            "width": 920,
                            "height": 150,
                            "rotation": -4.25,
                            "opacity": 0.95,
                            "z_index": 10,
                            "provenance": made_by_agent,
                            "style": {
                                "font_family": "Noto Sans KR",
                                "font_size": 88,
                                "font_weight": 900,
                                "italic": True,
                                "underline": True,
                                "color": "#1a1a1a",
                                "background_color": "#FFE60080",
                                "align": "center",
                                "vertical_align": "middle",
                                "line_height": 1.15,
                                "letter_spacing": 1.7,
                                "shrink_to_fit": True,
                            },
                        },
                        {
                            "type": "text",
                            "id": "body",
                            "role": "body",
                            "text": "3월 한 달간\n전 품목 할인",
                            "x": 80,
                            "y": 300,
                            "width": 600,
                            "height": 120,
                            "z_index": 8,
                            "style": {
                                "font_family": "Pretendard",
                                "font_size": 33.3,
                                "font_weight": 300,
                                "letter_spacing": -0.7,
                                "color": "#333333",
                            },
                        },
                        {
                            "type": "image",
                            "id": "product",
                            "role": "product_image",
                            "src": "workspaces/7/products/cream.png",
                            "x": 540,
                            "y": 420,
                            "width": 460,
                            "height": 520,
                            "rotation": 7.5,
                            "crop": {"x": 0.125, "y": 0.05, "width": 0.75, "height": 0.9},
                            "corner_radius": 32,
                            "fit": "contain",
                            "alt": "수분 크림",
                            "locked": True,
                            "z_index": 5,
                            "provenance": {
                                "source": "user",
                                "user_id": 3,
                                "created_at": datetime(2025, 3, 1, tzinfo=UTC),
                            },
                        },
                        {
                            "type": "image",
                            "id": "full-crop",
                            "role": "lifestyle_image",
                            "src": "https://cdn.sparklio.dev/life.jpg",
                            "x": 0,
                            "y": 0,
                            "width": 10,
                            "height": 10,
                            "crop": {"x": 0, "y": 0, "width": 1, "height": 1},
                            "visible": False,
                            "z_index": 0,
                        },
                        {
                            "type": "shape",
                            "id": "band",
                            "role": "background_shape",
                            "shape": "rect",
                            "x": 0,
                            "y": 900,
                            "width": 1080,
                            "height": 180,
                            "fill": "#003366CC",
                            "corner_radius": 0,
                            "z_index": 1,
                        },
                        {
                            "type": "shape",
                            "id": "badge",
                            "role": "discount_badge",
                            "shape": "ellipse",
                            "x": 820,
                            "y": 60,
                            "width": 200,
                            "height": 160,
                            "fill": "#E63946",
                            "stroke": "#ffffff",
                            "stroke_width": 6,
                            "z_index": 12,
                        },
                        {
                            "type": "shape",
                            "id": "no-stroke-colour",
                            "role": "frame",
                            "shape": "rect",
                            "x": 20,
                            "y": 20,
                            "width": 1040,
                            "height": 1040,
                            "fill": None,
                            "stroke": "#000000",
                            "stroke_width": 0,
                            "z_index": 2,
                        },
                        {
                            "type": "shape",
                            "id": "rule",
                            "role": "divider",
                            "shape": "line",
                            "x": 80,
                            "y": 440,
                            "width": 500,
                            "height": 12,
                            "rotation": 15,
                            "points": [[0, 6], [500, 6]],
                            "stroke": "#222222",
                            "stroke_width": 3,
                            "z_index": 7,
                        },
                        {
                            "type": "shape",
                            "id": "burst",
                            "role": "decoration",
                            "shape": "polygon",
                            "x": 40,
                            "y": 600,
                            "width": 120,
                            "height": 110,
                            "rotation": 30,
                            "opacity": 0.5,
                            "points": [[60, 0], [120, 110], [0, 110]],
                            "fill": "#2A9D8F",
                            "stroke": "#264653",
                            "stroke_width": 2.5,
                            "z_index": 3,
                        },
                        {
                            "type": "svg",
                            "id": "star",
                            "role": "icon",
                            "svg": SVG_ICON,
                            "x": 960,
                            "y": 980,
                            "width": 64,
                            "height": 64,
                            "z_index": 11,
                        },
                        {
                            "type": "group",
                            "id": "cta",
                            "role": "cta_button",
                            "x": 640,
                            "y": 960,
                            "width": 380,
                            "height": 96,
                            "z_index": 9,
                            "locked": True,
                            "children": [
                                {
                                    "type": "shape",
                                    "id": "cta-bg",
                                    "role": "card",
                                    "shape": "rect",
                                    "x": 0,
                                    "y": 0,
                                    "width": 380,
                                    "height": 96,
                                    "fill": "#FF6B00",
                                    "corner_radius": 48,
                                    "z_index": 0,
                                },
                                {
                                    "type": "group",
                                    "id": "cta-inner",
                                    "role": "other",
                                    "x": 20,
                                    "y": 15,
                                    "width": 340,
                                    "height": 66,
                                    "z_index": 1,
                                    "children": [
                                        {
                                            "type": "text",
                                            "id": "cta-label",
                                            "role": "cta",
                                            "text": "지금 구매하기",
                                            "x": 0,
                                            "y": 5,
                                            "width": 280,
                                            "height": 56,
                                            "z_index": 1,
                                            "style": {
                                                "font_size": 40,
                                                "font_weight": 700,
                                                "color": "#FFFFFF",
                                                "align": "center",
                                            },
                                        },
                                        {
                                            "type": "shape",
                                            "id": "cta-arrow",
                                            "role": "icon",
                                            "shape": "line",
                                            "x": 290,
                                            "y": 15,
                                            "width": 40,
                                            "height": 40,
                                            "points": [[0, 0], [20, 20], [0, 40]],
                                            "stroke": "#FFFFFF",
                                            "stroke_width": 4,
                                            "z_index": 0,
                                        },
                                    ],
                                },
                            ],
                        },
                    ],
                },
                {
                    "id": "reel",
                    "name": "영상",
                    "duration": 7.25,
                    "background": "#000000",
                    "objects": [
                        {
                            "type": "video",
                            "id": "clip",
                            "role": "scene",
                            "src": "https://cdn.sparklio.dev/clip.mp4",
                            "x": 0,
                            "y": 0,
                            "width": 1080,
                            "height": 1080,
                            "start": 1.5,
                            "end": 6.75,
                            "muted": False,
                            "loop": True,
                            "poster": "https://cdn.sparklio.dev/clip.jpg",
                        },
                        {
                            "type": "text",
                            "id": "subtitle",
                            "role": "subtitle",
                            "text": "봄이 왔어요",
                            "x": 100,
                            "y": 900,
                            "width": 880,
                            "height": 80,
                            "z_index": 1,
                        },
                    ],
                },
            ],
        }
    )


def english_document() -> SparklioDocument:
    return SparklioDocument.model_validate(
        {
            "title": "Summer launch",
            "channel": "youtube_thumbnail",
            "width": 1280,
            "height": 720,
            "unit": "mm",
            "dpi": 300,
            "language": "en",
            "pages": [
                {
                    "id": "thumb",
                    "objects": [
                        {
                            "type": "group",
                            "id": "outer",
                            "role": "header",
                            "x": 10,
                            "y": 10,
                            "width": 600,
                            "height": 200,
                            "rotation": 0,
                            "opacity": 0.8,
                            "visible": False,
                            "children": [
                                {
                                    "type": "group",
                                    "id": "middle",
                                    "role": "other",
                                    "x": 10,
                                    "y": 10,
                                    "width": 300,
                                    "height": 100,
                                    "children": [
                                        {
                                            "type": "text",
                                            "id": "deep",
                                            "role": "tagline",
                                            "text": "Fresh. Fast. Yours.",
                                            "x": 10,
                                            "y": 10,
                                            "width": 300,
                                            "height": 60,
                                            "style": {
                                                "font_family": "Inter",
                                                "font_size": 28,
                                                "letter_spacing": 0.1,
                                                "line_height": 1.05,
                                                "align": "justify",
                                                "vertical_align": "bottom",
                                            },
                                        },
                                    ],
                                },
                                {
                                    "type": "shape",
                                    "id": "zigzag",
                                    "role": "decoration",
                                    "shape": "line",
                                    "x": 320,
                                    "y": 10,
                                    "width": 280,
                                    "height": 40,
                                    "points": [[0, 0], [70, 40], [140, 0], [280, 40]],
                                    "stroke": "#FFCC00",
                                    "stroke_width": 5,
                                },
                            ],
                        },
                        {
                            "type": "text",
                            "id": "title",
                            "role": "headline",
                            "text": "Summer is here",
                            "x": 40,
                            "y": 400,
                            "width": 1200,
                            "height": 160,
                            "rotation": 360,
                            "z_index": -3,
                            "style": {"font_family": "Inter", "font_size": 120, "font_weight": 800, "color": "#FFFFFF"},
                        },
                        {
                            "type": "shape",
                            "id": "zero-line",
                            "role": "divider",
                            "shape": "line",
                            "x": 40,
                            "y": 380,
                            "width": 1,
                            "height": 1,
                            "points": [[0, 0], [0, 0]],
                            "stroke": None,
                            "stroke_width": 0,
                        },
                    ],
                }
            ],
        }
    )


def roundtrip(doc: SparklioDocument) -> tuple[SparklioDocument, list[str]]:
    # Through real JSON text, as the studio would send it back.
    return from_polotno(json.loads(json.dumps(to_polotno(doc), ensure_ascii=False)))


def by_id(polotno: dict) -> dict[str, dict]:
    found = {}
    stack = [child for page in polotno["pages"] for child in page["children"]]
    while stack:
        el = stack.pop()
        found[el["id"]] = el
        stack.extend(el.get("children", []))
    return found


def objects_by_id(doc: SparklioDocument) -> dict:
    return {obj.id: obj for page in doc.pages for obj in iter_objects(page.objects)}


def sparklio_corners(x, y, width, height, rotation):
    """The page corners of a SparklioDocument box: turned clockwise about its centre."""
    a = math.radians(rotation)
    cx, cy = x + width / 2, y + height / 2
    return [
        (cx + u * math.cos(a) - v * math.sin(a), cy + u * math.sin(a) + v * math.cos(a))
        for u, v in (
            (-width / 2, -height / 2),
            (width / 2, -height / 2),
            (width / 2, height / 2),
            (-width / 2, height / 2),
        )
    ]


def polotno_corners(el):
    """The page corners of a Polotno element: turned clockwise about its x/y."""
    a = math.radians(el.get("rotation", 0))
    return [
        (el["x"] + u * math.cos(a) - v * math.sin(a), el["y"] + u * math.sin(a) + v * math.cos(a))
        for u, v in ((0, 0), (el["width"], 0), (el["width"], el["height"]), (0, el["height"]))
    ]


def assert_same_corners(first, second):
    assert len(first) == len(second)
    for (ax, ay), (bx, by) in zip(first, second, strict=True):
        assert ax == pytest.approx(bx, abs=1e-9)
        assert ay == pytest.approx(by, abs=1e-9)


def rect_document(*objects) -> SparklioDocument:
    return SparklioDocument.model_validate(
        {"width": 1000, "height": 1000, "pages": [{"id": "p", "objects": list(objects)}]}
    )


def rect(id_, x, y, width, height, rotation=0, **more) -> dict:
    return {
        "type": "shape",
        "id": id_,
        "role": "decoration",
        "shape": "rect",
        "x": x,
        "y": y,
        "width": width,
        "height": height,
        "rotation": rotation,
        "fill": "#FF0000",
        **more,
    }


# ----------------------------------------------------------------------------- lossless round trip


@pytest.mark.parametrize("make", [korean_document, english_document])
def test_round_trip_gives_the_same_document(make):
    doc = make()

    back, warnings = roundtrip(doc)

    assert back == doc
    assert warnings == []


def test_round_trip_keeps_list_order_z_index_and_provenance_datetimes():
    doc = korean_document()

    back, _ = roundtrip(doc)

    assert [o.id for o in back.pages[0].objects] == [o.id for o in doc.pages[0].objects]
    assert [o.z_index for o in back.pages[0].objects] == [10, 8, 5, 0, 1, 12, 2, 7, 3, 11, 9]
    assert back.pages[0].objects[0].provenance.created_at == datetime(2025, 3, 14, 0, 30, 15, 123456, tzinfo=UTC)


def test_round_trip_of_a_twice_exported_document_is_stable():
    doc = korean_document()
    once = to_polotno(doc)

    twice = to_polotno(from_polotno(once)[0])

    assert twice == once


# ----------------------------------------------------------------------------- export shape


def test_export_store_and_pages_use_polotno_names():
    out = to_polotno(korean_document())

    assert {"width", "height", "fonts", "pages", "unit", "dpi", "custom"} <= set(out)
    assert (out["width"], out["height"], out["unit"], out["dpi"]) == (1080, 1080, "px", 72)
    assert out["fonts"] == [{"fontFamily": "Noto Sans KR"}, {"fontFamily": "Pretendard"}]
    assert out["custom"]["sparklio"]["keep"] == {
        "title": "봄맞이 세일 인스타그램",
        "brand": 7,
        "channel": "instagram_feed",
        "language": "ko",
    }
    cover, reel = out["pages"]
    assert cover["id"] == "cover"
    assert cover["background"] == "https://cdn.sparklio.dev/bg/spring.jpg"  # the image is what Polotno shows
    assert cover["custom"]["sparklio"]["keep"] == {"name": "표지"}
    assert cover["duration"] == 5000  # Polotno's default, in ms
    assert reel["duration"] == 7250
    assert reel["background"] == "#000000"


def test_export_orders_children_by_z_index():
    out = to_polotno(korean_document())

    stack = [child["id"] for child in out["pages"][0]["children"]]

    assert stack == [
        "full-crop",
        "band",
        "no-stroke-colour",
        "burst",
        "product",
        "rule",
        "body",
        "cta",
        "headline",
        "star",
        "badge",
    ]
    assert [c["id"] for c in by_id(out)["cta"]["children"]] == ["cta-bg", "cta-inner"]
    assert [c["id"] for c in by_id(out)["cta-inner"]["children"]] == ["cta-arrow", "cta-label"]
    assert by_id(out)["headline"]["custom"]["sparklio"]["keep"]["z_index"] == 10


def test_export_text_element():
    el = by_id(to_polotno(korean_document()))["headline"]

    assert el["type"] == "text"
    assert el["text"] == "봄맞이 최대 50% 할인"
    # Polotno's x/y is the top-left corner of the box turned -4.25° about its centre (540, 195.5).
    a = math.radians(-4.25)
    assert el["x"] == pytest.approx(540 - 460 * math.cos(a) + 75 * math.sin(a))
    assert el["y"] == pytest.approx(195.5 - 460 * math.sin(a) - 75 * math.cos(a))
    assert (el["width"], el["height"]) == (920, 150)
    assert_same_corners(polotno_corners(el), sparklio_corners(80, 120.5, 920, 150, -4.25))
    assert (el["rotation"], el["opacity"], el["visible"]) == (-4.25, 0.95, True)
    assert el["fontFamily"] == "Noto Sans KR"
    assert el["fontSize"] == 88
    assert el["fontWeight"] == "900"
    assert el["fontStyle"] == "italic"
    assert el["textDecoration"] == "underline"
    assert el["fill"] == "#1a1a1a"
    assert (el["align"], el["verticalAlign"], el["lineHeight"]) == ("center", "middle", 1.15)
    assert el["letterSpacing"] == pytest.approx(1.7 / 88)  # em, as Polotno keeps it
    assert (el["backgroundEnabled"], el["backgroundColor"]) == (True, "#FFE60080")
    keep = el["custom"]["sparklio"]["keep"]
    assert keep["role"] == "headline"
    assert keep["style.shrink_to_fit"] is True
    assert keep["provenance"]["created_at"] == "2025-03-14T09:30:15.123456+09:00"
    body = by_id(to_polotno(korean_document()))["body"]
    assert (body["fontWeight"], body["fontStyle"], body["textDecoration"]) == ("300", "normal", "")
    assert body["backgroundEnabled"] is False


def test_export_weights_normal_and_bold_as_polotno_names_them():
    out = by_id(to_polotno(korean_document()))

    assert out["cta-label"]["fontWeight"] == "bold"
    assert out["subtitle"]["fontWeight"] == "normal"


def test_export_image_element_and_locking():
    el = by_id(to_polotno(korean_document()))["product"]

    assert el["type"] == "image"
    assert el["src"] == "workspaces/7/products/cream.png"
    assert (el["cropX"], el["cropY"], el["cropWidth"], el["cropHeight"]) == (0.125, 0.05, 0.75, 0.9)
    assert el["cornerRadius"] == 32
    assert el["rotation"] == 7.5
    assert {
        k: el[k] for k in ("draggable", "resizable", "contentEditable", "styleEditable", "removable")
    } == dict.fromkeys(("draggable", "resizable", "contentEditable", "styleEditable", "removable"), False)
    assert el["custom"]["sparklio"]["keep"]["fit"] == "contain"
    assert el["custom"]["sparklio"]["keep"]["alt"] == "수분 크림"
    hidden = by_id(to_polotno(korean_document()))["full-crop"]
    assert hidden["visible"] is False
    assert hidden["draggable"] is True


def test_export_shapes_as_figures():
    out = by_id(to_polotno(korean_document()))

    band, badge, frame = out["band"], out["badge"], out["no-stroke-colour"]
    assert (band["type"], band["subType"], band["fill"], band["strokeWidth"]) == ("figure", "rect", "#003366CC", 0)
    assert band["stroke"] == "transparent"
    assert (badge["type"], badge["subType"]) == ("figure", "circle")
    assert (badge["fill"], badge["stroke"], badge["strokeWidth"]) == ("#E63946", "#ffffff", 6)
    assert frame["fill"] == "transparent"
    assert out["cta-bg"]["cornerRadius"] == 48


def test_export_two_point_line_as_polotno_line():
    el = by_id(to_polotno(korean_document()))["rule"]

    # Polotno draws a line from the middle of its box's left edge, along its rotation; the box's
    # height is the thickness. The SparklioDocument line runs from (0, 6) to (500, 6) in the box
    # (80, 440, 500, 12) turned 15° about its centre (330, 446): it starts 250 before the centre.
    angle = math.radians(15)
    start = (330 - 250 * math.cos(angle), 446 - 250 * math.sin(angle))
    assert el["type"] == "line"
    assert el["color"] == "#222222"
    assert el["height"] == 3
    assert el["width"] == pytest.approx(500)
    assert el["rotation"] == pytest.approx(15)
    assert el["x"] - math.sin(angle) * 1.5 == pytest.approx(start[0])
    assert el["y"] + math.cos(angle) * 1.5 == pytest.approx(start[1])
    assert (el["dash"], el["startHead"], el["endHead"]) == ([], "", "")


def test_export_polygon_and_polyline_as_svg():
    out = by_id(to_polotno(korean_document()))

    burst, arrow = out["burst"], out["cta-arrow"]
    assert burst["type"] == "svg"
    markup = base64.b64decode(burst["src"].removeprefix("data:image/svg+xml;base64,")).decode()
    assert '<polygon points="60,0 120,110 0,110" fill="#2A9D8F" stroke="#264653" stroke-width="2.5"/>' in markup
    # the box (40, 600, 120, 110) turned 30° about its centre (100, 655): its top-left corner
    assert burst["x"] == pytest.approx(100 - 60 * math.cos(math.radians(30)) + 55 * 0.5)
    assert burst["y"] == pytest.approx(655 - 60 * 0.5 - 55 * math.cos(math.radians(30)))
    assert (burst["rotation"], burst["opacity"]) == (30, 0.5)
    assert arrow["type"] == "svg"
    assert "<polyline" in base64.b64decode(arrow["src"].split(",", 1)[1]).decode()


def test_export_svg_as_data_url_and_video():
    out = by_id(to_polotno(korean_document()))

    star = out["star"]
    assert star["type"] == "svg"
    assert star["src"].startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(star["src"].split(",", 1)[1]).decode() == SVG_ICON
    assert star["colorsReplace"] == {}
    clip = out["clip"]
    assert (clip["type"], clip["src"], clip["volume"]) == ("video", "https://cdn.sparklio.dev/clip.mp4", 1)
    assert (clip["startTime"], clip["endTime"]) == (0, 1)
    assert clip["custom"]["sparklio"]["keep"]["loop"] is True


def test_export_group_holds_its_children_without_a_box_of_its_own():
    group = by_id(to_polotno(korean_document()))["cta"]

    assert group["type"] == "group"
    assert "x" not in group and "width" not in group
    assert group["removable"] is False  # locked
    assert [c["type"] for c in group["children"]] == ["figure", "group"]
    assert "exact" not in group["custom"]["sparklio"]  # its box is its children's: Polotno gives it back
    outer = by_id(to_polotno(english_document()))["outer"]
    assert outer["custom"]["sparklio"]["exact"]["geometry"]["value"] == {
        "x": 10.0,
        "y": 10.0,
        "width": 600.0,
        "height": 200.0,
        "rotation": 0.0,
    }


# ----------------------------------------------------------------------------- geometry conventions


def test_rotated_rect_exports_its_rotated_top_left_corner_as_polotnos_x_y():
    # The box (100, 200, 80, 40) has its centre at (140, 220). R(θ)·(u, v) = (u cosθ − v sinθ, u sinθ + v cosθ).
    doc = rect_document(
        rect("r90", 100, 200, 80, 40, 90), rect("r30", 100, 200, 80, 40, 30), rect("r0", 100, 200, 80, 40)
    )

    out = by_id(to_polotno(doc))

    # 90°: R·(−40, −20) = (20, −40), so the corner is at (160, 180), the top right of the turned box.
    r90 = out["r90"]
    assert (r90["x"], r90["y"], r90["rotation"]) == (pytest.approx(160), pytest.approx(180), 90)
    # 30°: R·(−40, −20) = (−40·√3/2 + 20·1/2, −40·1/2 − 20·√3/2) = (10 − 20√3, −20 − 10√3).
    r30 = out["r30"]
    assert r30["x"] == pytest.approx(150 - 20 * math.sqrt(3))  # 115.359...
    assert r30["y"] == pytest.approx(200 - 10 * math.sqrt(3))  # 182.679...
    assert r30["rotation"] == 30
    assert (out["r0"]["x"], out["r0"]["y"]) == (100, 200)  # unrotated: exactly the same numbers
    for obj in doc.pages[0].objects:
        assert_same_corners(polotno_corners(out[obj.id]), sparklio_corners(obj.x, obj.y, 80, 40, obj.rotation))
    assert roundtrip(doc)[0] == doc


@pytest.mark.parametrize(
    ("kind", "rotation"), [("figure", 90), ("figure", 30), ("figure", -137.5), ("text", 45), ("image", 200)]
)
def test_element_rotated_about_its_origin_in_polotno_imports_to_the_same_visual_box(kind, rotation):
    element = {"id": "e", "type": kind, "x": 300, "y": 100, "width": 200, "height": 50, "rotation": rotation}
    if kind == "text":
        element.update(text="hi", fontSize=20)
    if kind == "image":
        element["src"] = "https://cdn.example.com/a.png"
    store = {"width": 1000, "height": 1000, "pages": [{"id": "p", "children": [element]}]}

    doc, _ = from_polotno(store)

    obj = doc.pages[0].objects[0]
    assert (obj.width, obj.height, obj.rotation) == (200, 50, rotation)
    assert_same_corners(sparklio_corners(obj.x, obj.y, 200, 50, rotation), polotno_corners(element))
    # the centre is what both agree on
    corners = polotno_corners(element)
    assert obj.x + 100 == pytest.approx((corners[0][0] + corners[2][0]) / 2)
    assert obj.y + 25 == pytest.approx((corners[0][1] + corners[2][1]) / 2)


def test_polotno_box_turned_90_degrees_about_its_origin_imports_worked_by_hand():
    # Polotno (160, 180, 80, 40) turned 90° about (160, 180): centre (160, 180) + R·(40, 20) = (140, 220).
    store = {
        "width": 1000,
        "height": 1000,
        "pages": [
            {
                "id": "p",
                "children": [
                    {"id": "e", "type": "figure", "x": 160, "y": 180, "width": 80, "height": 40, "rotation": 90}
                ],
            }
        ],
    }

    obj = from_polotno(store)[0].pages[0].objects[0]

    assert (obj.x, obj.y, obj.rotation) == (pytest.approx(100), pytest.approx(200), 90)


def test_polotno_line_keeps_its_place_with_the_centre_convention():
    line = {"id": "l", "type": "line", "x": 100, "y": 100, "width": 200, "height": 4, "rotation": 90, "color": "red"}
    store = {"width": 1000, "height": 1000, "pages": [{"id": "p", "children": [line]}]}

    obj = from_polotno(store)[0].pages[0].objects[0]

    # drawn from (100 − 2, 100) down to (98, 300); its box turned about (98, 200)
    assert (obj.width, obj.height, obj.rotation, obj.points) == (200, 4, 90, [(0, 2), (200, 2)])
    assert (obj.x + 100, obj.y + 2) == (pytest.approx(98), pytest.approx(200))
    assert_same_corners(sparklio_corners(obj.x, obj.y, 200, 4, 90), polotno_corners(line))
    back = by_id(to_polotno(from_polotno(store)[0]))["l"]
    assert (back["x"], back["y"], back["rotation"]) == (pytest.approx(100), pytest.approx(100), 90)


def test_group_children_export_in_page_coordinates_and_import_relative_to_the_group():
    group = {
        "type": "group",
        "id": "g",
        "role": "other",
        "x": 100,
        "y": 200,
        "width": 300,
        "height": 100,
        "children": [
            rect("c", 10, 20, 50, 30),
            {
                "type": "group",
                "id": "inner",
                "role": "other",
                "x": 100,
                "y": 40,
                "width": 60,
                "height": 50,
                "children": [rect("deep", 5, 6, 40, 20, 30)],
            },
        ],
    }
    doc = rect_document(group)

    out = to_polotno(doc)

    elements = by_id(out)
    assert (elements["c"]["x"], elements["c"]["y"]) == (110, 220)
    deep = elements["deep"]  # page box (205, 246, 40, 20), turned 30° about its centre
    assert_same_corners(polotno_corners(deep), sparklio_corners(205, 246, 40, 20, 30))
    assert roundtrip(doc)[0] == doc

    # As Polotno would have it with no custom: children on the page, the group's box their bounds.
    for el in elements.values():
        el.pop("custom", None)
    out.pop("custom")
    back = objects_by_id(from_polotno(out)[0])
    assert (back["g"].x, back["g"].y, back["g"].rotation) == (110, 220, 0)
    assert (back["c"].x, back["c"].y) == (0, 0)
    bounds = polotno_corners(deep)
    left, top = min(x for x, _ in bounds), min(y for _, y in bounds)
    assert (back["inner"].x, back["inner"].y) == (pytest.approx(left - 110), pytest.approx(top - 220))
    page_x, page_y = 110 + back["inner"].x + back["deep"].x, 220 + back["inner"].y + back["deep"].y
    assert_same_corners(sparklio_corners(page_x, page_y, 40, 20, back["deep"].rotation), polotno_corners(deep))


def test_a_rotated_groups_turn_is_composed_into_its_children():
    # The group (100, 200, 200, 100) turned 90° about (200, 250); its child fills its top-left 50 × 20.
    group = {
        "type": "group",
        "id": "g",
        "role": "other",
        "x": 100,
        "y": 200,
        "width": 200,
        "height": 100,
        "rotation": 90,
        "children": [rect("c", 0, 0, 50, 20), rect("t", 150, 80, 50, 20, 10)],
    }
    doc = rect_document(group)

    out = to_polotno(doc)

    elements = by_id(out)
    c = elements["c"]
    # The group's top-left corner goes to (200, 250) + R(90°)·(−100, −50) = (250, 150); so does the child's.
    assert (c["x"], c["y"], c["rotation"]) == (pytest.approx(250), pytest.approx(150), 90)
    assert elements["t"]["rotation"] == 100
    assert elements["g"]["custom"]["sparklio"]["exact"]["geometry"]["value"]["rotation"] == 90
    back, warnings = roundtrip(doc)
    assert back == doc
    assert warnings == []

    # Moved in Polotno: the group's stored box no longer applies; every child keeps its place on the page.
    c["x"] += 5
    moved = objects_by_id(from_polotno(out)[0])
    g = moved["g"]
    assert g.rotation == 0
    for child_id in ("c", "t"):
        child = moved[child_id]
        assert child.rotation == elements[child_id]["rotation"]
        page = sparklio_corners(g.x + child.x, g.y + child.y, child.width, child.height, child.rotation)
        assert_same_corners(page, polotno_corners(elements[child_id]))


def test_a_child_moved_inside_an_unchanged_group_box_lands_where_polotno_shows_it():
    # The group's bounds do not change, so its stored (rotated) box comes back: the moved child is
    # placed relative to that box, not to Polotno's bounds.
    group = {
        "type": "group",
        "id": "g",
        "role": "other",
        "x": 100,
        "y": 200,
        "width": 200,
        "height": 100,
        "rotation": 30,
        "children": [rect("a", 0, 0, 200, 100), rect("b", 50, 30, 20, 10)],
    }
    doc = rect_document(group)
    out = to_polotno(doc)
    b = by_id(out)["b"]
    b["x"] += 3
    b["y"] += 2

    back = objects_by_id(from_polotno(out)[0])

    assert back["g"] == doc.pages[0].objects[0].model_copy(update={"children": back["g"].children})
    assert back["a"] == doc.pages[0].objects[0].children[0]
    moved = back["b"]
    assert moved.rotation == pytest.approx(0, abs=1e-9)
    angle = math.radians(30)  # the child's page centre, through the group's turn about (200, 250)
    u, v = moved.x + 10 - 100, moved.y + 5 - 50
    centre = (200 + u * math.cos(angle) - v * math.sin(angle), 250 + u * math.sin(angle) + v * math.cos(angle))
    shown = polotno_corners(b)
    assert centre[0] == pytest.approx((shown[0][0] + shown[2][0]) / 2)
    assert centre[1] == pytest.approx((shown[0][1] + shown[2][1]) / 2)


def test_export_is_json():
    text = json.dumps(to_polotno(korean_document()), ensure_ascii=False)

    assert "봄맞이" in text


# ----------------------------------------------------------------------------- edits made in Polotno


def test_polotno_edits_win_over_stored_exact_values():
    doc = korean_document()
    out = to_polotno(doc)
    elements = by_id(out)
    elements["headline"]["letterSpacing"] = 0.05
    elements["rule"].update(x=10, y=20, width=300, height=8, rotation=0)
    elements["burst"].update(width=240, height=55)
    elements["band"]["fill"] = "rgba(255, 0, 0, 0.5)"
    out["pages"][0]["background"] = "rgb(10, 20, 30)"

    back, _ = from_polotno(out)

    objects = objects_by_id(back)
    assert objects["headline"].style.letter_spacing == pytest.approx(0.05 * 88)
    rule = objects["rule"]
    assert (rule.x, rule.y, rule.width, rule.height, rule.rotation) == (10, 20, 300, 8, 0)
    assert rule.points == [(0, 4), (300, 4)]
    assert rule.stroke_width == 8
    assert objects["burst"].points == [(120, 0), (240, 55), (0, 55)]
    assert objects["band"].fill == "#FF000080"
    assert back.pages[0].background == "#0A141E"
    assert back.pages[0].background_image is None
    # what was not touched keeps its exact value
    assert objects["body"].style.letter_spacing == -0.7
    assert objects["headline"].role == "headline"


def test_restacking_in_polotno_becomes_the_z_order():
    out = to_polotno(english_document())
    children = out["pages"][0]["children"]
    children.reverse()

    back, _ = from_polotno(out)

    assert [(o.id, o.z_index) for o in back.pages[0].objects] == [("zero-line", 0), ("outer", 1), ("title", 2)]


def test_element_added_in_polotno_gets_an_id_role_and_import_provenance():
    out = to_polotno(english_document())
    out["pages"][0]["children"].append(
        {"type": "text", "text": "NEW", "fontSize": 200, "x": 5, "y": 5, "width": 300, "height": 220}
    )

    back, _ = from_polotno(out)

    added = back.pages[0].objects[-1]
    assert added.id == "p0-3"
    assert added.role == "body"  # the page already has its headline
    assert added.provenance.source == "import"
    assert added.z_index == 3


def test_moving_a_groups_child_in_polotno_moves_the_groups_box():
    out = to_polotno(korean_document())
    by_id(out)["cta-bg"].update(x=0, y=0)

    back, _ = from_polotno(out)

    objects = objects_by_id(back)
    cta = objects["cta"]
    assert (cta.x, cta.y, cta.width, cta.height) == (0, 0, 990, 1036)  # to the arrow and the label
    assert (objects["cta-bg"].x, objects["cta-bg"].y) == (0, 0)
    # the other children stay where they were on the page, now relative to the moved group
    inner, label = objects["cta-inner"], objects["cta-label"]
    assert (inner.x, inner.y, inner.width, inner.height) == (660, 980, 330, 56)
    assert (label.x, label.y) == (0, 0)  # page (660, 980), as exported
    assert (objects["cta-arrow"].x, objects["cta-arrow"].y) == (290, 10)  # page (950, 990)


def test_metadata_that_looks_like_an_import_but_is_not_still_round_trips():
    doc = english_document().model_copy(
        update={
            "metadata": {
                "polotno_unsupported": [
                    {"page_id": "nowhere", "parent_id": None, "index": 0, "element": {"type": "gif"}},
                    {"page_id": "thumb", "parent_id": None, "index": 0, "element": {"no": "type"}},
                    "not an entry",
                ],
                "polotno_fonts": [{"fontFamily": "Ghost"}, 3],
                "polotno_audios": [],
            }
        }
    )

    out = to_polotno(doc)
    back, _ = from_polotno(out)

    assert back == doc
    assert len(out["pages"][0]["children"]) == 3  # nothing could be placed
    assert out["fonts"][0] == {"fontFamily": "Ghost"}


# ----------------------------------------------------------------------------- a store made by Polotno


def polotno_made_store() -> dict:
    """As Polotno's editor saves a design: no custom of ours, Polotno's defaults spelled out."""
    common = {
        "opacity": 1,
        "visible": True,
        "selectable": True,
        "removable": True,
        "alwaysOnTop": False,
        "showInExport": True,
        "rotation": 0,
        "animations": [],
        "blurEnabled": False,
        "blurRadius": 10,
        "brightnessEnabled": False,
        "brightness": 0,
        "sepiaEnabled": False,
        "grayscaleEnabled": False,
        "shadowEnabled": False,
        "shadowBlur": 5,
        "shadowOffsetX": 0,
        "shadowOffsetY": 0,
        "shadowColor": "black",
        "shadowOpacity": 1,
        "draggable": True,
        "resizable": True,
        "contentEditable": True,
        "styleEditable": True,
    }
    text = {
        **common,
        "type": "text",
        "placeholder": "",
        "fontFamily": "Roboto",
        "fontStyle": "normal",
        "fontWeight": "normal",
        "textDecoration": "",
        "align": "center",
        "verticalAlign": "top",
        "strokeWidth": 0,
        "stroke": "black",
        "lineHeight": 1.2,
        "letterSpacing": 0,
        "backgroundEnabled": False,
        "backgroundColor": "#7ED321",
        "backgroundOpacity": 1,
        "backgroundCornerRadius": 0.5,
        "backgroundPadding": 0.5,
    }
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 60">'
        '<circle cx="30" cy="30" r="30" fill="rgb(0, 161, 255)" /></svg>'
    )
    return {
        "width": 1080,
        "height": 1350,
        "fonts": [{"fontFamily": "Brand Sans", "url": "https://fonts.example.com/brand-sans.woff2"}],
        "pages": [
            {
                "id": "w76qNOu-sr",
                "children": [
                    {
                        **common,
                        "id": "bgImage01",
                        "type": "image",
                        "name": "",
                        "x": 0,
                        "y": 0,
                        "width": 1080,
                        "height": 1350,
                        "src": "https://images.unsplash.com/photo-1525268771113",
                        "cropX": 0,
                        "cropY": 0,
                        "cropWidth": 1,
                        "cropHeight": 1,
                        "cornerRadius": 0,
                        "flipX": False,
                        "flipY": False,
                        "clipSrc": "",
                        "borderColor": "black",
                        "borderSize": 0,
                        "keepRatio": False,
                    },
                    {
                        **common,
                        "id": "overlay01",
                        "type": "figure",
                        "name": "",
                        "subType": "rect",
                        "x": 60,
                        "y": 820,
                        "width": 960,
                        "height": 420,
                        "fill": "rgba(0,0,0,0.5)",
                        "stroke": "#0c0c0c",
                        "strokeWidth": 0,
                        "cornerRadius": 24,
                        "dash": [],
                    },
                    {
                        **text,
                        "id": "_UpqKWLYBM",
                        "name": "",
                        "x": 100,
                        "y": 860,
                        "width": 880,
                        "height": 240,
                        "text": "봄 신상품 출시",
                        "fontSize": 96,
                        "fontWeight": "bold",
                        "fill": "white",
                        "fontFamily": "Brand Sans",
                    },
                    {
                        **text,
                        "id": "nAzzW9iZFy",
                        "name": "",
                        "x": 100,
                        "y": 1110,
                        "width": 880,
                        "height": 45,
                        "text": "<p>지금 <strong>20%</strong> 할인 &amp; 무료배송</p>",
                        "fontSize": 32,
                        "fill": "#eee",
                        "letterSpacing": 0.05,
                        "lineHeight": 1.4,
                        "align": "left",
                    },
                    {
                        **common,
                        "id": "line0001",
                        "type": "line",
                        "name": "",
                        "x": 100,
                        "y": 1090,
                        "width": 500,
                        "height": 4,
                        "color": "rgb(255, 204, 0)",
                        "dash": [],
                        "startHead": "",
                        "endHead": "arrow",
                    },
                    {
                        **common,
                        "id": "svg00001",
                        "type": "svg",
                        "name": "",
                        "x": 900,
                        "y": 60,
                        "width": 120,
                        "height": 120,
                        "src": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
                        "maskSrc": "",
                        "cropX": 0,
                        "cropY": 0,
                        "cropWidth": 1,
                        "cropHeight": 1,
                        "keepRatio": False,
                        "flipX": False,
                        "flipY": False,
                        "borderColor": "black",
                        "borderSize": 0,
                        "cornerRadius": 0,
                        "colorsReplace": {"rgb(0, 161, 255)": "rgba(255,98,0,1)"},
                    },
                    {
                        "id": "group001",
                        "type": "group",
                        "name": "",
                        "opacity": 1,
                        "visible": True,
                        "selectable": True,
                        "removable": True,
                        "alwaysOnTop": False,
                        "showInExport": True,
                        "children": [
                            {
                                **common,
                                "id": "btnShape",
                                "type": "figure",
                                "subType": "circle",
                                "x": 800,
                                "y": 1180,
                                "width": 160,
                                "height": 160,
                                "fill": "#ff0",
                                "stroke": "black",
                                "strokeWidth": 2,
                                "cornerRadius": 0,
                                "dash": [],
                            },
                            {
                                **text,
                                "type": "text",
                                "x": 810,
                                "y": 1240,
                                "width": 140,
                                "height": 40,
                                "text": "GO",
                                "fontSize": 30,
                                "fill": "hsl(0, 100%, 50%)",
                                "shadowEnabled": True,
                            },
                        ],
                    },
                    {
                        **common,
                        "id": "gif00001",
                        "type": "gif",
                        "x": 10,
                        "y": 10,
                        "width": 50,
                        "height": 50,
                        "src": "https://media.example.com/party.gif",
                    },
                    {
                        **common,
                        "id": "star0001",
                        "type": "figure",
                        "subType": "star",
                        "x": 20,
                        "y": 20,
                        "width": 80,
                        "height": 80,
                        "fill": "gold",
                    },
                ],
                "width": "auto",
                "height": "auto",
                "background": "white",
                "bleed": 0,
                "duration": 5000,
            }
        ],
        "audios": [],
        "unit": "px",
        "dpi": 72,
    }


def test_import_of_a_polotno_made_store():
    doc, warnings = from_polotno(polotno_made_store())

    page = doc.pages[0]
    objects = objects_by_id(doc)
    assert (doc.width, doc.height, doc.language, doc.channel) == (1080, 1350, "ko", "instagram_portrait")
    assert page.id == "w76qNOu-sr"
    assert (page.background, page.background_image, page.duration) == ("#FFFFFF", None, None)
    assert [o.id for o in page.objects] == [
        "bgImage01",
        "overlay01",
        "_UpqKWLYBM",
        "nAzzW9iZFy",
        "line0001",
        "svg00001",
        "group001",
    ]
    assert [o.z_index for o in page.objects] == [0, 1, 2, 3, 4, 5, 6]
    assert {o.id: o.role.value for o in objects.values()} == {
        "bgImage01": "background_image",
        "overlay01": "decoration",
        "_UpqKWLYBM": "headline",
        "nAzzW9iZFy": "body",
        "line0001": "divider",
        "svg00001": "icon",
        "group001": "other",
        "btnShape": "decoration",
        "p0-6-1": "body",
    }
    headline = objects["_UpqKWLYBM"]
    assert (headline.style.font_weight, headline.style.color, headline.style.font_family) == (
        700,
        "#FFFFFF",
        "Brand Sans",
    )
    body = objects["nAzzW9iZFy"]
    assert body.text == "지금 20% 할인 & 무료배송"
    assert body.style.letter_spacing == pytest.approx(1.6)
    assert (body.style.line_height, body.style.color, body.style.align) == (1.4, "#EEEEEE", "left")
    assert objects["overlay01"].fill == "#00000080"
    assert (objects["overlay01"].stroke, objects["overlay01"].corner_radius) == (None, 24)
    line = objects["line0001"]
    assert (line.shape, line.stroke, line.stroke_width, line.points) == ("line", "#FFCC00", 4, [(0, 2), (500, 2)])
    assert 'fill="rgba(255,98,0,1)"' in objects["svg00001"].svg
    button = objects["btnShape"]
    assert (button.shape, button.fill, button.stroke, button.stroke_width) == ("ellipse", "#FFFF00", "#000000", 2)
    assert objects["p0-6-1"].style.color == "#FF0000"
    group = objects["group001"]
    assert (group.x, group.y, group.width, group.height) == (800, 1180, 160, 160)
    # Polotno's group children are on the page; a SparklioDocument's are relative to their group.
    assert (button.x, button.y) == (0, 0)  # page (800, 1180)
    assert (objects["p0-6-1"].x, objects["p0-6-1"].y) == (10, 60)  # page (810, 1240)
    assert all(o.provenance.source == "import" for o in objects.values())
    assert doc.fonts[0].family == "Brand Sans"
    assert doc.metadata["polotno_fonts"] == [
        {"fontFamily": "Brand Sans", "url": "https://fonts.example.com/brand-sans.woff2"}
    ]
    assert any("rich text" in w for w in warnings)
    assert any("'endHead'" in w and "pages[0].children[4]" in w for w in warnings)
    assert any("'shadowEnabled'" in w and "pages[0].children[6].children[1]" in w for w in warnings)


def test_unknown_element_kinds_are_kept_and_reported():
    doc, warnings = from_polotno(polotno_made_store())

    kept = doc.metadata["polotno_unsupported"]
    assert [(k["page_id"], k["parent_id"], k["index"], k["element"]["type"]) for k in kept] == [
        ("w76qNOu-sr", None, 7, "gif"),
        ("w76qNOu-sr", None, 8, "figure"),
    ]
    assert kept[0]["element"]["src"] == "https://media.example.com/party.gif"
    assert any("pages[0].children[7]" in w and "'gif'" in w for w in warnings)
    assert any("pages[0].children[8]" in w and "'star'" in w for w in warnings)


def test_kept_elements_go_back_to_polotno_where_they_were():
    store = polotno_made_store()
    doc, _ = from_polotno(store)

    out = to_polotno(doc)

    children = out["pages"][0]["children"]
    assert children[7] == store["pages"][0]["children"][7]
    assert children[8]["subType"] == "star"
    assert from_polotno(out)[0] == doc
    assert out["fonts"] == [{"fontFamily": "Brand Sans", "url": "https://fonts.example.com/brand-sans.woff2"}]


def test_import_neither_changes_nor_shares_the_callers_json():
    store = polotno_made_store()
    before = copy.deepcopy(store)

    doc, _ = from_polotno(store)
    store["pages"][0]["children"][7]["src"] = "changed later"

    assert doc.metadata["polotno_unsupported"][0]["element"]["src"] == "https://media.example.com/party.gif"
    store["pages"][0]["children"][7]["src"] = before["pages"][0]["children"][7]["src"]
    assert store == before


def test_a_tampered_custom_falls_back_to_what_polotno_shows():
    out = to_polotno(korean_document())
    by_id(out)["burst"]["custom"]["sparklio"]["base"]["box"] = [0, "wide"]

    doc, warnings = from_polotno(out)

    burst = objects_by_id(doc)["burst"]
    assert burst.type == "svg"
    assert "<polygon" in burst.svg
    assert any("pages[0].children[3].custom.sparklio: describes a shape" in w for w in warnings)


def test_a_table_inside_a_group_is_kept_with_its_group():
    store = polotno_made_store()
    group = store["pages"][0]["children"][6]
    group["children"].insert(1, {"id": "tbl", "type": "table", "rows": [["a", "b"]], "x": 0, "y": 0})

    doc, warnings = from_polotno(store)

    entry = next(k for k in doc.metadata["polotno_unsupported"] if k["element"]["type"] == "table")
    assert (entry["parent_id"], entry["index"]) == ("group001", 1)
    assert any("pages[0].children[6].children[1]" in w and "'table'" in w for w in warnings)
    assert to_polotno(doc)["pages"][0]["children"][6]["children"][1]["rows"] == [["a", "b"]]


def test_missing_ids_are_generated_the_same_way_each_time():
    store = polotno_made_store()
    del store["pages"][0]["id"]
    store["pages"][0]["children"][1]["id"] = "has spaces!"

    first, warnings = from_polotno(copy.deepcopy(store))
    second, _ = from_polotno(copy.deepcopy(store))

    assert first.pages[0].id == "page-1"
    assert first.pages[0].objects[1].id.startswith("polotno-")
    assert [o.id for o in first.pages[0].objects] == [o.id for o in second.pages[0].objects]
    assert any("pages[0].children[1].id" in w for w in warnings)


def test_defaults_fill_what_polotno_does_not_say():
    doc, _ = from_polotno(
        polotno_made_store(),
        defaults={
            "title": "Imported",
            "brand": 4,
            "language": "en",
            "channel": None,
            "provenance": None,
            "metadata": {"source_file": "design.json"},
        },
    )

    assert (doc.title, doc.brand, doc.language, doc.channel) == ("Imported", 4, "en", None)
    assert doc.metadata["source_file"] == "design.json"
    assert all(o.provenance is None for o in objects_by_id(doc).values())


def test_defaults_do_not_override_what_the_export_kept():
    doc, _ = from_polotno(to_polotno(korean_document()), defaults={"title": "other", "language": "en"})

    assert (doc.title, doc.language) == ("봄맞이 세일 인스타그램", "ko")


def test_english_polotno_store_gets_language_en():
    store = polotno_made_store()
    for child in store["pages"][0]["children"]:
        if child["type"] == "text":
            child["text"] = "Hello"

    doc, _ = from_polotno(store)

    assert doc.language == "en"


def test_other_apps_custom_data_is_reported():
    store = polotno_made_store()
    store["pages"][0]["children"][0]["custom"] = {"imgWidth": 301}

    _, warnings = from_polotno(store)

    assert any("'custom.imgWidth'" in w and "pages[0].children[0]" in w for w in warnings)


def test_video_trim_is_read_from_fractions_of_its_length():
    store = {
        "width": 1080,
        "height": 1920,
        "pages": [
            {
                "id": "p",
                "duration": 12000,
                "children": [
                    {
                        "id": "v",
                        "type": "video",
                        "src": "https://cdn.example.com/v.mp4",
                        "x": 0,
                        "y": 0,
                        "width": 1080,
                        "height": 1920,
                        "duration": 20000,
                        "startTime": 0.25,
                        "endTime": 0.5,
                        "volume": 0,
                    }
                ],
            }
        ],
    }

    doc, _ = from_polotno(store)

    video = doc.pages[0].objects[0]
    assert (video.start, video.end, video.muted) == (5, 10, True)
    assert doc.pages[0].duration == 12


def test_polotno_shorthands_and_missing_attributes():
    store = {
        "width": 800,
        "height": 800,
        "unit": "cm",
        "dpi": 299.6,
        "pages": [
            {
                "id": "p",
                "children": [
                    {
                        "id": "a",
                        "type": "text",
                        "text": "줄 하나\n줄 둘",
                        "fontSize": 20,
                        "lineHeight": "auto",
                        "rotation": 450,
                        "fontWeight": "550",
                        "locked": True,
                    },
                    {"id": "b", "type": "figure"},
                    {"id": "c", "type": "line", "x": 5, "y": 6},
                ],
            }
        ],
    }

    doc, warnings = from_polotno(store)

    text, figure, line = doc.pages[0].objects
    assert (text.width, text.height, text.rotation, text.locked) == (100, 48, 90, True)
    assert (text.style.font_weight, text.style.line_height, text.style.align) == (600, 1.2, "center")
    assert (figure.shape, figure.width, figure.height, figure.fill) == ("rect", 100, 100, "#00A1FF")
    assert (line.width, line.stroke_width, line.stroke) == (400, 10, "#000000")
    # Polotno's numbers are pixels whatever its unit says: the unit is only what its editor shows.
    assert (doc.unit, doc.dpi, doc.channel, doc.metadata["polotno_unit"]) == ("px", 300, "kakao_feed", "cm")
    assert any("fontWeight: font weight '550' was rounded to 600" in w for w in warnings)
    assert any("lineHeight: 'auto'" in w for w in warnings)
    assert not any(w.startswith("unit:") for w in warnings)


# ----------------------------------------------------------------------------- units


def a5_store(unit: str) -> dict:
    """An A5 flyer as Polotno saves it at 300 dpi: 1748×2480, every length in pixels whatever ``unit``."""
    return {
        "width": 1748,
        "height": 2480,
        "unit": unit,
        "dpi": 300,
        "fonts": [],
        "pages": [
            {
                "id": "front",
                "background": "#FFFFFF",
                "children": [
                    {"id": "band", "type": "figure", "subType": "rect", "x": 0, "y": 1860, "width": 1748,
                     "height": 620, "fill": "#14213D", "cornerRadius": 24, "strokeWidth": 6, "stroke": "#FF5A1F"},
                    {"id": "title", "type": "text", "x": 118, "y": 236.5, "width": 1512, "height": 260,
                     "text": "A5 전단지", "fontSize": 177, "letterSpacing": 0.05, "lineHeight": 1.1,
                     "rotation": 0},
                    {"id": "rule", "type": "line", "x": 118, "y": 620, "width": 1512, "height": 12,
                     "color": "#FF5A1F"},
                    {"id": "pair", "type": "group", "children": [
                        {"id": "left", "type": "figure", "subType": "circle", "x": 200, "y": 900, "width": 354,
                         "height": 354, "fill": "#2EC4B6"},
                        {"id": "right", "type": "text", "x": 700, "y": 950, "width": 900, "height": 140,
                         "text": "148 × 210 mm", "fontSize": 118},
                    ]},
                ],
            }
        ],
    }  # fmt: skip


@pytest.mark.parametrize("unit", ["mm", "in"])
def test_polotno_lengths_are_pixels_whatever_the_unit_and_dpi(unit):
    store = a5_store(unit)

    doc, warnings = from_polotno(store)

    assert warnings == []
    assert (doc.width, doc.height, doc.unit, doc.dpi) == (1748, 2480, "px", 300)
    assert doc.metadata == {"polotno_unit": unit}
    band, title, rule, pair = doc.pages[0].objects
    assert (band.x, band.y, band.width, band.height) == (0, 1860, 1748, 620)
    assert (band.corner_radius, band.stroke_width) == (24, 6)
    assert (title.x, title.y, title.width, title.height) == (118, 236.5, 1512, 260)
    assert (title.style.font_size, title.style.letter_spacing) == (177, pytest.approx(177 * 0.05))
    assert (rule.width, rule.stroke_width) == (1512, 12)
    assert (pair.x, pair.y, pair.width, pair.height) == (200, 900, 1400, 354)
    assert pair.children[1].style.font_size == 118

    out = to_polotno(doc)

    assert (out["width"], out["height"], out["unit"], out["dpi"]) == (1748, 2480, unit, 300)
    exported = {el["id"]: el for el in out["pages"][0]["children"]}
    for original in store["pages"][0]["children"]:
        if original["type"] == "group":
            continue
        for attr in ("x", "y", "width", "height", "fontSize", "strokeWidth", "cornerRadius", "letterSpacing"):
            if attr in original:
                assert exported[original["id"]][attr] == pytest.approx(original[attr]), (original["id"], attr)
    assert [c["x"] for c in exported["pair"]["children"]] == [200, 700]
    assert from_polotno(out) == (doc, [])


@pytest.mark.parametrize("unit", ["mm", "in"])
def test_an_imported_a5_design_renders_at_its_pixel_size_and_prints_as_a5(unit):
    from documents.render import render_page, render_pdf

    doc, _ = from_polotno(a5_store(unit))

    png = render_page(doc)
    assert (png.width, png.height) == (1748, 2480)
    # The dpi stays: the PDF page is 1748/300 × 2480/300 inches, A5.
    pdf = render_pdf(doc, scale=0.25)
    box = re.search(rb"/MediaBox \[ 0 0 ([\d.]+) ([\d.]+) \]", pdf.content)
    width_mm, height_mm = (float(v) / 72 * 25.4 for v in box.groups())
    assert (width_mm, height_mm) == (pytest.approx(148, abs=0.1), pytest.approx(210, abs=0.1))


def test_a_polotno_unit_it_does_not_know_is_dropped_with_a_warning():
    store = a5_store("furlong")

    doc, warnings = from_polotno(store)

    assert (doc.unit, doc.width, doc.metadata) == ("px", 1748, {})
    assert warnings == ["unit: 'furlong' is not a Polotno unit (px, pt, mm, cm, in); dropped"]
    assert to_polotno(doc)["unit"] == "px"


def test_a_unit_that_is_not_a_string_is_an_error_naming_it():
    with pytest.raises(ValueError, match=r"^unit: expected a string"):
        from_polotno({**a5_store("mm"), "unit": 25.4})


# ----------------------------------------------------------------------------- roles from names and shapes


def editor_store(*children) -> dict:
    """A 1080×1080 page made in Polotno: no ``custom``, elements named by the designer."""
    return {"width": 1080, "height": 1080, "unit": "px", "dpi": 72, "pages": [{"id": "p", "children": list(children)}]}


def el(kind: str, id_: str, name: str, box=(100, 100, 300, 90), **attrs) -> dict:
    x, y, w, h = box
    base = {"id": id_, "type": kind, "name": name, "x": x, "y": y, "width": w, "height": h}
    if kind == "text":
        base.update(text="Sample", fontSize=32)
    elif kind == "image":
        base.update(src="https://images.unsplash.com/photo-1")
    elif kind == "figure":
        base.update(subType="rect", fill="#FF5A1F")
    return {**base, **attrs}


@pytest.mark.parametrize(
    ("kind", "name", "role"),
    [
        ("text", "headline", "headline"),
        ("text", "Title 2", "headline"),
        ("text", "main_heading", "headline"),
        ("text", "헤드라인", "headline"),
        ("text", "메인 헤드라인 1", "headline"),
        ("text", "subheadline", "subheadline"),
        ("text", "subTitle", "subheadline"),
        ("text", "sub-title", "subheadline"),
        ("text", "서브헤드라인", "subheadline"),
        ("text", "부제목", "subheadline"),
        ("text", "body", "body"),
        ("text", "description-2", "body"),
        ("text", "본문", "body"),
        ("text", "hashtags", "hashtags"),
        ("text", "해시태그", "hashtags"),
        ("text", "price-sale", "price"),
        ("text", "priceSale", "price"),
        ("text", "가격", "price"),
        ("text", "할인가격", "price"),
        ("text", "price-original", "original_price"),
        ("text", "price_old", "original_price"),
        ("text", "strikethrough", "original_price"),
        ("text", "정가", "original_price"),
        ("text", "discount-badge-text", "discount_badge"),
        ("text", "할인 배지", "discount_badge"),
        ("text", "세일 헤드라인", "headline"),
        ("text", "cta", "cta"),
        ("text", "ctaLabel", "cta"),
        ("text", "구매 버튼", "cta"),
        ("text", "product-name", "product_name"),
        ("text", "disclaimer", "disclaimer"),
        ("image", "brand-logo", "logo"),
        ("image", "brandLogo", "logo"),
        ("image", "로고", "logo"),
        ("image", "logo (1)", "logo"),
        ("image", "product", "product_image"),
        ("image", "product-image", "product_image"),
        ("image", "productImage01", "product_image"),
        ("image", "hero", "product_image"),
        ("image", "상품 사진", "product_image"),
        ("image", "background", "background_image"),
        ("image", "BG", "background_image"),
        ("image", "discount-badge-1", "badge"),
        ("figure", "bg", "background_shape"),
        ("figure", "배경", "background_shape"),
        ("figure", "discount-badge-1", "badge"),
        ("figure", "badge-bg", "badge"),
        ("figure", "cta-button", "cta_button"),
        ("figure", "버튼", "cta_button"),
        ("figure", "divider", "divider"),
        ("group", "discount-badge", "discount_badge"),
        ("group", "cta", "cta_button"),
        ("group", "logo-lockup", "logo"),
    ],
)
def test_roles_come_from_element_names_whatever_their_spelling(kind, name, role):
    element = el(kind, "named", name)
    if kind == "group":
        element = {"id": "named", "type": "group", "name": name, "children": [el("figure", "inner", "")]}

    doc, _ = from_polotno(editor_store(el("text", "other", "", (100, 600, 800, 100)), element))

    assert objects_by_id(doc)["named"].role == role


def test_names_that_say_nothing_leave_the_page_to_decide():
    doc, _ = from_polotno(
        editor_store(
            el("text", "big", "text-1", (80, 80, 900, 150), fontSize=90),
            el("text", "small", "Text 2", (80, 400, 900, 80)),
            el("image", "pic", "image", (500, 500, 400, 400)),
            el("figure", "box", "Rectangle 3", (0, 0, 1080, 1080)),
        )
    )

    roles = {o.id: o.role for o in doc.pages[0].objects}
    assert roles == {"big": "headline", "small": "body", "pic": "product_image", "box": "background_shape"}


def test_what_a_text_says_or_how_it_looks_gives_its_role():
    doc, _ = from_polotno(
        editor_store(
            el("text", "tags", "", (80, 900, 900, 60), text="#봄세일 #신상품  #OOTD"),
            el("text", "was", "", (80, 700, 300, 60), text="59,800원", textDecoration="line-through"),
            el("text", "named", "price", (80, 600, 300, 60), text="$39", textDecoration="underline line-through"),
            el("text", "hash", "", (80, 100, 900, 120), text="# 1 in Korea", fontSize=80),
        )
    )

    roles = {o.id: o.role for o in doc.pages[0].objects}
    assert roles == {"tags": "hashtags", "was": "original_price", "named": "original_price", "hash": "headline"}


def test_a_cta_text_over_a_rectangle_makes_both_the_button():
    doc, _ = from_polotno(
        editor_store(
            el("figure", "bg", "", (0, 0, 1080, 1080), fill="#14213D"),
            el("text", "headline", "", (80, 80, 900, 150), fontSize=90),
            el("figure", "pill", "Rectangle 2", (700, 900, 300, 90), cornerRadius=45),
            el("text", "label", "cta-label", (720, 920, 260, 50), text="지금 구매", align="center"),
        )
    )

    roles = {o.id: o.role for o in doc.pages[0].objects}
    assert roles == {"bg": "background_shape", "headline": "headline", "pill": "cta_button", "label": "cta_button"}


def test_a_cta_text_over_nothing_is_the_cta_and_one_with_its_own_background_the_button():
    doc, _ = from_polotno(
        editor_store(
            # Above the text (painted after it), so not under it.
            el("text", "plain", "CTA", (700, 900, 260, 50)),
            el("figure", "over", "", (690, 890, 300, 80), cornerRadius=10),
            el("text", "filled", "button-text", (80, 900, 260, 50), backgroundEnabled=True, backgroundColor="#FF0000"),
        )
    )

    roles = {o.id: o.role for o in doc.pages[0].objects}
    assert (roles["plain"], roles["over"], roles["filled"]) == ("cta", "decoration", "cta_button")


def test_a_short_unnamed_label_alone_on_a_small_rounded_rectangle_is_a_button():
    doc, _ = from_polotno(
        editor_store(
            el("text", "headline", "", (80, 80, 900, 150), fontSize=90),
            el("figure", "pill", "", (700, 900, 300, 90), cornerRadius=45),
            el("text", "go", "", (720, 920, 260, 50), text="Shop now"),
            # A card with two texts on it is a card; a square-cornered box is not a button either.
            el("figure", "card", "", (80, 300, 500, 300), cornerRadius=24),
            el("text", "c1", "", (100, 320, 400, 60), text="Light"),
            el("text", "c2", "", (100, 420, 400, 60), text="Quiet"),
            el("figure", "box", "", (700, 700, 300, 90)),
            el("text", "boxed", "", (720, 720, 260, 50), text="Sale"),
        )
    )

    roles = {o.id: o.role for o in doc.pages[0].objects}
    assert (roles["pill"], roles["go"]) == ("cta_button", "cta_button")
    assert (roles["card"], roles["c1"], roles["c2"]) == ("decoration", "body", "body")
    assert (roles["box"], roles["boxed"]) == ("decoration", "body")


def test_a_rotated_button_is_found_inside_a_group():
    group = {
        "id": "btn",
        "type": "group",
        "name": "",
        "children": [
            el("figure", "shape", "", (700, 900, 300, 90), cornerRadius=45, rotation=-10),
            el("text", "label", "구매버튼 텍스트", (712, 910, 260, 50), rotation=-10),
        ],
    }

    doc, _ = from_polotno(editor_store(el("text", "headline", "", (80, 80, 900, 150), fontSize=90), group))

    roles = {o.id: o.role for o in objects_by_id(doc).values()}
    assert (roles["btn"], roles["shape"], roles["label"]) == ("other", "cta_button", "cta_button")


def test_roles_stored_by_sparklio_win_over_names_and_shapes():
    ours = lambda role: {"sparklio": {"v": 1, "keep": {"role": role}}}  # noqa: E731
    doc, _ = from_polotno(
        editor_store(
            el("image", "logo", "brand-logo", custom=ours("illustration")),
            el("figure", "rect", "", (700, 900, 300, 90), cornerRadius=45, custom=ours("card")),
            el("text", "label", "cta-label", (720, 920, 260, 50)),
            el("text", "title", "headline", (80, 600, 900, 100), custom=ours("tagline")),
        )
    )

    roles = {o.id: o.role for o in doc.pages[0].objects}
    assert roles == {"logo": "illustration", "rect": "card", "label": "cta", "title": "tagline"}


# ----------------------------------------------------------------------------- colours


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("#fff", "#FFFFFF"),
        ("#FFF8", "#FFFFFF88"),
        ("#1a2b3c", "#1a2b3c"),
        ("#1a2b3c80", "#1a2b3c80"),
        ("black", "#000000"),
        ("White", "#FFFFFF"),
        ("rebeccapurple", "#663399"),
        ("transparent", "#00000000"),
        ("rgb(0, 161, 255)", "#00A1FF"),
        ("rgba(0,0,0,1)", "#000000"),
        ("rgba(41,107,214,1.0)", "#296BD6"),
        ("rgba(255, 0, 0, 0.5)", "#FF000080"),
        ("rgb(255 0 0 / 50%)", "#FF000080"),
        ("rgb(100%, 0%, 50%)", "#FF0080"),
        ("hsl(120, 100%, 25%)", "#008000"),
        ("hsla(0, 100%, 50%, 0.25)", "#FF000040"),
    ],
)
def test_css_colours_convert_to_hex(css, expected):
    assert css_color_to_hex(css) == expected


@pytest.mark.parametrize("css", ["", "#12", "#ggg", "blurple", "rgb(1,2)", "var(--brand)", "url(x.png)"])
def test_what_is_not_a_colour_is_none(css):
    assert css_color_to_hex(css) is None


def test_unconvertible_colours_are_reported_with_their_path():
    store = polotno_made_store()
    store["pages"][0]["children"][2]["fill"] = "var(--brand-ink)"
    store["pages"][0]["children"][1]["fill"] = "linear-gradient(90deg, #ff0000 0%, rgba(0,0,255,1) 100%)"

    doc, warnings = from_polotno(store)

    assert objects_by_id(doc)["_UpqKWLYBM"].style.color == "#111111"
    assert objects_by_id(doc)["overlay01"].fill == "#ff0000"
    assert any(w.startswith("pages[0].children[2].fill: could not convert colour 'var(--brand-ink)'") for w in warnings)
    assert any(w.startswith("pages[0].children[1].fill: gradient") for w in warnings)


def test_page_background_colour_names_and_images():
    store = polotno_made_store()
    store["pages"][0]["background"] = "rgba(240, 240, 240, 1)"
    second = copy.deepcopy(store["pages"][0])
    second.update(id="second", children=[], background="https://cdn.example.com/paper.jpg")
    store["pages"].append(second)

    doc, _ = from_polotno(store)

    assert (doc.pages[0].background, doc.pages[0].background_image) == ("#F0F0F0", None)
    assert (doc.pages[1].background, doc.pages[1].background_image) == ("#FFFFFF", "https://cdn.example.com/paper.jpg")


# ----------------------------------------------------------------------------- invalid input


def element_store(**element) -> dict:
    return {
        "width": 1080,
        "height": 1080,
        "pages": [
            {
                "id": "p",
                "children": [
                    {"id": "ok", "type": "text", "text": "fine"},
                    {"id": "e", "type": "text", "text": "x", **element},
                ],
            }
        ],
    }


@pytest.mark.parametrize(
    ("store", "message"),
    [
        ([], "document: expected a Polotno store JSON object"),
        ({"height": 10, "pages": [{}]}, "width: a Polotno store needs a numeric width"),
        ({"width": 10, "height": 10, "pages": []}, "pages: a document needs at least one page"),
        ({"width": 10, "height": 10, "pages": {"id": "p"}}, "pages: expected a list"),
        ({"width": 10, "height": 10, "pages": ["p"]}, "pages[0]: expected an object"),
        ({"width": 10, "height": 10, "pages": [{"children": [{"text": "no type"}]}]}, "pages[0].children[0].type"),
        ({"width": 10, "height": 10, "pages": [{"children": [7]}]}, "pages[0].children[0]: expected an object"),
        (element_store(fontSize="big"), "pages[0].children[1].fontSize: expected a number, got 'big'"),
        (element_store(fontSize=-4), "pages[0].children[1].fontSize: Input should be greater than 0"),
        (element_store(opacity=1.5), "pages[0].children[1].opacity: Input should be less than or equal to 1"),
        (element_store(fill=12), "pages[0].children[1].fill: expected a colour string"),
        (element_store(fontWeight="heavy"), "pages[0].children[1].fontWeight: expected a font weight"),
        (element_store(visible="yes"), "pages[0].children[1].visible: expected true or false"),
        (element_store(id="ok"), "pages[0].children[1].id: duplicate id 'ok' (also at pages[0].children[0])"),
        (element_store(type="image"), "pages[0].children[1].src: an image needs a src"),
        (element_store(type="image", src="data:image/png;base64," + "A" * 3000), "pages[0].children[1].src: 3022"),
        (element_store(type="group", children="none"), "pages[0].children[1].children: expected a list"),
        (element_store(type="svg", src="data:image/svg+xml;base64,@@@"), "pages[0].children[1].src: undecodable"),
        ({"width": 10, "height": 10, "pages": [{"duration": "long"}]}, "pages[0].duration: expected a number"),
    ],
)
def test_invalid_input_names_the_json_path(store, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        from_polotno(store)


def test_unknown_defaults_are_refused():
    with pytest.raises(ValueError, match="defaults: unknown keys"):
        from_polotno(polotno_made_store(), defaults={"colour": "red"})
    with pytest.raises(ValueError, match="defaults.metadata: expected an object"):
        from_polotno(polotno_made_store(), defaults={"metadata": ["x"]})


def test_foreign_or_broken_custom_of_ours_is_ignored_with_a_warning():
    store = polotno_made_store()
    store["pages"][0]["children"][2]["custom"] = {"sparklio": {"v": 99, "keep": {"role": "price"}}}

    doc, warnings = from_polotno(store)

    assert objects_by_id(doc)["_UpqKWLYBM"].role == "headline"
    assert any("pages[0].children[2].custom.sparklio: not in a format" in w for w in warnings)


# ----------------------------------------------------------------------------- seeded random documents


def random_document(seed: int) -> SparklioDocument:
    """A document of random objects, nested groups and awkward floats; the same for the same seed."""
    rnd = random.Random(seed)

    def number(low: float, high: float) -> float:
        value = rnd.choice([rnd.uniform(low, high), round(rnd.uniform(low, high), 1), float(rnd.randint(0, int(high)))])
        return min(max(value, low), high)

    def colour() -> str:
        return rnd.choice(
            [f"#{rnd.randrange(1 << 24):06x}", f"#{rnd.randrange(1 << 24):06X}", f"#{rnd.randrange(1 << 32):08X}"]
        )

    def obj(name: str, depth: int) -> dict:
        kind = rnd.choice(
            ["text", "image", "rect", "ellipse", "line", "polyline", "polygon", "svg", "video"]
            + (["group"] if depth < 2 else [])
        )
        out = {
            "id": name,
            "role": rnd.choice(["headline", "body", "cta", "logo", "badge", "other"]),
            "x": number(-200, 1200),
            "y": number(-200, 1200),
            "width": number(1, 900),
            "height": number(1, 900),
            "rotation": number(-360, 360),
            "opacity": rnd.random(),
            "visible": rnd.random() < 0.8,
            "locked": rnd.random() < 0.3,
            "z_index": rnd.randint(-3, 3),
        }
        if kind == "text":
            out.update(
                type="text",
                text=rnd.choice(["세일", "Sale\nnow", ""]),
                style={
                    "font_size": number(1, 200),
                    "font_weight": rnd.randrange(1, 10) * 100,
                    "color": colour(),
                    "background_color": rnd.choice([None, colour()]),
                    "line_height": number(0.5, 3),
                    "letter_spacing": number(-20, 60),
                    "italic": rnd.random() < 0.5,
                    "shrink_to_fit": rnd.random() < 0.5,
                },
            )
        elif kind == "image":
            out.update(
                type="image",
                src="https://cdn.example.com/a.png",
                corner_radius=number(0, 40),
                crop=rnd.choice([None, {"x": rnd.random(), "width": rnd.uniform(0.01, 1)}]),
            )
        elif kind in ("rect", "ellipse", "line", "polyline", "polygon"):
            count = {"rect": 0, "ellipse": 0, "line": 2, "polyline": 4, "polygon": 5}[kind]
            out.update(
                type="shape",
                shape="line" if kind == "polyline" else kind,
                fill=rnd.choice([None, colour()]),
                stroke=rnd.choice([None, colour()]),
                stroke_width=rnd.choice([0, number(0, 12)]),
                points=[(number(-50, 400), number(-50, 400)) for _ in range(count)],
            )
        elif kind == "svg":
            out.update(type="svg", svg="<svg xmlns='http://www.w3.org/2000/svg'><text>별</text></svg>")
        elif kind == "video":
            out.update(
                type="video",
                src="https://cdn.example.com/v.mp4",
                start=number(0, 5),
                end=rnd.choice([None, number(6, 30)]),
                muted=rnd.random() < 0.5,
            )
        else:
            out.update(type="group", children=[obj(f"{name}-{i}", depth + 1) for i in range(rnd.randint(0, 3))])
        return out

    return SparklioDocument.model_validate(
        {
            "width": number(100, 3000),
            "height": number(100, 3000),
            "language": rnd.choice(["ko", "en"]),
            "fonts": rnd.choice([[], [{"family": "Noto Sans KR", "weights": [300, 700]}]]),
            "pages": [
                {
                    "id": f"page{p}",
                    "background": colour(),
                    "duration": rnd.choice([None, 5, number(1, 60)]),
                    "background_image": rnd.choice([None, "https://cdn.example.com/bg.jpg"]),
                    "objects": [obj(f"o{p}-{i}", 0) for i in range(rnd.randint(0, 6))],
                }
                for p in range(rnd.randint(1, 2))
            ],
        }
    )


@pytest.mark.parametrize("seed", range(60))
def test_random_documents_round_trip(seed):
    doc = random_document(seed)

    back, warnings = roundtrip(doc)

    assert back == doc
    assert warnings == []


JUNK = [
    None,
    0,
    -1,
    1e308,
    "x",
    "",
    [],
    {},
    True,
    "rgba(1,2)",
    [1, "a"],
    {"type": "gif"},
    "data:image/svg+xml;base64,!",
]


@pytest.mark.parametrize("seed", range(300))
def test_damaged_polotno_json_fails_with_a_value_error_or_round_trips(seed):
    # Whatever a broken or hand-edited store holds, the import either names what is wrong or gives a
    # document that itself goes to Polotno and back unchanged.
    rnd = random.Random(seed)
    store = copy.deepcopy(rnd.choice([polotno_made_store(), to_polotno(korean_document())]))
    for _ in range(rnd.randint(1, 4)):
        nodes = [store]
        for node in nodes:
            nodes.extend(v for v in (node.values() if isinstance(node, dict) else node) if isinstance(v, dict | list))
        target = rnd.choice(nodes)
        if isinstance(target, list):
            target.append(copy.deepcopy(rnd.choice(JUNK)))
        elif target:
            target[rnd.choice([*target, "type", "custom"])] = copy.deepcopy(rnd.choice(JUNK))

    try:
        doc, _ = from_polotno(store)
    except (ValueError, ValidationError):
        return
    assert roundtrip(doc)[0] == doc
