"""The Pillow renderer, checked on pixels of what it draws (no snapshots)."""

import base64
import io
import re

import pytest
import respx
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageChops, ImageDraw

from documents.render import FontNotFound, HostNotAllowed, ImageNotAllowed, fonts, render_page, render_pdf, text
from documents.schema import SparklioDocument

WHITE = (255, 255, 255)
RED, BLUE, GREEN = (255, 0, 0), (0, 0, 255), (0, 160, 0)
HEADLINE_KO = "하루 종일, 조용하게 무선 이어폰 X1"


def document(*objects, width=200, height=200, background="#FFFFFF", pages=1, **fields) -> SparklioDocument:
    return SparklioDocument.model_validate(
        {
            "width": width,
            "height": height,
            "pages": [
                {"id": f"p{n}", "background": background, "objects": list(objects) if n == 0 else []}
                for n in range(pages)
            ],
            **fields,
        }
    )


def shape(id="s", shape="rect", x=50, y=50, width=100, height=100, **fields) -> dict:
    return {"id": id, "type": "shape", "role": "decoration", "shape": shape, "x": x, "y": y,
            "width": width, "height": height, **fields}  # fmt: skip


def text_box(value, id="t", x=20, y=20, width=300, height=120, **style) -> dict:
    return {"id": id, "type": "text", "role": "body", "text": value, "x": x, "y": y,
            "width": width, "height": height, "style": style}  # fmt: skip


def picture(src, id="i", x=50, y=50, width=100, height=100, **fields) -> dict:
    return {"id": id, "type": "image", "role": "product_image", "src": src, "x": x, "y": y,
            "width": width, "height": height, **fields}  # fmt: skip


def draw(doc, **options) -> tuple[Image.Image, list[str]]:
    result = render_page(doc, **options)
    return Image.open(io.BytesIO(result.content)).convert("RGB"), result.warnings


