"""Ids for imported pages and elements: their own when valid, else made from where they sit."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from documents.polotno.report import _Report
from documents.polotno.unsupported import _supported
from documents.schema import (
    ID,
)

_ID_RE = re.compile(ID)


def _assign_ids(pages: list[dict], report: _Report) -> dict[int, str]:
    """A valid, unique id for every page and convertible element (keyed by ``id()`` of its dict):
    its own when valid, else one made from where it sits, so that importing again gives the same."""
    seen: dict[str, str] = {}
    nodes: list[tuple[dict, str, str]] = []  # element, path, kind

    def collect(children: Any, path: str) -> None:
        for index, child in enumerate(children if isinstance(children, list) else []):
            child_path = f"{path}.children[{index}]"
            if not isinstance(child, dict):
                raise ValueError(f"{child_path}: expected an object, got {type(child).__name__}")
            if not isinstance(child.get("type"), str):
                raise ValueError(f"{child_path}.type: expected an element type")
            if _supported(child):
                nodes.append((child, child_path, "element"))
                if child["type"] == "group":
                    collect(child.get("children"), child_path)

    for index, page in enumerate(pages):
        nodes.append((page, f"pages[{index}]", "page"))
        collect(page.get("children"), f"pages[{index}]")
    for el, path, _ in nodes:
        raw = el.get("id")
        if raw is not None and not isinstance(raw, str):
            raise ValueError(f"{path}.id: expected a string, got {raw!r}")
        if isinstance(raw, str) and _ID_RE.fullmatch(raw):
            if raw in seen:
                raise ValueError(f"{path}.id: duplicate id {raw!r} (also at {seen[raw]})")
            seen[raw] = path
    ids: dict[int, str] = {}
    taken = set(seen)
    for el, path, kind in nodes:
        raw = el.get("id")
        if isinstance(raw, str) and _ID_RE.fullmatch(raw):
            ids[id(el)] = raw
            continue
        if isinstance(raw, str):
            made = f"polotno-{hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:12]}"
            report.warn(f"{path}.id: {raw!r} is not a valid SparklioDocument id; renamed {made!r}")
        elif kind == "page":
            made = f"page-{int(path[6:-1]) + 1}"
        else:
            made = path.replace("pages[", "p").replace(".children[", "-").replace("]", "")
        candidate, n = made, 2
        while candidate in taken:
            candidate, n = f"{made}-{n}", n + 1
        taken.add(candidate)
        ids[id(el)] = candidate
    return ids
