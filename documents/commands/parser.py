"""Common commands, by rules, in Korean and English; a compound command clause by clause."""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from brands.models import BrandKit
from documents.commands.brand import _Palette, _text_colors
from documents.commands.clauses import QUOTED, blank_quotes, split_clauses, unquote
from documents.commands.colors import ColorWord, _readable, find_color, mix
from documents.commands.errors import CommandNotUnderstood
from documents.commands.headline import document_facts, write_headline
from documents.commands.layout import _backdrop, _free_band, _placed, _text_backdrop, _unique_id, _used_ids, wrapped
from documents.commands.operations import (
    EDITOR_PROVENANCE,
    AddOp,
    DeleteOp,
    Op,
    ReorderOp,
    ReplaceTextOp,
    RestyleOp,
    SetBackgroundOp,
    StyleChanges,
    _apply_all,
    _locate,
    _r,
)
from documents.commands.placement import MOVE_VERB, SCALE_DOWN, SCALE_UP, move, position, resize
from documents.commands.styling import (
    BOLD,
    NOT_BOLD,
    TEXT_WORDS,
    background_fills,
    on_own_fill,
    recolor,
    reweigh,
    shade_that_reads,
    with_readable_texts,
)
from documents.commands.targets import _Context, _mentions, _one_target, _Target
from documents.schema import Role, SparklioDocument, TextObject, TextStyle
from sparklio.language import has_hangul

__all__ = ["QUOTED", "SCALE_DOWN", "SCALE_UP", "TONE_STEP", "ParsedCommand", "parse_clauses", "parse_command"]

TONE_STEP = 0.2  # how far "lighter"/"darker" mixes towards white/black


def _color_in(text: str) -> ColorWord | None:
    """A named or #hex colour the command asks for (the brand's colour is its own intent)."""
    found = find_color(blank_quotes(text))
    return found if found and not found.brand else None


def _plain(text: str) -> str:
    """``text`` as the intents read it: quoted new text and colour names blanked, so that
    "'로고 옆 버튼'" names no logo and "light gray" asks for no lighter tone."""
    text = blank_quotes(text)
    while (found := _color_in(text)) is not None:
        a, b = found.span
        text = text[:a] + " " * (b - a) + text[b:]
    return text


# Replacing text is tried first: the new text is free and may contain any other command's words.
_REPLACE_EN = [
    re.compile(
        r"^(?:please\s+)?(?:change|set|replace|update|rename|edit)\s+(?P<head>.+?)\s+(?:to|with|into|as)\s+(?P<text>.+)$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:please\s+)?(?:make|have)\s+(?P<head>.+?)\s+(?:say|read)\s+(?P<text>.+)$", re.IGNORECASE),
]
_KO_VERB = r"(?:바꿔|바꾸|바꾼|변경|수정|교체|고쳐|고치|고친)"
_REPLACE_KO = [
    re.compile(rf"^(?P<head>.*?)(?P<text>{QUOTED})\s*(?:이라고|라고|으로|로)?\s*(?:{_KO_VERB}|해\s*줘|해\s*주세요)"),
    # Unquoted, only with a verb of changing: "헤드라인을 오른쪽 위로 해줘" is not new text.
    re.compile(rf"^(?P<head>.+?)(?:을|를)\s+(?P<text>.+?)\s*(?:이라고|라고|으로|로)\s*{_KO_VERB}"),
]


def _replacing(text: str) -> re.Match | None:
    """The replace pattern ``text`` matches, unless its new text is only a colour ("change the
    background to navy", "헤드라인을 빨간색으로 바꿔줘" restyle; "'레드'로 바꿔" is text)."""
    for pattern in _REPLACE_EN + _REPLACE_KO:
        if match := pattern.match(text):
            new = match.group("text").strip()
            color = find_color(new) if unquote(new) == new else None
            if color and not (new[: color.span[0]] + new[color.span[1] :]).strip(" .!"):
                return None
            return match
    return None


def _replace_text(ctx: _Context, text: str) -> list[Op] | None:
    match = _replacing(text)
    if match is None:
        return None
    target = _one_target(match.group("head"))
    new_text = unquote(match.group("text"))
    if target is None:
        return None
    if not new_text.strip("'\"‘’“”「」『』 "):
        raise CommandNotUnderstood("The new text is empty; to remove the object, ask to delete it.")
    texts = ctx.texts(target)
    if not texts:  # a logo or a background: not a text to replace, maybe something the model knows
        return None
    return [ReplaceTextOp(target=p.obj["id"], text=new_text) for p in texts]


