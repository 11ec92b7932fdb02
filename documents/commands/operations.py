"""Editor operations: the models, and applying them to a document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from documents import services
from documents.commands.errors import OperationError
from documents.schema import HEX, ID, Provenance, Role, ShapeObject, TextObject, TextStyle

EDITOR_PROVENANCE = Provenance(source="agent", agent="editor")


# --- operations -------------------------------------------------------------------------------------
# The same models are the API's answer, what the model must produce (strict structured output),
# and what apply_ops replays. In `changes` and `style`, null leaves a field as it is.


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Targeted(_Op):
    target: str = Field(pattern=ID, description="Id of an existing object (a group's child too).")


class AddOp(_Op):
    """Add a text or shape object on top of a page."""

    op: Literal["add"] = "add"
    page: int = Field(ge=0, description="Index of the page.")
    object: Annotated[TextObject | ShapeObject, Field(discriminator="type")]


class ObjectChanges(_Op):
    """Object fields to set; null leaves a field as it is."""

    name: str | None = None
    role: Role | None = None
    x: float | None = None
    y: float | None = None
    width: float | None = None
    height: float | None = None
    rotation: float | None = None
    opacity: float | None = None
    visible: bool | None = None
    locked: bool | None = None
    z_index: int | None = None
    text: str | None = Field(default=None, description="Text objects only.")


class UpdateOp(_Targeted):
    """Set fields of an object."""

    op: Literal["update"] = "update"
    changes: ObjectChanges


class DeleteOp(_Targeted):
    """Remove an object (a group with its children)."""

    op: Literal["delete"] = "delete"


class MoveOp(_Targeted):
    """Put the object's top-left corner at x, y, in the coordinates it is stored in (a group's
    children are relative to the group)."""

    op: Literal["move"] = "move"
    x: float
    y: float


class ResizeOp(_Targeted):
    """Set the size, keeping the top-left corner. font_size: the new font size of a text. A group's
    children are scaled with it (font sizes and corner radii by the smaller factor)."""

    op: Literal["resize"] = "resize"
    width: float = Field(gt=0)
    height: float = Field(gt=0)
    font_size: float | None = Field(default=None, gt=0)


class StyleChanges(_Op):
    """Text style fields (text objects) or fill/stroke (shapes) to set; null leaves a field as it is."""

    font_family: str | None = None
    font_size: float | None = None
    font_weight: int | None = None
    italic: bool | None = None
    underline: bool | None = None
    color: str | None = Field(default=None, pattern=HEX)
    background_color: str | None = Field(default=None, pattern=HEX)
    align: Literal["left", "center", "right", "justify"] | None = None
    vertical_align: Literal["top", "middle", "bottom"] | None = None
    line_height: float | None = None
    letter_spacing: float | None = None
    fill: str | None = Field(default=None, pattern=HEX)
    stroke: str | None = Field(default=None, pattern=HEX)
    stroke_width: float | None = None
    shrink_to_fit: bool | None = Field(default=None, description="Texts only: shrink the font when the text overflows.")


class RestyleOp(_Targeted):
    """Change how a text or a shape is drawn."""

    op: Literal["restyle"] = "restyle"
    style: StyleChanges


class ReplaceTextOp(_Targeted):
    """Replace the text of a text object."""

    op: Literal["replace_text"] = "replace_text"
    text: str


class ReorderOp(_Targeted):
    """Set the stacking order among the object's siblings (higher is in front)."""

    op: Literal["reorder"] = "reorder"
    z_index: int


class SetBackgroundOp(_Op):
    """Set a page's background colour."""

    op: Literal["set_background"] = "set_background"
    page: int = Field(ge=0)
    color: str = Field(pattern=HEX)


Op = Annotated[
    AddOp | UpdateOp | DeleteOp | MoveOp | ResizeOp | RestyleOp | ReplaceTextOp | ReorderOp | SetBackgroundOp,
    Field(discriminator="op"),
]
OPERATIONS = TypeAdapter(list[Op])


class CommandPlan(BaseModel):
    """The operations that carry out an editor command, in order. None when it cannot be done."""

    operations: list[Op]


def dump_ops(ops: list[Op]) -> list[dict]:
    """Operations as JSON; the nulls that mean "unchanged" are left out."""
    return [op.model_dump(mode="json", exclude_none=True) for op in ops]


# --- applying operations ------------------------------------------------------------------------------


def _locate(content: dict, target: str) -> tuple[dict, list]:
    """The object with id ``target`` and the list that holds it."""

    def walk(objects):
        for obj in objects:
            if obj["id"] == target:
                return obj, objects
            if obj["type"] == "group" and (found := walk(obj["children"])):
                return found
        return None

    for page in content["pages"]:
        if found := walk(page["objects"]):
            return found
    raise OperationError(f"no object {target!r}")