def near(pixel, colour, tolerance=6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


def ink(image: Image.Image, background=WHITE, threshold=60):
    """The bounding box (left, top, right, bottom) of pixels clearly unlike the background."""
    diff = ImageChops.difference(image, Image.new("RGB", image.size, background)).convert("L")
    return diff.point(lambda v: 255 if v > threshold else 0).getbbox()


def inside(bbox, box) -> bool:
    left, top, right, bottom = box
    return bbox[0] >= left and bbox[1] >= top and bbox[2] <= right and bbox[3] <= bottom


def png_bytes(size, paint) -> bytes:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    paint(ImageDraw.Draw(image))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def red_left_blue_right() -> bytes:
    def paint(d):
        d.rectangle((0, 0, 99, 99), fill=RED)
        d.rectangle((100, 0, 199, 99), fill=BLUE)

    return png_bytes((200, 100), paint)


# Shapes, geometry and compositing


def test_rect_fills_its_box_and_the_page_background_shows_elsewhere():
    image, _ = draw(document(shape(fill="#FF0000"), background="#00A000"))

    assert image.getpixel((100, 100)) == RED
    assert image.getpixel((50, 50)) == RED and image.getpixel((149, 149)) == RED
    assert image.getpixel((49, 100)) == GREEN and image.getpixel((150, 100)) == GREEN


def test_ellipse_fills_its_centre_but_not_its_box_corners():
    image, _ = draw(document(shape(shape="ellipse", fill="#0000FF")))

    assert image.getpixel((100, 100)) == BLUE
    assert image.getpixel((53, 53)) == WHITE
    assert image.getpixel((100, 52)) == BLUE  # the top of the ellipse reaches its box


def test_rounded_rect_and_stroke_lie_inside_the_box():
    image, _ = draw(document(shape(fill="#FF0000", stroke="#0000FF", stroke_width=6, corner_radius=30)))

    assert image.getpixel((51, 51)) == WHITE  # cut corner
    assert image.getpixel((100, 52)) == BLUE  # stroke, inside the top edge
    assert image.getpixel((100, 100)) == RED
    assert image.getpixel((100, 48)) == WHITE


def test_rotation_turns_clockwise_about_the_centre():
    # A horizontal bar through the page centre; turned 90° it is vertical, 30° it tilts down-right.
    bar = shape(x=40, y=95, width=120, height=10, fill="#FF0000")
    upright, _ = draw(document(bar))
    turned, _ = draw(document({**bar, "rotation": 90}))
    tilted, _ = draw(document({**bar, "rotation": 30}))

    assert upright.getpixel((150, 100)) == RED and upright.getpixel((100, 150)) == WHITE
    assert turned.getpixel((100, 150)) == RED and turned.getpixel((100, 50)) == RED
    assert turned.getpixel((150, 100)) == WHITE and turned.getpixel((100, 100)) == RED
    assert tilted.getpixel((140, 123)) == RED  # clockwise on screen: the right end goes down
    assert tilted.getpixel((140, 77)) == WHITE


def test_opacity_blends_with_what_is_below():
    image, _ = draw(document(shape(fill="#FF0000", opacity=0.5)))

    assert near(image.getpixel((100, 100)), (255, 128, 128), tolerance=2)


def test_translucent_hex_colour_blends_too():
    image, _ = draw(document(shape(fill="#0000FF80")))

    assert near(image.getpixel((100, 100)), (127, 127, 255), tolerance=2)


def test_higher_z_index_is_on_top_whatever_the_list_order():
    top = shape(id="top", x=60, y=60, fill="#0000FF", z_index=2)
    under = shape(id="under", fill="#FF0000", z_index=1)
    image, _ = draw(document(top, under))

    assert image.getpixel((100, 100)) == BLUE
    assert image.getpixel((55, 55)) == RED


def test_equal_z_index_keeps_list_order():
    image, _ = draw(document(shape(id="a", fill="#FF0000"), shape(id="b", x=60, y=60, fill="#0000FF")))

    assert image.getpixel((100, 100)) == BLUE


def test_hidden_and_fully_transparent_objects_are_not_drawn():
    image, _ = draw(document(shape(id="a", fill="#FF0000", visible=False), shape(id="b", fill="#0000FF", opacity=0)))

    assert image.getpixel((100, 100)) == WHITE


def test_line_and_polygon_go_through_points_relative_to_the_object():
    line = shape(id="l", shape="line", x=20, y=30, width=160, height=1, points=[(0, 0), (160, 0)],
                 stroke="#0000FF", stroke_width=6)  # fmt: skip
    triangle = shape(id="p", shape="polygon", x=50, y=80, width=100, height=100,
                     points=[(0, 0), (100, 0), (0, 100)], fill="#FF0000")  # fmt: skip
    image, _ = draw(document(line, triangle))

    assert image.getpixel((100, 30)) == BLUE and image.getpixel((100, 40)) == WHITE
    assert image.getpixel((70, 100)) == RED  # near the right angle
    assert image.getpixel((130, 160)) == WHITE  # the far side of the hypotenuse


def test_group_children_are_relative_to_the_group():
    group = {"id": "g", "type": "group", "role": "card", "x": 100, "y": 100, "width": 80, "height": 80,
             "children": [shape(id="c", x=0, y=0, width=40, height=40, fill="#FF0000")]}  # fmt: skip
    image, _ = draw(document(group))

    assert image.getpixel((110, 110)) == RED
    assert image.getpixel((20, 20)) == WHITE and image.getpixel((150, 150)) == WHITE


def test_group_rotation_and_opacity_apply_to_the_children_as_a_whole():
    children = [shape(id="a", x=0, y=30, width=100, height=10, fill="#FF0000"),
                shape(id="b", x=50, y=30, width=50, height=10, fill="#FF0000")]  # fmt: skip
    group = {"id": "g", "type": "group", "role": "card", "x": 50, "y": 50, "width": 100, "height": 100,
             "rotation": 90, "opacity": 0.5, "children": children}  # fmt: skip
    image, _ = draw(document(group))

    # Turned clockwise about (100, 100), the bar at y=85 becomes a column at x=115; overlapping
    # children do not double the colour, as the group's opacity applies to it flattened.
    assert near(image.getpixel((115, 70)), (255, 128, 128), tolerance=3)
    assert near(image.getpixel((115, 130)), (255, 128, 128), tolerance=3)
    assert image.getpixel((100, 85)) == WHITE


def test_video_without_poster_and_svg_draw_placeholders():
    video = {
        "id": "v",
        "type": "video",
        "role": "scene",
        "src": "videos/x.mp4",
        "x": 0,
        "y": 0,
        "width": 100,
        "height": 100,
    }
    svg = {"id": "sv", "type": "svg", "role": "icon", "svg": "<svg/>", "x": 100, "y": 100, "width": 100, "height": 100}
    image, warnings = draw(document(video, svg))

    assert image.getpixel((5, 5)) == (31, 31, 31)
    assert image.getpixel((52, 50)) == WHITE  # the play triangle
    assert image.getpixel((150, 120)) != WHITE
    assert any("svg sv" in w for w in warnings)


# Text


@pytest.mark.parametrize("value", [HEADLINE_KO, "All day, quietly. Wireless earbuds X1"])
def test_text_is_drawn_inside_its_box(value):
    box = (20, 20, 320, 180)
    image, warnings = draw(document(text_box(value, height=160, font_size=40), width=400, height=260))

    bbox = ink(image)
    assert bbox is not None
    assert inside(bbox, box)
    assert bbox[3] - bbox[1] > 60  # wrapped onto two lines
    assert warnings == []


def test_a_long_korean_run_without_spaces_breaks_between_characters():
    value = "가나다라마바사아자차카타파하" * 4
    image, _ = draw(document(text_box(value, width=200, height=300, font_size=24), width=300, height=400))

    bbox = ink(image)
    assert inside(bbox, (20, 20, 220, 320))
    assert bbox[2] > 190  # lines are filled, not one character each
    assert bbox[3] - bbox[1] > 100


def test_wrapping_breaks_english_at_spaces():
    prepared = text.prepare("quiet wireless earbuds", [fonts.resolve("Noto Sans KR", 400)])
    result = text.layout(prepared, 20, max_width=130, letter_spacing=0, line_height=1.2, language="en")

    assert ["".join(c.text for c in line.clusters) for line in result.lines] == ["quiet wireless", "earbuds"]
    assert not result.broke_word


def test_a_line_never_ends_on_a_separator_dot():
    # "무첨가 로스팅 ·" over "원두" left the dot dangling at the end of the first line
    prepared = text.prepare("무첨가 로스팅 · 싱글 원두", [fonts.resolve("Noto Sans KR", 400)])
    head = text.prepare("무첨가 로스팅 ·", [fonts.resolve("Noto Sans KR", 400)])
    # room for the dot on the first line, not for the word after it
    narrow = text.layout(head, 20, max_width=1000, letter_spacing=0, line_height=1.2, language="ko").lines[0].width + 5

    result = text.layout(prepared, 20, max_width=narrow, letter_spacing=0, line_height=1.2, language="ko")

    lines = ["".join(c.text for c in line.clusters) for line in result.lines]
    assert lines[0] == "무첨가 로스팅" and not any(line.rstrip().endswith("·") for line in lines), lines


def test_explicit_newlines_start_lines():
    prepared = text.prepare("하나\n\n둘", [fonts.resolve("Noto Sans KR", 400)])
    result = text.layout(prepared, 20, max_width=500, letter_spacing=0, line_height=1.2, language="ko")

    assert ["".join(c.text for c in line.clusters) for line in result.lines] == ["하나", "", "둘"]


@pytest.mark.parametrize("align", ["center", "right"])
def test_alignment_places_the_ink(align):
    image, _ = draw(document(text_box("조용하게", x=50, width=300, font_size=32, align=align), width=400))

    left, _, right, _ = ink(image)
    if align == "center":
        assert abs((left + right) / 2 - 200) <= 3
    else:
        assert 345 <= right <= 350 and left > 150


def test_vertical_alignment_bottom_puts_the_ink_at_the_bottom():
    image, _ = draw(document(text_box("Bottom", height=150, font_size=30, vertical_align="bottom")))

    _, top, _, bottom = ink(image)
    assert top > 120 and bottom <= 170


def test_justify_stretches_all_lines_but_the_last():
    value = "one two three four five six seven eight nine ten eleven"
    left_aligned, _ = draw(document(text_box(value, width=260, height=150, font_size=22), width=300))
    justified, _ = draw(document(text_box(value, width=260, height=150, font_size=22, align="justify"), width=300))

    first_line = (0, 20, 300, 45)
    assert ink(justified.crop(first_line))[2] > ink(left_aligned.crop(first_line))[2] + 5
    assert ink(justified.crop(first_line))[2] >= 276


def test_shrink_to_fit_makes_an_overlong_text_fit():
    value = "노이즈 캔슬링과 30시간 배터리로 출퇴근부터 야근까지 흔들림 없이, 하루 종일 조용하게."
    box = (20, 20, 220, 100)
    overflowing, _ = draw(document(text_box(value, width=200, height=80, font_size=40), height=400))
    fitted, warnings = draw(
        document(text_box(value, width=200, height=80, font_size=40, shrink_to_fit=True), height=400)
    )

    assert ink(overflowing)[3] > box[3] + 20
    assert inside(ink(fitted), box)
    assert warnings == []


def test_letter_spacing_widens_the_ink():
    plain, _ = draw(document(text_box("Sparklio", font_size=30)))
    spaced, _ = draw(document(text_box("Sparklio", font_size=30, letter_spacing=8)))

    width = ink(plain)[2] - ink(plain)[0]
    assert ink(spaced)[2] - ink(spaced)[0] == pytest.approx(width + 7 * 8, abs=3)


def test_text_colour_and_background_colour():
    image, _ = draw(document(text_box("X", width=100, height=60, font_size=40, color="#FFFFFF",
                                      background_color="#0000FF")))  # fmt: skip

    assert image.getpixel((22, 78)) == BLUE  # box corner, behind the text
    assert image.getpixel((150, 50)) == WHITE  # outside the box
    assert any(near(image.getpixel((x, y)), WHITE) for x in range(20, 60) for y in range(25, 75))


def test_underline_and_italic_still_draw_inside_the_box():
    image, _ = draw(document(text_box("Italic under", width=250, font_size=30, italic=True, underline=True)))

    assert inside(ink(image), (20, 20, 270, 140))


def test_emoji_without_a_font_warn_and_draw_a_replacement(settings):
    settings.RENDER_FALLBACK_FONTS = []
    image, warnings = draw(document(text_box("좋아요 😀 👍🏽 👨‍👩‍👧", font_size=30), width=400))

    assert len(warnings) == 1
    assert "😀" in warnings[0] and "👍🏽" in warnings[0] and "👨‍👩‍👧" in warnings[0]
    assert ink(image) is not None


def test_a_fallback_font_draws_what_the_main_font_lacks(settings):
    if not fonts.fallbacks(bold=False):
        pytest.skip("no fallback font (DejaVu Sans) on this machine")
    _, warnings = draw(document(text_box("☺ 좋아요", font_size=30)))
    settings.RENDER_FALLBACK_FONTS = []
    _, without = draw(document(text_box("☺ 좋아요", font_size=30)))

    assert warnings == []
    assert "☺" in without[0]


def test_unknown_font_family_falls_back_with_a_warning():
    image, warnings = draw(document(text_box("Hello", font_family="Comic Sans MS")))

    assert ink(image) is not None
    assert warnings == ["text t: font family 'Comic Sans MS' is not installed; drawn with Noto Sans CJK KR"]


def test_font_not_found_names_what_was_looked_for(monkeypatch):
    missing = fonts.Family("Gone", regular=(fonts.FontSource(module="no_such_font_package"),))
    monkeypatch.setitem(fonts._families, "gone", missing)

    with pytest.raises(FontNotFound, match="no_such_font_package"):
        fonts.resolve("Gone", 400)


def test_bold_and_regular_are_different_files():
    assert fonts.resolve("Noto Sans KR", 700) != fonts.resolve("Noto Sans KR", 400)
    assert fonts.font(fonts.resolve("Noto Sans KR", 400), 20).getname() == ("Noto Sans CJK KR", "Regular")
    assert fonts.font(fonts.resolve("Noto Sans KR", 600), 20).getname()[1] == "Bold"


# Images


def test_storage_image_with_cover_fills_the_box_cutting_the_sides():
    default_storage.save("brands/1/2/logos/rb.png", ContentFile(red_left_blue_right()))
    image, warnings = draw(document(picture("brands/1/2/logos/rb.png", fit="cover")))

    assert warnings == []
    assert image.getpixel((60, 55)) == RED and image.getpixel((140, 145)) == BLUE
    assert image.getpixel((48, 100)) == WHITE


def test_storage_image_with_contain_leaves_bands_and_rounded_corners_cut(settings):
    default_storage.save("brands/1/rb.png", ContentFile(red_left_blue_right()))
    contained, _ = draw(document(picture("storage:brands/1/rb.png", fit="contain"), background="#00A000"))
    rounded, _ = draw(document(picture("brands/1/rb.png", corner_radius=30), background="#00A000"))

    assert contained.getpixel((100, 60)) == GREEN and contained.getpixel((100, 140)) == GREEN
    assert contained.getpixel((60, 100)) == RED and contained.getpixel((140, 100)) == BLUE
    assert rounded.getpixel((51, 51)) == GREEN and rounded.getpixel((148, 148)) == GREEN
    assert rounded.getpixel((60, 100)) == RED


def test_crop_selects_part_of_the_source():
    default_storage.save("rb.png", ContentFile(red_left_blue_right()))
    image, _ = draw(document(picture("rb.png", fit="fill", crop={"x": 0.5, "width": 0.5})))

    assert image.getpixel((55, 55)) == BLUE and image.getpixel((145, 145)) == BLUE


def test_media_url_paths_and_data_urls_are_read():
    default_storage.save("rb.png", ContentFile(red_left_blue_right()))
    data_url = "data:image/png;base64," + base64.b64encode(red_left_blue_right()).decode()
    image, warnings = draw(document(picture("/media/rb.png", id="a", fit="fill"),
                                    picture(data_url, id="b", y=160, height=20, fit="fill")))  # fmt: skip

    assert warnings == []
    assert image.getpixel((60, 100)) == RED and image.getpixel((140, 170)) == BLUE


def test_allowed_path_hook_limits_storage_paths():
    default_storage.save("brands/2/x.png", ContentFile(red_left_blue_right()))
    doc = document(picture("brands/2/x.png"))

    with pytest.raises(ImageNotAllowed, match="outside"):
        render_page(doc, allowed_path=lambda path: path.startswith("brands/1/"))
    assert render_page(doc, allowed_path=lambda path: path.startswith("brands/2/")).warnings == []


@pytest.mark.parametrize(
    "src",
    [
        "file:///etc/passwd",
        "/etc/passwd",
        "//example.com/logo.png",
        "../../etc/passwd",
        "brands/1/../../../etc/passwd",
        "ftp://example.com/x.png",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "http:///x.png",
        "http://[::1/x.png",
        "http://cdn.sparklio.test:port/x.png",
    ],
)
def test_sources_that_are_neither_storage_data_nor_web_urls_are_refused(src, settings):
    settings.RENDER_IMAGE_ALLOWED_HOSTS = ["cdn.sparklio.test"]
    with pytest.raises(ImageNotAllowed) as raised:
        render_page(document(picture(src)))
    assert not isinstance(raised.value, HostNotAllowed)


@respx.mock  # a request to any host not routed here fails the test
@pytest.mark.parametrize(
    "src",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/logo.png",
        "http://10.0.0.1:8080/x.png",
        "https://cdn.sparklio.test@evil.test/x.png",
    ],
)
def test_images_on_other_hosts_are_never_fetched_and_drawn_as_placeholders(src, settings):
    settings.RENDER_IMAGE_ALLOWED_HOSTS = ["cdn.sparklio.test"]
    routes = [respx.route(host=host) for host in ("169.254.169.254", "example.com", "10.0.0.1", "evil.test")]
    cdn = respx.route(host="cdn.sparklio.test")

    image, warnings = draw(document(picture(src, x=40, y=40, width=120, height=120), background="#14213D"))

    assert not any(route.called for route in [*routes, cdn])
    assert len(warnings) == 1
    assert (
        "image i: " in warnings[0]
        and "not in RENDER_IMAGE_ALLOWED_HOSTS: not fetched, drawn as a placeholder" in (warnings[0])
    )
    assert image.getpixel((70, 100)) == (240, 240, 240)  # the placeholder, plainly visible on the page
    assert image.getpixel((20, 20)) == (0x14, 0x21, 0x3D)