def _brand_colors(ctx: _Context, text: str) -> list[Op] | None:
    targets = _mentions(_plain(text))
    if len(targets) > 1:
        return None
    if targets:  # "헤드라인을 브랜드 색으로": that one object, in the brand colour of its kind
        return recolor(ctx, targets[0], ColorWord(None, True, (0, 0)), text)
    palette = ctx.palette
    if not palette.colors:
        raise CommandNotUnderstood("This document has no brand kit with colours to apply.")
    backdrop = palette.color("background", "primary", "secondary")
    button = palette.color("accent", "primary", "secondary")
    ops: list[Op] = background_fills(ctx, backdrop)
    for item in ctx.placed:
        obj = item.obj
        if obj["type"] != "shape" or not obj["fill"] or obj["role"] == Role.BACKGROUND_SHAPE:
            continue
        if obj["role"] in {Role.CTA_BUTTON, Role.CTA} or ctx.in_button(item):
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


# Where a new text may go, in order: the full width, then the left or the right half; font sizes
# from the usual one down to 60% of it.
_COLUMNS = [(0.075, 0.925), (0.075, 0.5), (0.5, 0.925)]
_SCALES = [1.0, 0.9, 0.8, 0.7, 0.6]


def _add(ctx: _Context, text: str) -> list[Op] | None:
    said = re.search(QUOTED, text) or _SAYING.search(text)
    words = unquote(said.group(said.lastindex or 0)) if said else ""
    rest = text[: said.start()] + text[said.end() :] if said else text
    target = _one_target(_plain(rest))
    role = next((r for r in target.roles if r in _NEW_TEXT), None) if target else None
    if role is None:
        return None
    ko, en, size, lines, weight = _NEW_TEXT[role]
    language = ctx.content["language"]
    if not words and role == Role.HEADLINE:
        words = write_headline(document_facts(ctx.content), language) or ""
    words = words or (ko if language == "ko" else en)
    width, _ = ctx.size
    style = {"font_size": size * width, "font_weight": weight, "align": "center", "vertical_align": "middle"}
    if font := ctx.palette.font_for(role):
        style.update(font_family=font[0], font_weight=_nearest_weight(weight, font[1]))
    draft = {"text": words, "style": TextStyle(**style).model_dump()}
    box = _room_for(ctx, draft, language)
    if box is None:
        raise CommandNotUnderstood(f"There is no free space on the page for a new {target.label}.")
    x, y, box_width, height, style["font_size"] = box
    under = _backdrop(ctx.content, ctx.placed, 0, box[:4])
    color = _color_in(rest)
    if color is not None:  # "add a red headline"
        named = rest[color.span[0] : color.span[1]].strip()
        style["color"] = shade_that_reads(ctx, color.hex, under, named, target.label)
    else:
        style["color"] = _readable(_text_colors(ctx.palette, role, False), under)
    page_objects = ctx.content["pages"][0]["objects"]
    obj = TextObject(
        id=_unique_id(_used_ids(ctx.content), role.value),
        role=role,
        x=x,
        y=y,
        width=box_width,
        height=height,
        z_index=max((o["z_index"] for o in page_objects), default=0) + 1,
        text=words,
        style=TextStyle(shrink_to_fit=True, **style),
        provenance=EDITOR_PROVENANCE,
    )
    return [AddOp(page=0, object=obj)]


def _room_for(ctx: _Context, draft: dict, language: str) -> tuple[float, float, float, float, float] | None:
    """(x, y, width, height, font size) for a new text on the first page: in free space if there
    is some, else over pictures and shapes, never over another text or the logo; None when
    nothing fits."""
    width, _ = ctx.size
    for over_pictures in (False, True):
        for left, right in _COLUMNS:
            x0, x1 = left * width, right * width
            for scale in _SCALES:
                font_size = _r(draft["style"]["font_size"] * scale)
                need, _ = wrapped(draft, x1 - x0, font_size, language)
                y = _free_band(ctx, 0, x0, x1, need, over_pictures=over_pictures)
                if y is not None:
                    return _r(x0), _r(y), _r(x1 - x0), _r(math.ceil(need)), font_size
    return None


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
    words_only = bool(TEXT_WORDS.search(text))
    fills: list[Op] = []
    own: list[Op] = []
    if Role.BACKGROUND_SHAPE in target.roles:
        for index, page in enumerate(ctx.content["pages"]):
            color = mix(page["background"], toward, TONE_STEP)
            if color != page["background"]:
                fills.append(SetBackgroundOp(page=index, color=color))
        items = [p for p in ctx.placed if p.obj["role"] == Role.BACKGROUND_SHAPE and p.obj["type"] == "shape"]
    else:
        items = [p for p in ctx.objects(target) if p.obj["type"] in {"text", "shape"}]
        if not items:
            return None
    for item in items:
        obj = item.obj
        if obj["type"] == "text":
            style = obj["style"]
            if style["background_color"] and not words_only:  # a filled button: its fill, and words that read on it
                fill = mix(style["background_color"], toward, TONE_STEP)
                label = _readable([style["color"]], fill)
                changes = StyleChanges(background_color=fill, color=label if label != style["color"] else None)
                own.append(RestyleOp(target=obj["id"], style=changes))
            elif words_only or not on_own_fill(item, items):  # a label on its own pill is left to read on it
                color = mix(style["color"], toward, TONE_STEP)
                if color != style["color"]:
                    own.append(RestyleOp(target=obj["id"], style=StyleChanges(color=color)))
        elif obj["fill"] and (fill := mix(obj["fill"], toward, TONE_STEP)) != obj["fill"]:
            fills.append(RestyleOp(target=obj["id"], style=StyleChanges(fill=fill)))
    # a lighter or darker fill may leave the words on it unreadable
    return with_readable_texts(ctx, fills, own) if fills else own


