"""Text boxes: glyph fallback, line wrapping, alignment, spacing and shrink-to-fit.

Lines break at spaces; a run with no space that is wider than the box (long Korean or CJK
runs, URLs) breaks between characters instead, so wrapping never fails. Widths are the sum
of per-character advances, measured once per font and size, which keeps shrink-to-fit cheap.

A line's box is ``font_size × line_height`` tall with its glyphs centred in it (as in CSS);
text is not clipped to the object's box, so an overlong text overflows as in the editor.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

from documents.render import fonts
from documents.render.paint import composite, rgba, solid
from documents.schema import TextObject

MIN_SHRINK_SIZE = 6
REPLACEMENT = "\u25a1"  # □, drawn where no font has the glyph
ITALIC_SLANT = 0.2  # tan(≈11°): no italic face is shipped, so italics are slanted

_ZWJ = "\u200d"


@dataclass(frozen=True)
class Cluster:
    """A user-perceived character with the face (index into ``Prepared.faces``) to draw it."""

    text: str
    face: int
    space: bool = False


@dataclass
class Prepared:
    faces: list[fonts.Face]
    paragraphs: list[list[Cluster]]
    missing: list[str] = field(default_factory=list)


@dataclass
class Line:
    clusters: list[Cluster]
    advances: list[float]
    width: float  # from the box's edge: the indent included
    ends_paragraph: bool
    indent: float = 0.0  # a bullet's wrapped line starts under its text, not under its mark


@dataclass
class Layout:
    size: float
    pitch: float
    lines: list[Line]
    broke_word: bool

    @property
    def height(self) -> float:
        return len(self.lines) * self.pitch


def prepare(text: str, faces: list[fonts.Face]) -> Prepared:
    """Split ``text`` into paragraphs of clusters, each with the first face that has its glyph;
    clusters no face has become □ and are listed in ``missing``."""
    prepared = Prepared(faces=faces, paragraphs=[])
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        clusters = []
        for chunk in _graphemes(paragraph):
            if chunk.isspace():
                clusters.append(Cluster(" ", 0, space=True))
                continue
            face = next((i for i, f in enumerate(faces) if fonts.has_glyph(f, chunk[0])), None)
            if face is None:
                if chunk not in prepared.missing:
                    prepared.missing.append(chunk)
                face = next((i for i, f in enumerate(faces) if fonts.has_glyph(f, REPLACEMENT)), 0)
                chunk = REPLACEMENT
            clusters.append(Cluster(chunk, face))
        prepared.paragraphs.append(clusters)
    return prepared


def _graphemes(paragraph: str) -> list[str]:
    """An approximation of extended grapheme clusters, enough to keep accents, Hangul jamo,
    emoji modifier and ZWJ sequences and flags together (one □ per emoji, not three)."""
    out: list[str] = []
    joined = False
    for char in paragraph:
        if char == "\t":
            char = " "
        category = unicodedata.category(char)
        if category == "Cc" or (category == "Cf" and char != _ZWJ and not _is_tag(char)):
            continue
        if out and (joined or _extends(char) or (_is_regional(char) and _lone_regional(out[-1]))):
            out[-1] += char
        else:
            out.append(char)
        joined = char == _ZWJ
    return out


def _extends(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or char == _ZWJ
        or _is_tag(char)
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0x1160 <= code <= 0x11FF  # Hangul medial vowels and final consonants
    )


def _is_tag(char: str) -> bool:
    return 0xE0020 <= ord(char) <= 0xE007F


def _is_regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _lone_regional(chunk: str) -> bool:
    return len(chunk) == 1 and _is_regional(chunk)


@functools.lru_cache(maxsize=65536)
def _advance(font: ImageFont.FreeTypeFont, text: str, language: str | None) -> float:
    if language:
        return font.getlength(text, language=language)
    return font.getlength(text)


def layout(
    prepared: Prepared,
    size: float,
    *,
    max_width: float,
    letter_spacing: float,
    line_height: float,
    language: str | None,
) -> Layout:
    """Greedy line breaking at ``size`` px: at spaces, else between characters."""
    faces = [fonts.font(face, size) for face in prepared.faces]

    def advance(cluster: Cluster) -> float:
        return _advance(faces[cluster.face], cluster.text, language)

    lines: list[Line] = []
    broke_word = False
    for paragraph in prepared.paragraphs:
        broke_word |= _wrap(paragraph, advance, max_width, letter_spacing, lines)
    return Layout(size=size, pitch=size * line_height, lines=lines, broke_word=broke_word)


SEPARATORS = frozenset("·•∙|/–—")
# marks a list item opens with ("• Sends automatic reminders"): its wrapped lines hang under its text
BULLETS = frozenset("•·∙◦▪▫●○■□‣⁃-–—*✓✔☑→▶►")


def _hang(paragraph: list[Cluster], advance, spacing: float) -> float:
    """The width of a list item's mark and the spaces after it (0 when the paragraph is no item)."""
    at = 0
    while at < len(paragraph) and paragraph[at].space:
        at += 1
    if at + 1 >= len(paragraph) or paragraph[at].text not in BULLETS or not paragraph[at + 1].space:
        return 0.0
    end = at + 1
    while end < len(paragraph) and paragraph[end].space:
        end += 1
    if end >= len(paragraph):
        return 0.0
    return _width([advance(c) for c in paragraph[:end]], spacing) + spacing