def test_a_page_background_and_a_poster_on_another_host_are_placeholders_too():
    doc = SparklioDocument.model_validate(
        {
            "width": 100,
            "height": 100,
            "pages": [
                {
                    "id": "p",
                    "background_image": "https://images.unsplash.com/photo-1",
                    "objects": [
                        {"id": "v", "type": "video", "role": "scene", "src": "https://example.com/v.mp4",
                         "poster": "https://example.com/poster.jpg", "x": 10, "y": 10, "width": 50, "height": 50},
                    ],
                }
            ],
        }
    )  # fmt: skip

    result = render_page(doc)

    assert len(result.warnings) == 2
    assert result.warnings[0].startswith("page p background: 'https://images.unsplash.com/photo-1' is on host")
    assert result.warnings[1].startswith("video v poster: 'https://example.com/poster.jpg' is on host")


def test_a_page_background_image_is_checked_too():
    doc = SparklioDocument.model_validate(
        {"width": 50, "height": 50, "pages": [{"id": "p", "background_image": "file:///etc/passwd"}]}
    )

    with pytest.raises(ImageNotAllowed):
        render_page(doc)


@respx.mock
def test_allowed_hosts_are_fetched_and_redirects_elsewhere_never_followed(settings):
    settings.RENDER_IMAGE_ALLOWED_HOSTS = ["cdn.sparklio.test"]
    respx.get("https://cdn.sparklio.test/rb.png").respond(200, content=red_left_blue_right())
    respx.get("https://cdn.sparklio.test/moved.png").respond(302, headers={"location": "http://10.0.0.1/x.png"})
    internal = respx.get("http://10.0.0.1/x.png").respond(200, content=red_left_blue_right())

    image, warnings = draw(document(picture("https://cdn.sparklio.test/rb.png", fit="fill")))
    assert warnings == [] and image.getpixel((60, 100)) == RED
    image, warnings = draw(document(picture("https://cdn.sparklio.test/moved.png")))
    assert not internal.called
    assert warnings == [
        "image i: 'https://cdn.sparklio.test/moved.png' redirects to host '10.0.0.1', not in "
        "RENDER_IMAGE_ALLOWED_HOSTS: not fetched, drawn as a placeholder"
    ]
    assert image.getpixel((70, 100)) == (240, 240, 240)


