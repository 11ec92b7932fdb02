"""How each scene of a short video looks: the brand's colours, the storyboard's on-screen text,
the product name, the offer and the call to action, laid out for the frame's size.

A scene is declared as document objects (the studio's own schema), so the document renderer
draws them with the project's fonts (Noto Sans CJK: Hangul, never tofu), shrink-to-fit and
shaping. Objects that stay still are drawn once into the scene's still layer; each group that
moves is drawn once onto its own transparent layer and becomes a sprite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from documents.render.paint import rgba
from documents.render.renderer import draw_object, render_context
from documents.schema import SparklioDocument
from generators.motion.compose import Motion, Scene, Sprite

# The arc's beats (generators.video.StoryboardGenerator); any other beat is laid out by position.
BEATS = ("hook", "reveal", "feature", "benefit", "offer", "cta")


@dataclass(frozen=True)
class Look:
    """The brand as a video needs it: colours (hex), fonts, names."""

    primary: str
    secondary: str
    accent: str
    background: str
    on_primary: str
    on_secondary: str
    on_accent: str
    on_background: str
    heading_font: str | None
    body_font: str | None
    brand: str
    product: str | None
    language: str
    offer: str | None = None  # shown on the end card when no scene of the storyboard shows it


@dataclass(frozen=True)
class Shot:
    """One storyboard scene as the designer sees it."""

    index: int  # 0-based
    count: int
    beat: str
    text: str
    feature_number: int | None = None  # 1-based among the feature beats
    entrance: float = 0.0  # seconds until the crossfade into it is over
    duration: float = 3.0  # seconds on screen


@dataclass
class Design:
    background: str
    still: list[dict] = field(default_factory=list)
    moving: list[tuple[str, list[dict], Motion]] = field(default_factory=list)
    clip_box: tuple[int, int, int, int] | None = None  # where a moving picture plays (x, y, w, h)
    ink: str = "#FFFFFF"


def beat_of(shot: Shot) -> str:
    if shot.beat in BEATS:
        return shot.beat
    if shot.index == 0:
        return "hook"
    if shot.index == shot.count - 1:
        return "cta"
    return "benefit" if shot.index % 2 else "feature"


def design(shot: Shot, look: Look, width: int, height: int, *, clip: bool = False) -> Design:
    """The objects of ``shot`` for a ``width`` × ``height`` frame. ``clip``: leave the product
    panel for a moving picture (the GPU's clip) instead of drawing the product's name in it."""
    beat = beat_of(shot)
    unit = min(width, height)
    landscape = width > height * 1.15
    m = round(width * 0.08)
    # a wide frame sets its text in a centred column, as tall as the frame allows
    col_w = min(width - 2 * m, round(height * 1.2)) if landscape else width - 2 * m
    col_x = (width - col_w) // 2
    big = unit * (0.1 if not landscape else 0.085)
    enter = shot.entrance
    # Entrances take up to ~1.1 s after the crossfade; a shorter scene plays them faster, so every
    # text is in place well before the scene fades out.
    pace = min(1.0, max(0.25, (shot.duration - enter - 0.45) / 1.1))

    def enters(delay: float, length: float, **moves) -> Motion:
        return Motion(start=enter + delay * pace, length=length * pace, **moves)

    rise = round(unit * 0.05)
    heading = look.heading_font
    body = look.body_font

    backgrounds = {
        "hook": (look.primary, look.on_primary),
        "reveal": (look.background, look.on_background),
        "feature": (look.secondary, look.on_secondary),
        "benefit": (look.background, look.on_background),
        "offer": (look.accent, look.on_accent),
        "cta": (look.primary, look.on_primary),
    }
    bg, ink = backgrounds[beat]
    d = Design(background=bg, ink=ink)

    # Still: the brand's name and the scene counter along the top, under the progress bar and as
    # wide as it (a wide frame's text column left them hanging far inside the bar's ends).
    top = round(height * 0.04)
    label_h = round(unit * 0.05)
    head_x, head_w = (round(unit * 0.04), width - 2 * round(unit * 0.04)) if landscape else (col_x, col_w)
    d.still.append(
        _text(
            "brand",
            "brand_name",
            (head_x, top, head_w * 0.7, label_h),
            look.brand,
            size=unit * 0.032,
            colour=ink,
            weight=700,
            font=heading,
            valign="middle",
        )
    )
    d.still.append(
        _text(
            "counter",
            "caption",
            (head_x + head_w * 0.7, top, head_w * 0.3, label_h),
            f"{shot.index + 1:02d} / {shot.count:02d}",
            size=unit * 0.028,
            colour=ink,
            align="right",
            font=body,
            valign="middle",
            opacity=0.7,
        )
    )
    # A soft shape drifting in from a corner keeps a still scene alive. It sits where the scene
    # has no card: top right, or bottom left under the product card of the reveal.
    orb = round(unit * (0.75 if height > width * 1.3 else 0.5))  # smaller where text fills the width
    orb_colour = {look.accent.upper(): look.background, look.secondary.upper(): look.primary}.get(
        bg.upper(), look.accent
    )
    if beat == "reveal":
        orb_box, drift = (-orb * 0.4, height * 0.6, orb, orb), (unit * 0.012, -unit * 0.012)
    else:
        orb_box, drift = (width - orb * 0.62, height * 0.07, orb, orb), (-unit * 0.012, unit * 0.018)
    d.moving.append(
        (
            "orb",
            [_shape("orb", "decoration", orb_box, orb_colour, kind="ellipse", opacity=0.18)],
            Motion(start=0, length=0, drift=drift),
        )
    )

    text_in = enters(0.1, 0.6, dy=rise)
    later = enters(0.45, 0.6, dy=rise * 0.6)
    product = look.product or look.brand

    if beat == "hook":
        d.moving.append(
            (
                "text",
                [
                    _text(
                        "text",
                        "headline",
                        (col_x, height * 0.3, col_w, height * 0.34),
                        shot.text,
                        size=big * 1.1,
                        colour=ink,
                        weight=800,
                        font=heading,
                        align="center",
                        valign="middle",
                    )
                ],
                text_in,
            )
        )
        bar_w = round(col_w * 0.18)
        d.moving.append(
            (
                "rule",
                [
                    _shape(
                        "rule",
                        "divider",
                        ((width - bar_w) / 2, height * 0.68, bar_w, unit * 0.012),
                        look.accent if bg != look.accent else look.background,
                        radius=unit * 0.006,
                    )
                ],
                later,
            )
        )
    elif beat == "reveal":
        panel = (col_x, round(height * 0.15), col_w, round(height * (0.44 if not landscape else 0.5)))
        d.still.append(_shape("panel", "card", panel, look.primary, radius=unit * 0.04))
        px, py, pw, ph = panel
        if clip:
            # the clip fills the card; the product's name sits on the card's colour beneath it
            inset = round(unit * 0.02)
            strip = round(ph * 0.18)
            d.clip_box = (px + inset, py + inset, pw - 2 * inset, ph - strip - inset)
            name_box, name_size = (px + pw * 0.06, py + ph - strip, pw * 0.88, strip), strip * 0.5
            timing = enters(0.05, 0.6, dy=rise * 0.5)
        else:
            name_box, name_size = (px + pw * 0.08, py, pw * 0.84, ph), big * 1.25
            timing = enters(0.05, 0.7, dy=rise * 1.4)
        d.moving.append(
            (
                "product",
                [
                    _text(
                        "product",
                        "product_name",
                        name_box,
                        product,
                        size=name_size,
                        colour=look.on_primary,
                        weight=800,
                        font=heading,
                        align="center",
                        valign="middle",
                    )
                ],
                timing,
            )
        )
        # "Glow Serum" on the card and "Glow Serum" under it says nothing twice
        reveal_text = "" if shot.text.strip().casefold() == product.strip().casefold() else shot.text
        d.moving.append(
            (
                "text",
                [
                    _text(
                        "text",
                        "headline",
                        (col_x, py + ph + height * 0.04, col_w, height * 0.2),
                        reveal_text,
                        size=big * 0.8,
                        colour=ink,
                        weight=700,
                        font=heading,
                        align="center",
                    )
                ],
                later,
            )
        )
    elif beat == "feature":
        chip = round(unit * 0.16)
        number = f"{shot.feature_number or shot.index:02d}"
        if landscape:
            # a wide frame: the number beside the feature, both in the middle of the frame
            chip_y = height * 0.47 - chip / 2
            text_box = (col_x + chip * 1.4, height * 0.27, col_w - chip * 1.4, height * 0.4)
        else:
            chip_y = height * 0.3
            text_box = (col_x, height * 0.3 + chip * 1.35, col_w, height * 0.28)
        d.moving.append(
            (
                "chip",
                [
                    _shape("chip", "badge", (col_x, chip_y, chip, chip), look.accent, kind="ellipse"),
                    _text(
                        "chip-n",
                        "caption",
                        (col_x, chip_y, chip, chip),
                        number,
                        size=chip * 0.38,
                        colour=look.on_accent,
                        weight=800,
                        font=heading,
                        align="center",
                        valign="middle",
                    ),
                ],
                enters(0.05, 0.5, dx=-rise),
            )
        )
        d.moving.append(
            (
                "text",
                [
                    _text(
                        "text",
                        "feature_bullet",
                        text_box,
                        # "무첨가 로스팅 · 싱글 원두": a list, set one item a line rather than broken mid-item
                        re.sub(r"\s+[·•|]\s+", "\n", shot.text.strip()),
                        size=big * (1.15 if landscape else 1.0),
                        colour=ink,
                        weight=800,
                        font=heading,
                        valign="middle" if landscape else "top",
                    )
                ],
                text_in,
            )
        )
        d.still.append(_product_caption(product, (col_x, height * 0.82, col_w, unit * 0.06), ink, body))
    elif beat == "benefit":
        bar = round(unit * 0.02)
        d.moving.append(
            (
                "bar",
                [_shape("bar", "highlight", (col_x, height * 0.34, bar, height * 0.26), look.primary, radius=bar / 2)],
                enters(0, 0.5, dy=-rise),
            )
        )
        d.moving.append(
            (
                "text",
                [
                    _text(
                        "text",
                        "body",
                        (col_x + bar * 2.5, height * 0.34, col_w - bar * 2.5, height * 0.26),
                        shot.text,
                        size=big * 0.95,
                        colour=ink,
                        weight=800,
                        font=heading,
                        valign="middle",
                    )
                ],
                text_in,
            )
        )
        d.still.append(_product_caption(product, (col_x, height * 0.82, col_w, unit * 0.06), ink, body))
    elif beat == "offer":
        side = round(min(col_w * 0.92, height * 0.5))
        box = ((width - side) / 2, height * 0.42 - side / 2, side, side)
        d.moving.append(
            (
                "badge",
                [
                    _shape("badge", "badge", box, look.background, kind="ellipse"),
                    _text(
                        "offer",
                        "discount_badge",
                        (box[0] + side * 0.14, box[1] + side * 0.14, side * 0.72, side * 0.72),
                        shot.text,
                        size=side * 0.15,
                        colour=look.on_background,
                        weight=800,
                        font=heading,
                        align="center",
                        valign="middle",
                    ),
                ],
                enters(0.05, 0.6, dy=rise * 1.5),
            )
        )
        d.moving.append(
            (
                "product",
                [
                    _text(
                        "product",
                        "product_name",
                        (col_x, height * 0.72, col_w, height * 0.1),
                        product,
                        size=big * 0.7,
                        colour=ink,
                        weight=700,
                        font=heading,
                        align="center",
                    )
                ],
                later,
            )
        )
    else:  # cta: the end card
        if look.offer:
            pill_w, pill_h = round(col_w * 0.6), round(unit * 0.09)
            pill = ((width - pill_w) / 2, height * 0.16, pill_w, pill_h)
            d.moving.append(
                (
                    "offer",
                    _pill(
                        ("offer", "badge", "discount_badge"),
                        pill,
                        look.background,
                        look.offer,
                        look.on_background,
                        0.45,
                        heading,
                    ),
                    enters(0.0, 0.5, dy=-rise),
                )
            )
        d.moving.append(
            (
                "product",
                [
                    _text(
                        "product",
                        "product_name",
                        (col_x, height * 0.26, col_w, height * 0.22),
                        product,
                        size=big * 1.2,
                        colour=ink,
                        weight=800,
                        font=heading,
                        align="center",
                        valign="middle",
                    )
                ],
                text_in,
            )
        )
        button_w, button_h = round(col_w * 0.8), round(unit * 0.15)
        button = ((width - button_w) / 2, height * 0.56, button_w, button_h)
        d.moving.append(
            (
                "cta",
                _pill(("cta", "cta_button", "cta"), button, look.accent, shot.text, look.on_accent, 0.38, heading),
                later,
            )
        )
    return d


def draw(shot: Shot, look: Look, width: int, height: int, *, allowed_path, clip=None) -> tuple[Scene, list[str]]:
    """The scene ready to play, and the renderer's warnings (a font it lacks, text that does not
    fit). ``clip``: (frames, fps) of a moving picture for the product panel."""
    layout = design(shot, look, width, height, clip=clip is not None)
    objects = layout.still + [obj for _, group, _ in layout.moving for obj in group]
    document = SparklioDocument.model_validate(
        {
            "title": "scene",
            "width": width,
            "height": height,
            "language": look.language,
            "pages": [{"id": "scene", "background": layout.background, "objects": objects}],
        }
    )
    parsed = {obj.id: obj for obj in document.pages[0].objects}
    context = render_context(document, allowed_path=allowed_path)
    canvas = Image.new("RGBA", (width, height), rgba(layout.background))
    for obj in layout.still:
        draw_object(canvas, parsed[obj["id"]], (0.0, 0.0), context)
    still = _shade(np.asarray(canvas.convert("RGB")))
    sprites = []
    for name, group, motion in layout.moving:
        layer = Image.new("RGBA", (width, height), (0, 0, 0, 0))
        for obj in group:
            draw_object(layer, parsed[obj["id"]], (0.0, 0.0), context)
        sprite = Sprite.of(layer, 0, 0, motion, name)
        if sprite is not None:
            sprites.append(sprite)
    ink = rgba(layout.ink)[:3]
    player = None
    if clip is not None and layout.clip_box is not None:
        player = _clip_player(clip, layout.clip_box)
    return Scene(still=still, sprites=sprites, ink=ink, clip=player), context.warnings


def _shade(rgb: np.ndarray) -> np.ndarray:
    """A gentle top-to-bottom darkening (to 8 %): depth for flat colour, drawn once per scene."""
    height = rgb.shape[0]
    ramp = np.round(256 * (1.0 - 0.08 * np.linspace(0.0, 1.0, height))).astype(np.uint16)[:, None, None]
    return ((rgb.astype(np.uint16) * ramp) >> 8).astype(np.uint8)


def _clip_player(clip, box):
    """Frames of the clip, fitted (cover) into ``box`` once, played back and forth at its own rate."""
    frames, fps = clip
    x, y, w, h = box
    fitted = [_cover(frame, w, h) for frame in frames]

    def at(t: float):
        from generators.motion.compose import frames_at, ping_pong

        return fitted[ping_pong(len(fitted), frames_at(fps, max(t, 0.0)))], x, y

    return at


def _cover(frame: np.ndarray, width: int, height: int) -> np.ndarray:
    image = Image.fromarray(frame)
    scale = max(width / image.width, height / image.height)
    size = (max(width, round(image.width * scale)), max(height, round(image.height * scale)))
    image = image.resize(size, Image.Resampling.BILINEAR)
    left, top = (image.width - width) // 2, (image.height - height) // 2
    return np.asarray(image.crop((left, top, left + width, top + height)))


def _text(oid, role, box, text, *, size, colour, weight=400, align="left", font=None, valign="top", opacity=1.0):
    x, y, w, h = box
    return {
        "id": oid,
        "type": "text",
        "role": role,
        "x": round(x),
        "y": round(y),
        "width": max(1, round(w)),
        "height": max(1, round(h)),
        "opacity": opacity,
        "text": text,
        "style": {
            "font_family": font or "Noto Sans KR",
            "font_size": max(6, round(size)),
            "font_weight": weight,
            "color": colour,
            "align": align,
            "vertical_align": valign,
            "line_height": 1.2,
            "shrink_to_fit": True,
        },
    }


def _product_caption(product, box, ink, font) -> dict:
    """The product's name, small and quiet, under a scene that is about one of its claims."""
    return _text("product", "product_name", box, product, size=box[3] * 2 / 3, colour=ink, font=font, opacity=0.75)


def _pill(names, box, fill, text, ink, size_ratio, font) -> list[dict]:
    """A rounded pill with its text centred on it (an offer, a button): ``names`` are the text's
    id, the pill's role and the text's role."""
    oid, shape_role, text_role = names
    x, y, w, h = box
    return [
        _shape(f"{oid}-bg", shape_role, box, fill, radius=h / 2),
        _text(
            oid,
            text_role,
            (x + h * 0.4, y, w - h * 0.8, h),
            text,
            size=h * size_ratio,
            colour=ink,
            weight=800,
            font=font,
            align="center",
            valign="middle",
        ),
    ]


def _shape(oid, role, box, fill, *, kind="rect", radius=0.0, opacity=1.0):
    x, y, w, h = box
    return {
        "id": oid,
        "type": "shape",
        "role": role,
        "shape": kind,
        "x": round(x),
        "y": round(y),
        "width": max(1, round(w)),
        "height": max(1, round(h)),
        "fill": fill,
        "corner_radius": round(radius),
        "opacity": opacity,
    }
