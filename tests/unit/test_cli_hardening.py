"""The command line under bad input: one clear line, never a traceback, never a raw control
character from a file or the database on the terminal."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from inkl_widgets.cli import main
from inkl_widgets.content.loading import load_content

from .test_cli import inkl

OBEYED = "\x00\x07\x08\x1b\r\n\t\x7f\x85\u2028\u202e\u2066"  # what a terminal acts on
NASTY_NAMES = [f"Forening {c} nr. {i}" for i, c in enumerate(OBEYED)] + [
    "\x1b]0;X\x07\x1b[2J\nx",
    "a\tb\tc",
    "\u202eevil.exe",
    "line\r\nbreak",
    "nul\x00here",
    "bell\x07",
    "\n",
    "\x9b31m",
]


def raw_controls(text: str) -> set[str]:
    """What a terminal would act on, but for the line ends and tabs the command writes itself."""
    return {c for c in text if c in OBEYED and c not in "\n\t"}


def test_an_imported_key_with_escape_sequences_is_shown_escaped(tmp_path, data_dir):
    backup = tmp_path / "evil.json"
    key = "\u001b]0;X\u0007\u001b[2J\nx"
    backup.write_text(json.dumps({"format": "inkl-workbook", "schema_version": 1, key: 1}))
    result = inkl("import", str(backup), data_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and not raw_controls(result.stderr)
    assert "\\x1b]0;X\\x07\\x1b[2J\\nx" in result.stderr


def test_list_prints_one_line_per_workbook_whatever_the_name(store, data_dir):
    ids = [store.create(name) for name in NASTY_NAMES]
    result = inkl("list", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines.pop() == ""
    assert len(lines) == len(NASTY_NAMES)
    assert all(len(line.split("\t")) == 4 for line in lines)
    assert not raw_controls(result.stdout)
    assert {line.split("\t")[0] for line in lines} == set(ids)
    assert "\\x1b]0;X\\x07\\x1b[2J\\nx" in result.stdout


def test_history_shows_field_values_escaped(store, data_dir):
    workbook_id = store.create("\x1b[2Jbad\nname")
    result = inkl("history", workbook_id, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert not raw_controls(result.stdout)
    assert all(len(line.split("\t")) == 6 for line in result.stdout.splitlines())  # with who


@pytest.mark.parametrize("number", ["18446744073709551616", "-1", "0", "9223372036854775808"])
def test_restoring_a_change_beyond_any_number_is_one_line(store, data_dir, number):
    workbook_id = store.create("Foreningen")
    result = inkl("history", workbook_id, "--restore", number, data_dir=data_dir)
    assert result.returncode == 1
    assert result.stderr == "The history has no such change.\n"


@pytest.mark.parametrize("to", ["json", "csv", "html"])
def test_export_to_a_missing_folder_or_a_folder_is_one_line(store, data_dir, tmp_path, to):
    workbook_id = store.create("Foreningen")
    for output in [str(tmp_path / "missing" / "x.json"), str(tmp_path)]:
        result = inkl("export", workbook_id, "--to", to, "-o", output, data_dir=data_dir)
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"The file {output} could not be written.")


def test_an_unreadable_backup_is_one_line(tmp_path, data_dir):
    result = inkl("import", str(tmp_path), data_dir=data_dir)
    assert result.returncode == 1 and result.stderr.count("\n") == 1


# ---- every subcommand and option with bad values --------------------------------------------

WORDS = st.sampled_from(
    ["", "-", "--", "nope", "0", "-1", "18446744073709551616", "1e309", "nan", "missing/x"]
)
VALUES = WORDS | st.text(min_size=1, max_size=12).filter(lambda text: "\x00" not in text)
OPTIONS = {
    "list": [],
    "new": ["--language"],
    "export": ["--to", "-o", "--with-texts"],
    "import": ["--as-new", "--replace"],
    "history": ["--field", "--restore"],
    "check-content": [],
    "demo": [],
    "template-path": [],
    "app": ["--port", "--max-kernels"],  # only with a bad number: a good one starts the server
}


@st.composite
def command_lines(draw):
    command = draw(st.sampled_from(sorted(OPTIONS)))
    argv = [command]
    if command in ("new", "export", "import", "history", "check-content"):
        argv.append("WORKBOOK" if draw(st.booleans()) else draw(VALUES))
    options = OPTIONS[command]
    for option in draw(st.lists(st.sampled_from(options), max_size=3)) if options else []:
        argv.append(option)
        if option not in ("--with-texts", "--as-new", "--replace"):
            argv.append(draw(VALUES | st.just("FOLDER")))
    if command == "app":
        argv += ["--port", draw(st.sampled_from(["0", "65536", "-5", "x", "1e3", ""]))]
    if draw(st.booleans()):
        argv[:0] = ["--lang", draw(st.sampled_from(["en", "da", "xx", "", "../da"]))]
    if draw(st.booleans()):  # a data folder that is a file, cannot be made, or is the default
        folders = ["FILE", "FILE/below", "FOLDER/new/deeper", ""]  # all inside tmp_path
        argv[:0] = ["--data-dir", draw(st.sampled_from(folders))]
    return argv


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(argv=command_lines())
def test_no_command_line_ends_in_a_traceback(argv, store, data_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # files the command line names are written there
    workbook_id = store.list()[0].id if store.list() else store.create("Foreningen")
    (tmp_path / "a-file").write_text("not a folder")
    places = {"WORKBOOK": workbook_id, "FOLDER": str(tmp_path), "FILE": str(tmp_path / "a-file")}
    argv = [
        places.get(word, word)
        .replace("FILE/", places["FILE"] + "/")
        .replace("FOLDER/", places["FOLDER"] + "/")
        for word in argv
    ]
    try:
        code = main(["--data-dir", str(data_dir), *argv])
    except SystemExit as exit:  # argparse refusing the command line: usage and one line
        code = exit.code
    _out, err = capsys.readouterr()
    event(f"{next(word for word in argv if word in OPTIONS)} exits {code}")
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    for language in ("da", "en"):
        assert load_content(language).t("error.unexpected") not in err
    if code == 1:
        assert err.count("\n") == 1 and not raw_controls(err)
