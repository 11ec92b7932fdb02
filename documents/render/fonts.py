"""Font files for the renderer, found at run time.

Fonts come from installed packages (``noto-cjk-sans-otc``, ``noto-cjk-sans-jp-bold``: Noto
Sans CJK, which carries Hangul, Latin and the CJK ideographs) or from files on the machine.
A family is a list of candidate sources per weight class; the first one installed wins.
Families the document names but we do not ship fall back to the default family, and the
renderer reports that as a warning.
"""

from __future__ import annotations

import functools
import importlib
import os
import threading
from dataclasses import dataclass

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont, features

LAYOUT = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
BOLD_FROM_WEIGHT = 600


class FontNotFound(LookupError):
    pass


@dataclass(frozen=True)
class FontSource:
    """Where a font file may be: ``module``'s ``attr`` (a package shipping a font) or ``path``."""

    module: str | None = None
    attr: str = "FONT_PATH"
    path: str | None = None
    index: int = 0  # the face within a .ttc collection

    def locate(self) -> str | None:
        if self.path:
            return self.path if os.path.isfile(self.path) else None
        try:
            found = getattr(importlib.import_module(self.module), self.attr, None)
        except ImportError:
            return None
        return str(found) if found and os.path.isfile(found) else None

    def describe(self) -> str:
        where = self.path or f"{self.module}.{self.attr}"
        return f"{where} (face {self.index})" if self.index else where


@dataclass(frozen=True)
class Face:
    """One installed font face: a file and the face's index in it."""

    path: str
    index: int = 0


@dataclass(frozen=True)
class Family:
    name: str
    regular: tuple[FontSource, ...]
    bold: tuple[FontSource, ...] = ()


_NOTO_REGULAR = FontSource(module="noto_cjk_sans_otc", index=1)  # "Noto Sans CJK KR Regular"
_NOTO_BOLD = FontSource(module="noto_cjk_sans_jp_bold")  # JP's file holds the full Hangul set too

DEFAULT_FAMILY = "Noto Sans CJK KR"
_families: dict[str, Family] = {}


def register_family(name: str, *, regular, bold=(), aliases=()) -> None:
    """Make ``name`` (and ``aliases``, matched case-insensitively) resolve to these sources.
    A weight class with no source installed uses the other one's."""
    family = Family(name=name, regular=tuple(regular), bold=tuple(bold))
    for key in (name, *aliases):
        _families[key.casefold()] = family


register_family(
    DEFAULT_FAMILY,
    regular=[_NOTO_REGULAR],
    bold=[_NOTO_BOLD],
    aliases=["Noto Sans KR", "Noto Sans CJK", "Noto Sans", "sans-serif"],
)

# Glyphs the document's font lacks (symbols, mostly) are looked for here before giving up.
_FALLBACK_FILES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
)


def is_known_family(family: str) -> bool:
    return family.casefold() in _families


def resolve(family: str, weight: int) -> Face:
    """The face to draw ``family`` at ``weight`` with; unknown families use the default one."""
    chosen = _families.get(family.casefold(), _families[DEFAULT_FAMILY.casefold()])
    bold = weight >= BOLD_FROM_WEIGHT
    candidates = (*chosen.bold, *chosen.regular) if bold else (*chosen.regular, *chosen.bold)
    face = _first_installed(candidates)
    if face is None:
        looked = ", ".join(source.describe() for source in candidates) or "no sources"
        raise FontNotFound(
            f"no font installed for family {chosen.name!r} at weight {weight}; looked for: {looked}. "
            "Install the font packages in requirements.txt (noto-cjk-sans-otc, noto-cjk-sans-jp-bold)."
        )
    return face


def fallbacks(bold: bool) -> list[Face]:
    """Installed faces to try, in order, for characters the chosen face lacks."""
    configured = getattr(settings, "RENDER_FALLBACK_FONTS", None)
    pairs = [(path, path) for path in configured] if configured is not None else _FALLBACK_FILES
    faces = []
    for regular, bold_path in pairs:
        path = bold_path if bold and os.path.isfile(bold_path) else regular
        if os.path.isfile(path) and Face(path) not in faces:
            faces.append(Face(path))
    return faces


@functools.cache
def _first_installed(candidates: tuple[FontSource, ...]) -> Face | None:
    for source in candidates:
        path = source.locate()
        if path:
            return Face(path, source.index)
    return None


def font(face: Face, size: float) -> ImageFont.FreeTypeFont:
    """A loaded font, cached per thread: FreeType faces must not be shared across threads."""
    return _load(face, round(size * 4) / 4, threading.get_ident())


@functools.lru_cache(maxsize=256)
def _load(face: Face, size: float, _thread: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(face.path, max(size, 1), index=face.index, layout_engine=LAYOUT)


_PROBE_SIZE = 24
_PROBE_MISSING = "\U0010fffd"  # a private-use code point no font maps: draws .notdef


def has_glyph(face: Face, char: str) -> bool:
    """Whether ``face`` maps ``char``; a missing one would be drawn as the .notdef box.

    Pillow exposes no cmap lookup, so the character is compared with .notdef: same advance,
    same box and same pixels means it is .notdef."""
    return _has_glyph(face, char, threading.get_ident())


@functools.lru_cache(maxsize=8192)
def _has_glyph(face: Face, char: str, thread: int) -> bool:
    probe = _load(face, _PROBE_SIZE, thread)
    if probe.getlength(char) != probe.getlength(_PROBE_MISSING):
        return True
    if probe.getbbox(char) != probe.getbbox(_PROBE_MISSING):
        return True
    return _pixels(probe, char) != _pixels(probe, _PROBE_MISSING)


def _pixels(probe: ImageFont.FreeTypeFont, char: str) -> bytes:
    canvas = Image.new("L", (_PROBE_SIZE * 3, _PROBE_SIZE * 3))
    ImageDraw.Draw(canvas).text((_PROBE_SIZE, _PROBE_SIZE), char, font=probe, fill=255)
    return canvas.tobytes()
