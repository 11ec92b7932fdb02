"""Colours: luminance, contrast, mixing, and picking a readable one."""

from __future__ import annotations

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