@respx.mock
def test_an_oversized_download_is_refused_with_a_warning(settings):
    settings.RENDER_IMAGE_ALLOWED_HOSTS = ["cdn.sparklio.test"]
    settings.RENDER_IMAGE_MAX_BYTES = 100
    respx.get("https://cdn.sparklio.test/big.png").respond(200, content=b"x" * 1000)

    image, warnings = draw(document(picture("https://cdn.sparklio.test/big.png")))

    assert "larger than 100 bytes" in warnings[0]
    assert image.getpixel((100, 60)) != WHITE  # a visible placeholder instead


def test_a_missing_or_broken_storage_image_becomes_a_placeholder_and_a_warning():
    default_storage.save("broken.png", ContentFile(b"not an image"))
    image, warnings = draw(document(picture("nope.png", id="a"), picture("broken.png", id="b", y=160, height=30)))

    assert len(warnings) == 2
    assert "image a" in warnings[0] and "no such file" in warnings[0]
    assert image.getpixel((100, 60)) != WHITE


def test_video_poster_is_drawn():
    default_storage.save("poster.png", ContentFile(red_left_blue_right()))
    video = {"id": "v", "type": "video", "role": "scene", "src": "v.mp4", "poster": "poster.png",
             "x": 50, "y": 50, "width": 100, "height": 100}  # fmt: skip
    image, _ = draw(document(video))

    assert image.getpixel((60, 100)) == RED


