"""Roles for what Polotno made, inferred from the elements' names and from the page.

A role stored in ``custom["sparklio"]`` is never changed. Otherwise, in this order:

1. the element's name (``cta-label``, ``brandLogo``, ``price_sale``, ``discount-badge-2``,
   ``헤드라인``, ``구매 버튼``...), read as words whatever the separators, camelCase and
   numbers; the first rule of :data:`_NAME_RULES` that it matches and that has a role for the
   element's kind decides;
2. what a text says or looks like: only hashtags are ``hashtags``, a struck-through price is
   ``original_price``;
3. a call to action lying over a rectangle is a button: both become ``cta_button``, and so does
   a short unnamed text alone on a small rounded rectangle (the usual shape of a button);
4. the page: the biggest text is the headline (unless there is one), other texts are body,
   what covers the page is background, images are product images, shapes decoration.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from documents.polotno.geometry import _corners, _covers, _turn
from documents.schema import Role

_TEXT, _IMAGE, _SVG, _FIGURE, _LINE, _GROUP = "text", ("image", "svg-image"), "svg", "figure", "line", "group"
_PICTURES = (*_IMAGE, _SVG)
# A button's label is short and on one line.
_LABEL_MAX_CHARS = 30
# A rectangle larger than this share of the page is a panel or a card, not a button.
_BUTTON_MAX_SHARE = 0.25
_UNNAMED_BUTTON_MAX_SHARE = 0.10
# A button is drawn just before its label: only the nearest rectangles below a text are looked at.
_NEAREST_RECTS = 20
_MAX_TEXTS_FOR_LABELS = 500


class _Node:
    """A converted element waiting for its role and its place among its siblings."""

    def __init__(
        self,
        route: str,
        flat: dict,
        position: int,
        path: str,
        pose: tuple,
        children: list | None = None,
        el: dict | None = None,
    ):
        self.route, self.flat, self.position, self.path, self.children = route, flat, position, path, children
        self.pose = pose  # x, y, width, height, rotation as Polotno shows it (page coordinates)
        self.el = el or {}  # the Polotno element as it came


@dataclass(frozen=True)
class _NameRule:
    """Names meaning one thing: ``words`` (each alternative a set of English words that must all be
    in the name, plurals included) or ``korean`` (parts of the name, spaces ignored); ``roles``
    gives the role for each kind of element (route) it applies to."""

    words: tuple[tuple[str, ...], ...]
    korean: tuple[str, ...]
    roles: dict[str, Role]


def _for(kinds: str | tuple[str, ...], role: Role) -> dict[str, Role]:
    return dict.fromkeys(kinds if isinstance(kinds, tuple) else (kinds,), role)


_ALL = (_TEXT, *_PICTURES, _FIGURE, _GROUP)

# Most specific first: "price-sale" is a price, "sale-headline" a headline, "badge-bg" a badge.
_NAME_RULES = [
    _NameRule(
        (("cta",), ("button",), ("btn",), ("call", "action"), ("calltoaction",)),
        ("버튼", "콜투액션"),
        # A text is the call to action; what carries it is the button (a text over one becomes one).
        {**_for(_ALL, Role.CTA_BUTTON), _TEXT: Role.CTA},
    ),
    _NameRule(
        (
            *(("price", word) for word in ("original", "old", "regular", "before", "was", "strike")),
            ("strikethrough",),
            ("strike",),
            ("crossed",),
        ),
        ("정가", "원가", "기존가", "이전가", "정상가", "취소선"),
        _for(_TEXT, Role.ORIGINAL_PRICE),
    ),
    _NameRule(
        (("price",), ("pricing",)),
        ("가격", "판매가", "할인가", "특가", "금액"),
        _for((_TEXT, _GROUP), Role.PRICE),
    ),
    _NameRule((("logo",), ("logotype",), ("wordmark",), ("brandmark",)), ("로고",), _for(_ALL, Role.LOGO)),
    _NameRule(
        (
            ("subheadline",),
            ("subheading",),
            ("subtitle",),
            ("subhead",),
            ("sub", "headline"),
            ("sub", "heading"),
            ("sub", "title"),
            ("sub", "head"),
        ),
        ("서브헤드", "서브타이틀", "서브카피", "부제", "소제목"),
        _for(_TEXT, Role.SUBHEADLINE),
    ),
    _NameRule(
        (("product", "name"), ("product", "title"), ("productname",)),
        ("제품명", "상품명"),
        _for(_TEXT, Role.PRODUCT_NAME),
    ),
    _NameRule(
        (("headline",), ("heading",), ("title",)),
        ("헤드라인", "제목", "타이틀", "메인카피", "헤드카피"),
        _for(_TEXT, Role.HEADLINE),
    ),
    _NameRule((("tagline",),), ("태그라인",), _for(_TEXT, Role.TAGLINE)),
    _NameRule((("slogan",),), ("슬로건",), _for(_TEXT, Role.SLOGAN)),
    _NameRule((("hashtag",), ("tags",)), ("해시태그", "해쉬태그"), _for(_TEXT, Role.HASHTAGS)),
    _NameRule(
        (("discount",), ("percent",), ("sale", "badge"), ("sale", "sticker"), ("sale", "tag")),
        ("할인", "세일"),
        {**_for(_ALL, Role.BADGE), _TEXT: Role.DISCOUNT_BADGE, _GROUP: Role.DISCOUNT_BADGE},
    ),
    _NameRule((("badge",), ("sticker",), ("ribbon",)), ("배지", "뱃지", "스티커"), _for(_ALL, Role.BADGE)),
    _NameRule(
        (("body",), ("description",), ("desc",), ("paragraph",), ("copy",)),
        ("본문", "설명", "바디", "내용", "상세"),
        _for(_TEXT, Role.BODY),
    ),
    _NameRule(
        (("disclaimer",), ("legal",), ("fine", "print")), ("유의사항", "고지", "면책"), _for(_TEXT, Role.DISCLAIMER)
    ),
    _NameRule((("caption",),), ("캡션",), _for(_TEXT, Role.CAPTION)),
    _NameRule(
        (("background",), ("bg",), ("backdrop",)),
        ("배경",),
        {**_for(_PICTURES, Role.BACKGROUND_IMAGE), _FIGURE: Role.BACKGROUND_SHAPE},
    ),
    _NameRule(
        (("product",), ("packshot",)),
        ("제품", "상품"),
        {**_for(_PICTURES, Role.PRODUCT_IMAGE), _TEXT: Role.PRODUCT_NAME},
    ),
    _NameRule((("hero",),), (), _for(_PICTURES, Role.PRODUCT_IMAGE)),
    _NameRule((("qr",),), (), _for(_PICTURES, Role.QR_CODE)),
    _NameRule((("icon",),), ("아이콘",), _for(_PICTURES, Role.ICON)),
    _NameRule((("divider",), ("separator",)), ("구분선",), _for((_LINE, _FIGURE, *_PICTURES), Role.DIVIDER)),
    _NameRule((("card",),), ("카드",), _for((_FIGURE, _GROUP), Role.CARD)),
    _NameRule((("overlay",),), ("오버레이",), _for((_FIGURE, *_IMAGE), Role.OVERLAY)),
    _NameRule((("frame",), ("border",)), ("프레임", "테두리"), _for((_FIGURE, *_PICTURES), Role.FRAME)),
    _NameRule((("pattern",),), ("패턴",), _for((_FIGURE, *_PICTURES), Role.PATTERN)),
    _NameRule((("illustration",),), ("일러스트",), _for(_PICTURES, Role.ILLUSTRATION)),
    _NameRule((("header",),), ("헤더",), _for((_FIGURE, _GROUP), Role.HEADER)),
    _NameRule((("footer",),), ("푸터",), _for((_FIGURE, _GROUP), Role.FOOTER)),
]

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_DIGITS = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")


def _name_words(name: str) -> tuple[set[str], str]:
    """The English words of a name (each also without a plural ``s``) and its Hangul, joined."""
    spaced = _DIGITS.sub(" ", _CAMEL.sub(" ", name)).lower()
    words = {w for w in re.split(r"[^a-z0-9]+", spaced) if w and not w.isdigit()}
    words |= {w[:-1] for w in words if len(w) > 3 and w.endswith("s")}
    return words, "".join(re.findall(r"[가-힣]+", name))


def _role_from_name(name: str, route: str) -> Role | None:
    words, hangul = _name_words(name)
    if not words and not hangul:
        return None
    for rule in _NAME_RULES:
        if route not in rule.roles:
            continue
        if any(set(alternative) <= words for alternative in rule.words) or any(k in hangul for k in rule.korean):
            return rule.roles[route]
    return None


def _role_from_text(node: _Node) -> Role | None:
    words = node.flat.get("text", "").split()
    if words and all(word.startswith("#") and len(word) > 1 for word in words):
        return Role.HASHTAGS
    if _struck(node) and any(c.isdigit() for c in node.flat.get("text", "")):
        return Role.ORIGINAL_PRICE
    return None


def _struck(node: _Node) -> bool:
    decoration = node.el.get("textDecoration")
    return isinstance(decoration, str) and "line-through" in decoration.split()


def _centre(pose: tuple) -> tuple[float, float]:
    x, y, width, height, rotation = pose
    du, dv = _turn(width / 2, height / 2, rotation)
    return x + du, y + dv


def _holds(rect: tuple, point: tuple[float, float]) -> bool:
    """Whether ``point`` (page coordinates) lies in the Polotno box ``rect`` (turned about its x/y)."""
    x, y, width, height, rotation = rect
    u, v = _turn(point[0] - x, point[1] - y, -rotation)
    return 0 <= u <= width and 0 <= v <= height


def _area(pose: tuple) -> float:
    return abs(pose[2] * pose[3])


def _painted(nodes: list[_Node]) -> list[_Node]:
    """Every node in the order Polotno paints them (a group's children where the group is)."""
    out = []
    for node in nodes:
        out.append(node)
        out.extend(_painted(node.children or []))
    return out


def _infer_roles(nodes: list[_Node], width: float, height: float) -> None:
    """Give every node of a page that has no role (one kept in ``custom`` wins) the role it most
    likely has; see the module's docstring for the order of the rules."""
    every = _painted(nodes)
    roles: dict[_Node, Role] = {}
    for node in every:
        if "role" in node.flat:
            continue
        role = _role_from_name(node.flat.get("name", ""), node.route)
        if node.route == _TEXT:
            if role == Role.PRICE and _struck(node):
                role = Role.ORIGINAL_PRICE
            role = role or _role_from_text(node)
        if role is not None:
            roles[node] = role
    _find_buttons(every, roles, width * height)
    for node, role in roles.items():
        node.flat["role"] = role.value

    texts = [n for n in every if n.route == _TEXT]
    headline = any(n.flat.get("role") == Role.HEADLINE for n in texts)
    biggest = max((n.flat["style.font_size"] for n in texts), default=None)
    for node in sorted(texts, key=lambda n: (n.pose[1], n.position)):
        if "role" not in node.flat:
            is_headline = not headline and node.flat["style.font_size"] == biggest
            node.flat["role"] = "headline" if is_headline else "body"
            headline = headline or is_headline
    for node in every:
        if "role" in node.flat:
            continue
        covers = _covers(node.pose, width, height)
        if node.route in _IMAGE:
            node.flat["role"] = "background_image" if covers else "product_image"
        elif node.route == _FIGURE:
            node.flat["role"] = "background_shape" if covers else "decoration"
        elif node.route == _LINE:
            node.flat["role"] = "divider"
        elif node.route == _SVG:
            small = max(node.flat["width"], node.flat["height"]) <= 0.15 * min(width, height)
            node.flat["role"] = "icon" if small else "illustration"
        elif node.route == "video":
            node.flat["role"] = "scene"
        else:
            node.flat["role"] = "other"


def _find_buttons(every: list[_Node], roles: dict[_Node, Role], page_area: float) -> None:
    """A call to action over a rectangle is a button, and the rectangle is that button; so is a
    short unnamed label alone on a small rounded rectangle. Roles kept in ``custom`` stay."""
    free = {n for n in every if "role" not in n.flat}
    texts = [n for n in every if n.route == _TEXT]
    # Unnamed labels are looked at only on pages of a sensible size: each one costs a look at every text.
    labels = len(texts) <= _MAX_TEXTS_FOR_LABELS
    rects = [  # the rectangles that could be a button, in painted order, and where they are painted
        (position, node)
        for position, node in enumerate(every)
        if node.route == _FIGURE
        and node in free
        and node.flat.get("shape") == "rect"
        and roles.get(node, Role.CTA_BUTTON) == Role.CTA_BUTTON
        and _area(node.pose) <= _BUTTON_MAX_SHARE * page_area
    ]
    painted_at = [position for position, _ in rects]
    for position, text in enumerate(every):
        if text.route != _TEXT or text not in free:
            continue
        named_cta = roles.get(text) == Role.CTA
        if not named_cta and not (labels and _unnamed_label(text, roles)):
            continue
        centre = _centre(text.pose)
        under = bisect.bisect_left(painted_at, position)
        nearest = reversed(rects[max(0, under - _NEAREST_RECTS) : under])
        rect = next((r for _, r in nearest if _holds(r.pose, centre)), None)
        if rect is None:
            if named_cta and text.flat.get("style.background_color") is not None:
                roles[text] = Role.CTA_BUTTON  # the text draws its own button
            continue
        if not named_cta and not (
            rect.flat.get("corner_radius", 0) > 0
            and _area(rect.pose) <= _UNNAMED_BUTTON_MAX_SHARE * page_area
            and _inside(text.pose, rect.pose)
            and sum(1 for t in texts if _holds(rect.pose, _centre(t.pose))) == 1
        ):
            continue
        roles[text] = roles[rect] = Role.CTA_BUTTON


def _unnamed_label(text: _Node, roles: dict[_Node, Role]) -> bool:
    words = text.flat.get("text", "").strip()
    return text not in roles and 0 < len(words) <= _LABEL_MAX_CHARS and "\n" not in words


def _inside(inner: tuple, outer: tuple) -> bool:
    """Whether the box ``inner`` lies within ``outer`` (a little overhang allowed: text boxes are loose)."""
    x, y, width, height, rotation = outer
    slack = 0.1 * max(width, height)
    for px, py in _corners(*inner):
        u, v = _turn(px - x, py - y, -rotation)
        if not (-slack <= u <= width + slack and -slack <= v <= height + slack):
            return False
    return True
