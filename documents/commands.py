"""Editor commands: "make the CTA bigger", "헤드라인을 '여름 세일'로 바꿔", "use brand colours".

A command becomes a list of editor operations (``Op``), which are applied to a copy of the
document, validated and saved as one new version. Common commands are parsed by rules, in Korean
and English; anything else is put to the LLM gateway, which answers with the same operations
(structured output). Brand colours and fonts are expanded into concrete ``restyle`` and
``set_background`` operations, so the studio can replay exactly what happened.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from pydantic import ValidationError as PydanticValidationError
from rest_framework import status
from rest_framework.exceptions import APIException, Throttled, ValidationError

from brands.models import BrandKit
from documents import services
from documents.models import Document, VersionSource
from documents.schema import HEX, ID, Provenance, Role, ShapeObject, SparklioDocument, TextObject, TextStyle
from sparklio.core.api.errors import flatten_errors
from sparklio.core.models import User
from sparklio.llm.errors import BudgetExceeded, NoModelAvailable, RateLimited, StructuredOutputError
from sparklio.llm.gateway import gateway

logger = logging.getLogger(__name__)

MIN_CONTRAST = 4.5  # WCAG AA for normal text
SCALE_UP, SCALE_DOWN = 1.2, 0.8
TONE_STEP = 0.2  # how far "lighter"/"darker" mixes towards white/black
CORNER_MARGIN = 0.05  # of the page width
EDITOR_PROVENANCE = Provenance(source="agent", agent="editor")


class CommandNotUnderstood(APIException):
    """Neither the rules nor the model turned the command into a change; nothing is written."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "not_understood"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.extra = {"understood": False}


class OperationError(ValueError):
    """An operation does not fit the document (an unknown id, a text change on a shape...)."""


# --- operations -------------------------------------------------------------------------------------
# The same models are the API's answer, what the model must produce (strict structured output),
# and what apply_ops replays. In `changes` and `style`, null leaves a field as it is.


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Targeted(_Op):
    target: str = Field(pattern=ID, description="Id of an existing object (a group's child too).")


class AddOp(_Op):
    """Add a text or shape object on top of a page."""

    op: Literal["add"] = "add"
    page: int = Field(ge=0, description="Index of the page.")
    object: Annotated[TextObject | ShapeObject, Field(discriminator="type")]


class ObjectChanges(_Op):
    """Object fields to set; null leaves a field as it is."""

    name: str | None = None
    role: Role | None = None
    x: float | None = None
    y: float | None = None
    width: float | None = None
    height: float | None = None
    rotation: float | None = None
    opacity: float | None = None
    visible: bool | None = None
    locked: bool | None = None
    z_index: int | None = None
    text: str | None = Field(default=None, description="Text objects only.")


class UpdateOp(_Targeted):
    """Set fields of an object."""

    op: Literal["update"] = "update"
    changes: ObjectChanges


class DeleteOp(_Targeted):
    """Remove an object (a group with its children)."""

    op: Literal["delete"] = "delete"


class MoveOp(_Targeted):
    """Put the object's top-left corner at x, y, in the coordinates it is stored in (a group's
    children are relative to the group)."""

    op: Literal["move"] = "move"
    x: float
    y: float


class ResizeOp(_Targeted):
    """Set the size, keeping the top-left corner. font_size: the new font size of a text. A group's
    children are scaled with it (font sizes and corner radii by the smaller factor)."""

    op: Literal["resize"] = "resize"
    width: float = Field(gt=0)
    height: float = Field(gt=0)
    font_size: float | None = Field(default=None, gt=0)


class StyleChanges(_Op):
    """Text style fields (text objects) or fill/stroke (shapes) to set; null leaves a field as it is."""

    font_family: str | None = None
    font_size: float | None = None
    font_weight: int | None = None
    italic: bool | None = None
    underline: bool | None = None
    color: str | None = Field(default=None, pattern=HEX)
    background_color: str | None = Field(default=None, pattern=HEX)
    align: Literal["left", "center", "right", "justify"] | None = None
    vertical_align: Literal["top", "middle", "bottom"] | None = None
    line_height: float | None = None
    letter_spacing: float | None = None
    fill: str | None = Field(default=None, pattern=HEX)
    stroke: str | None = Field(default=None, pattern=HEX)
    stroke_width: float | None = None


class RestyleOp(_Targeted):
    """Change how a text or a shape is drawn."""

    op: Literal["restyle"] = "restyle"
    style: StyleChanges


class ReplaceTextOp(_Targeted):
    """Replace the text of a text object."""

    op: Literal["replace_text"] = "replace_text"
    text: str


class ReorderOp(_Targeted):
    """Set the stacking order among the object's siblings (higher is in front)."""

    op: Literal["reorder"] = "reorder"
    z_index: int


class SetBackgroundOp(_Op):
    """Set a page's background colour."""

    op: Literal["set_background"] = "set_background"
    page: int = Field(ge=0)
    color: str = Field(pattern=HEX)


Op = Annotated[
    AddOp | UpdateOp | DeleteOp | MoveOp | ResizeOp | RestyleOp | ReplaceTextOp | ReorderOp | SetBackgroundOp,
    Field(discriminator="op"),
]
OPERATIONS = TypeAdapter(list[Op])


class CommandPlan(BaseModel):
    """The operations that carry out an editor command, in order. None when it cannot be done."""

    operations: list[Op]


def dump_ops(ops: list[Op]) -> list[dict]:
    """Operations as JSON; the nulls that mean "unchanged" are left out."""
    return [op.model_dump(mode="json", exclude_none=True) for op in ops]


