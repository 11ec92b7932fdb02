"""Colours: luminance, contrast, mixing, and picking a readable one."""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_CONTRAST = 4.5  # WCAG AA for normal text


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


MAX_SHADE = 0.7  # how far a colour may be mixed towards white or black and still be seen as that colour
CHROMATIC = 0.15  # a colour whose channels spread less than this (of 255) is a grey: any shade of it will do


def _chroma(color: str) -> float:
    channels = _channels(color)
    return (max(channels) - min(channels)) / 255


def readable_shade(color: str, backdrop: str) -> str | None:
    """``color`` itself when it reads on ``backdrop``, else the nearest lighter or darker shade
    of it that does: a text asked to be navy on a dark background stays bluish, not white. A
    colour is mixed at most MAX_SHADE of the way to white or black, so that it is still seen as
    itself (purple on a bright blue would otherwise read only as near-white); None when no such
    shade reads. A grey may become any shade of grey."""
    if contrast_ratio(color, backdrop) >= MIN_CONTRAST:
        return color
    furthest = MAX_SHADE if _chroma(color) >= CHROMATIC else 1.0
    for step in range(1, 21):
        amount = step / 20
        if amount > furthest + 1e-9:
            return None
        shades = [mix(color, "#FFFFFF", amount), mix(color, "#000000", amount)]
        readable = [shade for shade in shades if contrast_ratio(shade, backdrop) >= MIN_CONTRAST]
        if readable:
            return max(readable, key=lambda shade: contrast_ratio(shade, backdrop))
    return _readable([], backdrop)


CARD_CONTRAST = 1.15  # how far a card stands out from its page: about what the campaign layout's faint panel does


def card_tint(page: str, opacity: float) -> tuple[str, float]:
    """(fill, opacity) of a card on a page of colour ``page``: the page's colour made lighter or
    darker, whichever stands out sooner, until the card as painted at ``opacity`` reaches
    CARD_CONTRAST against the page. The opacity is raised only where not even white or black
    would get there at the card's own."""
    steps = []
    for toward in ("#FFFFFF", "#000000"):
        amounts = (n / 100 for n in range(1, 101))
        amount = next((a for a in amounts if contrast_ratio(mix(page, toward, a), page) >= CARD_CONTRAST), None)
        if amount is not None:
            steps.append((amount, toward))
    amount, toward = min(steps)  # one of white or black is at least 4.58:1 from any colour
    if opacity >= amount:
        return mix(page, toward, amount / opacity), opacity
    return toward, amount


# --- colours by name --------------------------------------------------------------------------------

