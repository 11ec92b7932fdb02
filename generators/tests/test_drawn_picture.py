"""The product picture drawn when there is no photo: a drawing of the kind of product in the
brand's colours, never the product's name typed large a second time."""

import pytest

from generators.base import GeneratorInput, Work
from generators.context import GenContext, channel_rules, resolve_slots
from generators.icons import ICONS, icon_objects
from generators.image import card_objects

pytestmark = pytest.mark.django_db


def work_for(product, category, features):
    inp = GeneratorInput(product=product, category=category, features=features, language="ko")
    ctx = GenContext()
    slots = resolve_slots(inp, ctx.brand)
    return Work(inp, slots, channel_rules(slots), ctx)


@pytest.mark.parametrize("details", [False, True])
def test_the_card_is_a_drawing_not_the_name(details):
    work = work_for("트러플 감자 뇨끼", "food", ["매일 빚는 반죽", "트러플오일"])
    objects, _ = card_objects(
        work, width=1024, height=1024, headline=None, sub="", cta=None, picture=None, details=details
    )
    texts = [o.get("text", "") for o in objects if o["type"] == "text"]
    assert not any("뇨끼" in text and "•" not in text for text in texts), texts
    assert sum(o["type"] == "shape" and o["id"].startswith("icon-") for o in objects) >= 3


def test_every_kind_of_product_has_its_own_drawing_inside_its_box():
    colours = {"primary": "#112233", "accent": "#FFAA00", "background": "#FFFFFF"}
    drawings = set()
    for category in ICONS:
        parts = icon_objects(category, (100, 100, 400, 300), colours)
        for part in parts[1:]:  # the soft disc behind may reach past the box
            assert part["x"] >= 100 and part["x"] + part["width"] <= 500.01, (category, part)
            assert part["y"] >= 100 and part["y"] + part["height"] <= 400.01, (category, part)
        drawings.add(id(ICONS[category]))
    assert len(drawings) >= 14


@pytest.mark.parametrize(
    ("category", "product", "kind"),
    [
        ("food", "버터 소금빵", "bakery"),
        ("food", "Sourdough Country Loaf", "bakery"),
        (None, "Cinnamon Swirl Bagel", "bakery"),
        ("food", "토렴 수육국밥", "food"),
        ("beverage", "Maple Oat Latte", "beverage"),
        ("beauty", "Cupcake Lip Balm", "beauty"),  # a cosmetic named after a cake is no cake
    ],
)
def test_a_baked_good_is_drawn_as_bread(category, product, kind):
    # the review saw a bowl of soup for 소금빵 (and a sauce bottle for bread before that)
    from generators.icons import BREAD, icon_for, picture_kind

    assert picture_kind(category, product) == kind
    assert (icon_for(picture_kind(category, product)) is BREAD) == (kind == "bakery")
