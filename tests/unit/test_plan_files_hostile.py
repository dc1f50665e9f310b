"""The plan's files stay well-formed and inert whatever a board typed: control characters in the
name, line breaks, and cells a spreadsheet would run as formulas."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from xml.etree import ElementTree

import icalendar
import openpyxl
import pandas as pd
import pytest

from inkl_widgets.export.plan_files import plan_csv, plan_ics, plan_xlsx
from inkl_widgets.store.portable import import_backup
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.binding import PageContext
from inkl_widgets.widgets.downloads import PlanDownloads

HOSTILE_NAMES = ["Nul\x00her", "Esc\x1b[2J", "Bjælde\x07", "To\nlinjer", "CR\r\nLF", "\x0bTab\t"]
FORMULA_CELLS = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\tx",
    "\rx",
    "\x00=1+1",
    "\n=1+1",
    "\r=1+1",
    " =1+1",
    "  +1",
    "\u3000=1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
]


def named(demo, name):
    workbook = copy.deepcopy(demo)
    workbook.name = name
    return workbook


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_xlsx_stays_well_formed_whatever_the_name(demo, danish, name):
    data = plan_xlsx(named(demo, name), danish)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for member in package.namelist():
            if member.endswith(".xml"):
                ElementTree.fromstring(package.read(member))  # raises if not well-formed
    title = openpyxl.load_workbook(io.BytesIO(data)).properties.title
    assert title.startswith(name.lstrip("\x0b")[:2])


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_ics_names_the_calendar_in_one_line_whatever_the_name(demo, danish, name):
    workbook = named(demo, name)
    workbook.plan["p1"].goal = f"Mål\x1b[2J\n{name}"
    calendar = icalendar.Calendar.from_ical(plan_ics(workbook, danish))
    calendar_name = str(calendar["x-wr-calname"])
    assert not re.search(r"[\x00-\x1f]", calendar_name)
    for event in calendar.walk("VEVENT"):
        assert not re.search(r"[\x00-\x1f]", str(event["summary"]))


def test_the_page_offers_all_three_files_for_a_name_with_a_line_break(store, demo, danish):
    workbook_id = import_backup(store, demo)
    store.set_field(workbook_id, "name", "To\nlinjer\x1b")
    ctx = PageContext(WorkbookSession(store, workbook_id), danish, store)
    downloads = PlanDownloads(ctx)
    assert len(downloads.buttons) == 3
    for one in downloads.buttons:  # each button makes its file and offers it
        one.click()
        assert ctx.alerts.value == ""
        assert len(re.findall(r"<a download=", downloads.status.value)) == 1


@pytest.mark.parametrize("cell", FORMULA_CELLS)
def test_csv_neutralises_every_way_a_cell_can_start_a_formula(demo, danish, cell):
    workbook = copy.deepcopy(demo)
    workbook.plan["p1"].goal = cell
    data = plan_csv(workbook, danish)
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert table.iloc[0]["Mål (skrives positivt)"] == "'" + cell


@pytest.mark.parametrize("cell", ["Hello", " hello", "a=1", "Åben dag", "1. uge", "…=", ""])
def test_csv_leaves_ordinary_cells_as_they_are(demo, danish, cell):
    workbook = copy.deepcopy(demo)
    workbook.plan["p1"].goal = cell
    data = plan_csv(workbook, danish)
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert table.iloc[0]["Mål (skrives positivt)"] == cell
