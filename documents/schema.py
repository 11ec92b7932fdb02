"""SparklioDocument v2.0: the editable design document agents produce and the studio edits.

document → pages → objects. Every model forbids unknown fields, so a typo is an error with
its JSON path rather than silently dropped data.

Geometry conventions (the renderer, the editor commands and the Polotno interchange all follow
them): lengths are in the document's unit (px unless ``unit`` is mm, converted at ``dpi``);
``x``/``y`` is the top-left corner of the unrotated box; ``rotation`` is in degrees, clockwise,
about the box's centre; a group's children are positioned relative to the group's ``x``/``y``;
shape ``points`` are relative to the object's ``x``/``y``; objects are drawn in ascending
``z_index``, ties in list order. ``GET /api/v1/documents/schema/`` publishes
the JSON Schema generated from these models.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

SCHEMA_VERSION = "2.0"
MAX_GROUP_DEPTH = 10
HEX = r"^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$"
ID = r"^[A-Za-z0-9_.:-]{1,64}$"


class Role(StrEnum):
    """What an object means in the design, independent of how it is drawn."""

    HEADLINE = "headline"
    SUBHEADLINE = "subheadline"
    BODY = "body"
    CTA = "cta"
    CTA_BUTTON = "cta_button"
    TAGLINE = "tagline"
    SLOGAN = "slogan"
    HASHTAGS = "hashtags"
    PRICE = "price"
    ORIGINAL_PRICE = "original_price"
    DISCOUNT_BADGE = "discount_badge"
    DISCLAIMER = "disclaimer"
    CAPTION = "caption"
    QUOTE = "quote"
    TESTIMONIAL = "testimonial"
    FEATURE_BULLET = "feature_bullet"
    PRODUCT_NAME = "product_name"
    BRAND_NAME = "brand_name"
    CONTACT = "contact"
    URL = "url"
    DATE = "date"
    LEGAL = "legal"
    PRODUCT_IMAGE = "product_image"
    BACKGROUND_IMAGE = "background_image"
    LIFESTYLE_IMAGE = "lifestyle_image"
    MODEL_PHOTO = "model_photo"
    LOGO = "logo"
    ICON = "icon"
    ILLUSTRATION = "illustration"
    PATTERN = "pattern"
    QR_CODE = "qr_code"
    BACKGROUND_SHAPE = "background_shape"
    BADGE = "badge"
    DIVIDER = "divider"
    FRAME = "frame"
    OVERLAY = "overlay"
    HIGHLIGHT = "highlight"
    DECORATION = "decoration"
    CARD = "card"
    HEADER = "header"
    FOOTER = "footer"
    SCENE = "scene"
    SUBTITLE = "subtitle"
    VOICEOVER = "voiceover"
    CHART = "chart"
    OTHER = "other"


class ChannelPreset(BaseModel):
    key: str
    label: str
    width: int
    height: int


CHANNEL_PRESETS: dict[str, ChannelPreset] = {
    preset.key: preset
    for preset in [
        ChannelPreset(key="instagram_feed", label="Instagram feed", width=1080, height=1080),
        ChannelPreset(key="instagram_portrait", label="Instagram portrait", width=1080, height=1350),
        ChannelPreset(key="instagram_story", label="Instagram story / Reels", width=1080, height=1920),
        ChannelPreset(key="facebook_feed", label="Facebook feed", width=1200, height=630),
        ChannelPreset(key="youtube_thumbnail", label="YouTube thumbnail", width=1280, height=720),
        ChannelPreset(key="naver_blog", label="Naver blog", width=966, height=1280),
        ChannelPreset(key="kakao_feed", label="KakaoTalk channel feed", width=800, height=800),
        ChannelPreset(key="product_detail", label="Product detail page", width=860, height=4000),
        # 3:1, the wide display banner most ad networks and site headers take
        ChannelPreset(key="web_banner", label="Web banner", width=1200, height=400),
        # 1:√2, the A-series ratio posters and flyers are printed in
        ChannelPreset(key="poster", label="Poster", width=1080, height=1528),
        ChannelPreset(key="presentation", label="Presentation slide", width=1920, height=1080),
        # 600 px is the width e-mail clients render without scaling; read as one column
        ChannelPreset(key="email_newsletter", label="E-mail newsletter", width=600, height=1800),
    ]
}


class _Strict(BaseModel):
    # NaN and infinities are not JSON (PostgreSQL refuses them), so they are input errors here.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Provenance(_Strict):
    """Who made an object: an agent (and the run), a user, a template or an import."""

    source: Literal["agent", "user", "template", "import"]
    agent: str | None = Field(default=None, max_length=64)
    run_id: int | None = None
    user_id: int | None = None
    template_id: int | None = None
    created_at: datetime | None = None


class _Object(_Strict):
    id: str = Field(pattern=ID)
    role: Role
    name: str = Field(default="", max_length=120)
    x: float = 0
    y: float = 0
    width: float = Field(gt=0, le=100_000)
    height: float = Field(gt=0, le=100_000)
    rotation: float = Field(default=0, ge=-360, le=360)
    opacity: float = Field(default=1, ge=0, le=1)
    visible: bool = True
    locked: bool = False
    z_index: int = 0
    provenance: Provenance | None = None


class TextStyle(_Strict):
    font_family: str = Field(default="Noto Sans KR", max_length=120)
    font_size: float = Field(default=32, gt=0, le=2000)
    font_weight: int = Field(default=400, ge=100, le=900, multiple_of=100)
    italic: bool = False
    underline: bool = False
    color: str = Field(default="#111111", pattern=HEX)
    background_color: str | None = Field(default=None, pattern=HEX)
    align: Literal["left", "center", "right", "justify"] = "left"
    vertical_align: Literal["top", "middle", "bottom"] = "top"
    line_height: float = Field(default=1.3, gt=0, le=10)
    letter_spacing: float = Field(default=0, ge=-50, le=500)
    shrink_to_fit: bool = False


class TextObject(_Object):
    type: Literal["text"] = "text"
    text: str = Field(max_length=20_000)
    style: TextStyle = Field(default_factory=TextStyle)


class Crop(_Strict):
    """The visible part of the source image, as fractions of its width and height."""

    x: float = Field(default=0, ge=0, le=1)
    y: float = Field(default=0, ge=0, le=1)
    width: float = Field(default=1, gt=0, le=1)
    height: float = Field(default=1, gt=0, le=1)


class ImageObject(_Object):
    type: Literal["image"] = "image"
    src: str = Field(min_length=1, max_length=2048, description="A storage path of this workspace, or an allowed URL.")
    fit: Literal["cover", "contain", "fill"] = "cover"
    crop: Crop | None = None
    corner_radius: float = Field(default=0, ge=0)
    alt: str = Field(default="", max_length=500)


class ShapeObject(_Object):
    type: Literal["shape"] = "shape"
    shape: Literal["rect", "ellipse", "line", "polygon"]
    fill: str | None = Field(default=None, pattern=HEX)
    stroke: str | None = Field(default=None, pattern=HEX)
    stroke_width: float = Field(default=0, ge=0, le=1000)
    corner_radius: float = Field(default=0, ge=0)
    points: list[tuple[float, float]] = Field(default_factory=list, description="line and polygon vertices")

    @model_validator(mode="after")
    def _points_for_lines_and_polygons(self):
        needed = {"line": 2, "polygon": 3}.get(self.shape, 0)
        if len(self.points) < needed:
            raise ValueError(f"a {self.shape} needs at least {needed} points")
        return self


class SvgObject(_Object):
    type: Literal["svg"] = "svg"
    svg: str = Field(min_length=1, max_length=200_000, description="SVG markup")


class VideoObject(_Object):
    type: Literal["video"] = "video"
    src: str = Field(min_length=1, max_length=2048)
    start: float = Field(default=0, ge=0)
    end: float | None = Field(default=None, gt=0)
    muted: bool = True
    loop: bool = False
    poster: str | None = Field(default=None, max_length=2048)


class GroupObject(_Object):
    type: Literal["group"] = "group"
    children: list[DesignObject] = Field(default_factory=list)


DesignObject = Annotated[
    TextObject | ImageObject | ShapeObject | SvgObject | VideoObject | GroupObject,
    Field(discriminator="type"),
]
GroupObject.model_rebuild()


class Page(_Strict):
    id: str = Field(pattern=ID)
    name: str = Field(default="", max_length=120)
    background: str = Field(default="#FFFFFF", pattern=HEX)
    background_image: str | None = Field(default=None, max_length=2048)
    duration: float | None = Field(default=None, gt=0, le=3600, description="Seconds, for video pages.")
    objects: list[DesignObject] = Field(default_factory=list)


class FontRef(_Strict):
    family: str = Field(max_length=120)
    weights: list[int] = Field(default_factory=lambda: [400])


class SparklioDocument(_Strict):
    schema_version: Literal["2.0"] = SCHEMA_VERSION
    title: str = Field(default="", max_length=200)
    brand: int | None = None
    channel: str | None = Field(default=None, description=f"One of: {', '.join(CHANNEL_PRESETS)}")
    width: float = Field(gt=0, le=20_000)
    height: float = Field(gt=0, le=100_000)
    unit: Literal["px", "mm"] = "px"
    dpi: int = Field(default=72, ge=36, le=1200)
    language: Literal["ko", "en"] = "ko"
    fonts: list[FontRef] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)
    pages: list[Page] = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _known_channel_and_unique_ids(self):
        if self.channel is not None and self.channel not in CHANNEL_PRESETS:
            raise ValueError(f"channel: unknown preset {self.channel!r}; known: {', '.join(CHANNEL_PRESETS)}")
        for page_index, page in enumerate(self.pages):
            _check_depth(page.objects, f"pages[{page_index}].objects", 1)
        seen: set[str] = set()
        for page in self.pages:
            if page.id in seen:
                raise ValueError(f"duplicate id {page.id!r}")
            seen.add(page.id)
            for obj in iter_objects(page.objects):
                if obj.id in seen:
                    raise ValueError(f"duplicate id {obj.id!r}")
                seen.add(obj.id)
        return self


def _check_depth(objects, path: str, depth: int) -> None:
    for index, obj in enumerate(objects):
        if isinstance(obj, GroupObject):
            if depth >= MAX_GROUP_DEPTH:
                raise ValueError(f"{path}[{index}]: groups nest at most {MAX_GROUP_DEPTH} deep")
            _check_depth(obj.children, f"{path}[{index}].children", depth + 1)


def iter_objects(objects):
    """Every object, groups' children included, depth first."""
    for obj in objects:
        yield obj
        if isinstance(obj, GroupObject):
            yield from iter_objects(obj.children)


def count_objects(document: SparklioDocument) -> int:
    return sum(1 for page in document.pages for _ in iter_objects(page.objects))


_TAGS = {"text", "image", "shape", "svg", "video", "group"}


def error_paths(exc: ValidationError) -> dict[str, list[str]]:
    """pydantic errors as {"pages[0].objects[2].style.color": [message]}.

    The union's discriminator tag that pydantic puts in the location is left out, so the path
    is the one a client can follow in the JSON it sent."""
    out: dict[str, list[str]] = {}
    for error in exc.errors(include_url=False):
        path = ""
        loc = list(error["loc"])
        for index, part in enumerate(loc):
            if isinstance(part, int):
                path += f"[{part}]"
            elif part in _TAGS and index > 0 and isinstance(loc[index - 1], int):
                continue
            else:
                path += f".{part}" if path else str(part)
        message = error["msg"].removeprefix("Value error, ")
        out.setdefault(path or "document", []).append(message)
    return out


def json_schema() -> dict:
    schema = SparklioDocument.model_json_schema()
    schema["$id"] = f"https://sparklio.dev/schemas/sparklio-document-{SCHEMA_VERSION}.json"
    schema["title"] = f"SparklioDocument {SCHEMA_VERSION}"
    return schema
