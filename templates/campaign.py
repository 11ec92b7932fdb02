"""Campaign layouts: one design per channel that carries the product, its features, the offer,
the price and a call to action, laid out for the texts it will really hold.

The skeleton is computed, not drawn by hand: a text column beside the product picture on wide
and square pages, a stack on tall ones. Each text's box is sized from the renderer's own line
layout of the text it will hold (so a two-word headline does not reserve four lines and a long
one is not squeezed), slots with nothing to say are left out and the space closes up, and every
box stays inside the channel's safe margin. The shared library keeps one campaign template per
channel (all slots, sample texts) for previews; workflows compose the skeleton for their copy.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from PIL import ImageFont

from documents.render import fonts, text
from documents.render.integrity import MIN_TEXT_PX, MIN_TEXT_SHARE
from documents.schema import CHANNEL_PRESETS
from templates.library import FONT, image, shape, skeleton
from templates.library import text as text_object

CAMPAIGN_CATEGORY = "campaign"
# share of each side kept free of content (the vision analyzer checks 5 %)
MARGIN = 0.07
SAMPLE = {
    "ko": {
        "product_name": "제품 이름",
        "headline": "제품의 가장 큰 장점을 한 줄로",
        "subheadline": "누구를 위한 제품인지 짧게",
        "feature_bullet": "• 첫 번째 특징\n• 두 번째 특징\n• 세 번째 특징",
        "discount_badge": "30% 할인",
        "price": "29,900원",
        "cta_button": "지금 구매하기",
    },
    "en": {
        "product_name": "Product name",
        "headline": "The product's biggest win, in one line",
        "subheadline": "Who it is for, briefly",
        "feature_bullet": "• First feature\n• Second feature\n• Third feature",
        "discount_badge": "30% off",
        "price": "$29",
        "cta_button": "Shop now",
    },
}
# text roles in the order they are stacked, with their base size (px on a 1080 page), weight,
# colour token and the most lines they may take
TEXT_ROLES = {
    "product_name": (34, 700, "primary", 2),
    "headline": (78, 900, "text", 3),
    "subheadline": (36, 400, "text", 2),
    "feature_bullet": (34, 400, "text", 6),
    "body": (30, 400, "text", 12),
    # hashtags and the fine print: campaigns do not set them, designs adapted to another channel do
    "hashtags": (28, 500, "primary", 2),
    "discount_badge": (38, 700, "on_accent", 2),
    "price": (56, 800, "text", 1),
    "cta_button": (36, 700, "on_primary", 1),
    "disclaimer": (27, 400, "text", 3),
}
TOP_ROLES = ("product_name", "headline", "subheadline", "feature_bullet", "body", "hashtags")
# read after the picture on a tall page
TAIL_ROLES = ("feature_bullet", "body", "hashtags")
# left out, in this order, when the page is too small to set everything at a readable size
OPTIONAL_ROLES = ("hashtags", "body", "subheadline")
BOTTOM_ROLES = ("discount_badge", "price", "cta_button", "disclaimer")
FILLED = {"discount_badge": "accent", "cta_button": "primary"}
LINE_HEIGHT = {"headline": 1.15, "feature_bullet": 1.4, "body": 1.45}
# A thumbnail is read at a glance in a grid of small pictures: a few huge words (the product,
# the hook, the offer), no bullet list, body or subheadline. The roles it leaves out, and its
# type as a multiple of the campaign's base size.
GLANCE = {"youtube_thumbnail"}
GLANCE_DROPPED = ("subheadline", "feature_bullet", "body", "hashtags", "disclaimer", "cta_button")
GLANCE_SIZE = {"headline": 1.9, "product_name": 2.0, "discount_badge": 1.7, "price": 1.5, "subheadline": 1.5}


def glance_texts(channel: str, texts: dict[str, str]) -> dict[str, str]:
    """The texts a thumbnail shows: without the roles it has no room to be read in, and the
    price only when no offer is the hook; with neither, the subheadline is (a thumbnail of the
    product's name alone says nothing about why to click)."""
    if channel not in GLANCE:
        return texts
    kept = {role: value for role, value in texts.items() if role not in GLANCE_DROPPED}
    if kept.get("discount_badge"):
        kept.pop("price", None)
    elif not kept.get("price") and texts.get("subheadline"):
        kept["subheadline"] = texts["subheadline"]
    return kept


@dataclass
class Box:
    role: str
    x: float
    y: float
    width: float
    height: float
    size: float = 0


def _measure(value: str, size: float, weight: int, width: float, line_height: float) -> text.Layout:
    bold = weight >= fonts.BOLD_FROM_WEIGHT
    prepared = text.prepare(value, [fonts.resolve(FONT, weight), *fonts.fallbacks(bold)])
    language = None if fonts.LAYOUT != ImageFont.Layout.RAQM else "ko"
    return text.layout(prepared, size, max_width=width, letter_spacing=0, line_height=line_height, language=language)


def _natural_width(value: str, size: float, weight: int) -> float:
    layout = _measure(value, size, weight, 100_000, 1.2)
    return max((line.width for line in layout.lines), default=0)


def _fitted(
    role: str, value: str, size: float, width: float, max_lines: int, *, weight: int | None = None
) -> tuple[float, float, float]:
    """(box width, box height, font size) of ``value`` in a column ``width`` wide: smaller type
    when it takes more lines than its role may, never a box the text overflows. ``weight``: for
    a role the campaign layout does not set (a deck's slide title)."""
    weight = weight or TEXT_ROLES[role][1]
    line_height = LINE_HEIGHT.get(role, 1.25)
    while True:
        if role in FILLED:
            pad = 0.7 * size
            inner = min(_natural_width(value, size, weight), width - 2 * pad)
            layout = _measure(value, size, weight, inner + 1, line_height)
            box_w = min(width, inner + 2 * pad + 2)
            box_h = layout.height + 0.9 * size
        else:
            # the renderer wraps at the box's width, and a bold line that ends right at the edge
            # inks a few pixels past it: narrow the box until every line leaves that room
            box_w = math.floor(width)
            for _ in range(8):
                layout = _measure(value, size, weight, box_w, line_height)
                widest = max((line.width for line in layout.lines), default=0)
                if widest <= box_w - 0.06 * size:
                    break
                box_w = math.floor(box_w - 0.06 * size)
            box_h = layout.height + 0.15 * size
        if len(layout.lines) <= max_lines or size <= text.MIN_SHRINK_SIZE + 1:
            return box_w, math.ceil(box_h), size
        size = max(text.MIN_SHRINK_SIZE, math.floor(size * 0.92))


# texts whose lines are evened out (no word left alone on the last line) and broken where measured
BALANCED = ("headline", "discount_badge")


def balanced(role: str, value: str, size: float, width: float) -> str:
    """``value`` broken into as many lines as it takes at ``width``, each as even as the words
    allow ("이번 주 금·토 이틀만 / 음료 1잔 무료", not "… 음료 1잔 / 무료"): the breaks written in,
    so the renderer keeps them. One line, or a text with breaks of its own, is left as it is."""
    if "\n" in value:
        return value
    weight, line_height = TEXT_ROLES[role][1], LINE_HEIGHT.get(role, 1.25)
    best = _measure(value, size, weight, width, line_height)
    count = len(best.lines)
    if count < 2 or best.broke_word:
        return value

    def words(line) -> list[str]:
        return "".join(cluster.text for cluster in line.clusters).split()

    def cost(layout) -> tuple[int, float]:  # a lone last word first, then how ragged the lines are
        widths = [line.width for line in layout.lines]
        return (len(words(layout.lines[-1])) < 2, max(widths) - min(widths))

    for step in range(1, 30):
        trial = _measure(value, size, weight, width * (1 - step * 0.024), line_height)
        if len(trial.lines) != count or trial.broke_word:
            break
        if cost(trial) < cost(best):
            best = trial
    lines = [" ".join(words(line)) for line in best.lines]
    broken = "\n".join(line for line in lines if line)
    return broken if re.sub(r"\s+", "", broken) == re.sub(r"\s+", "", value) else value


def layout_kind(width: int, height: int) -> str:
    ratio = width / height
    if ratio >= 2.2:
        return "banner"
    if ratio >= 1.25:
        return "wide"
    if ratio >= 0.9:
        return "square"
    return "tall"


def compose(
    channel: str,
    texts: dict[str, str],
    *,
    logo: bool,
    picture: bool,
    language: str = "ko",
    factor: float = 1.0,
    grow: bool = False,
) -> dict:
    """A skeleton for ``channel`` holding exactly ``texts`` (role → text), the brand's logo and
    the product picture when asked for, every box inside the safe margin. ``grow``: a design
    with few words sets them larger on any page with room to spare (tall pages always do)."""
    preset = CHANNEL_PRESETS[channel]
    w, h = preset.width, preset.height
    kind = layout_kind(w, h)
    texts = glance_texts(channel, texts)
    boost = GLANCE_SIZE if channel in GLANCE else {}
    if kind == "banner":
        return _compose_banner(channel, texts, logo=logo, picture=picture, language=language, factor=factor)
    scale = min(w, h) / 1080 if kind != "tall" else w / 1080
    mx, my = math.ceil(w * MARGIN), math.ceil(h * MARGIN) if h / w < 2.5 else math.ceil(w * MARGIN * 1.5)
    if kind == "tall" and 1.6 < h / w < 2.5:  # stories: the platform's bars cover ~250 px at the top and bottom
        my = math.ceil(h * 0.13)
    gap = 26 * scale
    if kind == "tall" or not picture:  # without a picture the texts take the page's width
        column_x, column_w = mx, w - 2 * mx
        picture_box = None
    else:
        picture_w = round((w - 2 * mx) * (0.40 if kind == "square" else 0.42))
        column_x, column_w = mx, w - 2 * mx - picture_w - round(40 * scale)
        picture_box = (w - mx - picture_w, my, picture_w, h - 2 * my)
    available = h - 2 * my
    logo_h = round(64 * scale) if logo else 0
    present = [role for role in TEXT_ROLES if texts.get(role)]

    def plan(factor: float) -> tuple[list[Box], float]:
        boxes: list[Box] = []
        for role in present:
            base, _, _, max_lines = TEXT_ROLES[role]
            size = max(text.MIN_SHRINK_SIZE, round(base * boost.get(role, 1) * scale * factor))
            box_w, box_h, size = _fitted(role, texts[role], size, column_w, max_lines)
            boxes.append(Box(role, column_x, 0, box_w, box_h, size))
        used = sum(b.height for b in boxes) + gap * max(0, len(boxes) - 1) + (logo_h + gap if logo else 0)
        return boxes, used

    picture_min = 0.3 * h if kind == "tall" and picture else 0
    picture_max = (w - 2 * mx) if kind == "tall" and picture else 0

    def fits(used: float, picture_h: float) -> bool:
        return used + picture_h + (gap * 2 if picture_h else 0) <= available

    smallest = max(MIN_TEXT_PX, MIN_TEXT_SHARE * min(w, h))
    start_factor = factor
    boxes, used = plan(factor)
    for _ in range(40):
        readable = all(b.size >= smallest for b in boxes)
        if fits(used, picture_min) and readable:
            break
        optional = next((role for role in OPTIONAL_ROLES if role in present), None)
        if not readable and optional:
            # type this small would not be read: leave out what the design can do without
            present.remove(optional)
            factor = start_factor
        elif not readable and picture_min:
            picture_min *= 0.8  # then give the texts some of the picture's room
            factor = start_factor
        else:
            factor *= 0.92
        boxes, used = plan(factor)
    # a tall page with room to spare (a detail page): larger type, up to 1.8 times (2.6 on a
    # long detail page, whose one column is read like a web page)
    most = 2.6 if h / w > 2.5 else 1.8
    while (
        (kind == "tall" or grow) and factor < most and fits(used, picture_max) and used + picture_max < 0.7 * available
    ):
        bigger, bigger_used = plan(factor * 1.1)
        if not fits(bigger_used, picture_max):
            break
        factor, boxes, used = factor * 1.1, bigger, bigger_used
    objects = []
    top = [b for b in boxes if b.role in TOP_ROLES]
    bottom = [b for b in boxes if b.role in BOTTOM_ROLES]
    y = my
    if kind == "tall":
        # logo and headline block, the picture, then features, offer and call to action: one
        # column, centred on the page when it is shorter than the page
        head = [b for b in top if b.role not in TAIL_ROLES]
        tail = [b for b in top if b.role in TAIL_ROLES] + bottom
        stack = sum(b.height for b in boxes) + gap * max(0, len(boxes) - 1) + (logo_h + gap if logo else 0)
        picture_h = min(available - stack - 2 * gap, picture_max) if picture else 0
        total = stack + (picture_h + 2 * gap if picture_h > 0 else 0)
        # room to spare (a long detail page): wider gaps between the blocks first, up to three
        # times, then what is left above and below
        spaces = max(1, len(boxes) + (1 if logo else 0) + (1 if picture_h > 0 else 0) - 1)
        extra = min(max(0.0, available - total) / spaces, 2 * gap)
        gap += extra
        total += extra * spaces
        y = my + max(0.0, (available - total) / 2)
    elif not picture:
        y = my + max(0.0, (available - used) / 2)  # nothing beside the texts: one block, centred
    else:
        # beside the picture (centred in its column), a short column of texts (one feature, no
        # price) would leave a band between the top and the bottom blocks: wider gaps between the
        # blocks first, up to three times, then what is left above and below, as on a tall page
        spaces = max(1, len(boxes) + (1 if logo else 0) - 1)
        extra = min(max(0.0, available - used) / spaces, 2 * gap)
        gap += extra
        y = my + max(0.0, (available - used - extra * spaces) / 2)
    if logo:
        objects.append(image("logo", "logo", (mx, y, round(220 * scale), logo_h), fit="contain"))
        y += logo_h + gap
    if kind == "tall":
        for box in head:
            box.y = y
            y += box.height + gap
        if picture_h > 0:
            picture_box = (mx, y, w - 2 * mx, picture_h)
            y += picture_h + gap
        for box in tail:
            box.y = y
            y += box.height + gap
    elif not picture:
        for box in top + bottom:
            box.y = y
            y += box.height + gap
    else:
        for box in top + bottom:
            box.y = y
            y += box.height + gap
    if kind != "tall" and picture_box and picture_box[3] > picture_box[2]:
        # the picture is about square: centre it in its column
        px, py, pw, ph = picture_box
        picture_box = (px, py + (ph - pw) / 2, pw, pw)
    return _document(channel, kind, texts, boxes, objects, picture_box if picture else None, scale, language, factor)


def _document(channel, kind, texts, boxes, objects, picture_box, scale, language, factor) -> dict:
    """The skeleton: the picture on its panel under everything, then the logo and the texts."""
    if picture_box and picture_box[3] > 40:
        px, py, pw, ph = picture_box
        objects.insert(
            0, shape("panel", "background_shape", (px, py, pw, ph), "secondary", radius=round(28 * scale), opacity=0.08)
        )
        inset = round(24 * scale)
        objects.insert(
            1,
            image("product", "product_image", (px + inset, py + inset, pw - 2 * inset, ph - 2 * inset), fit="contain"),
        )
    texts = dict(texts)
    for box in boxes:
        _, weight, colour, _ = TEXT_ROLES[box.role]
        filled = FILLED.get(box.role)
        if box.role in BALANCED:
            pad = 0.7 * box.size if filled else 0
            texts[box.role] = balanced(box.role, texts[box.role], box.size, box.width - 2 * pad)
            if filled and "\n" in texts[box.role]:  # the box as wide as its even lines, and the padding
                layout = _measure(texts[box.role], box.size, weight, 100_000, LINE_HEIGHT.get(box.role, 1.25))
                widest = max((line.width for line in layout.lines), default=0)
                box.width = min(box.width, widest + 2 * pad + 2)
        objects.append(
            text_object(
                box.role,
                box.role,
                (round(box.x), round(box.y), round(box.width), round(box.height)),
                texts[box.role],
                size=box.size,
                weight=weight,
                color=colour,
                align="center" if filled else "left",
                valign="middle" if filled else "top",
                fill=filled,
            )
        )
        if box.role in LINE_HEIGHT:
            objects[-1]["style"]["line_height"] = LINE_HEIGHT[box.role]
    document = skeleton(channel, "Campaign", objects)
    document["language"] = language
    roles = [role for role in TEXT_ROLES if any(box.role == role for box in boxes)]
    document["metadata"]["campaign"] = {"layout": kind, "margin": MARGIN, "roles": roles, "factor": round(factor, 3)}
    return document


# a banner's type, in px on a 400 px high page: (size, most lines)
BANNER_TYPE = {
    "product_name": (22, 1),
    "headline": (46, 2),
    "feature_bullet": (20, 3),
    "discount_badge": (20, 2),
    "price": (30, 1),
    "cta_button": (22, 1),
}


def _compose_banner(channel: str, texts: dict[str, str], *, logo: bool, picture: bool, language: str, factor: float):
    """A wide, low banner (3:1): the product picture on the right, a text column on the left
    with the offer, price and call to action side by side in its last row. There is no room
    for a subheadline or a body text; the type gets smaller only down to a readable size, then
    the logo, then the features make way."""
    preset = CHANNEL_PRESETS[channel]
    w, h = preset.width, preset.height
    scale = h / 400
    mx, my = math.ceil(w * MARGIN), math.ceil(h * MARGIN)
    available = h - 2 * my
    side = min(available, round(0.36 * (w - 2 * mx))) if picture else 0
    column_w = w - 2 * mx - (side + round(40 * scale) if picture else 0)
    gap, row_gap = 10 * scale, 16 * scale
    smallest = max(MIN_TEXT_PX, MIN_TEXT_SHARE * min(w, h))
    present = [role for role in BANNER_TYPE if texts.get(role)]
    top_roles = [role for role in present if role not in BOTTOM_ROLES]
    row_roles = [role for role in present if role in BOTTOM_ROLES]

    def plan(factor: float, logo_h: float) -> tuple[list[Box], float, float]:
        boxes = []
        for role in top_roles:
            base, max_lines = BANNER_TYPE[role]
            size = max(text.MIN_SHRINK_SIZE, round(base * scale * factor))
            box_w, box_h, size = _fitted(role, texts[role], size, column_w, max_lines)
            boxes.append(Box(role, mx, 0, box_w, box_h, size))
        row: list[Box] = []
        for role in row_roles:
            base, _ = BANNER_TYPE[role]
            size = max(text.MIN_SHRINK_SIZE, round(base * scale * factor))
            if role in FILLED:
                box_w, box_h, size = _fitted(role, texts[role], size, column_w, 1)
            else:
                _, weight, _, _ = TEXT_ROLES[role]
                box_w = math.ceil(_natural_width(texts[role], size, weight) + 0.3 * size)
                box_h = math.ceil(_measure(texts[role], size, weight, 100_000, 1.25).height + 0.15 * size)
            row.append(Box(role, 0, 0, box_w, box_h, size))
        row_w = sum(b.width for b in row) + row_gap * max(0, len(row) - 1)
        if row and row_w > column_w and "discount_badge" in row_roles:
            # a long offer wraps onto two lines in what the price and the button leave
            badge = row[row_roles.index("discount_badge")]
            room = column_w - (row_w - badge.width)
            if room > 4 * badge.size:
                badge.width, badge.height, badge.size = _fitted(
                    "discount_badge", texts["discount_badge"], badge.size, room, 2
                )
                row_w = sum(b.width for b in row) + row_gap * (len(row) - 1)
        row_h = max((b.height for b in row), default=0)
        used = sum(b.height for b in boxes) + gap * max(0, len(boxes) - 1) + (logo_h + gap if logo_h else 0)
        used += (row_h + row_gap) if row else 0
        boxes.extend(row)
        return boxes, used, row_w

    logo_h = round(34 * scale) if logo else 0
    start = factor
    boxes, used, row_w = plan(factor, logo_h)
    for _ in range(80):
        readable = all(b.size >= smallest for b in boxes)
        if used <= available and row_w <= column_w and readable:
            break
        if not readable and logo_h:
            logo_h, factor = 0, start  # the logo makes way before the words do
        elif not readable and "feature_bullet" in top_roles:
            top_roles.remove("feature_bullet")  # then the features: the headline carries the design
            factor = start
        elif not readable and "discount_badge" in row_roles and len(row_roles) > 1:
            # a long offer beside the price and the button shrank every word to a speck: it takes a line of
            # its own above them
            row_roles.remove("discount_badge")
            top_roles.append("discount_badge")
            factor = start
        else:
            factor *= 0.94
        boxes, used, row_w = plan(factor, logo_h)
    # the column is centred beside the picture
    y = my + max(0.0, (available - used) / 2)
    objects = []
    if logo_h:
        objects.append(image("logo", "logo", (mx, y, round(160 * scale), logo_h), fit="contain"))
        y += logo_h + gap
    row = [b for b in boxes if b.role in row_roles]
    for box in boxes:
        if box.role not in row_roles:
            box.y = y
            y += box.height + gap
    if row:
        y += row_gap - gap
        row_h = max(b.height for b in row)
        x = mx
        for box in row:
            box.x, box.y = x, y + (row_h - box.height) / 2
            x += box.width + row_gap
    picture_box = (w - mx - side, my + (available - side) / 2, side, side) if picture else None
    return _document(channel, "banner", texts, boxes, objects, picture_box, scale, language, factor)


def campaign_library() -> list[dict]:
    """The shared library's campaign template of every channel, with sample texts."""
    specs = []
    for channel in CHANNEL_PRESETS:
        skeleton_doc = compose(channel, SAMPLE["ko"], logo=True, picture=True, language="ko")
        specs.append(
            {
                "slug": f"campaign-{channel.replace('_', '-')}",
                "name": f"캠페인 ({CHANNEL_PRESETS[channel].label})",
                "description": "Product, headline, features, offer, price and call to action beside the "
                "product picture; workflows lay it out anew for their own copy.",
                "channel": channel,
                "category": CAMPAIGN_CATEGORY,
                "tags": ["campaign", "캠페인", "product", "offer"],
                "skeleton": skeleton_doc,
            }
        )
    return specs