# --- colours ----------------------------------------------------------------------------------------


def _channels(color: str) -> list[int]:
    return [int(color[i : i + 2], 16) for i in (1, 3, 5)]


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of #RRGGBB (an alpha suffix is ignored)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` (0..1) of the way to ``other``; its alpha suffix is kept."""
    mixed = [round((1 - amount) * a + amount * b) for a, b in zip(_channels(color), _channels(other), strict=True)]
    return "#" + "".join(f"{c:02X}" for c in mixed) + color[7:]


def _readable(candidates: list[str | None], backdrop: str) -> str:
    """The first candidate with enough contrast on ``backdrop``; black or white always qualify
    (one of them reaches at least 4.58:1 on any colour)."""
    options = [c for c in candidates if c] + ["#FFFFFF", "#000000"]
    for color in options:
        if contrast_ratio(color, backdrop) >= MIN_CONTRAST:
            return color
    return max(options, key=lambda c: contrast_ratio(c, backdrop))


# --- where objects are --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Placed:
    """An object with its page, the origin of its coordinates (a group's children are relative to
    the group), its paint order and the groups around it."""

    obj: dict
    page: int
    origin: tuple[float, float]
    paint: tuple
    groups: tuple[str, ...]

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.origin[0] + self.obj["x"], self.origin[1] + self.obj["y"], self.obj["width"], self.obj["height"])


def _placed(content: dict) -> list[_Placed]:
    out: list[_Placed] = []

    def walk(objects, page, origin, paint, groups):
        for index, obj in enumerate(objects):
            item = _Placed(obj, page, origin, (*paint, (obj["z_index"], index)), groups)
            out.append(item)
            if obj["type"] == "group":
                walk(obj["children"], page, (item.box[0], item.box[1]), item.paint, (*groups, obj["id"]))

    for page_index, page in enumerate(content["pages"]):
        walk(page["objects"], page_index, (0.0, 0.0), (), ())
    return out


def _contains(box, x: float, y: float) -> bool:
    return box[0] <= x <= box[0] + box[2] and box[1] <= y <= box[1] + box[3]


def _backdrop(content: dict, placed: list[_Placed], page: int, box, paint: tuple | None = None) -> str:
    """The colour under the centre of ``box``: the topmost filled shape painted before ``paint``
    (anything on the page when None), else the page background. Images are not sampled."""
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    hidden = {p.obj["id"] for p in placed if not p.obj["visible"]}
    under = [
        p
        for p in placed
        if p.page == page
        and (paint is None or p.paint < paint)
        and p.obj["type"] == "shape"
        and p.obj["shape"] != "line"
        and p.obj["fill"]
        and p.obj["opacity"] >= 0.5
        and p.obj["id"] not in hidden
        and not hidden.intersection(p.groups)
        and _contains(p.box, cx, cy)
    ]
    if under:
        return max(under, key=lambda p: p.paint).obj["fill"][:7]
    return content["pages"][page]["background"][:7]


def _text_backdrop(content: dict, placed: list[_Placed], item: _Placed) -> str:
    own = item.obj["style"]["background_color"]
    return own[:7] if own else _backdrop(content, placed, item.page, item.box, item.paint)


# --- applying operations ------------------------------------------------------------------------------


def _locate(content: dict, target: str) -> tuple[dict, list]:
    """The object with id ``target`` and the list that holds it."""

    def walk(objects):
        for obj in objects:
            if obj["id"] == target:
                return obj, objects
            if obj["type"] == "group" and (found := walk(obj["children"])):
                return found
        return None

    for page in content["pages"]:
        if found := walk(page["objects"]):
            return found
    raise OperationError(f"no object {target!r}")


def _page(content: dict, index: int) -> dict:
    if index >= len(content["pages"]):
        raise OperationError(f"no page {index}; the document has {len(content['pages'])}")
    return content["pages"][index]


def _r(value: float) -> float:
    return round(value, 2)


def _scale_children(children: list[dict], sx: float, sy: float) -> None:
    factor = min(sx, sy)
    for child in children:
        child.update(x=_r(child["x"] * sx), y=_r(child["y"] * sy))
        child.update(width=_r(child["width"] * sx), height=_r(child["height"] * sy))
        if child["type"] == "text":
            child["style"]["font_size"] = _r(child["style"]["font_size"] * factor)
        if "corner_radius" in child:
            child["corner_radius"] = _r(child["corner_radius"] * factor)
        if child["type"] == "group":
            _scale_children(child["children"], sx, sy)


def _apply_add(content, op: AddOp):
    _page(content, op.page)["objects"].append(op.object.model_dump(mode="json"))


def _apply_update(content, op: UpdateOp):
    obj, _ = _locate(content, op.target)
    changes = op.changes.model_dump(mode="json", exclude_none=True)
    if "text" in changes and obj["type"] != "text":
        raise OperationError(f"{op.target!r} is a {obj['type']}, not a text")
    obj.update(changes)


def _apply_delete(content, op: DeleteOp):
    obj, siblings = _locate(content, op.target)
    siblings.remove(obj)


def _apply_move(content, op: MoveOp):
    obj, _ = _locate(content, op.target)
    obj.update(x=op.x, y=op.y)


def _apply_resize(content, op: ResizeOp):
    obj, _ = _locate(content, op.target)
    if op.font_size is not None and obj["type"] != "text":
        raise OperationError(f"font_size is for texts; {op.target!r} is a {obj['type']}")
    sx, sy = op.width / obj["width"], op.height / obj["height"]
    obj.update(width=op.width, height=op.height)
    if op.font_size is not None:
        obj["style"]["font_size"] = op.font_size
    if obj["type"] == "group":
        _scale_children(obj["children"], sx, sy)


