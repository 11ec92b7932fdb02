"""Validating imported fields, errors naming the Polotno JSON path."""

from __future__ import annotations

import math

from pydantic import ValidationError

# Polotno attribute a SparklioDocument field comes from, to name it in error messages.
_ATTR_OF = {
    "id": "id",
    "name": "name",
    "x": "x",
    "y": "y",
    "width": "width",
    "height": "height",
    "rotation": "rotation",
    "opacity": "opacity",
    "text": "text",
    "src": "src",
    "svg": "src",
    "crop": "cropX",
    "corner_radius": "cornerRadius",
    "fill": "fill",
    "stroke": "stroke",
    "stroke_width": "strokeWidth",
    "start": "startTime",
    "end": "endTime",
    "background": "background",
    "background_image": "background",
    "duration": "duration",
    "style.font_family": "fontFamily",
    "style.font_size": "fontSize",
    "style.font_weight": "fontWeight",
    "style.color": "fill",
    "style.background_color": "backgroundColor",
    "style.line_height": "lineHeight",
    "style.letter_spacing": "letterSpacing",
}


def _check_finite(flat: dict, path: str) -> None:
    """pydantic lets NaN and infinity through; numbers that large in a design are an error."""
    for field, value in flat.items():
        numbers = [value]
        if field == "points" and isinstance(value, list):
            numbers = [v for point in value for v in (point if isinstance(point, list | tuple) else [point])]
        if any(isinstance(v, float) and not math.isfinite(v) for v in numbers):
            attr = _ATTR_OF.get(field)
            raise ValueError(f"{path}.{attr}: not a finite number" if attr else f"{path}: {field}: not a finite number")


def _validated(model, data: dict, path: str):
    """``model`` built from ``data``, its first error as a ValueError naming the Polotno JSON path."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = [str(part) for part in error["loc"] if not isinstance(part, int)]
        field = ".".join(loc[:2]) if loc[:1] == ["style"] else (loc[0] if loc else "")
        message = error["msg"].removeprefix("Value error, ")
        attr = _ATTR_OF.get(field)
        where = f"{path}.{attr}" if attr else (f"{path}: {field}" if field else path)
        raise ValueError(f"{where}: {message}") from exc