def _page(content: dict, index: int) -> dict:
    if index >= len(content["pages"]):
        raise OperationError(f"no page {index}; the document has {len(content['pages'])}")
    return content["pages"][index]


def _r(value: float) -> float:
    return round(value, 2)


def _scale_children(children: list[dict], sx: float, sy: float) -> None:
    factor = min(sx, sy)
    for child in children:
        child.update(x=_r(child["x"] * sx), y=_r(child["y"] * sy))
        child.update(width=_r(child["width"] * sx), height=_r(child["height"] * sy))
        if child["type"] == "text":
            child["style"]["font_size"] = _r(child["style"]["font_size"] * factor)
        if "corner_radius" in child:
            child["corner_radius"] = _r(child["corner_radius"] * factor)
        if child["type"] == "group":
            _scale_children(child["children"], sx, sy)


def _apply_add(content, op: AddOp):
    _page(content, op.page)["objects"].append(op.object.model_dump(mode="json"))


def _apply_update(content, op: UpdateOp):
    obj, _ = _locate(content, op.target)
    changes = op.changes.model_dump(mode="json", exclude_none=True)
    if "text" in changes and obj["type"] != "text":
        raise OperationError(f"{op.target!r} is a {obj['type']}, not a text")
    obj.update(changes)


def _apply_delete(content, op: DeleteOp):
    obj, siblings = _locate(content, op.target)
    siblings.remove(obj)


def _apply_move(content, op: MoveOp):
    obj, _ = _locate(content, op.target)
    obj.update(x=op.x, y=op.y)


def _apply_resize(content, op: ResizeOp):
    obj, _ = _locate(content, op.target)
    if op.font_size is not None and obj["type"] != "text":
        raise OperationError(f"font_size is for texts; {op.target!r} is a {obj['type']}")
    sx, sy = op.width / obj["width"], op.height / obj["height"]
    obj.update(width=op.width, height=op.height)
    if op.font_size is not None:
        obj["style"]["font_size"] = op.font_size
    if obj["type"] == "group":
        _scale_children(obj["children"], sx, sy)


_TEXT_STYLE = set(TextStyle.model_fields)
_SHAPE_STYLE = {"fill", "stroke", "stroke_width"}


def _apply_restyle(content, op: RestyleOp):
    obj, _ = _locate(content, op.target)
    style = op.style.model_dump(mode="json", exclude_none=True)
    if obj["type"] == "text" and not style.keys() & _SHAPE_STYLE:
        obj["style"].update(style)
    elif obj["type"] == "shape" and not style.keys() & _TEXT_STYLE:
        obj.update(style)
    else:
        raise OperationError(f"{', '.join(sorted(style))} cannot style {op.target!r}, a {obj['type']}")


def _apply_replace_text(content, op: ReplaceTextOp):
    obj, _ = _locate(content, op.target)
    if obj["type"] != "text":
        raise OperationError(f"{op.target!r} is a {obj['type']}, not a text")
    obj["text"] = op.text


def _apply_reorder(content, op: ReorderOp):
    obj, _ = _locate(content, op.target)
    obj["z_index"] = op.z_index


def _apply_set_background(content, op: SetBackgroundOp):
    _page(content, op.page)["background"] = op.color


_APPLY: dict[str, Callable] = {
    "add": _apply_add,
    "update": _apply_update,
    "delete": _apply_delete,
    "move": _apply_move,
    "resize": _apply_resize,
    "restyle": _apply_restyle,
    "replace_text": _apply_replace_text,
    "reorder": _apply_reorder,
    "set_background": _apply_set_background,
}


def _apply_all(content: dict, ops: list[Op]) -> dict:
    for index, op in enumerate(ops):
        try:
            _APPLY[op.op](content, op)
        except OperationError as exc:
            raise OperationError(f"operations[{index}] ({op.op}): {exc}") from None
    return content


def apply_ops(doc_json: dict, ops: list[Op] | list[dict]) -> dict:
    """The document after ``ops`` (models or their JSON), normalized; ``doc_json`` is not modified.

    Raises OperationError when an operation does not parse or fit the document, and the
    services' ValidationError (with JSON paths) when the result is not a valid document."""
    try:
        parsed = OPERATIONS.validate_python(ops)
    except PydanticValidationError as exc:
        raise OperationError(f"invalid operations: {exc}") from exc
    content = services.document_validate(doc_json).model_dump(mode="json")
    return services.document_validate(_apply_all(content, parsed)).model_dump(mode="json")