# Output


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("jpeg", "image/jpeg"), ("webp", "image/webp"), ("png", "image/png")]
)
def test_formats_decode_at_the_document_size(fmt, content_type):
    result = render_page(document(shape(fill="#FF0000"), width=320, height=180), fmt=fmt)

    decoded = Image.open(io.BytesIO(result.content))
    assert decoded.format == {"jpeg": "JPEG", "webp": "WEBP", "png": "PNG"}[fmt]
    assert decoded.size == (320, 180) == (result.width, result.height)
    assert result.content_type == content_type
    assert near(decoded.convert("RGB").getpixel((100, 100)), RED, tolerance=8)


def test_scale_half_halves_the_size_and_keeps_the_layout():
    result = render_page(document(shape(fill="#FF0000"), width=320, height=180), scale=0.5)

    image = Image.open(io.BytesIO(result.content)).convert("RGB")
    assert image.size == (160, 90)
    assert image.getpixel((50, 50)) == RED and image.getpixel((20, 20)) == WHITE


def test_mm_documents_use_their_dpi():
    doc = document(width=25.4, height=50.8, unit="mm", dpi=100)

    assert (render_page(doc).width, render_page(doc).height) == (100, 200)


def test_pdf_has_one_page_per_document_page():
    result = render_pdf(document(shape(fill="#FF0000"), pages=3, title="X1"))

    assert result.content.startswith(b"%PDF")
    assert result.content_type == "application/pdf"
    assert len(re.findall(rb"/Type\s*/Page\b", result.content)) == 3


