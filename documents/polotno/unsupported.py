"""Polotno elements this package cannot convert: found, kept whole in the metadata, put back on export."""

from __future__ import annotations

import copy
from typing import Any

_SUPPORTED_FIGURES = {"rect": "rect", "circle": "ellipse", "ellipse": "ellipse"}


def _supported(el: dict) -> bool:
    kind = el.get("type")
    if kind == "figure":
        subtype = el.get("subType", "rect")
        return isinstance(subtype, str) and subtype in _SUPPORTED_FIGURES
    return kind in ("text", "image", "svg", "line", "video", "group")


def _unsupported_entries(pages: list, page_ids: list[str], id_of) -> list[dict]:
    """Every element this module cannot convert, whole, with where it sits (page, group, index)."""
    found: list[dict] = []

    def walk(children: list, page_id: str, parent_id: str | None) -> None:
        for index, child in enumerate(children):
            if not isinstance(child, dict):
                continue
            if not _supported(child):
                found.append({"page_id": page_id, "parent_id": parent_id, "index": index, "element": child})
            elif child.get("type") == "group" and isinstance(child.get("children"), list):
                walk(child["children"], page_id, id_of(child))

    for page, page_id in zip(pages, page_ids, strict=True):
        if isinstance(page, dict) and isinstance(page.get("children"), list):
            walk(page["children"], page_id, None)
    return found


def _reemit_unsupported(pages: list[dict], entries: Any) -> None:
    """Put elements kept by an earlier import back where they were. An entry that cannot be placed
    stays in the metadata only (which then travels in ``custom``)."""
    if not isinstance(entries, list):
        return
    containers: dict[tuple[str, str | None], list] = {}
    for page in pages:
        containers[(page["id"], None)] = page["children"]
        stack = list(page["children"])
        while stack:
            el = stack.pop()
            if el.get("type") == "group":
                containers[(page["id"], el["id"])] = el["children"]
                stack.extend(el["children"])
    placeable = [
        e
        for e in entries
        if isinstance(e, dict)
        and isinstance(e.get("element"), dict)
        and isinstance(e["element"].get("type"), str)
        and not _supported(e["element"])
        and isinstance(e.get("index"), int)
        and e["index"] >= 0
        and (e.get("page_id"), e.get("parent_id")) in containers
    ]
    for entry in sorted(placeable, key=lambda e: e["index"]):
        children = containers[(entry["page_id"], entry["parent_id"])]
        children.insert(min(entry["index"], len(children)), copy.deepcopy(entry["element"]))
