"""Reading Polotno attributes: typed values naming their JSON path, font weights, rich text, SVG data URLs."""

from __future__ import annotations

import base64
import binascii
import html
import math
import re
import urllib.parse
from typing import Any

from documents.polotno.report import _Report


def _at(path: str, attr: str) -> str:
    return f"{path}.{attr}" if path else attr


def _num(el: dict, attr: str, path: str, default: float) -> float:
    value = el.get(attr)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{_at(path, attr)}: expected a number, got {value!r}")
    return value


def _str(el: dict, attr: str, path: str, default: str) -> str:
    value = el.get(attr)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ValueError(f"{_at(path, attr)}: expected a string, got {value!r}")
    return value


def _flag(el: dict, attr: str, path: str, default: bool) -> bool:
    value = el.get(attr)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise ValueError(f"{_at(path, attr)}: expected true or false, got {value!r}")
    return value


def _list(el: dict, attr: str, path: str) -> list:
    value = el.get(attr)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{_at(path, attr)}: expected a list, got {type(value).__name__}")
    return value


def _size(el: dict, attr: str, path: str, default: float) -> float:
    # Polotno itself turns a zero size into 1 when it loads a design.
    return _num(el, attr, path, default) or 1


def _locked(el: dict, path: str) -> bool:
    """Polotno's own ``locked``: nothing about the element may be changed (or the legacy flag)."""
    if _flag(el, "locked", path, False):
        return True
    return not any(_flag(el, a, path, True) for a in ("draggable", "resizable", "contentEditable", "styleEditable"))


def _font_weight(raw: Any, where: str, report: _Report, field: str | None = None) -> int:
    names = {"normal": 400, "regular": 400, "bold": 700, "lighter": 300, "bolder": 800}
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        number = float(raw)
    elif isinstance(raw, str) and raw.strip().lower() in names:
        return names[raw.strip().lower()]
    elif isinstance(raw, str) and re.fullmatch(r"\d+(\.\d+)?", raw.strip()):
        number = float(raw)
    else:
        raise ValueError(f"{where}: expected a font weight, got {raw!r}")
    weight = min(max(round(number / 100) * 100, 100), 900)
    if weight != number:
        report.warn(f"{where}: font weight {raw!r} was rounded to {weight}", field)
    return weight


def _weight_out(weight: int) -> str:
    return {400: "normal", 700: "bold"}.get(weight, str(weight))


_RICH_TEXT = re.compile(r"</?(p|br|span|strong|b|i|em|u|s|ul|ol|li|div|font|a|sub|sup)\b[^>]*>", re.IGNORECASE)


def _plain_text(text: str) -> str:
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"</(p|div|li)>\s*<(p|div|li)\b[^>]*>", "\n", text, flags=re.IGNORECASE)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _svg_from_data_url(src: str, where: str) -> str | None:
    """The markup of an SVG data URL; None when ``src`` is not an SVG data URL."""
    header, comma, payload = src.partition(",")
    if not src.startswith("data:") or not comma or "svg" not in header.lower():
        return None
    if ";base64" in header.lower():
        try:
            markup = base64.b64decode(re.sub(r"\s+", "", urllib.parse.unquote(payload)), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise ValueError(f"{where}: undecodable SVG data URL ({exc})") from exc
    else:
        markup = urllib.parse.unquote(payload)
    if not markup.strip():
        raise ValueError(f"{where}: the SVG data URL is empty")
    return markup


def _svg_data_url(markup: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(markup.encode("utf-8")).decode("ascii")


def _replace_svg_colors(markup: str, replacements: dict, where: str, report: _Report) -> str:
    """Apply Polotno's ``colorsReplace`` (colour as written in the markup → new colour)."""
    for old, new in replacements.items():
        if not isinstance(new, str):
            raise ValueError(f"{where}.colorsReplace: expected colour strings, got {new!r}")
        pattern = re.compile(
            r"((?:fill|stroke|stop-color|color)\s*(?:=\s*[\"']|:\s*))" + re.escape(old) + r"(?=\s*(?:[\"';)]|$))",
            re.IGNORECASE,
        )
        markup, count = pattern.subn(lambda m, new=new: m.group(1) + new, markup)
        if not count:
            report.warn(f"{where}.colorsReplace: colour {old!r} was not found in the SVG markup", "svg")
    return markup