def test_bad_page_scale_and_format_are_refused():
    doc = document(pages=2)

    with pytest.raises(IndexError, match="2 page"):
        render_page(doc, page=2)
    with pytest.raises(IndexError):
        render_page(doc, page=-1)
    with pytest.raises(ValueError, match="scale"):
        render_page(doc, scale=5)
    with pytest.raises(ValueError, match="format"):
        render_page(doc, fmt="gif")


def test_a_translucent_page_stays_translucent_in_png_and_turns_white_in_jpeg():
    doc = document(background="#00000000")
    png = Image.open(io.BytesIO(render_page(doc).content))
    jpeg = Image.open(io.BytesIO(render_page(doc, fmt="jpeg").content))

    assert png.mode == "RGBA" and png.getpixel((10, 10))[3] == 0
    assert near(jpeg.getpixel((10, 10)), WHITE, tolerance=2)


def test_graphemes_keep_emoji_sequences_and_flags_together():
    prepared = text.prepare("a👨‍👩‍👧🇰🇷é", [fonts.resolve("Noto Sans KR", 400)])

    assert [c.text for c in prepared.paragraphs[0]][0] == "a"
    assert len(prepared.paragraphs[0]) == 4
    assert prepared.missing == ["👨‍👩‍👧", "🇰🇷"]