_BIGGER = re.compile(
    r"\b(?:bigger|larger|enlarge|increase|grow|scale up)\b|크게|키워|키우|키운|확대|늘려|늘리|늘린", re.IGNORECASE
)
_SMALLER = re.compile(r"\b(?:smaller|shrink|reduce|decrease|scale down)\b|작게|줄여|줄이|줄인|축소", re.IGNORECASE)


def _resize(ctx: _Context, text: str) -> list[Op] | None:
    target, text = _one_target(_plain(text)), _plain(text)
    if target is None or _BIGGER.search(text) and _SMALLER.search(text):
        return None
    return resize(ctx, target, SCALE_UP if _BIGGER.search(text) else SCALE_DOWN)


def _move(ctx: _Context, text: str) -> list[Op] | None:
    target, text = _one_target(_plain(text)), _plain(text)
    return move(ctx, target, text) if target is not None else None


def _recolor(ctx: _Context, text: str) -> list[Op] | None:
    target, color = _one_target(_plain(text)), _color_in(text)
    if target is None or color is None:
        return None
    named = text[color.span[0] : color.span[1]].strip()
    for word in _unknown_modifiers(text[: color.span[0]]):
        ctx.notes.append(f'"{word}" is not a colour word the editor knows and was left out; "{named}" was applied.')
    return recolor(ctx, target, color, text)


# Words that may stand before a colour without saying anything about it.
_PLAIN_WORDS = frozenset((
    "make", "made", "turn", "change", "set", "paint", "colour", "color", "it", "its", "them", "this", "that",
    "the", "a", "an", "to", "into", "in", "as", "be", "more", "much", "bit", "little", "slightly", "please",
    "and", "with", "all", "both", "so", "too", "also",
    "좀", "더", "조금", "약간", "살짝", "좀더", "아주", "완전", "전부", "모두", "다", "그냥", "한번", "색", "색깔",
))  # fmt: skip
_WORD = re.compile(r"[^\s,.;:!?]+")
_PARTICLE = re.compile(r"(?:을|를|은|는|이|가|도|만|의)$")


def _unknown_modifiers(before: str) -> list[str]:
    """The words just before a colour name that say something the rules do not know: "sparkly"
    in "make the headline sparkly purple", "반짝이는" in "제목을 반짝이는 보라색으로"."""
    unknown: list[str] = []
    for word in reversed(_WORD.findall(before)):
        bare = _PARTICLE.sub("", word) if has_hangul(word) else word.casefold()
        if bare in _PLAIN_WORDS or _mentions(word) or TEXT_WORDS.search(word):
            break
        unknown.insert(0, word)
    return unknown


def _reweigh(ctx: _Context, text: str) -> list[Op] | None:
    target, text = _one_target(_plain(text)), _plain(text)
    return reweigh(ctx, target, text) if target is not None else None


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


@dataclass(frozen=True)
class _Intent:
    name: str
    matches: Callable[[str], bool]
    build: Callable[[_Context, str], list[Op] | None]


def _said(pattern: str) -> Callable[[str], bool]:
    return re.compile(pattern, re.IGNORECASE).search


# Each intent reads the command with quoted text and colour names blanked (_plain).
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
    _Intent("add", _said(r"\b(?:add|insert|create|write)\b|추가|넣|달아|써\s*(?:줘|주세요)|작성"), _add),
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
    _Intent("move", lambda text: bool(MOVE_VERB.search(text)) and position(text) is not None, _move),
    _Intent("weight", lambda text: bool(BOLD.search(text) or NOT_BOLD.search(text)), _reweigh),
]
_BY_NAME = {intent.name: intent for intent in _INTENTS}


def _intents(text: str) -> list[str]:
    """The names of the intents ``text`` shows; "color" when it names a colour to paint with."""
    plain = _plain(text)
    names = [intent.name for intent in _INTENTS if intent.matches(plain)]
    if _color_in(text) is not None and "add" not in names:  # "add a red headline": the new text's colour
        names.append("color")
    return names


