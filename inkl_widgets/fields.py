"""A workbook as separate fields, so that each edit is saved on its own.

A field path names one leaf of the model with ``/`` between the parts, for example
``answers/step1.q2.3``, ``plan/k3f9/goal`` or ``meeting/agenda/step2/when``. Two tabs editing
different fields never overwrite each other, because the store writes one path at a time.
"""

from __future__ import annotations

import typing
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from .errors import WorkbookError
from .model import Workbook

_PYDANTIC_TO_KEY = {
    "string_too_long": "too_long",
    "string_too_short": "empty",
    "string_pattern_mismatch": "bad_format",
    "literal_error": "not_a_choice",
    "extra_forbidden": "unknown_field",
    "missing": "missing",
    "string_unicode": "lone_surrogate",
    "greater_than_equal": "out_of_range",
    "less_than_equal": "out_of_range",
}
FIELD_PART_LIMIT = 80  # the longest key the model has (a content id)


def problem_key(error: dict) -> str:
    """The message key for one pydantic error; never built from the rejected input."""
    if error["type"] == "value_error":
        return "bad_format"
    return _PYDANTIC_TO_KEY.get(error["type"], "wrong_type")


def shown_field(*parts: object) -> str:
    """A field's path as a message names it: each part cut short and a lone surrogate replaced,
    so that a refusal never repeats a long key from a file and can always be shown or printed."""
    shown = "/".join(str(part)[:FIELD_PART_LIMIT] for part in parts if part != "")
    return shown.encode("utf-8", "replace").decode("utf-8")


def refusal(error: ValidationError, prefix: str = "") -> WorkbookError:
    """The first problem of a validation error, as a user-facing error naming the field."""
    first = error.errors()[0]
    return WorkbookError(problem_key(first), field=shown_field(prefix, *first["loc"]) or "-")


def flatten(workbook: Workbook) -> dict[str, object]:
    """Every leaf of the workbook but its id, keyed by field path."""
    fields: dict[str, object] = {}

    def walk(node, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}/{key}" if path else str(key))
        else:
            fields[path] = node

    dumped = workbook.model_dump()
    dumped.pop("id")
    walk(dumped, "")
    return fields


def assemble(workbook_id: str, fields: dict[str, object]) -> Workbook:
    """Build the workbook from stored fields; parts never written keep their defaults."""
    tree: dict = {}
    for path, value in fields.items():
        node = tree
        *parents, leaf = path.split("/")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    tree["id"] = workbook_id
    try:
        return Workbook.model_validate(tree)
    except ValidationError as error:
        raise refusal(error) from None


def check_field(path: str, value: object) -> object:
    """Validate one field on its own: the path must exist in the model and the value fit it."""
    annotation = _annotation_at(path)
    try:
        return _adapter(annotation).validate_python(value, strict=True)
    except ValidationError as error:
        raise refusal(error, prefix=path) from None


def _annotation_at(path: str):
    parts = path.split("/") if path else []
    current: object = Workbook
    for index, part in enumerate(parts):
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None or (current is Workbook and part == "id"):
                raise WorkbookError("unknown_field", field=path)
            current = _with_metadata(field)
        elif typing.get_origin(current) is dict:
            key_type, current = typing.get_args(current)
            try:
                _adapter(key_type).validate_python(part)
            except ValidationError:
                raise WorkbookError("unknown_field", field=path) from None
        else:
            raise WorkbookError("unknown_field", field="/".join(parts[: index + 1]))
    if (isinstance(current, type) and issubclass(current, BaseModel)) or typing.get_origin(
        current
    ) is dict:
        raise WorkbookError("unknown_field", field=path)
    return current


def _with_metadata(field):
    if field.metadata:
        return typing.Annotated[(field.annotation, *field.metadata)]
    return field.annotation


@lru_cache(maxsize=256)
def _adapter(annotation) -> TypeAdapter:
    return TypeAdapter(annotation, config=ConfigDict(strict=True))
