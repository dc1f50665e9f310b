"""The portable workbook: one JSON file for backups, Binder, e-mail and archives.

Import checks everything before anything is written: size, UTF-8, strict JSON (no NaN, no
duplicate keys), the format marker, the schema version, and then the model itself.
"""

from __future__ import annotations

import datetime as dt
import json

import msgspec

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.model.fields import shown_field, validate_workbook
from inkl_widgets.model.workbook import SCHEMA_VERSION, Workbook
from inkl_widgets.store.database import WorkbookStore, new_workbook_id

FORMAT = "inkl-workbook"
MAX_BACKUP_BYTES = 20 * 1024 * 1024
_ENVELOPE_KEYS = {"format", "schema_version", "exported_at", "workbook"}


def to_json(workbook: Workbook) -> str:
    """The backup text of a workbook."""
    document = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "workbook": msgspec.to_builtins(workbook),
    }
    return json.dumps(document, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def _refuse_duplicates(pairs: list[tuple[str, object]]) -> dict:
    keys = [key for key, _ in pairs]
    if len(keys) != len(set(keys)):
        raise WorkbookError("duplicate_key")
    return dict(pairs)


def _refuse_constant(_name: str) -> None:
    raise WorkbookError("not_json")


def parse_backup(data: bytes) -> Workbook:
    """A validated workbook from a backup file's bytes, or a ``WorkbookError`` saying why not."""
    if len(data) > MAX_BACKUP_BYTES:
        raise WorkbookError("file_too_large", limit_mb=MAX_BACKUP_BYTES // (1024 * 1024))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkbookError("not_utf8") from None
    try:
        document = json.loads(
            text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant
        )
    except (ValueError, RecursionError):
        raise WorkbookError("not_json") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise WorkbookError("not_a_backup")
    version = document.get("schema_version")
    if type(version) is not int or version < 1:
        raise WorkbookError("not_a_backup")
    if version > SCHEMA_VERSION:
        raise WorkbookError("backup_newer")
    unknown = sorted(set(document) - _ENVELOPE_KEYS)
    if unknown:
        raise WorkbookError("unknown_field", field=shown_field(unknown[0][:40]))
    return validate_workbook(document.get("workbook"), prefix="workbook")


def import_backup(
    store: WorkbookStore, workbook: Workbook, as_new: bool = False, replace: bool = False
) -> str:
    """Store an imported workbook and return its id.

    ``as_new`` gives it a fresh id beside the others; otherwise it restores under its own id,
    which overwrites an existing workbook only when ``replace`` says so explicitly.
    """
    if as_new:
        workbook = msgspec.structs.replace(workbook, id=new_workbook_id())
        store.write_whole(workbook, origin="import", must_be_new=True)
    elif store.exists(workbook.id) and not replace:
        raise WorkbookError("workbook_exists")
    else:
        store.write_whole(workbook, origin="import")
    return workbook.id