_TEXT_STYLE = set(TextStyle.model_fields)
_SHAPE_STYLE = {"fill", "stroke", "stroke_width"}


def _apply_restyle(content, op: RestyleOp):
    obj, _ = _locate(content, op.target)
    style = op.style.model_dump(mode="json", exclude_none=True)
    if obj["type"] == "text" and not style.keys() & _SHAPE_STYLE:
        obj["style"].update(style)
    elif obj["type"] == "shape" and not style.keys() & _TEXT_STYLE:
        obj.update(style)
    else:
        raise OperationError(f"{', '.join(sorted(style))} cannot style {op.target!r}, a {obj['type']}")


def _apply_replace_text(content, op: ReplaceTextOp):
    obj, _ = _locate(content, op.target)
    if obj["type"] != "text":
        raise OperationError(f"{op.target!r} is a {obj['type']}, not a text")
    obj["text"] = op.text


def _apply_reorder(content, op: ReorderOp):
    obj, _ = _locate(content, op.target)
    obj["z_index"] = op.z_index


def _apply_set_background(content, op: SetBackgroundOp):
    _page(content, op.page)["background"] = op.color


_APPLY: dict[str, Callable] = {
    "add": _apply_add,
    "update": _apply_update,
    "delete": _apply_delete,
    "move": _apply_move,
    "resize": _apply_resize,
    "restyle": _apply_restyle,
    "replace_text": _apply_replace_text,
    "reorder": _apply_reorder,
    "set_background": _apply_set_background,
}


def _apply_all(content: dict, ops: list[Op]) -> dict:
    for index, op in enumerate(ops):
        try:
            _APPLY[op.op](content, op)
        except OperationError as exc:
            raise OperationError(f"operations[{index}] ({op.op}): {exc}") from None
    return content


def apply_ops(doc_json: dict, ops: list[Op] | list[dict]) -> dict:
    """The document after ``ops`` (models or their JSON), normalized; ``doc_json`` is not modified.

    Raises OperationError when an operation does not parse or fit the document, and the
    services' ValidationError (with JSON paths) when the result is not a valid document."""
    try:
        parsed = OPERATIONS.validate_python(ops)
    except PydanticValidationError as exc:
        raise OperationError(f"invalid operations: {exc}") from exc
    content = services.document_validate(doc_json).model_dump(mode="json")
    return services.document_validate(_apply_all(content, parsed)).model_dump(mode="json")


# --- the brand ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Palette:
    colors: dict[str, str]  # colour role → #RRGGBB, the first of each role
    fonts: dict[str, tuple[str, tuple[int, ...]]]  # font role → (family, weights)

    @classmethod
    def of(cls, brand: BrandKit | None) -> _Palette:
        colors: dict[str, str] = {}
        fonts: dict[str, tuple[str, tuple[int, ...]]] = {}
        if brand is not None:
            for color in brand.colors.all():
                colors.setdefault(color.role, color.hex.upper())
            for font in brand.fonts.all():
                fonts.setdefault(font.role, (font.family, tuple(font.weights)))
        return cls(colors, fonts)

    def color(self, *roles: str) -> str | None:
        return next((self.colors[r] for r in roles if r in self.colors), None)

    def font(self, *roles: str) -> tuple[str, tuple[int, ...]] | None:
        return next((self.fonts[r] for r in roles if r in self.fonts), None)

    def font_for(self, role: str) -> tuple[str, tuple[int, ...]] | None:
        """Heading roles get the heading font, the subheadline a subheading font, the rest the body font."""
        if role in HEADING_ROLES:
            return self.font("heading", "display", "subheading")
        if role == Role.SUBHEADLINE:
            return self.font("subheading", "heading", "display")
        return self.font("body")


HEADING_ROLES = {Role.HEADLINE, Role.PRODUCT_NAME, Role.BRAND_NAME, Role.TAGLINE, Role.SLOGAN}
BACKDROP_ROLES = {Role.BACKGROUND_SHAPE, Role.BACKGROUND_IMAGE, Role.OVERLAY, Role.PATTERN, Role.FRAME}


def _text_colors(palette: _Palette, role: str, in_button: bool) -> list[str | None]:
    """Brand colours a text would wear, most fitting first."""
    if in_button or role == Role.CTA:
        preferred = [palette.color("background"), palette.color("text")]
    elif role in HEADING_ROLES:
        preferred = [palette.color("primary"), palette.color("text")]
    elif role == Role.SUBHEADLINE:
        preferred = [palette.color("secondary"), palette.color("primary"), palette.color("text")]
    elif role in {Role.PRICE, Role.DISCOUNT_BADGE}:
        preferred = [palette.color("accent"), palette.color("primary"), palette.color("text")]
    else:
        preferred = [palette.color("text")]
    return preferred + list(palette.colors.values())


# --- understanding commands -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    label: str
    roles: frozenset[str]
    words: tuple[str, ...]