def test_rotated_edges_are_anti_aliased():
    image, _ = draw(document(shape(fill="#FF0000", rotation=30)))

    blended = sum(1 for pixel in image.get_flattened_data() if not near(pixel, RED, 40) and not near(pixel, WHITE, 40))
    assert blended > 250  # most of the ~400 edge pixels


def test_a_box_narrower_than_one_character_puts_one_per_line():
    prepared = text.prepare("가나 다", [fonts.resolve("Noto Sans KR", 400)])
    result = text.layout(prepared, 20, max_width=1, letter_spacing=0, line_height=1.2, language="ko")

    assert ["".join(c.text for c in line.clusters) for line in result.lines] == ["가", "나", "다"]
    assert result.broke_word


def test_empty_and_blank_text_render_without_ink():
    image, warnings = draw(document(text_box("", id="a"), text_box("  \n ", id="b", background_color="#0000FF")))

    assert warnings == []
    assert image.getpixel((30, 30)) == BLUE


def test_huge_objects_cost_no_huge_memory():
    huge_ellipse = shape(id="e", shape="ellipse", x=-50_000, y=-50_000, width=100_000, height=100_000, fill="#0000FF")
    huge_rect = shape(id="r", x=-50_000, y=50, width=100_000, height=100, fill="#FF0000")
    far_polygon = shape(id="p", shape="polygon", points=[(0, 0), (90_000, 0), (0, 90_000)], fill="#00A000")
    overflowing = {**text_box("가" * 5_000, id="t", width=10, height=10, font_size=30), "rotation": 45}
    image, warnings = draw(document(overflowing, huge_ellipse, huge_rect, far_polygon))

    assert warnings == ["shape e: too large to draw (100000×100000 px); skipped"]
    assert image.getpixel((5, 5)) == WHITE and image.getpixel((5, 60)) == RED
    assert image.getpixel((190, 190)) == GREEN


