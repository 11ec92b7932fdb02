"""Layout integrity, measured on pixels: every text object is drawn alone to find its ink, and
every object to find what it covers, exactly as the page render draws them.

A defect names the objects by id:
- ``text_overflow``: ink outside the text's own box;
- ``off_page``: ink beyond the page;
- ``text_collision``: two texts' ink touching (within ``TOUCH_PX``);
- ``text_covered``: an object drawn later covering a text's ink;
- ``safe_margin``: a text's ink inside the channel's safe margin;
- ``text_too_small``: a text set smaller than ``MIN_TEXT_SHARE`` of the page's short side (at
  least ``MIN_TEXT_PX``): unreadable where the design is seen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from documents.render.images import AllowedPath
from documents.render.renderer import draw_object, render_context
from documents.schema import GroupObject, SparklioDocument, TextObject

INK_ALPHA = 96  # anti-aliased edges below this are not ink
TOUCH_PX = 2
OVERFLOW_PX = 3  # ink this far past the box is overflow (glyph side bearings stay inside)
MIN_DEFECT_PIXELS = 12
SAFE_MARGIN = 0.05
MIN_TEXT_SHARE = 0.018
MIN_TEXT_PX = 14


@dataclass
class Defect:
    kind: str
    objects: list[str]
    pixels: int
    message: str


@dataclass
class TextInk:
    id: str
    role: str
    text: str
    box: tuple[float, float, float, float]
    ink_box: tuple[int, int, int, int] | None  # page pixels, may lie outside the page
    pixels: int


@dataclass
class LayoutReport:
    width: int
    height: int
    defects: list[Defect] = field(default_factory=list)
    texts: list[TextInk] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.defects


def _flatten(objects, dx: float, dy: float, out: list) -> None:
    for obj in sorted(objects, key=lambda o: o.z_index):
        if not obj.visible or obj.opacity <= 0:
            continue
        if isinstance(obj, GroupObject) and obj.rotation % 360 == 0:
            _flatten(obj.children, dx + obj.x, dy + obj.y, out)
        else:
            out.append((obj, dx, dy))


def inspect_layout(
    doc: SparklioDocument, page: int = 0, *, allowed_path: AllowedPath | None = None, safe_margin: float = SAFE_MARGIN
) -> LayoutReport:
    """Measure one page's layout on its pixels. Documents in mm are measured at 1 px per unit
    of the page's pixel size."""
    context = render_context(doc, allowed_path=allowed_path)
    factor = context.factor
    width, height = max(1, round(doc.width * factor)), max(1, round(doc.height * factor))
    pad = max(16, round(0.08 * max(width, height)))
    size = (width + 2 * pad, height + 2 * pad)
    report = LayoutReport(width, height)
    drawn: list[tuple] = []
    _flatten(doc.pages[page].objects, 0.0, 0.0, drawn)

    def alpha_of(obj, dx, dy, *, ink_only: bool) -> np.ndarray:
        canvas = Image.new("RGBA", size, (0, 0, 0, 0))
        if ink_only and isinstance(obj, TextObject) and obj.style.background_color:
            obj = obj.model_copy(update={"style": obj.style.model_copy(update={"background_color": None})})
        draw_object(canvas, obj, (pad / factor + dx, pad / factor + dy), context)
        return np.asarray(canvas.getchannel("A"))

    inks: list[tuple[TextInk, np.ndarray, int]] = []
    filled: set[str] = set()  # texts on their own fill: ink past the fill shows, side bearing or not
    covers: list[np.ndarray] = []
    for index, (obj, dx, dy) in enumerate(drawn):
        alpha = alpha_of(obj, dx, dy, ink_only=False)
        covers.append(alpha > INK_ALPHA)
        if not isinstance(obj, TextObject) or not obj.text.strip():
            continue
        ink = alpha_of(obj, dx, dy, ink_only=True) > INK_ALPHA if obj.style.background_color else covers[-1]
        ys, xs = np.nonzero(ink)
        ink_box = None
        if len(xs):
            ink_box = (int(xs.min()) - pad, int(ys.min()) - pad, int(xs.max()) + 1 - pad, int(ys.max()) + 1 - pad)
        box = ((obj.x + dx) * factor, (obj.y + dy) * factor, obj.width * factor, obj.height * factor)
        info = TextInk(obj.id, obj.role.value, obj.text, box, ink_box, int(ink.sum()))
        report.texts.append(info)
        inks.append((info, ink, index))
        if obj.style.background_color:
            filled.add(obj.id)
        smallest = max(MIN_TEXT_PX, MIN_TEXT_SHARE * min(width, height))
        if obj.style.font_size * factor < smallest - 0.5:
            report.defects.append(
                Defect(
                    "text_too_small",
                    [obj.id],
                    int(ink.sum()),
                    f"{obj.role.value} {obj.id}: set at {obj.style.font_size * factor:.0f} px, below the "
                    f"{smallest:.0f} px this page needs to be read.",
                )
            )
    report.warnings = list(context.warnings)

    mx, my = safe_margin * width, safe_margin * height
    for info, ink, _ in inks:
        if info.ink_box is None:
            continue
        x, y, w, h = info.box
        inside = np.zeros_like(ink)
        # a badge's letters hanging off its fill are seen; elsewhere a glyph's side bearing may reach past
        allowance = 0 if info.id in filled else OVERFLOW_PX
        x0, y0 = max(0, round(x - allowance) + pad), max(0, round(y - allowance) + pad)
        x1, y1 = round(x + w + allowance) + pad, round(y + h + allowance) + pad
        inside[y0:y1, x0:x1] = True
        outside = int((ink & ~inside).sum())
        if outside >= MIN_DEFECT_PIXELS:
            report.defects.append(
                Defect(
                    "text_overflow",
                    [info.id],
                    outside,
                    f"{info.role} {info.id}: {outside} px of its text lie outside its box.",
                )
            )
        page_area = np.zeros_like(ink)
        page_area[pad : pad + height, pad : pad + width] = True
        off = int((ink & ~page_area).sum())
        if off >= MIN_DEFECT_PIXELS:
            report.defects.append(
                Defect("off_page", [info.id], off, f"{info.role} {info.id}: {off} px of its text are off the page.")
            )
        safe = np.zeros_like(ink)
        safe[pad + int(my) : pad + height - int(my), pad + int(mx) : pad + width - int(mx)] = True
        in_margin = int((ink & page_area & ~safe).sum())
        if in_margin >= MIN_DEFECT_PIXELS:
            report.defects.append(
                Defect(
                    "safe_margin",
                    [info.id],
                    in_margin,
                    f"{info.role} {info.id}: its text enters the {safe_margin:.0%} safe margin ({in_margin} px).",
                )
            )
    for a in range(len(inks)):
        info_a, ink_a, _ = inks[a]
        grown = _dilate(ink_a, TOUCH_PX)
        for b in range(a + 1, len(inks)):
            info_b, ink_b, _ = inks[b]
            touching = int((grown & ink_b).sum())
            if touching >= MIN_DEFECT_PIXELS:
                report.defects.append(
                    Defect(
                        "text_collision",
                        [info_a.id, info_b.id],
                        touching,
                        f"The texts of {info_a.role} {info_a.id} and {info_b.role} {info_b.id} touch ({touching} px).",
                    )
                )
    for info, ink, index in inks:
        for later in range(index + 1, len(drawn)):
            obj = drawn[later][0]
            covered = int((covers[later] & ink).sum())
            if covered >= MIN_DEFECT_PIXELS and not (isinstance(obj, TextObject) and not obj.style.background_color):
                report.defects.append(
                    Defect(
                        "text_covered",
                        [info.id, obj.id],
                        covered,
                        f"{obj.type} {obj.id} is drawn over the text of {info.role} {info.id} ({covered} px covered).",
                    )
                )
    return report


def _dilate(mask: np.ndarray, radius: int) -> np.ndarray:
    grown = mask.copy()
    for _ in range(radius):
        shifted = grown.copy()
        shifted[1:, :] |= grown[:-1, :]
        shifted[:-1, :] |= grown[1:, :]
        shifted[:, 1:] |= grown[:, :-1]
        shifted[:, :-1] |= grown[:, 1:]
        grown = shifted
    return grown
