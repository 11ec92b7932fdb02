"""A short slide deck for a presentation brief: a cover, the features on cards, the offer and
price when the brief has them, and a closing slide that asks for the next step.

Like the campaign layout (``templates.campaign``) the deck is computed for the texts it will
hold, not drawn by hand: every text's box is sized from the renderer's own line layout, slides
with nothing to say are left out, and every box stays inside the safe margin. The slides' own
titles ("Key features", "Thank you") are the only words the deck adds; everything else is the
copy and the brief's facts, each said once in the whole deck.
"""

from __future__ import annotations

import math

from documents.render.integrity import MIN_TEXT_PX, MIN_TEXT_SHARE
from documents.schema import CHANNEL_PRESETS
from templates.campaign import LINE_HEIGHT, MARGIN, Box, _fitted
from templates.library import DEFAULT_COLORS, FONT, image, shape
from templates.library import text as text_object

# channels whose design is a deck of slides rather than one page
DECK_CHANNELS = {"presentation"}
MOST_FEATURES = 8
PER_SLIDE = 6  # cards on one slide: a row of up to three, two by two, or three by two
LABELS = {
    "ko": {
        "features": "핵심 특징",
        "more": "추가 특징",
        "offer": "특별 혜택",
        "price": "가격 안내",
        "closing": "감사합니다",
    },
    "en": {
        "features": "Key features",
        "more": "More features",
        "offer": "Special offer",
        "price": "Pricing",
        "closing": "Thank you",
    },
}
# (size in px on a 1080 px high slide, weight, colour token, most lines)
TYPE = {
    "cover_product_name": (44, 700, "primary", 2),
    "cover_headline": (112, 900, "text", 3),
    "cover_subheadline": (46, 400, "text", 3),
    "title": (68, 800, "on_primary", 2),
    # large type keeps the brand's colour readable on the card's tint (3:1, not 4.5:1)
    "number": (56, 800, "primary", 1),
    "card": (46, 700, "text", 4),
    "offer": (84, 800, "on_accent", 3),
    "price": (104, 800, "text", 2),
    "closing": (128, 900, "on_primary", 2),
    "cta": (48, 700, "primary", 1),
    "contact": (48, 500, "on_primary", 3),
}


def deck_features(bullets: str) -> list[str]:
    """The features of a bullet list ("• a\\n• b"), without their marks."""
    return [line.lstrip("•-·✓ ").strip() for line in (bullets or "").splitlines() if line.strip(" •-·✓")]


def _chunks(items: list[str]) -> list[list[str]]:
    """Features split over as few slides as hold them, evenly (7: four and three)."""
    items = items[:MOST_FEATURES]
    if not items:
        return []
    slides = math.ceil(len(items) / PER_SLIDE)
    size = math.ceil(len(items) / slides)
    return [items[i : i + size] for i in range(0, len(items), size)]


class _Slide:
    def __init__(self, number: int, name: str, background: str = "background"):
        self.id = f"slide-{number}"
        self.prefix = f"s{number}"
        self.name = name
        self.background = background
        self.objects: list[dict] = []

    def oid(self, name: str) -> str:
        return f"{self.prefix}-{name}"


