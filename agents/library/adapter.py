"""The channel adapter: one design re-laid out for another channel (Canva's "resize"), not
stretched.

What the source design says is read by role (the product, the headline, the features, the
offer, the price, the call to action, the fine print, the product picture, the logo, the page's
background) and laid out anew by the campaign layout for the target channel's format: a text
column beside the picture on square and wide pages, a stack on tall ones, the logo in the top
corner and the offer row at the bottom, every box inside the safe margin and sized from the
renderer's own line layout. The source's colours and faces are kept (a colour that no longer
reads on its new background is swapped for white or near-black), each text is fitted to its
box again in its own face, and the result is measured on its pixels: while the integrity
checks find a defect the layout is set again smaller, then without the optional texts.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from pydantic import BaseModel, Field, field_validator

from agents.base import Agent, AgentContext, AgentInput
from documents.commands.colors import contrast_ratio, relative_luminance
from documents.render.integrity import inspect_layout
from documents.schema import (
    CHANNEL_PRESETS,
    GroupObject,
    ImageObject,
    ShapeObject,
    SparklioDocument,
    TextObject,
)
from templates.campaign import OPTIONAL_ROLES, compose
from templates.fitting import fitted_size

# the campaign layout's slot for each role a source text may have
SLOT_OF = {
    "product_name": "product_name",
    "brand_name": "product_name",
    "headline": "headline",
    "subheadline": "subheadline",
    "tagline": "subheadline",
    "slogan": "subheadline",
    "subtitle": "subheadline",
    "feature_bullet": "feature_bullet",
    "body": "body",
    "caption": "body",
    "quote": "body",
    "testimonial": "body",
    "hashtags": "hashtags",
    "discount_badge": "discount_badge",
    "badge": "discount_badge",
    "price": "price",
    "cta": "cta_button",
    "cta_button": "cta_button",
    "disclaimer": "disclaimer",
    "legal": "disclaimer",
    "date": "disclaimer",
    "contact": "disclaimer",
    "url": "disclaimer",
}
ONE_LINE_JOIN = {"disclaimer": " · ", "hashtags": " ", "price": " "}
PICTURE_ROLES = ("product_image", "lifestyle_image", "model_photo", "illustration")
BACKDROP_SHAPES = {"background", "background_shape", "overlay", "pattern", "frame", "decoration", "card", "highlight"}
FULL_PAGE = 0.8  # a shape or picture covering this share of the page is the page's background
LIGHT, DARK = "#FFFFFF", "#111111"
MIN_CONTRAST = 3.0  # large display type; the reviewer measures the finer rules on the render
MAX_ROUNDS = 6
SCRIM_OPACITY = 0.5


class AdaptError(ValueError):
    """A source design that cannot be adapted (nothing to lay out)."""


@dataclass
class Placed:
    obj: object
    x: float
    y: float


@dataclass
class Reading:
    """What a source page says, by role, and how it looks."""

    texts: dict[str, str] = field(default_factory=dict)
    styles: dict[str, TextObject] = field(default_factory=dict)  # slot → the source text it came from
    behind: dict[str, str] = field(default_factory=dict)  # slot → the colour of the shape it sat on
    picture: ImageObject | None = None
    logo: ImageObject | None = None
    background: str = "#FFFFFF"
    background_image: str | None = None
    left_out: list[str] = field(default_factory=list)


def _flatten(objects, dx: float = 0.0, dy: float = 0.0, out: list | None = None) -> list[Placed]:
    out = [] if out is None else out
    for obj in sorted(objects, key=lambda o: o.z_index):
        if not obj.visible or obj.opacity <= 0:
            continue
        if isinstance(obj, GroupObject):
            _flatten(obj.children, dx + obj.x, dy + obj.y, out)
        else:
            out.append(Placed(obj, dx + obj.x, dy + obj.y))
    return out


def _covers_page(placed: Placed, doc: SparklioDocument) -> bool:
    obj = placed.obj
    visible_w = max(0.0, min(placed.x + obj.width, doc.width) - max(placed.x, 0))
    visible_h = max(0.0, min(placed.y + obj.height, doc.height) - max(placed.y, 0))
    return visible_w * visible_h >= FULL_PAGE * doc.width * doc.height


def _shape_behind(text: Placed, drawn: list[Placed], index: int, doc: SparklioDocument) -> str | None:
    """The fill of the topmost opaque shape drawn under the text's centre (a button, a band), not
    one that covers the page."""
    cx, cy = text.x + text.obj.width / 2, text.y + text.obj.height / 2
    for below in reversed(drawn[:index]):
        obj = below.obj
        if (
            isinstance(obj, ShapeObject)
            and obj.fill
            and obj.opacity >= 0.6
            and obj.shape in ("rect", "ellipse")
            and below.x <= cx <= below.x + obj.width
            and below.y <= cy <= below.y + obj.height
        ):
            return None if _covers_page(below, doc) else obj.fill[:7]
    return None


def read_page(doc: SparklioDocument, page_index: int = 0) -> Reading:
    page = doc.pages[page_index]
    drawn = _flatten(page.objects)
    reading = Reading(background=page.background[:7], background_image=page.background_image)
    parts: dict[str, list[tuple[float, float, str]]] = {}
    for index, placed in enumerate(drawn):
        obj, role = placed.obj, placed.obj.role.value
        if isinstance(obj, TextObject):
            slot = SLOT_OF.get(role)
            if not obj.text.strip():
                continue
            if slot is None:
                reading.left_out.append(role)
                continue
            parts.setdefault(slot, []).append((placed.y, placed.x, obj.text.strip()))
            if slot not in reading.styles or role == slot:
                reading.styles[slot] = obj
                if behind := _shape_behind(placed, drawn, index, doc):
                    reading.behind[slot] = behind
        elif isinstance(obj, ShapeObject):
            if _covers_page(placed, doc) and obj.fill and obj.opacity >= 0.9:
                reading.background = obj.fill[:7]  # a full-page band is the page's colour
        elif isinstance(obj, ImageObject):
            if role == "logo":
                reading.logo = reading.logo or obj
            elif role == "background_image" or (_covers_page(placed, doc) and role not in PICTURE_ROLES):
                reading.background_image = obj.src
            elif role in PICTURE_ROLES:
                best = reading.picture
                product_first = (role == "product_image", obj.width * obj.height)
                if best is None or product_first > (best.role.value == "product_image", best.width * best.height):
                    if best is not None:
                        reading.left_out.append(best.role.value)
                    reading.picture = obj
                else:
                    reading.left_out.append(role)
            else:
                reading.left_out.append(role)
        else:
            reading.left_out.append(role)
    for slot, found in parts.items():
        found.sort()  # reading order: top to bottom, then left to right
        lines = [value for _, _, value in found]
        if slot == "feature_bullet":
            lines = [line if line.lstrip().startswith(("•", "-", "·", "✓")) else f"• {line}" for line in lines]
        reading.texts[slot] = ONE_LINE_JOIN.get(slot, "\n").join(lines)
    if not reading.texts:
        raise AdaptError("document: the design has no text to lay out for another channel")
    return reading


# slots a design says once (the cover's headline wins over a later slide's); the others gather
# the lines of every page (a deck's feature cards, its fine print)
ONCE = {"product_name", "headline", "subheadline", "body", "discount_badge", "price", "cta_button"}


def read_document(doc: SparklioDocument) -> Reading:
    """What the whole design says: its first page (its look, picture and logo), with what the
    other pages of a deck add: the features of its cards, an offer or a call to action the cover
    does not carry. Every line once."""
    readings = []
    for number in range(len(doc.pages)):
        try:
            readings.append(read_page(doc, number))
        except AdaptError:
            continue  # a slide of pictures only
    if not readings:
        raise AdaptError("document: the design has no text to lay out for another channel")
    reading = readings[0]
    for other in readings[1:]:
        reading.picture = reading.picture or other.picture
        reading.logo = reading.logo or other.logo
        reading.left_out += other.left_out
        for slot, value in other.texts.items():
            if slot not in reading.texts:
                reading.texts[slot] = value
                reading.styles[slot] = other.styles[slot]
                if slot in other.behind:
                    reading.behind[slot] = other.behind[slot]
            elif slot not in ONCE:
                joiner = ONE_LINE_JOIN.get(slot, "\n")
                lines = reading.texts[slot].split(joiner)
                lines += [line for line in value.split(joiner) if line not in lines]
                reading.texts[slot] = joiner.join(lines)
    return reading


# --- colours ---------------------------------------------------------------------------------------


def _readable(colour: str, on: str, *, was_on: str | None = None) -> str:
    """``colour``, or white or near-black where it does not read on ``on``; a colour the source
    already set on this very background was the designer's choice and stays."""
    if contrast_ratio(colour, on) >= MIN_CONTRAST or (was_on is not None and was_on.upper() == on.upper()):
        return colour
    return max((LIGHT, DARK), key=lambda candidate: contrast_ratio(candidate, on))


