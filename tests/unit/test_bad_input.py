"""Bad input, swept with generated cases: any file, any JSON, any text and any forged widget
message is either taken exactly or refused with a clear message, and a refusal changes nothing.

Hypothesis does not mix with function-scoped fixtures, so each property works on a
module-scoped store of its own; every example compares the store's tables before and after, and
takes out again the workbooks it imported, so that the store stays small. A forged widget message
is played the way ipywidgets plays an incoming one, through ``set_state``.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing

import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace
from traitlets import TraitError

from inkl_widgets.content.loading import load_content
from inkl_widgets.content.resources import demo_dir
from inkl_widgets.export.report import report_notebook
from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.model.workbook import LONG, MEDIUM, SHORT
from inkl_widgets.store.database import open_store
from inkl_widgets.store.portable import MAX_BACKUP_BYTES, import_backup, parse_backup, to_json
from inkl_widgets.store.session import WorkbookSession

DEMO_BYTES = (demo_dir() / "velkommen-her.json").read_bytes()
DEMO_DOCUMENT = json.loads(DEMO_BYTES)
TODAY = dt.date(2026, 11, 27)
TEN_MB = 10 * 1024 * 1024
SWEEP = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Exceptions ipywidgets itself raises while reading an incoming message (a value of the wrong
# type, an index out of bounds, a date that does not exist): the kernel logs them and the
# page's callbacks never run. The page's own callbacks cannot raise: ``PageContext.guard``.
WIDGET_REFUSALS = (TraitError, ValueError, TypeError, IndexError)


# ---- the store, before and after ---------------------------------------------------------------

WORKBOOK_COLUMN = {"workbooks": "id", "fields": "workbook_id", "history": "workbook_id"}


def tables(store, without: str = "") -> dict[str, list]:
    """Every row of the store, leaving out one workbook's rows (one just imported)."""
    with closing(sqlite3.connect(store.file)) as connection:
        return {
            table: connection.execute(
                f"SELECT * FROM {table} WHERE {column} != :without ORDER BY 1, 2",
                {"without": without},
            ).fetchall()
            for table, column in WORKBOOK_COLUMN.items()
        }


def forget(store, workbook_id: str) -> None:
    """Take an imported workbook out again, so that the shared store stays small."""
    with closing(sqlite3.connect(store.file)) as connection, connection:
        for table in ("history", "fields", "workbooks"):
            connection.execute(
                f"DELETE FROM {table} WHERE {WORKBOOK_COLUMN[table]} = :id", {"id": workbook_id}
            )


def demo_store(folder):
    """A store in its own folder, holding the demo workbook."""
    store = open_store(folder / "data")
    import_backup(store, parse_backup(DEMO_BYTES))
    return store


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    """One store for the import properties: the demo and, for a moment, each import."""
    store = demo_store(tmp_path_factory.mktemp("imports"))
    yield store
    store.close()


# ---- what a clear refusal is -------------------------------------------------------------------


def outcome(label: str) -> None:
    """Count an outcome in hypothesis' statistics (``--hypothesis-show-statistics``)."""
    if currently_in_test_context():
        event(label)


LANGUAGES = ("da", "en")  # by code: hypothesis prints a failing example's arguments in full


def assert_clear_refusal(error: Exception, seen: Iterable[str] = ()) -> None:
    """Our own error, worded in every language as one short sentence that repeats no input."""
    assert type(error) is WorkbookError, repr(error)
    seen = [piece for piece in seen if len(piece) >= 8]
    for content in map(load_content, LANGUAGES):
        message = error.message(content)
        template = content.ui[f"error.{error.key}"]  # a missing key would be a KeyError here
        field = str(error.details.get("field", ""))
        wording = message.replace(field, "") if field else message
        assert message.strip() and message.rstrip()[-1] in ".!?", message
        assert "[error." not in message and "{" not in wording, message
        assert len(message) <= 300, f"{len(message)} characters"
        message.encode("utf-8")  # a page and the command line can both show it
        for piece in seen:
            assert piece not in wording or piece in template, (piece, message)


