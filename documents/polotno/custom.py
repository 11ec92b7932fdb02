"""``custom["sparklio"]``: what Polotno cannot hold (``keep``), exact copies of originals the attributes
would not give back (``exact``, with what they give: ``seen``) and what a reader needs (``base``)."""

from __future__ import annotations

from typing import Any

from documents.polotno.report import _Report

NAMESPACE = "sparklio"
FORMAT = 1


_GEOMETRY = ("x", "y", "width", "height", "rotation", "points")


def _flat(obj) -> dict:
    data = obj.model_dump(mode="json", exclude={"children", "type"})
    style = data.pop("style", None)
    if style is not None:
        data.update({f"style.{key}": value for key, value in style.items()})
    return data


def _nested(flat: dict) -> dict:
    out: dict[str, Any] = {}
    for key, value in flat.items():
        if key.startswith("style."):
            out.setdefault("style", {})[key.removeprefix("style.")] = value
        else:
            out[key] = value
    return out


def _exact(original: dict, derived: dict, fields) -> dict:
    """Originals that ``derived`` does not give back, with what it gives (``seen``). Geometry travels
    as one unit: a box read back from Polotno must not be mixed with an original one."""
    fields = list(fields)
    units = [[f for f in fields if f in _GEOMETRY]] + [[f] for f in fields if f not in _GEOMETRY]
    out = {}
    for unit in units:
        value = {f: original[f] for f in unit}
        seen = {f: derived.get(f) for f in unit}
        if unit and value != seen:
            out["geometry" if unit[0] in _GEOMETRY else unit[0]] = {"value": value, "seen": seen}
    return out


def _apply_exact(derived: dict, exact: dict) -> set[str]:
    """Put back the originals whose attributes Polotno still gives as at export; the fields put back."""
    restored: set[str] = set()
    for entry in exact.values():
        value, seen = (entry.get("value"), entry.get("seen")) if isinstance(entry, dict) else (None, None)
        if isinstance(value, dict) and isinstance(seen, dict) and all(derived.get(f) == v for f, v in seen.items()):
            derived.update(value)
            restored.update(value)
    return restored


def _custom(keep: dict, exact: dict, base: dict | None = None, **more) -> dict:
    ours = {"v": FORMAT, "keep": keep}
    if exact:
        ours["exact"] = exact
    if base:
        ours["base"] = base
    ours.update({k: v for k, v in more.items() if v is not None})
    return {NAMESPACE: ours}


def _our_custom(el: dict, path: str, report: _Report) -> dict:
    """This module's part of an element's ``custom`` ({} when there is none); other apps' data is reported."""
    custom = el.get("custom")
    where = f"{path}.custom" if path else "custom"
    if custom is None:
        return {}
    if not isinstance(custom, dict):
        report.drop("custom", path)
        return {}
    for key in custom:
        if key != NAMESPACE:
            report.drop(f"custom.{key}", path)
    ours = custom.get(NAMESPACE)
    if ours is None:
        return {}
    if not _is_our_format(ours):
        report.warn(f"{where}.{NAMESPACE}: not in a format this version reads; ignored")
        return {}
    return ours


def _is_our_format(ours: Any) -> bool:
    def strings(value: Any) -> bool:
        return value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value))

    return (
        isinstance(ours, dict)
        and ours.get("v") == FORMAT
        and all(isinstance(ours.get(k, {}), dict) for k in ("keep", "exact", "base"))
        and all(
            isinstance(e, dict) and isinstance(e.get("value"), dict) and isinstance(e.get("seen"), dict)
            for e in ours.get("exact", {}).values()
        )
        and strings(ours.get("sequence"))
        and strings(ours.get("order"))
    )
