"""A drawn stand-in for a product photo: a simple picture of the kind of product (a bowl, a cup,
a paw, a book, a house …) in the brand's colours, over a soft pattern, made of the document's
own shapes. It says what kind of thing is sold without a word: the product's name is the
headline's to say, never the picture's a second time.

Each icon is a list of parts in a unit square (0..1 both ways): ("ellipse" | "rect", x, y, w, h,
colour) or ("polygon", [(x, y), …], colour) or ("line", [(x, y), …], colour, width), where the
colour is one of "main" (the brand's primary), "second" (its accent) and "light" (the page's
background), so every icon takes the brand's palette.
"""

from __future__ import annotations

import re

Part = tuple

BOWL = [
    ("polygon", [(0.1, 0.48), (0.9, 0.48), (0.82, 0.66), (0.66, 0.78), (0.34, 0.78), (0.18, 0.66)], "main"),
    ("rect", (0.36, 0.8, 0.28, 0.06), "main"),
    ("ellipse", (0.22, 0.36, 0.16, 0.14), "second"),
    ("ellipse", (0.4, 0.32, 0.2, 0.18), "second"),
    ("ellipse", (0.62, 0.36, 0.16, 0.14), "second"),
    ("line", [(0.36, 0.26), (0.4, 0.18), (0.36, 0.1)], "second", 0.025),
    ("line", [(0.52, 0.24), (0.56, 0.16), (0.52, 0.08)], "second", 0.025),
    ("line", [(0.68, 0.26), (0.72, 0.18), (0.68, 0.1)], "second", 0.025),
]
BREAD = [  # baked goods: a loaf with its scores, not a bowl of soup
    ("ellipse", (0.1, 0.3, 0.8, 0.36), "main"),
    ("rect", (0.12, 0.46, 0.76, 0.32), "main"),
    ("line", [(0.3, 0.38), (0.38, 0.5)], "light", 0.03),
    ("line", [(0.46, 0.36), (0.54, 0.48)], "light", 0.03),
    ("line", [(0.62, 0.38), (0.7, 0.5)], "light", 0.03),
    ("rect", (0.08, 0.78, 0.84, 0.05), "second"),
]
CUP = [
    ("polygon", [(0.22, 0.34), (0.7, 0.34), (0.64, 0.86), (0.28, 0.86)], "main"),
    ("ellipse", (0.62, 0.44, 0.22, 0.24), "main"),
    ("ellipse", (0.67, 0.5, 0.12, 0.12), "light"),
    ("rect", (0.22, 0.3, 0.48, 0.06), "second"),
    ("line", [(0.36, 0.24), (0.4, 0.16), (0.36, 0.08)], "second", 0.025),
    ("line", [(0.52, 0.24), (0.56, 0.16), (0.52, 0.08)], "second", 0.025),
]
PAW = [
    ("ellipse", (0.28, 0.46, 0.44, 0.38), "main"),
    ("ellipse", (0.12, 0.3, 0.16, 0.2), "main"),
    ("ellipse", (0.3, 0.14, 0.16, 0.22), "main"),
    ("ellipse", (0.54, 0.14, 0.16, 0.22), "main"),
    ("ellipse", (0.72, 0.3, 0.16, 0.2), "main"),
    ("ellipse", (0.4, 0.56, 0.2, 0.14), "second"),
]
CROSS = [
    ("ellipse", (0.1, 0.1, 0.8, 0.8), "main"),
    ("rect", (0.42, 0.24, 0.16, 0.52), "light"),
    ("rect", (0.24, 0.42, 0.52, 0.16), "light"),
]
BOOK = [
    ("polygon", [(0.08, 0.26), (0.48, 0.32), (0.48, 0.84), (0.08, 0.76)], "main"),
    ("polygon", [(0.52, 0.32), (0.92, 0.26), (0.92, 0.76), (0.52, 0.84)], "main"),
    ("line", [(0.16, 0.4), (0.4, 0.44)], "light", 0.02),
    ("line", [(0.16, 0.52), (0.4, 0.56)], "light", 0.02),
    ("line", [(0.6, 0.44), (0.84, 0.4)], "light", 0.02),
    ("line", [(0.6, 0.56), (0.84, 0.52)], "light", 0.02),
    ("polygon", [(0.62, 0.1), (0.66, 0.2), (0.76, 0.2), (0.68, 0.26), (0.71, 0.36), (0.62, 0.3),
                 (0.53, 0.36), (0.56, 0.26), (0.48, 0.2), (0.58, 0.2)], "second"),
]  # fmt: skip
HOUSE = [
    ("polygon", [(0.5, 0.1), (0.92, 0.46), (0.08, 0.46)], "main"),
    ("rect", (0.18, 0.44, 0.64, 0.44), "main"),
    ("rect", (0.42, 0.6, 0.16, 0.28), "second"),
    ("rect", (0.24, 0.54, 0.12, 0.12), "light"),
    ("rect", (0.64, 0.54, 0.12, 0.12), "light"),
]
SHIRT = [
    ("polygon", [(0.34, 0.14), (0.66, 0.14), (0.9, 0.3), (0.8, 0.46), (0.72, 0.4), (0.72, 0.88), (0.28, 0.88),
                 (0.28, 0.4), (0.2, 0.46), (0.1, 0.3)], "main"),
    ("polygon", [(0.4, 0.14), (0.6, 0.14), (0.5, 0.26)], "light"),
    ("rect", (0.28, 0.7, 0.44, 0.05), "second"),
]  # fmt: skip
BOTTLE = [
    ("rect", (0.3, 0.36, 0.4, 0.52), "main"),
    ("rect", (0.4, 0.22, 0.2, 0.16), "main"),
    ("rect", (0.38, 0.1, 0.24, 0.12), "second"),
    ("rect", (0.36, 0.52, 0.28, 0.18), "light"),
]
PHONE = [
    ("rect", (0.28, 0.08, 0.44, 0.84), "main"),
    ("rect", (0.33, 0.16, 0.34, 0.6), "light"),
    ("ellipse", (0.46, 0.8, 0.08, 0.06), "light"),
    ("rect", (0.38, 0.26, 0.24, 0.06), "second"),
    ("rect", (0.38, 0.38, 0.16, 0.06), "second"),
]
HEADPHONES = [
    ("line", [(0.2, 0.58), (0.2, 0.42), (0.28, 0.24), (0.4, 0.16), (0.6, 0.16), (0.72, 0.24), (0.8, 0.42),
              (0.8, 0.58)], "main", 0.06),
    ("rect", (0.12, 0.52, 0.18, 0.32), "main"),
    ("rect", (0.7, 0.52, 0.18, 0.32), "main"),
    ("rect", (0.16, 0.58, 0.08, 0.2), "second"),
    ("rect", (0.76, 0.58, 0.08, 0.2), "second"),
]  # fmt: skip
SUITCASE = [
    ("rect", (0.14, 0.3, 0.72, 0.54), "main"),
    ("line", [(0.38, 0.3), (0.38, 0.16), (0.62, 0.16), (0.62, 0.3)], "main", 0.05),
    ("rect", (0.14, 0.5, 0.72, 0.06), "second"),
    ("rect", (0.3, 0.3, 0.05, 0.54), "light"),
    ("rect", (0.65, 0.3, 0.05, 0.54), "light"),
]
DUMBBELL = [
    ("rect", (0.1, 0.32, 0.12, 0.36), "main"),
    ("rect", (0.24, 0.24, 0.12, 0.52), "main"),
    ("rect", (0.64, 0.24, 0.12, 0.52), "main"),
    ("rect", (0.78, 0.32, 0.12, 0.36), "main"),
    ("rect", (0.36, 0.46, 0.28, 0.08), "second"),
]
COINS = [
    ("ellipse", (0.16, 0.6, 0.5, 0.2), "main"),
    ("rect", (0.16, 0.5, 0.5, 0.2), "main"),
    ("ellipse", (0.16, 0.42, 0.5, 0.2), "second"),
    ("ellipse", (0.46, 0.3, 0.4, 0.4), "main"),
    ("ellipse", (0.54, 0.38, 0.24, 0.24), "second"),
]
CAR = [
    ("polygon", [(0.08, 0.52), (0.24, 0.34), (0.7, 0.34), (0.84, 0.5), (0.92, 0.52), (0.92, 0.7), (0.08, 0.7)],
     "main"),
    ("polygon", [(0.3, 0.39), (0.48, 0.39), (0.48, 0.5), (0.2, 0.5)], "light"),
    ("polygon", [(0.52, 0.39), (0.68, 0.39), (0.78, 0.5), (0.52, 0.5)], "light"),
    ("ellipse", (0.18, 0.6, 0.2, 0.2), "second"),
    ("ellipse", (0.62, 0.6, 0.2, 0.2), "second"),
]  # fmt: skip
TENT = [  # an event: a festival tent with a flag
    ("polygon", [(0.5, 0.2), (0.9, 0.82), (0.1, 0.82)], "main"),
    ("polygon", [(0.5, 0.4), (0.62, 0.82), (0.38, 0.82)], "light"),
    ("line", [(0.5, 0.2), (0.5, 0.06)], "main", 0.02),
    ("polygon", [(0.5, 0.06), (0.66, 0.1), (0.5, 0.14)], "second"),
    ("ellipse", (0.1, 0.16, 0.08, 0.08), "second"),
    ("ellipse", (0.82, 0.24, 0.06, 0.06), "second"),
]
HEART = [  # a cause: a heart held up by an open hand
    ("ellipse", (0.2, 0.16, 0.34, 0.34), "main"),
    ("ellipse", (0.46, 0.16, 0.34, 0.34), "main"),
    ("polygon", [(0.22, 0.4), (0.78, 0.4), (0.5, 0.72)], "main"),
    (
        "polygon",
        [(0.08, 0.7), (0.34, 0.84), (0.66, 0.84), (0.92, 0.7), (0.92, 0.8), (0.66, 0.94), (0.34, 0.94), (0.08, 0.8)],
        "second",
    ),
]
GIFT = [
    ("rect", (0.16, 0.42, 0.68, 0.46), "main"),
    ("rect", (0.12, 0.3, 0.76, 0.14), "main"),
    ("rect", (0.45, 0.3, 0.1, 0.58), "second"),
    ("polygon", [(0.5, 0.3), (0.3, 0.14), (0.26, 0.28)], "second"),
    ("polygon", [(0.5, 0.3), (0.7, 0.14), (0.74, 0.28)], "second"),
]

