"""Small layout rules: a badge's text keeps its padding and a headline or badge no lone word on
its last line; the offer's badge never the call to action's box; one colour's text the same everywhere."""

import pytest

from brands.tests.factories import BrandKitFactory
from templates.campaign import balanced, compose
from templates.services import brand_palette


@pytest.mark.parametrize(
    ("role", "value", "size", "width"),
    [
        ("discount_badge", "이번 주 금·토 이틀만 음료 1잔 무료", 38, 460),
        ("discount_badge", "Buy one and get the second half price · Tuesdays only", 38, 520),
        ("discount_badge", "First 50 customers get a free bandana for their pup", 38, 480),
        ("headline", "국내산 닭가슴살로 더 새로워진 닭가슴살 져키", 78, 517),
    ],
)
def test_lines_are_even_and_no_word_is_left_alone(role, value, size, width):
    broken = balanced(role, value, size, width)
    lines = broken.split("\n")
    assert "".join(broken.split()) == "".join(value.split())
    assert len(lines) >= 2 and len(lines[-1].split()) >= 2, lines


def test_a_badge_box_leaves_padding_round_its_lines():
    skeleton = compose(
        "instagram_feed",
        {"headline": "트러플 감자 뇨끼", "discount_badge": "이번 주 금·토 이틀만 음료 1잔 무료", "cta_button": "주문"},
        logo=False,
        picture=True,
        language="ko",
    )
    badge = next(o for o in skeleton["pages"][0]["objects"] if o["role"] == "discount_badge")
    from templates.campaign import _measure

    layout = _measure(badge["text"], badge["style"]["font_size"], 700, 100_000, 1.25)
    widest = max(line.width for line in layout.lines)
    assert (badge["width"] - widest) / 2 >= 12


@pytest.mark.django_db
def test_without_an_accent_the_badge_is_not_the_buttons_colour(workspace):
    brand = BrandKitFactory(workspace=workspace)
    brand.colors.all().delete()
    brand.colors.create(name="Brick", hex="#B23A2B", role="primary")
    palette = brand_palette(brand)
    assert palette["accent"] != palette["primary"]
    assert palette["on_primary"] == "#FFFFFF" and palette["on_accent"] != "#FFFFFF"


@pytest.mark.django_db
def test_text_on_the_default_orange_is_chosen_by_contrast(workspace):
    brand = BrandKitFactory(workspace=workspace)
    brand.colors.all().delete()
    assert brand_palette(brand)["on_primary"] == "#111111"  # white on #FF5A1F is 3:1, dark 6:1