def strings_in(value: object) -> Iterator[str]:
    """The texts of a JSON value (the values, not the keys: a refusal may name a key)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from strings_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings_in(inner)


def import_or_refuse(store, data: bytes, seen: Iterable[str] = ()) -> None:
    """The import contract: refused clearly with nothing changed, or stored and exported
    exactly, beside the workbooks already there, which stay as they were."""
    before = tables(store)
    try:
        workbook = parse_backup(data)
    except Exception as error:
        outcome(f"refused: {getattr(error, 'key', type(error).__name__)}")
        assert_clear_refusal(error, seen)
        assert tables(store) == before
        return
    outcome("imported")
    if store.exists(workbook.id):
        with pytest.raises(WorkbookError) as refused:
            import_backup(store, workbook)
        assert refused.value.key == "workbook_exists"
        assert tables(store) == before
    copy_id = import_backup(store, workbook, as_new=True)
    try:
        stored = store.load(copy_id)
        assert stored == replace(workbook, id=copy_id)
        assert parse_backup(to_json(stored).encode("utf-8")) == stored
        assert tables(store, without=copy_id) == before
    finally:
        forget(store, copy_id)


# ---- 1. any bytes ------------------------------------------------------------------------------


def splice(at: int, cut: int, new: bytes) -> bytes:
    """The demo backup with a few of its bytes replaced: mostly broken, sometimes still valid."""
    return DEMO_BYTES[:at] + new + DEMO_BYTES[at + cut :]


def demo_with(change: str, replacement: str) -> bytes:
    """The demo backup's text with its first ``change`` replaced."""
    return DEMO_BYTES.replace(change.encode(), replacement.encode(), 1)


ANY_BYTES = st.one_of(
    st.binary(max_size=400),
    st.builds(splice, st.integers(0, len(DEMO_BYTES)), st.integers(0, 6), st.binary(max_size=6)),
)


@SWEEP
@given(ANY_BYTES)
@example(b"")
@example(b"\xef\xbb\xbf")
@example(b"\xef\xbb\xbf" + DEMO_BYTES)
@example(DEMO_BYTES.replace(b'"cycle": 1', b'"cycle": ' + b"9" * 5000))
@example(DEMO_BYTES.replace(b'"cycle": 1', b'"cycle": 1e400'))
@example(b"[" * 100_000 + b"]" * 100_000)
@example(b" " * (MAX_BACKUP_BYTES + 1))
@example(demo_with('"format"', '"\\ud800": 1, "format"'))
@example(demo_with('"format"', f'"{"k" * 5000}": 1, "format"'))
@example(demo_with('"answers": {', f'"answers": {{"{"K" * 5000}": "x", '))
@example(demo_with('"answers": {', '"answers": {"\\udc00<script>": "x", '))
def test_any_bytes_import_exactly_or_are_refused_clearly(shared_store, data):
    import_or_refuse(shared_store, data, [data.decode("utf-8", "replace")])


# ---- 2. any JSON -------------------------------------------------------------------------------

EVERY_CHARACTER = st.characters(exclude_categories=())  # lone surrogates and controls included
AWKWARD = (
    "æøå ÆØÅ",
    "🙂👩🏽‍🦽",
    "שלום עולם",
    "مرحبا",
    "\u202etxt\u202c",
    "<script>alert(1)</script>",
    "\x00",
    "\t\r\n\x0b\x1b",
    "\ud800",
    "\udfff",
    "\ufeff",
    "\u2028",
    "'\"\\",
    "{field}",
    "[error.x]",
)
TEXTS = st.lists(
    st.one_of(st.text(EVERY_CHARACTER, max_size=20), st.sampled_from(AWKWARD)), max_size=6
).map("".join)
PLAUSIBLE = (
    "",
    "not_started",
    "done",
    "2026-W39",
    "2026-W53",
    "2026-02-29",
    "2024-02-29",
    "step1.q1.1",
    "p1",
    "da",
    0,
    -1,
    90,
    1441,
    2**63,
    True,
    None,
)
KEYS = st.one_of(
    st.text(EVERY_CHARACTER, max_size=12),
    st.sampled_from(["p1", "p9", "step1", "step5", "step1.q1.1", "goal", "status", "items", "id"]),
    st.text(st.sampled_from("kæ-\ud800"), min_size=300, max_size=400),  # a refusal names keys
)
JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),  # NaN and infinity too: strict JSON has no word for them
        TEXTS,
        st.sampled_from(PLAUSIBLE),
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)
DELETE = object()