_TARGETS = [
    _Target("headline", frozenset({Role.HEADLINE}), ("헤드라인", "제목", "타이틀", "headline", "title", "heading")),
    _Target(
        "subheadline",
        frozenset({Role.SUBHEADLINE}),
        ("서브헤드라인", "서브 헤드라인", "서브헤드", "부제목", "부제", "subheadline", "sub-headline", "subheading"),
    ),
    _Target("body text", frozenset({Role.BODY}), ("본문", "바디", "body text", "body copy", "body")),
    _Target(
        "call to action",
        frozenset({Role.CTA, Role.CTA_BUTTON}),
        ("cta", "버튼", "콜투액션", "button", "call to action", "call-to-action"),
    ),
    _Target("logo", frozenset({Role.LOGO}), ("로고", "logo")),
    _Target("background", frozenset({Role.BACKGROUND_SHAPE, Role.BACKGROUND_IMAGE}), ("배경", "background")),
    _Target("hashtags", frozenset({Role.HASHTAGS}), ("해시태그", "해쉬태그", "hashtags", "hashtag")),
    _Target("original price", frozenset({Role.ORIGINAL_PRICE}), ("정가", "original price", "regular price")),
    _Target("price", frozenset({Role.PRICE}), ("가격", "판매가", "price")),
    _Target(
        "product image",
        frozenset({Role.PRODUCT_IMAGE}),
        ("제품 이미지", "제품 사진", "상품 이미지", "상품 사진", "product image", "product photo", "product shot"),
    ),
    _Target("product name", frozenset({Role.PRODUCT_NAME}), ("제품명", "상품명", "product name")),
    _Target(
        "disclaimer",
        frozenset({Role.DISCLAIMER, Role.LEGAL}),
        ("고지문", "고지", "유의사항", "면책", "disclaimer", "fine print", "legal"),
    ),
    _Target("tagline", frozenset({Role.TAGLINE, Role.SLOGAN}), ("태그라인", "슬로건", "tagline", "slogan")),
    _Target("badge", frozenset({Role.BADGE, Role.DISCOUNT_BADGE}), ("배지", "뱃지", "badge")),
    _Target("caption", frozenset({Role.CAPTION}), ("캡션", "caption")),
    _Target("QR code", frozenset({Role.QR_CODE}), ("qr 코드", "qr code", "qr")),
]


def _keyword(word: str) -> re.Pattern:
    body = r"\s*".join(re.escape(part) for part in word.split())
    if word.isascii():  # English words stand alone (and take a plural); Korean takes particles directly
        return re.compile(rf"(?<![a-z0-9]){body}s?(?![a-z0-9])")
    return re.compile(body)


# Longest first, so "서브헤드라인" is not also a "헤드라인" and "original price" not a "price".
_KEYWORDS = sorted(
    ((_keyword(word), target) for target in _TARGETS for word in target.words),
    key=lambda pair: -len(pair[0].pattern),
)


def _mentions(text: str) -> list[_Target]:
    """The targets ``text`` names, in the order it names them."""
    hits: list[tuple[int, _Target]] = []
    text = text.lower()
    for pattern, target in _KEYWORDS:

        def blank(match, target=target):
            hits.append((match.start(), target))
            return " " * len(match.group())

        text = pattern.sub(blank, text)
    ordered: list[_Target] = []
    for _, target in sorted(hits, key=lambda hit: hit[0]):
        if target not in ordered:
            ordered.append(target)
    return ordered