def _wrap(paragraph: list[Cluster], advance, max_width: float, spacing: float, lines: list[Line]) -> bool:
    """Append ``paragraph``'s lines to ``lines``; True if a word had to be broken. A list item's
    wrapped lines are indented to where its text starts (a hanging indent), when that leaves
    room for a word."""
    current: list[Cluster] = []
    advances: list[float] = []
    broke_word = False
    first = len(lines)
    hang = _hang(paragraph, advance, spacing)
    if hang > max_width / 3:
        hang = 0.0  # a column too narrow to lose the mark's width on every line

    def indent() -> float:
        return hang if len(lines) > first else 0.0

    def room() -> float:
        return max_width + 0.01 - indent()

    def flush(ends: bool) -> None:
        while current and current[-1].space:
            current.pop()
            advances.pop()
        # A separator the break landed on ("무첨가 로스팅 ·" / "원두") has nothing left to separate
        # on its line: the break stands in for it.
        if not ends and len(current) > 1 and current[-1].text in SEPARATORS:
            current.pop()
            advances.pop()
            while current and current[-1].space:
                current.pop()
                advances.pop()
        lines.append(Line(current.copy(), advances.copy(), indent() + _width(advances, spacing), ends, indent()))
        current.clear()
        advances.clear()

    for word in _words(paragraph):
        word_advances = [advance(c) for c in word]
        if word[0].space:
            # Spaces may open a paragraph (indentation) or separate words, never a line.
            if current or len(lines) == first:
                current.extend(word)
                advances.extend(word_advances)
            continue
        if any(not c.space for c in current) and _width(advances + word_advances, spacing) > room():
            flush(False)
        if _width(advances + word_advances, spacing) <= room():
            current.extend(word)
            advances.extend(word_advances)
            continue
        broke_word = True
        for cluster, width in zip(word, word_advances, strict=True):
            if current and _width([*advances, width], spacing) > room():
                flush(False)
            current.append(cluster)
            advances.append(width)
    flush(True)
    return broke_word


def _words(paragraph: list[Cluster]) -> list[list[Cluster]]:
    words: list[list[Cluster]] = []
    for cluster in paragraph:
        if words and words[-1][0].space == cluster.space:
            words[-1].append(cluster)
        else:
            words.append([cluster])
    return words


def _width(advances: list[float], letter_spacing: float) -> float:
    return sum(advances) + letter_spacing * max(0, len(advances) - 1)


@dataclass
class RenderedText:
    layer: Image.Image
    pad: int  # the box's top-left within ``layer``; the same margin on every side
    warnings: list[str]


def render(obj: TextObject, box: tuple[int, int], factor: float, language: str | None, *, max_pad: int) -> RenderedText:
    """Draw ``obj`` for a box of ``box`` pixels; ``factor`` turns document units into pixels.
    Text overflowing the box by more than ``max_pad`` pixels is cut off."""
    style = obj.style
    warnings = []
    if not fonts.is_known_family(style.font_family):
        warnings.append(
            f"text {obj.id}: font family {style.font_family!r} is not installed; drawn with {fonts.DEFAULT_FAMILY}"
        )
    bold = style.font_weight >= fonts.BOLD_FROM_WEIGHT
    prepared = prepare(obj.text, [fonts.resolve(style.font_family, style.font_weight), *fonts.fallbacks(bold)])
    if prepared.missing:
        shown = " ".join(prepared.missing)
        warnings.append(f"text {obj.id}: no installed font has these characters, drawn as {REPLACEMENT}: {shown}")

    width, height = box
    options = {
        "max_width": width,
        "letter_spacing": style.letter_spacing * factor,
        "line_height": style.line_height,
        "language": language if fonts.LAYOUT == ImageFont.Layout.RAQM else None,
    }
    result = layout(prepared, style.font_size * factor, **options)
    if style.shrink_to_fit and style.font_size > MIN_SHRINK_SIZE and not _fits(result, height, strict=True):
        result, fitted = _shrink(prepared, style.font_size, factor, height, options)
        if not fitted:
            warnings.append(f"text {obj.id}: does not fit its box even at {MIN_SHRINK_SIZE}px")
    layer, pad = _draw(result, prepared, style, box, options["letter_spacing"], options["language"], max_pad)
    return RenderedText(layer, pad, warnings)


def _fits(result: Layout, height: float, *, strict: bool) -> bool:
    return result.height <= height + 0.5 and not (strict and result.broke_word)


def _shrink(prepared: Prepared, font_size: float, factor: float, height: float, options) -> tuple[Layout, bool]:
    """The largest whole font size (document units, down to ``MIN_SHRINK_SIZE``) at which the
    text fits the box's height with no word broken; failing that, the largest at which it fits
    the height at all; failing that, the minimum."""
    cache: dict[int, Layout] = {}

    def at(size: int) -> Layout:
        if size not in cache:
            cache[size] = layout(prepared, size * factor, **options)
        return cache[size]

    top = max(MIN_SHRINK_SIZE, math.floor(font_size))
    for strict in (True, False):
        best = _largest(lambda size, strict=strict: _fits(at(size), height, strict=strict), MIN_SHRINK_SIZE, top)
        if best is not None:
            return at(best), True
    return at(MIN_SHRINK_SIZE), False


