"""Import: a SparklioDocument from a Polotno store JSON."""

from __future__ import annotations

import copy

from documents.polotno.attributes import _list, _num, _str, _svg_from_data_url
from documents.polotno.custom import NAMESPACE, _apply_exact, _nested, _our_custom
from documents.polotno.dropped import _check_dropped
from documents.polotno.geometry import _PAGE, Frame, _localize, _placed
from documents.polotno.ids import _assign_ids
from documents.polotno.readers import _READERS, _is_shape_base, _read_page, _read_store
from documents.polotno.report import _Report
from documents.polotno.roles import _infer_roles, _Node
from documents.polotno.unsupported import _supported
from documents.polotno.validation import _check_finite, _validated
from documents.schema import (
    CHANNEL_PRESETS,
    GroupObject,
    ImageObject,
    Page,
    ShapeObject,
    SparklioDocument,
    SvgObject,
    TextObject,
    VideoObject,
    iter_objects,
)
from sparklio.language import detect_language

_MODELS = {
    "text": TextObject,
    "image": ImageObject,
    "svg-image": ImageObject,
    "figure": ShapeObject,
    "line": ShapeObject,
    "svg-shape": ShapeObject,
    "svg": SvgObject,
    "video": VideoObject,
    "group": GroupObject,
}


def from_polotno(data: dict, *, defaults: dict | None = None) -> tuple[SparklioDocument, list[str]]:
    """A SparklioDocument from a Polotno store JSON, and warnings about what did not carry over.

    ``defaults`` fill what the JSON does not say (a store made by Polotno has no ``custom``):
    ``title``, ``brand``, ``channel``, ``language``, ``metadata``, and ``provenance`` given to
    objects Polotno made (default ``{"source": "import"}``; None for none). Invalid input raises
    ValueError naming the JSON path (``pages[0].children[3].fontSize: ...``)."""
    if not isinstance(data, dict):
        raise ValueError(f"document: expected a Polotno store JSON object, got {type(data).__name__}")
    # The document keeps parts of the input as they are (kept elements, metadata): never the caller's objects.
    data = copy.deepcopy(data)
    defaults = copy.deepcopy(defaults or {})
    unknown = set(defaults) - {"title", "brand", "channel", "language", "metadata", "provenance"}
    if unknown:
        raise ValueError(f"defaults: unknown keys {sorted(unknown)}")
    if not isinstance(defaults.get("metadata", {}), dict):
        raise ValueError("defaults.metadata: expected an object")
    for attr in ("width", "height"):
        if not isinstance(data.get(attr), int | float) or isinstance(data.get(attr), bool):
            raise ValueError(f"{attr}: a Polotno store needs a numeric {attr}, got {data.get(attr)!r}")
    report = _Report()
    ours = _our_custom(data, "", report)
    pages_raw = _list(data, "pages", "")
    if not pages_raw:
        raise ValueError("pages: a document needs at least one page")
    for i, page in enumerate(pages_raw):
        if not isinstance(page, dict):
            raise ValueError(f"pages[{i}]: expected an object, got {type(page).__name__}")
    ids = _assign_ids(pages_raw, report)
    importer = _Importer(report, ids, defaults.get("provenance", {"source": "import"}))
    page_ids = [ids[id(page)] for page in pages_raw]
    width, height = _num(data, "width", "", 0), _num(data, "height", "", 0)
    pages = [importer.page(page, i, width, height) for i, page in enumerate(pages_raw)]

    reading = _Report()
    fields = _read_store(data, ours.get("base") or {}, page_ids, lambda el: ids.get(id(el), el.get("id")), reading)
    fields.update(ours.get("keep") or {})
    report.absorb(reading, _apply_exact(fields, ours.get("exact") or {}))
    if not ours:
        fields["metadata"] = {**(defaults.get("metadata") or {}), **fields["metadata"]}
    for key in ("title", "brand", "channel", "language"):
        if key not in fields and key in defaults:
            fields[key] = defaults[key]
    if "language" not in fields:
        texts = [obj.text for page in pages for obj in iter_objects(page.objects) if isinstance(obj, TextObject)]
        fields["language"] = detect_language(" ".join(texts))
    if "channel" not in fields:
        matches = [key for key, p in CHANNEL_PRESETS.items() if (p.width, p.height) == (width, height)]
        fields["channel"] = matches[0] if len(matches) == 1 else None
    for attr in data:
        if attr not in {"width", "height", "fonts", "audios", "pages", "unit", "dpi", "custom", "schemaVersion"}:
            report.drop(attr, "")
    if data.get("audios"):
        report.warn("audios: audio tracks have no SparklioDocument equivalent; kept in metadata['polotno_audios']")
    doc = SparklioDocument.model_validate({**fields, "pages": pages})
    return doc, report.all()