def _was_on(reading: Reading, slot: str) -> str | None:
    """The colour the source text of ``slot`` was set on."""
    source = reading.styles.get(slot)
    if source is None:
        return None
    if source.style.background_color:
        return source.style.background_color[:7]
    return reading.behind.get(slot) or reading.background


def _accent(reading: Reading) -> str | None:
    """The colour the source gave its buttons and badges."""
    for slot in ("cta_button", "discount_badge"):
        source = reading.styles.get(slot)
        if source is not None and source.style.background_color:
            return source.style.background_color[:7]
        if slot in reading.behind:
            return reading.behind[slot]
    return None


def _restyle(doc: SparklioDocument, reading: Reading) -> None:
    """The source's look on the new layout: page colour and picture, each text's face, weight
    and colour, the buttons' fill; a colour that no longer reads on what is now behind it is
    swapped for white or near-black."""
    page = doc.pages[0]
    page.background = reading.background
    page.background_image = reading.background_image
    if reading.background_image:
        # the photo is cropped anew, so what lies behind each text changes: a scrim in the
        # opposite tone of the type keeps it readable wherever it falls
        headline = reading.styles.get("headline") or next(iter(reading.styles.values()))
        light_type = relative_luminance(headline.style.color[:7]) > 0.5
        scrim = ShapeObject(
            id="scrim",
            role="overlay",
            shape="rect",
            x=0,
            y=0,
            width=doc.width,
            height=doc.height,
            fill="#000000" if light_type else "#FFFFFF",
            opacity=SCRIM_OPACITY,
            z_index=-1,
        )
        page.objects.insert(0, scrim)
    accent = _accent(reading)
    headline = reading.styles.get("headline")
    ink = _readable(headline.style.color[:7] if headline else DARK, reading.background)
    for obj in page.objects:
        if isinstance(obj, TextObject):
            slot = obj.role.value
            source = reading.styles.get(slot)
            if source is not None:
                obj.style.font_family = source.style.font_family
                obj.style.font_weight = source.style.font_weight
                obj.style.italic = source.style.italic
                obj.style.letter_spacing = min(source.style.letter_spacing, 0.05 * obj.style.font_size)
            if obj.style.background_color:  # a filled button or badge
                fill = (source.style.background_color if source else None) or reading.behind.get(slot) or accent
                if fill:
                    obj.style.background_color = fill[:7]
                colour = source.style.color[:7] if source else obj.style.color[:7]
                obj.style.color = _readable(colour, obj.style.background_color[:7], was_on=_was_on(reading, slot))
            elif source is not None and reading.background_image:
                obj.style.color = source.style.color  # set for the photo behind it, which stays behind it
            else:
                colour = source.style.color[:7] if source else ink
                obj.style.color = _readable(colour, reading.background, was_on=_was_on(reading, slot))
        elif isinstance(obj, ShapeObject) and obj.role.value == "background_shape":
            obj.fill = ink  # the picture's panel: a faint tint of the text colour
        elif isinstance(obj, ImageObject):
            if obj.role.value == "logo" and reading.logo is not None:
                obj.src = reading.logo.src
            elif obj.role.value == "product_image" and reading.picture is not None:
                obj.src = reading.picture.src
                obj.role = reading.picture.role
                obj.crop = reading.picture.crop
                obj.alt = reading.picture.alt
                # a product is shown whole; a photo of a scene fills its frame
                obj.fit = "contain" if reading.picture.role.value == "product_image" else "cover"