def _largest(ok, low: int, high: int) -> int | None:
    """The largest n in [low, high] with ok(n), assuming ok holds below some threshold."""
    if not ok(low):
        return None
    while low < high:
        middle = (low + high + 1) // 2
        if ok(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _draw(result: Layout, prepared: Prepared, style, box, spacing: float, language: str | None, max_pad: int):
    width, height = box
    size = result.size
    faces = [fonts.font(face, size) for face in prepared.faces]
    ascent, descent = faces[0].getmetrics()
    block = result.height
    top = {"top": 0.0, "middle": (height - block) / 2, "bottom": height - block}[style.vertical_align]
    to_baseline = (result.pitch - (ascent + descent)) / 2 + ascent  # glyphs centred in the line

    placed = []  # (line, left edge, gap after each cluster)
    for line in result.lines:
        slack = width - line.width
        left = {"left": 0.0, "justify": 0.0, "center": slack / 2, "right": slack}[style.align] + line.indent
        gaps = [spacing] * len(line.clusters)
        if style.align == "justify" and not line.ends_paragraph and slack > 0 and len(line.clusters) > 1:
            # Spaces widen; a line without any (a CJK run) spreads between characters.
            spaces = [i for i, c in enumerate(line.clusters) if c.space] or range(len(line.clusters) - 1)
            for i in spaces:
                gaps[i] += slack / len(spaces)
        placed.append((line, left, gaps))

    margin = size * 0.3 + (ITALIC_SLANT * ascent if style.italic else 0)
    overflow = max(
        0.0,
        -(top + to_baseline - ascent),
        top + block - height,
        *(-left for _, left, _ in placed),
        *(left - line.indent + line.width - width for line, left, _ in placed),
    )
    pad = min(math.ceil(overflow + margin) + 1, max_pad)
    colour = rgba(style.color)
    ink = colour[:3] + (255,)
    clear = colour[:3] + (0,)  # transparent in the text's colour: no dark fringes when blended
    layer = Image.new("RGBA", (width + 2 * pad, height + 2 * pad), clear)
    text_options = {"language": language} if language else {}

    for number, (line, left, gaps) in enumerate(placed):
        if not line.clusters:
            continue
        baseline = pad + top + number * result.pitch + to_baseline
        if not -size < baseline < layer.height + size:
            continue  # cut off: overflowing further than the page reaches
        target, y, band_top = layer, baseline, 0
        if style.italic:
            # Slant each line about its own baseline, so lines stay aligned to each other.
            band_top = math.floor(baseline - ascent - size * 0.3)
            target = Image.new("RGBA", (layer.width, math.ceil(ascent + descent + size * 0.6) + 2), clear)
            y = baseline - band_top
        d = ImageDraw.Draw(target)
        x = pad + left
        for text, face, start in _runs(line, gaps, x):
            d.text((start, y), text, font=faces[face], fill=ink, anchor="ls", **text_options)
        if style.italic:
            sheared = target.transform(
                target.size,
                Image.Transform.AFFINE,
                (1, ITALIC_SLANT, -ITALIC_SLANT * y, 0, 1, 0),
                resample=Image.Resampling.BICUBIC,
            )
            composite(layer, sheared, 0, band_top)
        if style.underline:
            thickness = max(1, round(size / 18))
            under = baseline + max(1.0, size * 0.1)
            extent = sum(line.advances) + sum(gaps[:-1])
            ImageDraw.Draw(layer).rectangle((x, under, x + extent, under + thickness - 1), fill=ink)

    if colour[3] < 255:
        layer.putalpha(layer.getchannel("A").point(lambda a: a * colour[3] // 255))
    if style.background_color:
        backed = Image.new("RGBA", layer.size, (0, 0, 0, 0))
        backed.paste(solid((width, height), rgba(style.background_color)), (pad, pad))
        composite(backed, layer, 0, 0)
        layer = backed
    return layer, pad


def _runs(line: Line, gaps: list[float], x: float):
    """(text, face, x) pieces to draw, as long as possible since each call costs: a piece ends
    where the face changes or a gap (letter spacing, justification) follows a character."""
    run_text, run_face, run_start = "", 0, x
    for cluster, advance, gap in zip(line.clusters, line.advances, gaps, strict=True):
        if run_text and cluster.face != run_face and not cluster.space:
            yield from _visible(run_text, run_face, run_start)
            run_text = ""
        if not run_text:
            run_face, run_start = cluster.face, x
        run_text += cluster.text
        x += advance + gap
        if gap:
            yield from _visible(run_text, run_face, run_start)
            run_text = ""
    yield from _visible(run_text, run_face, run_start)


def _visible(run_text: str, face: int, start: float):
    if run_text.strip():
        yield run_text, face, start
