"""A workbook as separate fields, so that each edit is saved on its own.

A field path names one leaf of the model with ``/`` between the parts, for example
``answers/step1.q2.3``, ``plan/k3f9/goal`` or ``meeting/agenda/step2/when``. Two tabs editing
different fields never overwrite each other, because the store writes one path at a time.

Validation is msgspec's, in one pass; only when that refuses does ``first_problem`` walk the
data beside the model to name the field at fault (msgspec's own location leaves out dict keys).
"""

from __future__ import annotations

import typing
from functools import cache

import msgspec
from msgspec import Struct

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.model.workbook import RealDate, Workbook

# The start of msgspec's message for each kind of refusal; anything else is a wrong type.
_MESSAGE_TO_KEY = (
    ("Expected `str` of length <=", "too_long"),
    ("Expected `str` of length >=", "empty"),
    ("Expected `str` matching regex", "bad_format"),
    ("Invalid enum value", "not_a_choice"),
    ("Expected `int` >=", "out_of_range"),
    ("Expected `int` <=", "out_of_range"),
)
FIELD_PART_LIMIT = 80  # the longest key the model has (a content id)
SEPARATOR = "/"


def field_path(*parts: object) -> str:
    """The path of one field from its parts: ``field_path("plan", item_id, "goal")``.

    The one place paths are built, so that no caller spells the separator itself.
    """
    return SEPARATOR.join(str(part) for part in parts)


def path_parts(path: str) -> tuple[str, ...]:
    """The parts of a field path, ``("plan", item_id, "goal")``; none for the empty path."""
    return tuple(path.split(SEPARATOR)) if path else ()


def shown_field(*parts: object) -> str:
    """A field's path as a message names it: each part cut short and a lone surrogate replaced,
    so that a refusal never repeats a long key from a file and can always be shown or printed."""
    shown = field_path(*(str(part)[:FIELD_PART_LIMIT] for part in parts if part != ""))
    return shown.encode("utf-8", "replace").decode("utf-8")


def validate_workbook(tree: object, prefix: str = "") -> Workbook:
    """The workbook in plain data (a backup's, or assembled from the store), or a refusal that
    names the first field at fault; ``prefix`` is where the data sits in a larger document."""
    try:
        msgspec.json.encode(tree)  # refuses lone surrogates, which msgspec's convert keeps
        return msgspec.convert(tree, Workbook, strict=True)
    except (msgspec.ValidationError, msgspec.EncodeError, UnicodeEncodeError, TypeError):
        raise first_problem(Workbook, tree, (prefix,)) from None


def first_problem(kind: object, value: object, path: tuple[str, ...]) -> WorkbookError:
    """The first refusal in ``value`` read as ``kind``, naming its field."""
    return _problem(kind, value, path) or _refused("bad_format", *path)


def _problem(kind: object, value: object, path: tuple[str, ...]) -> WorkbookError | None:
    if isinstance(kind, type) and issubclass(kind, Struct):
        if not isinstance(value, dict):
            return _refused("wrong_type", *path)
        known = _fields(kind)
        for key in value:
            if key not in known:
                return _refused("unknown_field", *path, key)
        for name, (hint, required) in known.items():
            if name in value:
                problem = _problem(hint, value[name], (*path, name))
            else:
                problem = _refused("missing", *path, name) if required else None
            if problem:
                return problem
        return None
    if typing.get_origin(kind) is dict:
        if not isinstance(value, dict):
            return _refused("wrong_type", *path)
        key_kind, item_kind = typing.get_args(kind)
        for key, item in value.items():
            if leaf_problem(key_kind, key):
                return _refused("unknown_field", *path, key)
            problem = _problem(item_kind, item, (*path, str(key)))
            if problem:
                return problem
        return None
    key = leaf_problem(kind, value)
    return _refused(key, *path) if key else None


def _refused(key: str, *parts: object) -> WorkbookError:
    return WorkbookError(key, field=shown_field(*parts) or "-")


def leaf_problem(kind: object, value: object) -> str | None:
    """The message key for a single value that is not of ``kind``, or None if it is."""
    if isinstance(value, str) and not _encodable(value):
        return "lone_surrogate"
    try:
        msgspec.convert(value, kind, strict=True)
        if isinstance(value, str) and RealDate in getattr(kind, "__metadata__", ()):
            RealDate.check(value)
    except msgspec.ValidationError as error:
        text = str(error)
        return next((key for start, key in _MESSAGE_TO_KEY if text.startswith(start)), "wrong_type")
    except ValueError:
        return "bad_format"
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@cache
def _fields(kind: type) -> dict[str, tuple[object, bool]]:
    """A record's fields: each one's type and whether it must be given."""
    return {field.name: (field.type, field.required) for field in msgspec.structs.fields(kind)}


def flatten(workbook: Workbook) -> dict[str, object]:
    """Every leaf of the workbook but its id, keyed by field path."""
    fields: dict[str, object] = {}

    def walk(node, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, field_path(path, key) if path else str(key))
        else:
            fields[path] = node

    dumped = msgspec.to_builtins(workbook)
    dumped.pop("id")
    walk(dumped, "")
    return fields


def assemble(workbook_id: str, fields: dict[str, object]) -> Workbook:
    """Build the workbook from stored fields; parts never written keep their defaults."""
    tree: dict = {}
    for path, value in fields.items():
        node = tree
        *parents, leaf = path_parts(path)
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    tree["id"] = workbook_id
    return validate_workbook(tree)


def check_field(path: str, value: object) -> object:
    """Validate one field on its own: the path must exist in the model and the value fit it."""
    key = leaf_problem(_annotation_at(path), value)
    if key:
        raise WorkbookError(key, field=shown_field(path))
    return value


def _annotation_at(path: str):
    parts = path_parts(path)
    current: object = Workbook
    for index, part in enumerate(parts):
        if isinstance(current, type) and issubclass(current, Struct):
            known = _fields(current)
            if part not in known or (current is Workbook and part == "id"):
                raise WorkbookError("unknown_field", field=shown_field(path))
            current = known[part][0]
        elif typing.get_origin(current) is dict:
            key_kind, current = typing.get_args(current)
            if leaf_problem(key_kind, part):
                raise WorkbookError("unknown_field", field=shown_field(path))
        else:
            raise WorkbookError("unknown_field", field=shown_field(*parts[: index + 1]))
    if (isinstance(current, type) and issubclass(current, Struct)) or typing.get_origin(
        current
    ) is dict:
        raise WorkbookError("unknown_field", field=shown_field(path))
    return current