# --- layout ----------------------------------------------------------------------------------------


@dataclass
class Adapted:
    document: SparklioDocument
    channel: str
    rounds: int
    left_out: list[str]
    defects: list[str]


def _laid_out(source: SparklioDocument, reading: Reading, channel: str, texts: dict[str, str], factor: float):
    skeleton = compose(
        channel,
        texts,
        logo=reading.logo is not None,
        picture=reading.picture is not None,
        language=source.language,
        factor=factor,
        grow=True,
    )
    campaign = skeleton["metadata"].pop("campaign")
    doc = SparklioDocument.model_validate(skeleton)
    shown = set(campaign["roles"])
    page = doc.pages[0]
    page.objects = [o for o in page.objects if not isinstance(o, TextObject) or o.role.value in shown]
    for obj in page.objects:
        if isinstance(obj, TextObject):
            obj.text = texts[obj.role.value]
    _restyle(doc, reading)
    for obj in page.objects:
        if isinstance(obj, TextObject):
            # the boxes were measured in the layout's face: fit each text again in its own
            obj.style.font_size = fitted_size(obj, language=doc.language)
            obj.style.shrink_to_fit = True
    return doc, campaign


def adapt_document(source: SparklioDocument, channel: str, *, allowed_path=None) -> Adapted:
    """``source`` laid out anew for ``channel`` (not saved), as one page: a deck's slides are
    read together (``read_document``), so what its later slides say is not lost."""
    if channel not in CHANNEL_PRESETS:
        raise AdaptError(f"channels: unknown channel {channel!r}")
    reading = read_document(source)
    texts = dict(reading.texts)
    factor, rounds = 1.0, 0
    best = None
    while True:
        rounds += 1
        doc, campaign = _laid_out(source, reading, channel, texts, factor)
        report = inspect_layout(doc, allowed_path=allowed_path)
        defects = [f"{d.kind}: {d.message}" for d in report.defects]
        if best is None or len(defects) < len(best[2]):
            best = (doc, campaign, defects)
        if not defects or rounds >= MAX_ROUNDS:
            break
        kinds = {d.kind for d in report.defects}
        optional = next((role for role in OPTIONAL_ROLES if role in texts), None)
        if kinds == {"text_too_small"} and optional:
            texts.pop(optional)  # no smaller type helps: the design does without this text
        else:
            factor = round(factor * 0.88, 3)
    doc, campaign, defects = best
    left_out = list(reading.left_out) + [role for role in reading.texts if role not in campaign["roles"]]
    preset = CHANNEL_PRESETS[channel]
    doc.title = f"{source.title or 'Design'} · {preset.label}"[:200]
    doc.brand = source.brand
    doc.language = source.language
    doc.fonts = copy.deepcopy(source.fonts) or doc.fonts
    doc.metadata = {
        **{key: value for key, value in source.metadata.items() if key not in ("campaign", "template", "adapted")},
        "palette": doc.metadata.get("palette", {}),
        "adapted": {
            "channel": channel,
            "from_channel": source.channel,
            "layout": campaign["layout"],
            "roles": campaign["roles"],
            "factor": campaign["factor"],
            "rounds": rounds,
            "left_out": sorted(set(left_out)),
        },
    }
    return Adapted(doc, channel, rounds, sorted(set(left_out)), defects)