_QUOTES = [('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"), ("「", "」"), ("『", "』")]
QUOTED = "|".join(f"{re.escape(a)}[^{re.escape(b)}]+{re.escape(b)}" for a, b in _QUOTES)


def _unquote(text: str) -> str:
    text = text.strip()
    for a, b in _QUOTES:
        if len(text) > 2 and text.startswith(a) and text.endswith(b):
            return text[1:-1].strip()
    return text


@dataclass
class _Context:
    content: dict
    palette: _Palette
    placed: list[_Placed]

    @property
    def size(self) -> tuple[float, float]:
        return self.content["width"], self.content["height"]

    def objects(self, target: _Target) -> list[_Placed]:
        """The target's objects, outermost only (a matched group stands for its matched children)."""
        matched = [p for p in self.placed if p.obj["role"] in target.roles]
        ids = {p.obj["id"] for p in matched}
        found = [p for p in matched if not ids.intersection(p.groups)]
        if not found:
            raise CommandNotUnderstood(f"This document has no {target.label}.")
        return found

    def texts(self, target: _Target) -> list[_Placed]:
        """The target's texts: its text objects, and the texts inside its groups."""
        ids = {p.obj["id"] for p in self.objects(target)}
        return [
            p for p in self.placed if p.obj["type"] == "text" and (p.obj["id"] in ids or ids.intersection(p.groups))
        ]

    @cached_property
    def buttons(self) -> set[str]:
        return {p.obj["id"] for p in self.placed if p.obj["role"] == Role.CTA_BUTTON and p.obj["type"] == "group"}

    def in_button(self, item: _Placed) -> bool:
        return bool(self.buttons.intersection(item.groups))


def _one_target(text: str) -> _Target | None:
    targets = _mentions(text)
    return targets[0] if len(targets) == 1 else None


# Replacing text is tried first: the new text is free and may contain any other command's words.
_REPLACE_EN = [
    re.compile(
        r"^(?:please\s+)?(?:change|set|replace|update|rename|edit)\s+(?P<head>.+?)\s+(?:to|with|into|as)\s+(?P<text>.+)$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:please\s+)?(?:make|have)\s+(?P<head>.+?)\s+(?:say|read)\s+(?P<text>.+)$", re.IGNORECASE),
]
_KO_VERB = r"(?:바꿔|바꾸|변경|수정|교체|고쳐|고치)"
_REPLACE_KO = [
    re.compile(rf"^(?P<head>.*?)(?P<text>{QUOTED})\s*(?:이라고|라고|으로|로)?\s*(?:{_KO_VERB}|해\s*줘|해\s*주세요)"),
    # Unquoted, only with a verb of changing: "헤드라인을 오른쪽 위로 해줘" is not new text.
    re.compile(rf"^(?P<head>.+?)(?:을|를)\s+(?P<text>.+?)\s*(?:이라고|라고|으로|로)\s*{_KO_VERB}"),
]


def _replace_text(ctx: _Context, text: str) -> list[Op] | None:
    for pattern in _REPLACE_EN + _REPLACE_KO:
        match = pattern.match(text)
        if not match:
            continue
        target = _one_target(match.group("head"))
        new_text = _unquote(match.group("text"))
        if target is None or not new_text:
            return None
        texts = ctx.texts(target)
        if not texts:  # a logo or a background: not a text to replace, maybe something the model knows
            return None
        return [ReplaceTextOp(target=p.obj["id"], text=new_text) for p in texts]
    return None


def _brand_colors(ctx: _Context, text: str) -> list[Op]:
    palette = ctx.palette
    if not palette.colors:
        raise CommandNotUnderstood("This document has no brand kit with colours to apply.")
    backdrop = palette.color("background", "primary", "secondary")
    button = palette.color("accent", "primary", "secondary")
    ops: list[Op] = [
        SetBackgroundOp(page=index, color=backdrop)
        for index, page in enumerate(ctx.content["pages"])
        if page["background"].upper() != backdrop
    ]
    for item in ctx.placed:
        obj = item.obj
        if obj["type"] != "shape" or not obj["fill"]:
            continue
        if obj["role"] == Role.BACKGROUND_SHAPE:
            fill = backdrop
        elif obj["role"] in {Role.CTA_BUTTON, Role.CTA} or ctx.in_button(item):
            fill = button
        elif obj["role"] in {Role.BADGE, Role.DISCOUNT_BADGE, Role.HIGHLIGHT}:
            fill = palette.color("accent", "primary")
        else:
            continue
        if obj["fill"].upper() != fill:
            ops.append(RestyleOp(target=obj["id"], style=StyleChanges(fill=fill)))
    # A text's colour depends on what is under it, so texts are coloured on the repainted document.
    repainted = _apply_all(copy.deepcopy(ctx.content), ops)
    placed = _placed(repainted)
    for item in placed:
        if item.obj["type"] != "text":
            continue
        under = _text_backdrop(repainted, placed, item)
        color = _readable(_text_colors(palette, item.obj["role"], ctx.in_button(item)), under)
        if item.obj["style"]["color"].upper() != color:
            ops.append(RestyleOp(target=item.obj["id"], style=StyleChanges(color=color)))
    return ops


def _nearest_weight(weight: int, weights: tuple[int, ...]) -> int:
    return min(weights, key=lambda w: (abs(w - weight), w)) if weights else weight


def _brand_fonts(ctx: _Context, text: str) -> list[Op]:
    if not ctx.palette.fonts:
        raise CommandNotUnderstood("This document has no brand kit with fonts to apply.")
    ops: list[Op] = []
    for item in ctx.placed:
        font = ctx.palette.font_for(item.obj["role"]) if item.obj["type"] == "text" else None
        if font is None:
            continue
        family, weights = font
        style = item.obj["style"]
        weight = _nearest_weight(style["font_weight"], weights)
        if (style["font_family"], style["font_weight"]) != (family, weight):
            changes = StyleChanges(font_family=family, font_weight=weight if weight != style["font_weight"] else None)
            ops.append(RestyleOp(target=item.obj["id"], style=changes))
    return ops


# role: (Korean placeholder, English placeholder, font size per page width, lines, weight)
_NEW_TEXT = {
    Role.HEADLINE: ("새 헤드라인", "New headline", 0.067, 2, 800),
    Role.SUBHEADLINE: ("새 서브헤드라인", "New subheadline", 0.042, 1, 600),
    Role.BODY: ("본문을 입력하세요", "Body text", 0.03, 3, 400),
    Role.HASHTAGS: ("#해시태그", "#hashtag", 0.026, 1, 500),
    Role.DISCLAIMER: ("고지 문구", "Disclaimer", 0.019, 2, 400),
}
_SAYING = re.compile(r"\b(?:saying|that says|reading|with the text)\s+(?P<text>.+)$", re.IGNORECASE)


def _free_band(ctx: _Context, page: int, x0: float, x1: float, height: float) -> tuple[float, float]:
    """(y, height) of the first vertical gap on the page, top down, that fits ``height`` between
    x0 and x1 (backdrops do not count); else the largest gap, if it is at least 60% of it."""
    width, page_height = ctx.size
    margin = CORNER_MARGIN * width
    taken = sorted(
        (box[1], box[1] + box[3])
        for p in ctx.placed
        if p.page == page
        and not p.groups
        and p.obj["visible"]
        and p.obj["role"] not in BACKDROP_ROLES
        and (box := p.box)[2] * box[3] < 0.8 * width * page_height
        and box[0] < x1
        and box[0] + box[2] > x0
    )
    gaps, cursor = [], margin
    for top, bottom in taken:
        if top > cursor:
            gaps.append((cursor, top - cursor))
        cursor = max(cursor, bottom)
    if page_height - margin > cursor:
        gaps.append((cursor, page_height - margin - cursor))
    fitting = [gap for gap in gaps if gap[1] >= height]
    if fitting:
        y, room = fitting[0]
        return y + (room - height) / 2, height
    largest = max(gaps, key=lambda gap: gap[1], default=None)
    if largest and largest[1] >= 0.6 * height:
        return largest
    return margin, height


def _used_ids(content: dict) -> set[str]:
    return {p.obj["id"] for p in _placed(content)} | {page["id"] for page in content["pages"]}


def _unique_id(used: set[str], base: str) -> str:
    n = 1
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


def _add(ctx: _Context, text: str) -> list[Op] | None:
    said = re.search(QUOTED, text) or _SAYING.search(text)
    words = _unquote(said.group(said.lastindex or 0)) if said else ""
    target = _one_target(text[: said.start()] + text[said.end() :] if said else text)
    role = next((r for r in target.roles if r in _NEW_TEXT), None) if target else None
    if role is None:
        return None
    ko, en, size, lines, weight = _NEW_TEXT[role]
    words = words or (ko if ctx.content["language"] == "ko" else en)
    width, _ = ctx.size
    font_size = _r(size * width)
    x, box_width = 0.075 * width, 0.85 * width
    y, height = _free_band(ctx, 0, x, x + box_width, font_size * 1.3 * lines)
    font_size = _r(min(font_size, height / (1.3 * lines)))
    box = (_r(x), _r(y), _r(box_width), _r(height))
    page_objects = ctx.content["pages"][0]["objects"]
    style = {"font_size": font_size, "font_weight": weight, "align": "center", "vertical_align": "middle"}
    if font := ctx.palette.font_for(role):
        style.update(font_family=font[0], font_weight=_nearest_weight(weight, font[1]))
    style["color"] = _readable(_text_colors(ctx.palette, role, False), _backdrop(ctx.content, ctx.placed, 0, box))
    obj = TextObject(
        id=_unique_id(_used_ids(ctx.content), role.value),
        role=role,
        x=box[0],
        y=box[1],
        width=box[2],
        height=box[3],
        z_index=max((o["z_index"] for o in page_objects), default=0) + 1,
        text=words,
        style=TextStyle(shrink_to_fit=True, **style),
        provenance=EDITOR_PROVENANCE,
    )
    return [AddOp(page=0, object=obj)]


def _delete(ctx: _Context, text: str) -> list[Op] | None:
    targets = _mentions(text)
    if not targets:
        return None
    return [DeleteOp(target=p.obj["id"]) for target in targets for p in ctx.objects(target)]


_LIGHTER = re.compile(
    r"\b(?:lighter|lighten|brighter|brighten|light|bright)\b|밝게|밝히|밝은|환하게|연하게", re.IGNORECASE
)
_DARKER = re.compile(r"\b(?:darker|darken|dark|dimmer|dim)\b|어둡게|어둡|어두운|진하게", re.IGNORECASE)


def _tone(ctx: _Context, text: str) -> list[Op] | None:
    target = _one_target(text)
    if target is None or _LIGHTER.search(text) and _DARKER.search(text):
        return None
    toward = "#FFFFFF" if _LIGHTER.search(text) else "#000000"
    ops: list[Op] = []
    if Role.BACKGROUND_SHAPE in target.roles:
        for index, page in enumerate(ctx.content["pages"]):
            color = mix(page["background"], toward, TONE_STEP)
            if color != page["background"]:
                ops.append(SetBackgroundOp(page=index, color=color))
        items = [p for p in ctx.placed if p.obj["role"] == Role.BACKGROUND_SHAPE and p.obj["type"] == "shape"]
    else:
        items = [p for p in ctx.objects(target) if p.obj["type"] in {"text", "shape"}]
        if not items:
            return None
    for item in items:
        obj = item.obj
        if obj["type"] == "text":
            color = mix(obj["style"]["color"], toward, TONE_STEP)
            if color != obj["style"]["color"]:
                ops.append(RestyleOp(target=obj["id"], style=StyleChanges(color=color)))
        elif obj["fill"] and (fill := mix(obj["fill"], toward, TONE_STEP)) != obj["fill"]:
            ops.append(RestyleOp(target=obj["id"], style=StyleChanges(fill=fill)))
    return ops


_BIGGER = re.compile(r"\b(?:bigger|larger|enlarge|increase|grow|scale up)\b|크게|키워|키우|확대|늘려", re.IGNORECASE)
_SMALLER = re.compile(r"\b(?:smaller|shrink|reduce|decrease|scale down)\b|작게|줄여|줄이|축소", re.IGNORECASE)


def _inside(position: float, size: float, limit: float) -> float:
    return min(max(position, 0.0), limit - size)


def _resize(ctx: _Context, text: str) -> list[Op] | None:
    target = _one_target(text)
    if target is None or _BIGGER.search(text) and _SMALLER.search(text):
        return None
    factor = SCALE_UP if _BIGGER.search(text) else SCALE_DOWN
    page_width, page_height = ctx.size
    ops: list[Op] = []
    for item in ctx.objects(target):
        x, y, w, h = item.box
        scale = min(factor, page_width / w, page_height / h)  # never past the page
        new_w, new_h = _r(w * scale), _r(h * scale)
        new_x = _inside(x + (w - new_w) / 2, new_w, page_width)
        new_y = _inside(y + (h - new_h) / 2, new_h, page_height)
        font_size = _r(item.obj["style"]["font_size"] * scale) if item.obj["type"] == "text" else None
        ops.append(ResizeOp(target=item.obj["id"], width=new_w, height=new_h, font_size=font_size))
        ops.append(MoveOp(target=item.obj["id"], x=_r(new_x - item.origin[0]), y=_r(new_y - item.origin[1])))
    return ops


_FRONT = re.compile(r"\b(?:front|forward)\b|맨\s*앞|앞으로", re.IGNORECASE)
_BACK = re.compile(r"\b(?:back|backward|backwards|behind)\b|맨\s*뒤|뒤로", re.IGNORECASE)
_BRING = re.compile(r"\b(?:bring|send|move)\b", re.IGNORECASE)
_STACK_KO = re.compile(r"맨\s*앞|맨\s*뒤|앞으로|뒤로")


def _reorder(ctx: _Context, text: str) -> list[Op] | None:
    target = _one_target(text)
    if target is None or _FRONT.search(text) and _BACK.search(text):
        return None
    front = bool(_FRONT.search(text))
    ops: list[Op] = []
    for item in ctx.objects(target):
        _, siblings = _locate(ctx.content, item.obj["id"])
        others = [o["z_index"] for o in siblings if o is not item.obj] or [item.obj["z_index"]]
        z_index = max(others) + 1 if front else min(others) - 1
        if z_index != item.obj["z_index"]:
            ops.append(ReorderOp(target=item.obj["id"], z_index=z_index))
    return ops


_TOP = re.compile(r"\b(?:top|upper)\b|위|상단", re.IGNORECASE)
_BOTTOM = re.compile(r"\b(?:bottom|lower)\b|아래|하단|밑", re.IGNORECASE)
_LEFT = re.compile(r"\bleft\b|왼|좌측|좌상단|좌하단", re.IGNORECASE)
_RIGHT = re.compile(r"\bright\b|오른|우측|우상단|우하단", re.IGNORECASE)
_CENTER = re.compile(r"\b(?:center|centre|middle)\b|가운데|중앙|중간", re.IGNORECASE)
_MOVE_VERB = re.compile(
    r"\b(?:move|put|place|position|align|shift)\b|옮|이동|배치|보내|놓|(?:으로|로)\s*(?:해\s*(?:줘|주세요))?\s*$",
    re.IGNORECASE,
)


def _position(text: str) -> tuple[str, str] | None:
    text = text.replace("위치", "")  # "position", not "top"
    vertical = "top" if _TOP.search(text) else "bottom" if _BOTTOM.search(text) else None
    horizontal = "left" if _LEFT.search(text) else "right" if _RIGHT.search(text) else None
    if vertical is None and horizontal is None and not _CENTER.search(text):
        return None
    return vertical or "middle", horizontal or "center"


def _move(ctx: _Context, text: str) -> list[Op] | None:
    target, position = _one_target(text), _position(text)
    if target is None or position is None:
        return None
    vertical, horizontal = position
    page_width, page_height = ctx.size
    margin = CORNER_MARGIN * page_width
    ops: list[Op] = []
    for item in ctx.objects(target):
        _, _, w, h = item.box
        x = {"left": margin, "center": (page_width - w) / 2, "right": page_width - w - margin}[horizontal]
        y = {"top": margin, "middle": (page_height - h) / 2, "bottom": page_height - h - margin}[vertical]
        x, y = _inside(x, w, page_width), _inside(y, h, page_height)
        ops.append(MoveOp(target=item.obj["id"], x=_r(x - item.origin[0]), y=_r(y - item.origin[1])))
    return ops


@dataclass(frozen=True)
class _Intent:
    name: str
    matches: Callable[[str], bool]
    build: Callable[[_Context, str], list[Op] | None]


def _said(pattern: str) -> Callable[[str], bool]:
    return re.compile(pattern, re.IGNORECASE).search


_INTENTS = [
    _Intent(
        "brand_colors",
        _said(r"브랜드.*(?:색상|색깔|컬러|색|팔레트)|\bbrand\b.*\b(?:colou?rs?|palette)\b"),
        _brand_colors,
    ),
    _Intent(
        "brand_fonts",
        _said(r"브랜드.*(?:폰트|글꼴|서체)|\bbrand\b.*\b(?:fonts?|typefaces?|typography)\b"),
        _brand_fonts,
    ),
    _Intent("add", _said(r"\b(?:add|insert|create)\b|추가|넣어|넣기|넣자|달아"), _add),
    _Intent(
        "delete",
        _said(r"\b(?:delete|remove|erase|drop)\b|get rid of|삭제|지워|지우|제거|없애|빼\s*(?:줘|주세요)"),
        _delete,
    ),
    _Intent("tone", lambda text: bool(_LIGHTER.search(text) or _DARKER.search(text)), _tone),
    _Intent("resize", lambda text: bool(_BIGGER.search(text) or _SMALLER.search(text)), _resize),
    _Intent(
        "reorder",
        lambda text: bool(
            _BRING.search(text) and (_FRONT.search(text) or _BACK.search(text)) or _STACK_KO.search(text)
        ),
        _reorder,
    ),
    _Intent("move", lambda text: bool(_MOVE_VERB.search(text)) and _position(text) is not None, _move),
]


def parse_command(command: str, doc: SparklioDocument, brand: BrandKit | None) -> list[Op] | None:
    """The operations for a common command, by rules; None when the rules do not know it (it may
    name several things to do, or something else). Raises CommandNotUnderstood when the command
    is clear but cannot be done here (no such object, no brand kit)."""
    content = doc.model_dump(mode="json")
    ctx = _Context(content, _Palette.of(brand), _placed(content))
    text = " ".join(command.split())
    if (ops := _replace_text(ctx, text)) is not None:
        return ops
    matched = [intent for intent in _INTENTS if intent.matches(text)]
    if {intent.name for intent in matched} == {"brand_colors", "brand_fonts"}:
        return _brand_colors(ctx, text) + _brand_fonts(ctx, text)
    if len(matched) != 1:
        return None
    return matched[0].build(ctx, text)


# --- the model, for everything else -------------------------------------------------------------------

_SYSTEM = """You edit a SparklioDocument, an ad design made of pages and objects, for the Sparklio studio.
Turn the user's command into editor operations on the objects given. Rules:
- Use only the ids given; new objects need new ids.
- Coordinates are pixels from the page's top-left; a group's children are relative to the group.
- Keep every object inside the page.
- Colours are #RRGGBB. Prefer the brand's colours and fonts when the command is about style.
- Text must stay readable: at least 4.5:1 contrast with what is under it.
- In `changes` and `style`, null leaves a field as it is.
- If the command cannot be done on this document, answer with no operations."""


def _outline(content: dict, brand: _Palette, command: str) -> str:
    """What the model needs to know about the document, compactly."""
    placed = _placed(content)
    pages = []
    for index, page in enumerate(content["pages"]):
        objects = []
        for item in (p for p in placed if p.page == index):
            obj = item.obj
            entry = {k: obj[k] for k in ("id", "type", "role", "x", "y", "width", "height", "z_index")}
            if item.groups:
                entry["group"] = item.groups[-1]
            if obj["type"] == "text":
                entry["text"] = obj["text"][:200]
                entry.update({k: obj["style"][k] for k in ("color", "font_family", "font_size", "font_weight")})
            elif obj["type"] == "shape":
                entry.update({k: obj[k] for k in ("shape", "fill", "stroke") if obj[k]})
            objects.append(entry)
        pages.append({"index": index, "id": page["id"], "background": page["background"], "objects": objects})
    brand_info = {
        "colors": brand.colors,
        "fonts": {role: family for role, (family, _) in brand.fonts.items()},
    }
    outline = {
        "command": command,
        "document": {"width": content["width"], "height": content["height"], "language": content["language"]},
        "pages": pages,
        "brand": brand_info if brand.colors or brand.fonts else None,
    }
    return json.dumps(outline, ensure_ascii=False)


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        path, messages = next(iter(flatten_errors(exc.detail).items()))
        return f"{path}: {messages[0]}"
    return str(exc)


def _ask_model(*, document: Document, user: User | None, command: str, brand: BrandKit | None):
    """(operations, provider) from the LLM gateway; CommandNotUnderstood when no model answers."""
    messages = [
        {"role": "system", "content": _SYSTEM},
        {"role": "user", "content": _outline(document.content, _Palette.of(brand), command)},
    ]
    try:
        result = gateway.complete(
            messages,
            purpose="fast",
            schema=CommandPlan,
            temperature=0,
            max_tokens=2048,
            workspace_id=document.workspace_id,
            user_id=user.pk if user else None,
            cause=document,
        )
    except NoModelAvailable as exc:
        logger.info("editor command %r: no model to ask (%s)", command, exc)
        raise CommandNotUnderstood("The command was not understood, and no language model is available.") from exc
    except StructuredOutputError as exc:
        logger.warning("editor command %r: the model's answer does not match the operations: %s", command, exc)
        raise CommandNotUnderstood("The command was not understood: the model's answer was not usable.") from exc
    except BudgetExceeded as exc:
        raise CommandNotUnderstood(f"The command was not understood, and the model cannot be asked: {exc}") from exc
    except RateLimited as exc:
        raise Throttled(wait=exc.wait_seconds, detail=str(exc)) from exc
    return result.data.operations, result.provider


def _own_new_objects(content: dict, ops: list[Op]) -> list[Op]:
    """New objects from the model are marked as the editor's, with ids no other object has."""
    used = _used_ids(content)
    for op in ops:
        if isinstance(op, AddOp):
            op.object.provenance = EDITOR_PROVENANCE
            if op.object.id in used:
                op.object.id = _unique_id(used, op.object.role.value)
            used.add(op.object.id)
    return ops


@dataclass(frozen=True)
class CommandResult:
    operations: list[Op]
    document: Document
    provider: str  # "rules", or the LLM provider that answered


def run_command(
    *, document: Document, user: User | None, command: str, base_version: int, brand: BrandKit | None = None
) -> CommandResult:
    """Carry out an editor command as one new version (source ai_command).

    The rules answer first; a command they do not know goes to the model. Nothing is written
    when the command is not understood (CommandNotUnderstood), when the model's operations do not
    fit the document, or when the version is stale (VersionConflict)."""
    if base_version != document.version:
        # Before any model is asked: the client has to reload anyway.
        raise services.VersionConflict(current=document.version, given=base_version)
    ops = parse_command(command, SparklioDocument.model_validate(document.content), brand)
    provider = "rules"
    if ops is not None:
        content = apply_ops(document.content, ops)
    else:
        ops, provider = _ask_model(document=document, user=user, command=command, brand=brand)
        if not ops:
            raise CommandNotUnderstood("The command was not understood: the model found nothing to change.")
        ops = _own_new_objects(document.content, ops)
        try:
            content = apply_ops(document.content, ops)
        except (OperationError, ValidationError) as exc:
            logger.warning("editor command %r: the model's operations do not apply: %s", command, exc)
            raise CommandNotUnderstood(
                f"The command was not understood: the model's changes do not fit this document ({_short(exc)})."
            ) from exc
    updated = services.document_update(
        document=document,
        user=user,
        content=content,
        base_version=base_version,
        source=VersionSource.AI_COMMAND,
        summary=f"AI command: {command}"[:300],
    )
    return CommandResult(operations=ops, document=updated, provider=provider)
