"""The status sheet for the board and the handout to send before the meeting: what each holds,
that the group's text is escaped, and that the command line makes them."""

from __future__ import annotations

import datetime as dt

from msgspec.structs import replace

from inkl_widgets.export.sheets import handout, sheet_html, status_sheet
from inkl_widgets.store.portable import import_backup

from .test_cli import inkl

TODAY = dt.date(2027, 1, 15)


def test_the_status_sheet_has_the_plan_its_owners_and_the_next_follow_up(demo, danish):
    html = status_sheet(demo, danish, TODAY)
    assert "Næste opfølgning</dt><dd>2. februar 2027" in html  # the last meeting's next date
    assert "Seneste opfølgning</dt><dd>1. december 2026" in html
    rows = html.split("<tbody>")[1].split("<tr>")[1:]
    assert len(rows) == 4  # the plan's current items; the retired one is left out
    assert demo.plan["p1"].roles[:20] in rows[0] and "Færdig" in rows[0]
    assert demo.followups["f2"].items["p2"].next_goal[:30] in rows[1]


def test_the_status_sheet_follows_the_plans_order(demo, danish):
    demo.plan["p4"] = replace(demo.plan["p4"], position=0)
    rows = status_sheet(demo, danish, TODAY).split("<tbody>")[1].split("<tr>")[1:]
    assert demo.plan["p4"].goal[:30] in rows[0]


def test_the_handout_has_the_agenda_and_the_questions_but_no_answers(demo, danish):
    html = handout(demo, danish)
    question = danish.question_groups("step1")[0].questions[0]
    assert question.text in html and 'class="inkl-write"' in html
    assert demo.answers[question.id][:30] not in html
    assert demo.meeting.agenda["step1"].purpose[:30] in html


def test_what_the_group_typed_is_escaped(demo, danish):
    demo.plan["p1"] = replace(demo.plan["p1"], goal="<script>alert(1)</script>")
    demo = replace(demo, name="<b>Foreningen</b>")
    for kind in ("status", "handout"):
        html = sheet_html(kind, demo, danish)
        assert "<script>alert" not in html and "<b>Foreningen</b>" not in html
        assert '<html lang="da">' in html and 'class="inkl-report inkl-' + kind in html


def test_the_command_line_writes_both(tmp_path, data_dir, store, demo):
    workbook_id = import_backup(store, demo)
    for kind in ("status", "handout"):
        target = tmp_path / f"{kind}.html"
        done = inkl("export", workbook_id, "--to", kind, "-o", str(target), data_dir=data_dir)
        assert done.returncode == 0, done.stderr
        assert demo.name in target.read_text(encoding="utf-8")
