"""Roles for what Polotno made, inferred from the page."""

from __future__ import annotations

from documents.polotno.geometry import _covers


class _Node:
    """A converted element waiting for its role and its place among its siblings."""

    def __init__(self, route: str, flat: dict, position: int, path: str, pose: tuple, children: list | None = None):
        self.route, self.flat, self.position, self.path, self.children = route, flat, position, path, children
        self.pose = pose  # x, y, width, height, rotation as Polotno shows it (page coordinates)


def _infer_roles(nodes: list[_Node], width: float, height: float) -> None:
    """Roles for what Polotno made: the biggest text of the page is its headline, the rest body;
    what covers the page is background, images are product images, shapes decoration."""
    every = []
    stack = list(nodes)
    while stack:
        node = stack.pop(0)
        every.append(node)
        stack.extend(node.children or [])
    texts = [n for n in every if n.route == "text"]
    headline = any(n.flat.get("role") == "headline" for n in texts)
    biggest = max((n.flat["style.font_size"] for n in texts), default=None)
    for node in sorted(texts, key=lambda n: (n.pose[1], n.position)):
        if "role" not in node.flat:
            is_headline = not headline and node.flat["style.font_size"] == biggest
            node.flat["role"] = "headline" if is_headline else "body"
            headline = headline or is_headline
    for node in every:
        if "role" in node.flat:
            continue
        covers = _covers(node.pose, width, height)
        if node.route in ("image", "svg-image"):
            node.flat["role"] = "background_image" if covers else "product_image"
        elif node.route == "figure":
            node.flat["role"] = "background_shape" if covers else "decoration"
        elif node.route == "line":
            node.flat["role"] = "divider"
        elif node.route == "svg":
            small = max(node.flat["width"], node.flat["height"]) <= 0.15 * min(width, height)
            node.flat["role"] = "icon" if small else "illustration"
        elif node.route == "video":
            node.flat["role"] = "scene"
        else:
            node.flat["role"] = "other"