def _clause_ops(ctx: _Context, text: str) -> list[Op] | None:
    if (ops := _replace_text(ctx, text)) is not None:
        return ops
    names = _intents(text)
    if set(names) == {"brand_colors", "brand_fonts"}:
        return _brand_colors(ctx, text) + _brand_fonts(ctx, text)
    if len(names) != 1:
        return None
    build = _recolor if names[0] == "color" else _BY_NAME[names[0]].build
    return build(ctx, text)


# --- compound commands --------------------------------------------------------------------------------

_EN_VERB = re.compile(
    r"^(?:(?:please|also|then|and|now)\s+)*(?:make|change|set|move|put|place|turn|add|insert|create|write|delete"
    r"|remove|erase|drop|get|bring|send|use|apply|paint|colou?r|increase|decrease|enlarge|shrink|reduce|grow"
    r"|scale|align|shift|nudge|slide|replace|update|rename|edit|give|cent(?:er|re)|bold|unbold|darken|lighten"
    r"|brighten|swap|switch|resize|push|pull|raise|lower|keep|fill|highlight|italici[sz]e|underline|rotate"
    r"|flip|hide|show|try|let|tint|can|could|would)\b",
    re.IGNORECASE,
)
# How a Korean clause ends: "크게", "크게 하", "바꿔줘", "옮겨요", "지우기"; not a bare stem ("빠르").
_KO_ENDING = re.compile(r"(?:게|\s하|해|줘|요|세요|기|자|라)\s*[.!]?$")
_PRONOUN = re.compile(r"\b(?:it|them|its|this|that)\b", re.IGNORECASE)


def _is_clause(text: str) -> bool:
    """Whether a piece of a command is an edit of its own, or a part of its neighbour's."""
    acts = _intents(text) or (["replace"] if _replacing(text) else [])
    if acts and _mentions(_plain(text)):
        return True
    if has_hangul(text):
        return bool(acts or _KO_ENDING.search(text.strip()))
    return bool(_EN_VERB.match(text.strip()))


def _carried(clause: str, previous: _Target | None) -> str:
    """A clause that names nothing acts on what the one before named: "헤드라인을 키우고 빨간색으로
    바꿔줘", "move the logo left and make it bigger"."""
    plain = _plain(clause)
    if previous is None or _mentions(plain) or {"brand_colors", "brand_fonts"} & set(_intents(clause)):
        return clause
    if has_hangul(clause):
        return f"{previous.label} {clause}"
    if pronoun := _PRONOUN.search(plain):
        return clause[: pronoun.start()] + previous.label + clause[pronoun.end() :]
    return clause


@dataclass(frozen=True)
class ParsedCommand:
    clauses: list[str]
    operations: list[Op] | None  # None: the rules do not know clause ``unknown``
    unknown: int | None = None
    notes: list[str] = field(default_factory=list)  # how the rules did what was asked, where not quite as asked

    def part(self, index: int) -> str:
        """How a message names a clause: 'Part 2 of 2 ("make it pop")'."""
        return f'Part {index + 1} of {len(self.clauses)} ("{self.clauses[index]}")'


def parse_clauses(command: str, doc: SparklioDocument, brand: BrandKit | None) -> ParsedCommand:
    """The command's clauses and, when the rules know every one, their operations, each clause
    read on the document as the clauses before it left it. Raises CommandNotUnderstood when a
    clause is clear but cannot be done here (no such object, no brand kit), naming the clause."""
    content = doc.model_dump(mode="json")
    palette = _Palette.of(brand)
    clauses = split_clauses(" ".join(command.split()), _is_clause)
    ops: list[Op] = []
    notes: list[str] = []
    previous: _Target | None = None
    for index, clause in enumerate(clauses):
        clause = _carried(clause, previous)
        named = _mentions(_plain(clause))
        if named:  # what a later clause that names nothing acts on; nothing when this one named several
            previous = named[0] if len(named) == 1 else None
        ctx = _Context(content, palette, _placed(content))
        try:
            found = _clause_ops(ctx, clause)
        except CommandNotUnderstood as exc:
            if len(clauses) == 1:
                raise
            raise CommandNotUnderstood(f"{ParsedCommand(clauses, None).part(index)}: {exc.detail}") from exc
        if found is None:
            return ParsedCommand(clauses, None, index)
        ops += found
        notes += ctx.notes
        if index + 1 < len(clauses):
            content = _apply_all(copy.deepcopy(content), found)
    return ParsedCommand(clauses, ops, notes=notes)


def parse_command(command: str, doc: SparklioDocument, brand: BrandKit | None) -> list[Op] | None:
    """The operations for a common command, or for each clause of a compound one, by rules; None
    when the rules do not know it (or one of its clauses). Raises CommandNotUnderstood when the
    command is clear but cannot be done here (no such object, no brand kit)."""
    return parse_clauses(command, doc, brand).operations