@pytest.mark.parametrize(
    "item",
    ["• Sends automatic reminders to every client", "• 우유 버터만 써서 부드럽고 촉촉해요 정말로"],
)
def test_a_wrapped_list_item_hangs_under_its_text_not_its_mark(item):
    """The second line of a list item starts where the first line's text does, not under the
    bullet ("• Sends automatic" / "reminders" was set flush with the mark)."""
    size, width = 32, 330
    doc = document(
        text_box(item, x=10, y=10, width=width, height=200, font_size=size, color="#000000", line_height=1.5),
        width=360,
        height=240,
    )
    image, _ = draw(doc)
    pitch = size * 1.5
    first = ink(image.crop((0, 10, 360, round(10 + pitch))))
    second = ink(image.crop((0, round(10 + pitch), 360, round(10 + 2 * pitch))))
    assert first and second, "the item wraps onto a second line"
    # the first line's text starts after the mark: find its first ink after a gap
    row = image.crop((0, 10, 360, round(10 + pitch))).convert("L")
    columns = [any(row.getpixel((x, y)) < 128 for y in range(row.height)) for x in range(row.width)]
    mark_end = columns.index(False, columns.index(True))
    text_start = columns.index(True, mark_end)
    assert abs(second[0] - text_start) <= 4, (second[0], text_start, first[0])
    assert second[0] > first[0] + 8  # not flush with the bullet


def test_a_line_that_is_no_list_item_does_not_hang():
    doc = document(
        text_box("Sends automatic reminders to every client", x=10, y=10, width=330, height=200, font_size=32,
                 color="#000000", line_height=1.5),
        width=360,
        height=240,
    )  # fmt: skip
    image, _ = draw(doc)
    first = ink(image.crop((0, 10, 360, 58)))
    second = ink(image.crop((0, 58, 360, 106)))
    assert first and second and abs(second[0] - first[0]) <= 4