ICONS: dict[str, list[Part]] = {
    "food": BOWL,
    "beverage": CUP,
    "pet": PAW,
    "health": CROSS,
    "service": CROSS,
    "education": BOOK,
    "home": HOUSE,
    "fashion": SHIRT,
    "beauty": BOTTLE,
    "app": PHONE,
    "electronics": PHONE,
    "audio": HEADPHONES,
    "travel": SUITCASE,
    "fitness": DUMBBELL,
    "finance": COINS,
    "auto": CAR,
    "event": TENT,
    "cause": HEART,
    "bakery": BREAD,
}

# what a baked good is called: its picture is a loaf whatever its category ("버터 소금빵", "sourdough")
BAKED = re.compile(
    r"빵|베이글|크루아상|스콘|케이크|머핀|쿠키|타르트|파이|도넛|마카롱|휘낭시에|마들렌|"
    r"bread|loaf|sourdough|bagel|croissant|scone|cake|muffin|cookie|tart|pie|donut|doughnut|pastr|brioche|baguette|bun",
    re.IGNORECASE,
)


def picture_kind(category: str | None, product: str | None) -> str | None:
    """The icon's kind: a baked good is drawn as bread, anything else by its category."""
    if category in (None, "food", "dining", "cafe") and product and BAKED.search(product):
        return "bakery"
    return category


