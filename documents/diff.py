"""What changed between two versions of a document, object by object."""

from __future__ import annotations

from typing import Any


def _objects(content: dict) -> dict[str, dict]:
    found: dict[str, dict] = {}

    def walk(objects, page_id):
        for obj in objects:
            found[obj["id"]] = {**obj, "_page": page_id}
            walk(obj.get("children", []), page_id)

    for page in content.get("pages", []):
        walk(page.get("objects", []), page["id"])
    return found


def document_diff(old: dict, new: dict) -> dict[str, Any]:
    """{"added": [ids], "removed": [ids], "changed": {id: [fields]}, "document": [fields],
    "pages": {"added", "removed"}}"""
    before, after = _objects(old), _objects(new)
    changed: dict[str, list[str]] = {}
    for obj_id in before.keys() & after.keys():
        a, b = before[obj_id], after[obj_id]
        fields = sorted(k for k in (a.keys() | b.keys()) if k != "children" and a.get(k) != b.get(k))
        if fields:
            changed[obj_id] = ["page" if f == "_page" else f for f in fields]
    doc_fields = sorted(k for k in (old.keys() | new.keys()) if k != "pages" and old.get(k) != new.get(k))
    old_pages = [p["id"] for p in old.get("pages", [])]
    new_pages = [p["id"] for p in new.get("pages", [])]
    page_fields = {
        p["id"]: sorted(k for k in p if k != "objects" and p.get(k) != q.get(k))
        for p in new.get("pages", [])
        for q in old.get("pages", [])
        if p["id"] == q["id"]
    }
    return {
        "added": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
        "changed": dict(sorted(changed.items())),
        "document": doc_fields,
        "pages": {
            "added": [p for p in new_pages if p not in old_pages],
            "removed": [p for p in old_pages if p not in new_pages],
            "changed": {k: v for k, v in page_fields.items() if v},
        },
    }


def summarize(diff: dict[str, Any]) -> str:
    parts = []
    if diff["added"]:
        parts.append(f"{len(diff['added'])} object(s) added")
    if diff["removed"]:
        parts.append(f"{len(diff['removed'])} removed")
    if diff["changed"]:
        parts.append(f"{len(diff['changed'])} changed")
    if diff["pages"]["added"] or diff["pages"]["removed"]:
        parts.append(f"pages +{len(diff['pages']['added'])} −{len(diff['pages']['removed'])}")
    if diff["document"]:
        parts.append("document " + ", ".join(diff["document"]))
    return "; ".join(parts) or "no change"