class _Importer:
    def __init__(self, report: _Report, ids: dict[int, str], provenance: dict | None):
        self.report, self.ids, self.provenance = report, ids, provenance

    def page(self, el: dict, index: int, store_width: float, store_height: float) -> Page:
        path = f"pages[{index}]"
        ours = _our_custom(el, path, self.report)
        reading = _Report()
        fields = _read_page(el, {}, path, reading)
        fields.update(ours.get("keep") or {})
        self.report.absorb(reading, _apply_exact(fields, ours.get("exact") or {}))
        for attr in ("width", "height"):
            value = el.get(attr, "auto")
            if value != "auto" and value != (store_width if attr == "width" else store_height):
                self.report.drop(f"{attr} (page size)", path)
        if el.get("bleed"):
            self.report.drop("bleed", path)
        for attr in el:
            if attr not in {"id", "children", "width", "height", "background", "bleed", "duration", "custom"}:
                self.report.drop(attr, path)
        nodes = self.children(_list(el, "children", path), path, ours, _PAGE)
        _infer_roles(nodes, store_width, store_height)
        objects = [self.build(node) for node in nodes]
        return _validated(Page, {"id": self.ids[id(el)], **fields, "objects": objects}, path)

    def children(self, raw: list, path: str, container: dict, frame: Frame) -> list[_Node]:
        nodes = []
        for index, el in enumerate(raw):
            child_path = f"{path}.children[{index}]"
            if _supported(el):
                nodes.append(self.element(el, index, child_path, frame))
            else:
                self.report.warn(
                    f"{child_path}: Polotno element type {el['type']!r}"
                    + (f" ({el.get('subType')!r})" if el["type"] == "figure" else "")
                    + " has no SparklioDocument equivalent; kept whole in metadata['polotno_unsupported']"
                )
        sequence = [node.flat["id"] for node in nodes]
        if container.get("sequence") == sequence:
            order = container.get("order") or sequence
            if sorted(order) == sorted(sequence):
                nodes.sort(key=lambda node: order.index(node.flat["id"]))
        else:
            # Stacked differently than exported (or made by Polotno): the stacking is the z order.
            for node in nodes:
                node.flat["z_index"] = node.position
        return nodes

    def element(self, el: dict, index: int, path: str, frame: Frame) -> _Node:
        """The element as a node; ``frame`` places its container's coordinates on the page."""
        ours = _our_custom(el, path, self.report)
        keep = dict(ours.get("keep") or {})
        route = self.route(el, keep, ours.get("base") or {}, path)
        if route is None:
            keep, ours = {}, {}
            route = self.route(el, keep, {}, path)
        _check_dropped(el, path, self.report)
        reading = _Report()
        flat = _READERS[route](el, ours.get("base") or {}, path, reading)
        pose = tuple(flat[f] for f in ("x", "y", "width", "height", "rotation"))  # as Polotno shows it
        _localize(flat, frame)
        keep.pop("type", None)
        flat.update(keep)
        self.report.absorb(reading, _apply_exact(flat, ours.get("exact") or {}) | set(keep))
        _check_finite(flat, path)
        flat["id"] = self.ids[id(el)]
        if not ours and self.provenance is not None:
            flat["provenance"] = self.provenance
        children = None
        if route == "group":
            # Children are relative to the group's final box: the one kept in custom when it came back.
            box = [flat[f] for f in ("x", "y", "width", "height", "rotation")]
            for f, value in zip(("x", "y", "width", "height", "rotation"), box, strict=True):
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise ValueError(f"{path}.custom.{NAMESPACE}: the group's {f} is not a number: {value!r}")
            own = _placed(frame, *box)
            children = self.children(_list(el, "children", path), path, ours, own)
        return _Node(route, flat, index, path, pose, children, el)

    def route(self, el: dict, keep: dict, base: dict, path: str) -> str | None:
        """How the element is read: by its Polotno type and, when it was exported from a
        SparklioDocument, by the type it had there. None when the two disagree."""
        kind, was = el["type"], keep.get("type")
        if kind == "svg":
            if was == "shape" and _is_shape_base(base):
                return "svg-shape"
            markup = _svg_from_data_url(_str(el, "src", path, ""), f"{path}.src")
            route = "svg" if markup is not None else "svg-image"
            if route == "svg-image" and was is None:
                self.report.warn(f"{path}: an SVG by URL (not embedded) was imported as an image")
        else:
            route = {
                "text": "text",
                "image": "image",
                "figure": "figure",
                "line": "line",
                "video": "video",
                "group": "group",
            }[kind]
        expected = {"svg-image": ("image", "svg"), "figure": ("shape",), "line": ("shape",)}.get(route, (route,))
        if was is not None and was not in expected:
            self.report.warn(
                f"{path}.custom.{NAMESPACE}: describes a {was} but the element is a Polotno {kind}; ignored"
            )
            return None
        return route

    def build(self, node: _Node):
        data = _nested(node.flat)
        if node.children is not None:
            data["children"] = [self.build(child) for child in node.children]
        return _validated(_MODELS[node.route], data, node.path)