def icon_for(category: str | None) -> list[Part]:
    """The picture of a kind of product; a gift box for one the brief does not name."""
    return ICONS.get(category or "", GIFT)


def _shape(oid: str, kind: str, box, fill: str, *, opacity: float = 1.0, points=None, stroke=None, width=0.0):
    x, y, w, h = box
    obj = {
        "id": oid,
        "type": "shape",
        "role": "decoration",
        "shape": kind,
        "x": x,
        "y": y,
        "width": max(1.0, w),
        "height": max(1.0, h),
        "fill": fill,
        "corner_radius": 0,
        "opacity": opacity,
    }
    if points is not None:
        obj["points"] = points
    if stroke:
        obj["stroke"], obj["stroke_width"] = stroke, width
    return obj


def pattern_objects(box, colours: dict[str, str], *, seed: int = 0) -> list[dict]:
    """A soft pattern over the panel: rings of dots in the brand's colours, faint."""
    x, y, w, h = box
    step = min(w, h) / 7
    dots = []
    for row in range(8):
        for col in range(8):
            cx, cy = x + step * (col + 0.5 * (row % 2)), y + step * row
            if cx > x + w - step * 0.2 or cy > y + h - step * 0.2:
                continue
            size = step * (0.14 if (row + col + seed) % 3 else 0.22)
            colour = colours["accent"] if (row * 7 + col + seed) % 4 == 0 else colours["primary"]
            dots.append(_shape(f"dot-{row}-{col}", "ellipse", (cx, cy, size, size), colour, opacity=0.16))
    return dots


def icon_objects(category: str | None, box, colours: dict[str, str]) -> list[dict]:
    """The icon of ``category`` drawn in ``box`` (a square is used, centred), on a soft disc."""
    x, y, w, h = box
    side = min(w, h)
    ox, oy = x + (w - side) / 2, y + (h - side) / 2
    palette = {"main": colours["primary"], "second": colours["accent"], "light": colours["background"]}
    if palette["second"].casefold() == palette["main"].casefold():
        palette["second"] = colours.get("secondary", palette["light"])
    disc = side * 1.3
    objects = [
        _shape("icon-disc", "ellipse", (x + (w - disc) / 2, y + (h - disc) / 2, disc, disc), palette["main"],
               opacity=0.1),
    ]  # fmt: skip
    for index, part in enumerate(icon_for(category)):
        kind, geometry, colour = part[0], part[1], palette[part[2]]
        oid = f"icon-{index}"
        if kind in ("rect", "ellipse"):
            px, py, pw, ph = geometry
            objects.append(_shape(oid, kind, (ox + px * side, oy + py * side, pw * side, ph * side), colour))
        else:
            xs, ys = [p[0] for p in geometry], [p[1] for p in geometry]
            bx, by = ox + min(xs) * side, oy + min(ys) * side
            points = [((px - min(xs)) * side, (py - min(ys)) * side) for px, py in geometry]
            bw, bh = (max(xs) - min(xs)) * side, (max(ys) - min(ys)) * side
            if kind == "line":
                width = part[3] * side
                objects.append(_shape(oid, "line", (bx, by, bw, bh), colour, points=points, stroke=colour, width=width))
            else:
                objects.append(_shape(oid, "polygon", (bx, by, bw, bh), colour, points=points))
    return objects