# --- the agent -------------------------------------------------------------------------------------


class ChannelAdapterInput(AgentInput):
    document: int
    channels: list[str] = Field(min_length=1, max_length=len(CHANNEL_PRESETS))

    @field_validator("channels")
    @classmethod
    def _known_channels(cls, channels: list[str]) -> list[str]:
        unknown = [channel for channel in channels if channel not in CHANNEL_PRESETS]
        if unknown:
            raise ValueError(f"unknown channel {', '.join(unknown)}; known: {', '.join(CHANNEL_PRESETS)}")
        return channels


class AdaptedDocument(BaseModel):
    id: int
    channel: str
    width: float
    height: float
    title: str
    layout: str
    left_out: list[str] = Field(description="Roles of the source the new format has no room for")
    defects: list[str] = Field(description="Layout defects the render still shows (none, normally)")
    source: int


class ChannelAdapterOutput(BaseModel):
    source: int
    documents: list[AdaptedDocument]


class ChannelAdapterAgent(Agent):
    name = "channel_adapter"
    description = (
        "Re-lays out one design for other channels (Canva's resize): one new document per channel "
        "preset, texts refitted, pictures kept whole, logo and offer re-anchored, measured on the render."
    )
    Input = ChannelAdapterInput
    Output = ChannelAdapterOutput

    def run(self, inp, ctx: AgentContext):
        from agents.services import document_adapt  # the service module imports the registry, and so this one
        from documents.models import Document
        from sparklio.core.models import User

        source = Document.objects.get(pk=inp.document, workspace_id=ctx.workspace_id)
        user = User.objects.filter(pk=ctx.user_id).first() if ctx.user_id else None
        ctx.report(0.1, f"adapting to {len(inp.channels)} channel(s)")
        run_id = ctx.run.pk if ctx.run is not None else None
        documents = document_adapt(document=source, channels=inp.channels, user=user, run_id=run_id)
        ctx.providers.append("offline")
        return ChannelAdapterOutput(source=source.pk, documents=[AdaptedDocument(**item) for item in documents])
