"""The plan's files parse with real parsers: CSV (pandas), Excel (openpyxl, pandas), iCalendar."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import io
import re
import subprocess
import sys

import icalendar
import openpyxl
import pandas as pd
import pytest

from inkl_widgets.domain.plan import focus_label
from inkl_widgets.export.plan_files import plan_csv, plan_ics, plan_xlsx
from inkl_widgets.store.portable import import_backup
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.binding import PageContext
from inkl_widgets.widgets.downloads import PlanDownloads, file_stem

from ..harness import ROOT


def plan(workbook):
    return [item for item in workbook.plan.values() if not item.retired]


HEADINGS_DA = ["Fokus", "Mål (skrives positivt)", "Delmål (skrives positivt)", "Handlinger"]


@pytest.fixture
def tricky(demo):
    """The demo with cells a spreadsheet would take for formulas."""
    workbook = copy.deepcopy(demo)
    workbook.plan["p2"].goal = '=HYPERLINK("http://example.org";"klik")'
    workbook.plan["p2"].roles = "@Abdul"
    return workbook


def test_csv_holds_the_current_plan_as_the_board_reads_it(tricky, danish):
    data = plan_csv(tricky, danish)
    assert data.startswith(b"\xef\xbb\xbf")  # so Excel reads æ, ø and å
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert list(table.columns[:4]) == HEADINGS_DA
    assert len(table) == 4  # p5 is retired
    first = table.iloc[0]
    assert first["Fokus"] == "Rummelig kultur" and first["Tid"] == "uge 39, 2026"
    assert first["Status"] == "Færdig"
    assert first["Handlinger"] == tricky.plan["p1"].actions  # line breaks kept
    assert table.iloc[1]["Mål (skrives positivt)"].startswith("'=HYPERLINK")
    assert table.iloc[1]["Roller"] == "'@Abdul"


def test_xlsx_opens_with_headings_wrapped_text_and_no_formulas(tricky, english):
    data = plan_xlsx(tricky, english)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert [cell.value for cell in sheet[1]][:2] == ["Focus", "Goal (phrased positively)"]
    assert sheet.max_row == 5
    goal = sheet["B3"]
    assert goal.data_type == "s" and goal.value.startswith("=HYPERLINK")
    assert sheet["E2"].value == "week 39, 2026" and sheet["D2"].alignment.wrap_text
    table = pd.read_excel(io.BytesIO(data))
    assert list(table["Focus"]) == [focus_label(item.focus, english) for item in plan(tricky)]
    assert table.iloc[1]["Goal (phrased positively)"] == tricky.plan["p2"].goal


def test_ics_has_each_dated_item_as_an_all_day_event_in_its_week(demo, danish):
    calendar = icalendar.Calendar.from_ical(plan_ics(demo, danish))
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"velkommen-her-p{n}@inkl" for n in (1, 2, 3, 4)}
    first = events["velkommen-her-p1@inkl"]
    assert first.decoded("dtstart") == dt.date(2026, 9, 21)  # Monday of week 39
    assert first.decoded("dtend") == dt.date(2026, 9, 28)
    description = str(first["description"])
    assert demo.plan["p1"].roles in description and demo.plan["p1"].actions in description
    assert str(first["summary"]).startswith("At de frivillige")


def test_ics_places_a_dated_item_on_its_day_and_skips_items_without_time(demo, english):
    workbook = copy.deepcopy(demo)
    workbook.plan["p1"].time = "2026-09-24"
    workbook.plan["p2"].time = ""
    events = {
        str(e["uid"]): e
        for e in icalendar.Calendar.from_ical(plan_ics(workbook, english)).walk("VEVENT")
    }
    assert "velkommen-her-p2@inkl" not in events
    day = events["velkommen-her-p1@inkl"]
    assert (day.decoded("dtstart"), day.decoded("dtend")) == (
        dt.date(2026, 9, 24),
        dt.date(2026, 9, 25),
    )


def test_each_plan_file_is_one_click(store, demo, danish):
    workbook_id = import_backup(store, demo)
    ctx = PageContext(WorkbookSession(store, workbook_id), danish, store)
    downloads = PlanDownloads(ctx)
    names = []
    for one in downloads.buttons:
        one.click()
        names += re.findall(
            r'<a download="([^"]+)" data-inkl-download="\d+" href="data:([^;]+);base64,([^"]+)"',
            downloads.status.value,
        )
    assert [name for name, _, _ in names] == [
        "Velkommen-her-handleplan.csv",
        "Velkommen-her-handleplan.xlsx",
        "Velkommen-her-handleplan.ics",
    ]
    assert base64.b64decode(names[0][2]) == plan_csv(store.load(workbook_id), danish)
    ctx.session.edit("plan/p1/roles", "Johanne")
    assert downloads.status.value == ""  # a changed plan needs new files


def test_file_names_never_carry_path_or_markup():
    assert file_stem('../<Æble> "haven"', "handleplan") == "Æble-haven-handleplan"


@pytest.mark.parametrize("kind", ["csv", "xlsx", "ics"])
def test_the_command_line_writes_the_plans_files(tmp_path, data_dir, store, demo, kind):
    workbook_id = import_backup(store, demo)
    target = tmp_path / f"plan.{kind}"
    inkl = [sys.executable, "-m", "inkl_widgets.cli", "--data-dir", str(data_dir), "--lang", "en"]
    result = subprocess.run(
        [*inkl, "export", workbook_id, "--to", kind, "-o", str(target)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Saved the plan to {target}."
    data = target.read_bytes()
    if kind == "csv":
        assert len(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")) == 4
    elif kind == "xlsx":
        assert openpyxl.load_workbook(io.BytesIO(data)).active.max_row == 5
    else:
        assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == 4