# (names, #RRGGBB). Korean names take particles directly ("파란색으로"); English ones stand alone.
# Designer shades rather than the pure primaries: white text on this red or blue still reads.
_NAMED = [
    (("빨간", "빨강", "붉은", "레드", "red"), "#D62828"),
    (("진홍", "크림슨", "crimson"), "#B5172F"),
    (("파란", "파랑", "블루", "청색", "blue"), "#1C64F2"),
    (("남색", "네이비", "감색", "navy blue", "navy", "dark blue"), "#1B2B5E"),
    (("하늘색", "스카이블루", "스카이 블루", "sky blue", "sky-blue"), "#6EC1F0"),
    (("light blue", "pale blue", "baby blue"), "#A5D8FF"),
    (("청록", "틸", "teal", "turquoise", "터쿼이즈"), "#0F8B8D"),
    (("초록", "녹색", "그린", "green"), "#2B8A3E"),
    (("연두", "라임", "lime", "light green"), "#A9E34B"),
    (("올리브", "olive"), "#6B8E23"),
    (("민트", "mint"), "#96E6C8"),
    (("노란", "노랑", "옐로우", "옐로", "황색", "yellow"), "#FFD43B"),
    (("주황", "오렌지", "orange"), "#F76707"),
    (("코랄", "산호색", "coral"), "#FF6F61"),
    (("보라", "퍼플", "자주색", "purple"), "#6F42C1"),
    (("바이올렛", "violet"), "#8B5CF6"),
    (("라벤더", "연보라", "lavender"), "#B197FC"),
    (("분홍", "핑크", "pink"), "#F06595"),
    (("검정", "검은", "까만", "블랙", "흑색", "black"), "#000000"),
    (("흰", "하얀", "하양", "화이트", "백색", "white"), "#FFFFFF"),
    (("연회색", "밝은 회색", "옅은 회색", "연한 회색", "라이트 그레이", "light gray", "light grey"), "#E5E5E5"),
    (("진회색", "짙은 회색", "진한 회색", "어두운 회색", "다크 그레이", "차콜", "dark gray", "dark grey"), "#495057"),
    (("차콜", "charcoal"), "#343A40"),
    (("회색", "그레이", "잿빛", "gray", "grey"), "#868E96"),
    (("금색", "골드", "황금색", "gold", "golden"), "#D4AF37"),
    (("은색", "실버", "silver"), "#C0C0C0"),
    (("베이지", "beige"), "#F5F0E1"),
    (("크림색", "아이보리", "cream", "ivory"), "#FFF8E7"),
    (("갈색", "브라운", "밤색", "brown"), "#8B5A2B"),
    (("버건디", "와인", "burgundy", "maroon", "wine"), "#800020"),
]
_LIGHT = ("연한", "밝은", "옅은", "연", "light", "pale", "bright")
_DARK = ("진한", "짙은", "어두운", "진", "dark", "deep")
_SUFFIX = r"(?:\s*(?:색깔|색상|색|빛|컬러|칼라|colou?r))?"
_HEX = r"#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})(?![0-9A-Za-z])"
_BRAND = r"브랜드\s*(?:색상|색깔|컬러|색)|\bbrand\s+colou?rs?\b"


def _word(word: str) -> str:
    body = r"\s*".join(re.escape(part) for part in word.split())
    if word.isascii():
        return rf"(?<![A-Za-z]){body}(?![A-Za-z])"
    # Korean particles attach to the name; only a syllable before it makes another word
    # ("검은색" is not "은색", "사진 빨간색" is not "진 빨간색").
    return rf"(?<![가-힣]){body}"


def _alternatives(words) -> str:
    return "|".join(_word(w) for w in sorted(words, key=len, reverse=True))


_COLOR_OF = {word.casefold(): hex_ for words, hex_ in _NAMED for word in words}
_NAMES = _alternatives(_COLOR_OF)
_NAMED_RE = re.compile(
    rf"(?P<hex>{_HEX})|(?P<brand>{_BRAND})"
    # A whole name first, so "light gray" and "연회색" are the named greys, not "light" + "gray".
    rf"|(?P<name>{_NAMES}){_SUFFIX}"
    rf"|(?P<mod>{_alternatives(_LIGHT + _DARK)})\s*(?P<modded>{_NAMES}){_SUFFIX}",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ColorWord:
    """A colour a command names: ``hex`` (#RRGGBB) or the brand's colour (``brand``), and where."""

    hex: str | None
    brand: bool
    span: tuple[int, int]


def _expand(hex_: str) -> str:
    digits = hex_[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def find_color(text: str) -> ColorWord | None:
    """The first colour ``text`` names: "#1E90FF", "#fff", "navy", "light gray", "연한 파란색",
    "진회색", "브랜드 색", "brand colour"."""
    for match in _NAMED_RE.finditer(text):
        if match.group("hex"):
            return ColorWord(_expand(match.group("hex")), False, match.span())
        if match.group("brand"):
            return ColorWord(None, True, match.span())
        name = " ".join((match.group("name") or match.group("modded")).casefold().split())
        color = _COLOR_OF.get(name) or _COLOR_OF[_squeeze(name)]
        modifier = (match.group("mod") or "").casefold()
        if modifier in _LIGHT:
            color = mix(color, "#FFFFFF", 0.45)
        elif modifier in _DARK:
            color = mix(color, "#000000", 0.4)
        return ColorWord(color, False, match.span())
    return None


def _squeeze(name: str) -> str:
    """The table's spelling of a name written with other spacing ("라이트그레이")."""
    return next(word for word in _COLOR_OF if word.replace(" ", "") == name.replace(" ", ""))
