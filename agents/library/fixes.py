"""Fixes the optimizer applies to a design for what review measured: texts moved back inside the
safe margin and the page, refitted to their boxes, moved apart when they touch or are covered,
and recoloured when they are hard to read, on whichever page of the document they are (object
ids are unique across pages). Each fix works on the document's geometry; whether it worked is
measured again on the render, never assumed."""

from __future__ import annotations

import copy

from documents.commands.colors import contrast_ratio as contrast_ratio_hex
from documents.schema import SparklioDocument, TextObject
from templates.fitting import fitted_size

SAFE = 0.06  # a little inside the 5 % the vision analyzer checks
GAP = 12
LIGHT, DARK = "#FFFFFF", "#111111"


def _index(doc: SparklioDocument) -> tuple[dict[str, object], dict[str, int]]:
    """Every object of every page by id (ids are unique in a document), and the page each is on."""
    found, pages = {}, {}

    def walk(objects, number):
        for obj in objects:
            found[obj.id] = obj
            pages[obj.id] = number
            if obj.type == "group":
                walk(obj.children, number)

    for number, page in enumerate(doc.pages):
        walk(page.objects, number)
    return found, pages


def _boxes_intersect(a, b, gap: float = 0) -> bool:
    return (
        a.x < b.x + b.width + gap
        and b.x < a.x + a.width + gap
        and a.y < b.y + b.height + gap
        and b.y < a.y + a.height + gap
    )


def _safe_area(doc: SparklioDocument) -> tuple[float, float, float, float]:
    mx, my = doc.width * SAFE, doc.height * SAFE
    return mx, my, doc.width - mx, doc.height - my


def _clamp(obj, doc: SparklioDocument) -> bool:
    left, top, right, bottom = _safe_area(doc)
    before = (obj.x, obj.y, obj.width, obj.height)
    obj.width = min(obj.width, right - left)
    obj.height = min(obj.height, bottom - top)
    obj.x = min(max(obj.x, left), right - obj.width)
    obj.y = min(max(obj.y, top), bottom - obj.height)
    return before != (obj.x, obj.y, obj.width, obj.height)


def _refit(obj: TextObject, language: str | None) -> bool:
    obj.style.shrink_to_fit = True
    size = fitted_size(obj, language=language)
    if size != obj.style.font_size:
        obj.style.font_size = size
        return True
    return False


def _free_spot(obj, others: list, doc: SparklioDocument) -> tuple[float, float] | None:
    """The nearest position (same column first, then across) where ``obj``'s box stays inside
    the safe area and clear of ``others``."""
    left, top, right, bottom = _safe_area(doc)
    probe = copy.copy(obj)
    step = max(4.0, doc.height / 200)
    xs = [obj.x] + [x for x in (left, right - obj.width) if x != obj.x]
    best = None
    for x in xs:
        if x < left - 0.5 or x + obj.width > right + 0.5:
            continue
        y = top
        while y + obj.height <= bottom + 0.5:
            probe.x, probe.y = x, y
            if not any(_boxes_intersect(probe, other, GAP) for other in others):
                distance = abs(y - obj.y) + abs(x - obj.x) * 2
                if best is None or distance < best[0]:
                    best = (distance, x, y)
            y += step
        if best is not None and x == obj.x:
            break
    return (best[1], best[2]) if best else None


BACKDROP_ROLES = {"background", "background_shape", "background_image", "pattern", "frame", "decoration", "overlay"}


def _obstacles(objects: dict, mover) -> list:
    return [o for o in objects.values() if o is not mover and o.role.value not in BACKDROP_ROLES and o.type != "group"]


def _on_page(objects: dict, pages: dict[str, int], number: int) -> dict:
    """The objects of one page: a text is moved clear of what shares its page, not of a slide
    it is never drawn on."""
    return {oid: obj for oid, obj in objects.items() if pages.get(oid) == number}


def fix_layout(content: dict, defects: list[dict], *, readable: dict[str, str] | None = None) -> tuple[dict, list[str]]:
    """``content`` with the defects fixed where geometry can fix them, and what was done.

    ``defects``: findings with ``rule`` and ``objects`` (ids); ``readable``: object id → the
    measured background colour behind a hard-to-read text."""
    doc = SparklioDocument.model_validate(copy.deepcopy(content))
    objects, pages = _index(doc)
    changes: list[str] = []
    moved: list[TextObject] = []
    for defect in defects:
        rule, ids = defect.get("rule"), defect.get("objects") or []
        targets = [objects[i] for i in ids if i in objects]
        if not targets:
            continue
        if rule in ("off_page", "safe_margin", "text_overflow"):
            obj = targets[0]
            if isinstance(obj, TextObject):
                clamped = _clamp(obj, doc)
                refit = _refit(obj, doc.language)
                if clamped or refit:
                    moved.append(obj)
                    changes.append(f"Moved {obj.id} inside the safe margin and refitted its text.")
        elif rule in ("text_collision", "text_covered"):
            # the one drawn later moves when it is a text; a picture or shape over a text: the text moves
            mover = targets[-1] if isinstance(targets[-1], TextObject) else targets[0]
            if not isinstance(mover, TextObject):
                continue
            others = [
                o
                for o in _on_page(objects, pages, pages[mover.id]).values()
                if o is not mover
                and o.role.value
                not in {
                    "background",
                    "background_shape",
                    "background_image",
                    "pattern",
                    "frame",
                    "decoration",
                    "overlay",
                }
            ]
            for _ in range(4):
                spot = _free_spot(mover, others, doc)
                if spot is not None:
                    mover.x, mover.y = spot
                    _refit(mover, doc.language)
                    changes.append(f"Moved {mover.id} clear of {', '.join(i for i in ids if i != mover.id)}.")
                    break
                mover.height *= 0.85
                mover.style.font_size = max(6.0, mover.style.font_size * 0.85)
                _refit(mover, doc.language)
    # a text moved back onto the page may now sit on another one: find it a free place
    for obj in moved:
        others = [o for o in _obstacles(_on_page(objects, pages, pages[obj.id]), obj) if isinstance(o, TextObject)]
        if any(_boxes_intersect(obj, other) for other in others):
            spot = _free_spot(obj, others, doc)
            if spot is not None:
                obj.x, obj.y = spot
                changes.append(f"Moved {obj.id} clear of the texts around it.")
    for oid, background in (readable or {}).items():
        obj = objects.get(oid)
        if isinstance(obj, TextObject):
            colour = max((LIGHT, DARK), key=lambda c: contrast_ratio_hex(c, background))
            if obj.style.color[:7].upper() != colour:
                obj.style.color = colour
                changes.append(f"Recoloured {obj.id} to {colour} for contrast on {background}.")
    return doc.model_dump(mode="json"), changes