def _dict_paths(node: object, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(node, dict):
        yield path
        for key, value in node.items():
            yield from _dict_paths(value, (*path, key))


DICT_PATHS = list(_dict_paths(DEMO_DOCUMENT))


def encoded(document: object, ascii_only: bool) -> bytes:
    """JSON as a careless program writes it: NaN as a word, lone surrogates as they come."""
    written = json.dumps(document, ensure_ascii=ascii_only, allow_nan=True)
    return written.encode("utf-8", "surrogatepass")


@st.composite
def changed_backups(draw) -> tuple[bytes, object]:
    """The demo backup with one field (or a new one) set to any JSON value, or taken out."""
    document = copy.deepcopy(DEMO_DOCUMENT)
    node = document
    for part in draw(st.sampled_from(DICT_PATHS)):
        node = node[part]
    key = draw(st.one_of(st.sampled_from(sorted(node)), KEYS) if node else KEYS)
    value = draw(st.one_of(st.just(DELETE), st.sampled_from([{}, []]), JSON_VALUES))
    if value is DELETE:
        node.pop(key, None)
        value = None
    else:
        node[key] = value
    return encoded(document, draw(st.booleans())), value


ENVELOPES = st.fixed_dictionaries(  # past the envelope's checks more often than chance
    {
        "format": st.one_of(st.just("inkl-workbook"), JSON_VALUES),
        "schema_version": st.one_of(st.just(1), JSON_VALUES),
    },
    optional={"exported_at": JSON_VALUES, "workbook": JSON_VALUES},
).flatmap(lambda envelope: st.dictionaries(KEYS, JSON_VALUES, max_size=1).map(envelope.__or__))


@SWEEP
@given(st.one_of(JSON_VALUES, ENVELOPES), st.booleans())
@example({"format": "inkl-workbook", "schema_version": 1}, True)
@example({"format": "inkl-workbook", "schema_version": 1, "workbook": []}, True)
@example({"format": "inkl-workbook", "schema_version": True, "workbook": {}}, True)
@example({"format": "inkl-workbook", "schema_version": 2, "workbook": {}}, True)
@example({"format": "inkl-workbook", "schema_version": 1, "\ud800": 1}, True)
def test_any_json_document_imports_exactly_or_is_refused(shared_store, document, ascii_only):
    data = encoded(document, ascii_only)
    import_or_refuse(shared_store, data, [*strings_in(document), data.decode("utf-8", "replace")])


def demo_changed(path: tuple, value: object) -> tuple[bytes, object]:
    """The demo backup with the field at ``path`` set to ``value`` (as ``changed_backups``)."""
    document = copy.deepcopy(DEMO_DOCUMENT)
    *parents, last = path
    node = document
    for part in parents:
        node = node[part]
    node[last] = value
    return encoded(document, True), value


AGENDA = ("workbook", "meeting", "agenda")


@SWEEP
@given(changed_backups())
@example(demo_changed(AGENDA, {}))
@example(demo_changed(AGENDA, {"step2": {}}))
@example(demo_changed(("workbook", "answers", "K" * 5000), "x"))
@example(demo_changed(("workbook", "plan", "p1", "time"), "٢٠٢٦-W٣٩"))
def test_any_json_value_in_a_real_backup_imports_exactly_or_is_refused(shared_store, changed):
    data, value = changed
    import_or_refuse(shared_store, data, strings_in(value))


def test_a_backup_leaving_agenda_lines_out_gets_all_four_and_has_a_report(store, danish):
    agenda = {"step2": {"when": "kl. 17"}}  # no plan: the report then draws no charts
    document = {"id": "kort", "name": "Kort", "meeting": {"agenda": agenda}}
    envelope = {"format": "inkl-workbook", "schema_version": 1, "workbook": document}
    workbook = parse_backup(encoded(envelope, True))
    assert list(workbook.meeting.agenda) == ["step1", "step2", "step3", "step4"]
    assert workbook.meeting.agenda["step2"].when == "kl. 17"
    stored = store.load(import_backup(store, workbook))
    assert stored == workbook
    report = report_notebook(stored, danish)  # the report shows every step's agenda line
    meeting = next(cell for cell in report.cells if cell.id == "meeting")
    assert "kl. 17" in meeting.outputs[0].data["text/html"]


# ---- 3. any text in any text field -------------------------------------------------------------

TEXT_FIELDS = {  # a path with {item}, {meeting}, {answer} or {step} to fill: (limit, minimum)
    "name": (SHORT, 1),
    "meeting/participants": (MEDIUM, 0),
    "meeting/agenda/{step}/purpose": (MEDIUM, 0),
    "meeting/agenda/{step}/knowledge": (MEDIUM, 0),
    "meeting/agenda/{step}/responsible": (SHORT, 0),
    "meeting/agenda/{step}/process": (MEDIUM, 0),
    "meeting/agenda/{step}/when": (SHORT, 0),
    "answers/{answer}": (LONG, 0),
    "notes/{step}": (LONG, 0),
    "own_questions/{item}/question": (MEDIUM, 0),
    "own_questions/{item}/answer": (LONG, 0),
    "plan/{item}/focus": (SHORT, 0),
    "plan/{item}/goal": (MEDIUM, 0),
    "plan/{item}/subgoals": (MEDIUM, 0),
    "plan/{item}/actions": (MEDIUM, 0),
    "plan/{item}/roles": (SHORT, 0),
    "followups/{meeting}/items/{item}/comment": (MEDIUM, 0),
    "followups/{meeting}/items/{item}/additions": (MEDIUM, 0),
    "followups/{meeting}/items/{item}/next_goal": (MEDIUM, 0),
}
# few keys, so that the workbook written to stays small over hundreds of examples
FIELD_PATHS = st.builds(
    str.format,
    st.sampled_from(sorted(TEXT_FIELDS)),
    item=st.sampled_from(["p1", "ny-1", "0"]),
    meeting=st.sampled_from(["f1", "m-9"]),
    answer=st.sampled_from(["step1.q1.1", "step4.egen_1", "x"]),
    step=st.sampled_from(["step1", "step2", "step3", "step4"]),
)
LONGER_TEXTS = st.builds(  # awkward texts of a given length, around the limits too
    lambda piece, size: (piece * size)[:size],
    st.one_of(st.text(EVERY_CHARACTER, min_size=1, max_size=20), st.sampled_from(AWKWARD)),
    st.one_of(st.integers(0, 600), st.sampled_from([SHORT, SHORT + 1, MEDIUM, MEDIUM + 1])),
)


def limits(path: str) -> tuple[int, int]:
    parts = path.split("/")
    for template, limit in TEXT_FIELDS.items():
        wanted = template.split("/")
        if len(wanted) == len(parts) and all(
            w == p or w.startswith("{") for w, p in zip(wanted, parts, strict=True)
        ):
            return limit
    raise AssertionError(path)


def refusal_for(value: str, limit: int, minimum: int) -> str | None:
    """What the model must say about a text, or None when it must take it."""
    if any("\ud800" <= character <= "\udfff" for character in value):
        return "lone_surrogate"
    if len(value) > limit:
        return "too_long"
    if len(value) < minimum:
        return "empty"
    return None


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A store of its own with the demo and a workbook to write texts into."""
    store = demo_store(tmp_path_factory.mktemp("texts"))
    yield store, store.create("Prøvebogen")
    store.close()


def save_text_and_check_it_travels(store, workbook_id, path, value, via="store") -> None:
    """Any text is saved, loaded, exported and imported exactly, or refused for the one reason
    the model has, leaving the store as it was."""
    limit, minimum = limits(path)
    wanted = refusal_for(value, limit, minimum)
    before = tables(store)
    try:
        if via == "session":
            WorkbookSession(store, workbook_id).edit(path, value)
        else:
            store.set_field(workbook_id, path, value)
    except WorkbookError as error:
        outcome(f"refused: {error.key}")
        assert error.key == wanted, (error.key, wanted)
        assert_clear_refusal(error, [value])
        assert tables(store) == before
        return
    outcome("saved")
    assert wanted is None, f"{path} took a text the model should refuse ({wanted})"
    saved = store.load(workbook_id)
    fields, _ = store.load_fields(workbook_id)
    assert fields[path] == value
    again = parse_backup(to_json(saved).encode("utf-8"))
    assert again == saved
    copy_id = import_backup(store, again, as_new=True)
    try:
        restored = store.load(copy_id)
        assert restored == replace(saved, id=copy_id)
        assert store.load_fields(copy_id)[0][path] == value
    finally:
        forget(store, copy_id)


@SWEEP
@given(FIELD_PATHS, st.one_of(TEXTS, LONGER_TEXTS), st.sampled_from(["store", "session"]))
@example("name", "", "store")
@example("name", "x" * (SHORT + 1), "session")
@example("plan/p1/roles", "\x00\u202e🙂" * 166 + "ab", "store")
@example("notes/step1", "\ud83d", "session")
def test_any_text_in_any_field_survives_saving_exporting_and_importing(scratch, path, value, via):
    save_text_and_check_it_travels(*scratch, path, value, via)


@pytest.mark.parametrize(
    ("path", "limit"),
    [("plan/p1/roles", SHORT), ("meeting/participants", MEDIUM), ("notes/step2", LONG)],
)
def test_texts_at_the_length_limits_travel_and_one_more_is_refused(store, path, limit):
    workbook_id = store.create("Grænsen")
    awkward = "🙂\x00\u202eæ"  # four bytes, an escaped control, a direction mark, two bytes
    at_limit = (awkward * (limit // len(awkward) + 1))[:limit]
    for value in (at_limit, at_limit + "x"):
        save_text_and_check_it_travels(store, workbook_id, path, value)