class _Deck:
    def __init__(self, channel: str, language: str, factor: float):
        preset = CHANNEL_PRESETS[channel]
        self.channel = channel
        self.w, self.h = preset.width, preset.height
        self.scale = min(self.w, self.h) / 1080
        self.mx, self.my = math.ceil(self.w * MARGIN), math.ceil(self.h * MARGIN)
        self.language = language if language in LABELS else "en"
        self.factor = factor
        self.smallest = max(MIN_TEXT_PX, MIN_TEXT_SHARE * min(self.w, self.h))
        self.slides: list[_Slide] = []

    def label(self, key: str) -> str:
        return LABELS[self.language][key]

    def size(self, kind: str, factor: float) -> float:
        return max(self.smallest, round(TYPE[kind][0] * self.scale * factor))

    def box(self, kind: str, role: str, value: str, width: float, factor: float) -> Box:
        _, weight, _, lines = TYPE[kind]
        for most in (lines, lines + 2, lines + 6):
            # a long text takes more lines rather than type too small to read
            box_w, box_h, size = _fitted(role, value, self.size(kind, factor), width, most, weight=weight)
            if size >= self.smallest:
                break
        return Box(role, 0, 0, box_w, box_h, size)

    def put(self, slide: _Slide, kind: str, box: Box, value: str, name: str, *, align="left", fill=None) -> None:
        _, weight, colour, _ = TYPE[kind]
        slide.objects.append(
            text_object(
                slide.oid(name),
                box.role,
                (round(box.x), round(box.y), round(box.width), round(box.height)),
                value,
                size=box.size,
                weight=weight,
                color=colour,
                align="center" if fill else align,
                valign="middle" if fill else "top",
                fill=fill,
            )
        )
        slide.objects[-1]["style"]["line_height"] = LINE_HEIGHT.get(box.role, 1.25)

    def picture(self, slide: _Slide, box: tuple[float, float, float, float], *, panel: bool = True) -> None:
        """The product picture (on a faint panel), a square centred in ``box``."""
        x, y, w, h = box
        side = min(w, h)
        x, y = x + (w - side) / 2, y + (h - side) / 2
        radius = round(28 * self.scale)
        if panel:
            tint = shape(slide.oid("panel"), "background_shape", (x, y, side, side), "secondary", radius=radius)
            slide.objects.append({**tint, "opacity": 0.08})
        inset = round(24 * self.scale) if panel else 0
        inner = (x + inset, y + inset, side - 2 * inset, side - 2 * inset)
        slide.objects.append(image(slide.oid("product"), "product_image", inner, fit="contain"))

    def bar(self, slide: _Slide, x: float, y: float) -> float:
        """The short accent bar above a slide's title; the height it takes with its gap."""
        height = round(12 * self.scale)
        slide.objects.append(
            shape(slide.oid("bar"), "decoration", (x, y, round(112 * self.scale), height), "primary", radius=height / 2)
        )
        return height + round(28 * self.scale)

    def fitting(self, plan, room: float, grow: float = 1.0) -> tuple[list, float]:
        """``plan(factor)`` → (boxes, height used) at the largest factor (from the deck's own
        times ``grow``, down) whose height fits ``room`` with every text readable."""
        factor = self.factor * grow
        for _ in range(30):
            boxes, used = plan(factor)
            if used <= room and all(b.size >= self.smallest for b in boxes):
                break
            factor *= 0.92
        return boxes, used

    # --- slides ---------------------------------------------------------------------------------

    def cover(self, texts: dict[str, str], *, logo: bool, picture: bool) -> None:
        slide = _Slide(len(self.slides) + 1, "Cover")
        w, h, mx, my = self.w, self.h, self.mx, self.my
        available = h - 2 * my
        gap = round(30 * self.scale)
        picture_w = round((w - 2 * mx) * 0.42) if picture else 0
        block_x = w - mx - picture_w - round(mx / 2)
        # a line across the whole slide is too long to read
        column_w = block_x - round(72 * self.scale) - mx if picture else round((w - 2 * mx) * 0.8)
        logo_h = round(80 * self.scale) if logo else 0
        bar_h = round(12 * self.scale) + round(28 * self.scale)
        roles = [
            (kind, role)
            for kind, role in (
                ("cover_product_name", "product_name"),
                ("cover_headline", "headline"),
                ("cover_subheadline", "subheadline"),
            )
            if texts.get(role)
        ]

        def plan(factor):
            boxes = [self.box(kind, role, texts[role], column_w, factor) for kind, role in roles]
            used = sum(b.height for b in boxes) + gap * max(0, len(boxes) - 1) + bar_h + (logo_h + gap if logo else 0)
            return boxes, used

        # a cover that is the name alone sets it larger
        boxes, used = self.fitting(plan, available, grow=1.3 if len(roles) == 1 else 1.0)
        y = my + max(0.0, (available - used) / 2)
        if logo:
            logo_box = (mx, y, round(240 * self.scale), logo_h)
            slide.objects.append(image(slide.oid("logo"), "logo", logo_box, fit="contain"))
            y += logo_h + gap
        y += self.bar(slide, mx, y)
        for (kind, role), box in zip(roles, boxes, strict=True):
            box.x, box.y = mx, y
            self.put(slide, kind, box, texts[role], role)
            y += box.height + gap
        if picture:
            # the picture on a block of the brand's colour that runs off the slide's right edge
            slide.objects.insert(
                0, shape(slide.oid("block"), "background_shape", (block_x, 0, w - block_x, h), "primary")
            )
            self.picture(slide, (w - mx - picture_w, my, picture_w, available), panel=False)
        self.slides.append(slide)

    def title(self, slide: _Slide, value: str) -> float:
        """The slide's title at its top left on a band of the brand's colour across the slide;
        where the slide's content may start."""
        box = self.box("title", "header", value, self.w - 2 * self.mx, self.factor)
        box.x, box.y = self.mx, self.my
        band_h = box.height + 2 * self.my - round(0.15 * box.size)
        slide.objects.append(shape(slide.oid("band"), "background_shape", (0, 0, self.w, band_h), "primary"))
        self.put(slide, "title", box, value, "title")
        return band_h + round(64 * self.scale)

    def features(self, features: list[str], label: str, first: int = 1) -> None:
        """A slide of feature cards, numbered from ``first`` (the deck counts on across slides)."""
        slide = _Slide(len(self.slides) + 1, label)
        top = self.title(slide, label)
        area_w, area_h = self.w - 2 * self.mx, self.h - self.my - top
        count = len(features)
        columns = count if count <= 3 else 2 if count == 4 else 3
        rows = math.ceil(count / columns)
        gap = round(40 * self.scale)
        card_w = (area_w - gap * (columns - 1)) / columns
        pad = round(48 * self.scale)

        def plan(factor):
            boxes = []
            for index, feature in enumerate(features):
                number = self.box("number", "other", f"{first + index:02d}", card_w - 2 * pad, 1.0)
                body = self.box("card", "feature_bullet", feature, card_w - 2 * pad, factor)
                boxes += [number, body]
            heights = [
                2 * pad + boxes[2 * i].height + round(16 * self.scale) + boxes[2 * i + 1].height for i in range(count)
            ]
            row_h = [max(heights[r * columns : (r + 1) * columns]) for r in range(rows)]
            return boxes, sum(row_h) + gap * (rows - 1)

        boxes, used = self.fitting(plan, area_h)
        # cards a little taller than their words, so a slide of short features is not a thin strip
        card_h = max((used - gap * (rows - 1)) / rows, min(0.45 * area_h, (area_h - gap * (rows - 1)) / rows))
        block = card_h * rows + gap * (rows - 1)
        y0 = top + max(0.0, (area_h - block) / 2)
        for index, feature in enumerate(features):
            row, column = divmod(index, columns)
            in_row = min(columns, count - row * columns)
            # a last row with fewer cards is centred under the others
            x = self.mx + column * (card_w + gap) + (columns - in_row) * (card_w + gap) / 2
            y = y0 + row * (card_h + gap)
            radius = round(24 * self.scale)
            card = shape(slide.oid(f"card-{index + 1}"), "card", (x, y, card_w, card_h), "primary", radius=radius)
            card["opacity"] = 0.07
            slide.objects.append(card)
            number, body = boxes[2 * index], boxes[2 * index + 1]
            number.x, number.y = x + pad, y + pad
            self.put(slide, "number", number, f"{first + index:02d}", f"number-{index + 1}")
            body.x, body.y = x + pad, number.y + number.height + round(16 * self.scale)
            self.put(slide, "card", body, feature, f"feature-{index + 1}")
        self.slides.append(slide)

    def offer(self, texts: dict[str, str], *, picture: bool) -> None:
        slide = _Slide(len(self.slides) + 1, self.label("offer" if texts.get("discount_badge") else "price"))
        top = self.title(slide, slide.name)
        area_w, area_h = self.w - 2 * self.mx, self.h - self.my - top
        picture_w = round(min(area_w * 0.36, area_h)) if picture else 0
        column_w = area_w - (picture_w + round(60 * self.scale) if picture else 0)
        gap = round(36 * self.scale)
        roles = [(kind, role) for kind, role in (("offer", "discount_badge"), ("price", "price")) if texts.get(role)]
        # the offer's deadline on a line of its own: a wrapped line never starts with its "·"
        texts = {**texts, "discount_badge": (texts.get("discount_badge") or "").replace(" · ", "\n")}

        def plan(factor):
            boxes = [self.box(kind, role, texts[role], column_w, factor) for kind, role in roles]
            return boxes, sum(b.height for b in boxes) + gap * max(0, len(boxes) - 1)

        boxes, used = self.fitting(plan, area_h)
        y = top + max(0.0, (area_h - used) / 2)
        for (kind, role), box in zip(roles, boxes, strict=True):
            box.x, box.y = self.mx, y
            self.put(slide, kind, box, texts[role], role, fill="accent" if role == "discount_badge" else None)
            y += box.height + gap
        if picture:
            self.picture(slide, (self.w - self.mx - picture_w, top, picture_w, area_h))
        self.slides.append(slide)

    def closing(self, texts: dict[str, str]) -> None:
        slide = _Slide(len(self.slides) + 1, self.label("closing"), background="primary")
        width, available = self.w - 2 * self.mx, self.h - 2 * self.my
        gap = round(48 * self.scale)
        parts = [("closing", "header", self.label("closing"))]
        for kind, role in (("cta", "cta_button"), ("contact", "contact")):
            if texts.get(role):
                parts.append((kind, role, texts[role]))

        def plan(factor):
            boxes = []
            for kind, role, value in parts:
                boxes.append(self.box(kind, role, value, width * (0.6 if role == "cta_button" else 1), factor))
            return boxes, sum(b.height for b in boxes) + gap * max(0, len(boxes) - 1)

        boxes, used = self.fitting(plan, available)
        y = self.my + max(0.0, (available - used) / 2)
        for (kind, role, value), box in zip(parts, boxes, strict=True):
            box.x, box.y = (self.w - box.width) / 2, y
            # the pill takes the colour that reads on the slide, its words the slide's colour
            self.put(slide, kind, box, value, role, align="center", fill="on_primary" if role == "cta_button" else None)
            y += box.height + gap
        self.slides.append(slide)

    def document(self, texts: dict[str, str]) -> dict:
        palette: dict[str, dict] = {}
        pages = []
        for slide in self.slides:
            palette[slide.id] = {"background": slide.background}
            cleaned = []
            for z, obj in enumerate(slide.objects):
                tokens = obj.pop("_palette", None)
                if tokens:
                    palette[obj["id"]] = tokens
                cleaned.append({**obj, "z_index": z})
            pages.append(
                {"id": slide.id, "name": slide.name, "background": DEFAULT_COLORS[slide.background], "objects": cleaned}
            )
        shown = {obj.get("role") for slide in self.slides for obj in slide.objects if obj.get("type") == "text"}
        roles = [role for role in texts if role in shown]
        return {
            "schema_version": "2.0",
            "title": "Deck",
            "channel": self.channel,
            "width": self.w,
            "height": self.h,
            "language": self.language,
            "fonts": [{"family": FONT, "weights": [400, 700]}],
            "metadata": {
                "palette": palette,
                "campaign": {
                    "layout": "deck",
                    "margin": MARGIN,
                    "roles": roles,
                    "factor": round(self.factor, 3),
                    "slides": [slide.name for slide in self.slides],
                },
            },
            "pages": pages,
        }


def compose_deck(
    channel: str, texts: dict[str, str], *, logo: bool, picture: bool, language: str = "ko", factor: float = 1.0
) -> dict:
    """A deck skeleton for ``channel`` holding ``texts`` (role → text, the campaign layout's
    roles plus ``contact``), every slide's texts already in place: a cover (the product, the
    headline, the subheadline, the logo and the picture), one or two slides of feature cards, a
    slide of the offer and price when there is either, and a closing slide with the call to
    action and the contact when there is one."""
    deck = _Deck(channel, language, factor)
    deck.cover(texts, logo=logo, picture=picture)
    first = 1
    for index, chunk in enumerate(_chunks(deck_features(texts.get("feature_bullet", "")))):
        deck.features(chunk, deck.label("features" if index == 0 else "more"), first)
        first += len(chunk)
    if texts.get("discount_badge") or texts.get("price"):
        deck.offer(texts, picture=picture)
    deck.closing(texts)
    return deck.document(texts)
