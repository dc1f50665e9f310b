"""Follow-up meetings, their history, adjusting the plan, a new cycle, and the pictures."""

from __future__ import annotations

import copy
import datetime as dt
import xml.etree.ElementTree as ET

from msgspec.structs import replace

from inkl_widgets.domain.followup import (
    cycle_due,
    meetings_newest_first,
    new_meeting_edits,
    start_new_cycle,
    status_edits,
    status_history,
)
from inkl_widgets.export.charts import status_overview_svg, timeline_svg
from inkl_widgets.export.followup_html import history_html, status_table_html
from inkl_widgets.model.workbook import Workbook
from inkl_widgets.store.portable import import_backup
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.binding import PageContext
from inkl_widgets.widgets.cycle import CycleNotice, CyclePanel, PreviousAnswers
from inkl_widgets.widgets.followup import FollowUpSection, MeetingEditor

TODAY = dt.date(2027, 2, 2)


def test_history_is_newest_first_with_each_items_status_over_time(demo):
    assert [key for key, _ in meetings_newest_first(demo)] == ["f2", "f1"]
    history = status_history(demo)
    assert history["p3"] == [("2026-10-06", "stuck"), ("2026-12-01", "under_way")]
    assert "p5" not in history  # retired before any meeting


def test_a_new_meeting_records_every_current_item_at_its_status(demo):
    meeting_id, edits = new_meeting_edits(demo, TODAY)
    assert edits[f"followups/{meeting_id}/date"] == "2027-02-02"
    recorded = {
        path.split("/")[3]: status for path, status in edits.items() if path.endswith("/status")
    }
    assert recorded == {"p1": "done", "p2": "under_way", "p3": "under_way", "p4": "done"}


def test_a_status_at_the_newest_meeting_is_the_plans_status(ctx, store, demo_id):
    session = ctx.session
    meeting_id, edits = new_meeting_edits(session.workbook, TODAY)
    session.edit_many(edits)
    session.edit_many(status_edits(session.workbook, meeting_id, "p2", "done"))
    assert store.load(demo_id).plan["p2"].status == "done"
    session.edit_many(status_edits(session.workbook, "f1", "p3", "not_started"))  # a correction
    stored = store.load(demo_id)
    assert stored.followups["f1"].items["p3"].status == "not_started"
    assert stored.plan["p3"].status == "under_way"
    assert status_history(stored)["p2"][-1] == ("2027-02-02", "done")


def test_a_meeting_runs_as_the_four_points_and_is_saved_as_typed(ctx, store, demo_id):
    editor = MeetingEditor(ctx, TODAY)
    assert editor.chooser.value == "f2"  # the newest meeting opens
    meeting_id = editor.start_meeting()
    form = editor.form
    assert form.meeting_id == meeting_id and editor.chooser.options[0][1] == meeting_id
    assert [item.item_id for item in form.items] == ["p1", "p2", "p3", "p4"]
    item = form.items[2]
    assert item.status.description.startswith("1.") and item.reflection.description.startswith("4.")
    item.status.value = "stuck"
    item.comment.value = "Makkerne mangler et kursus"
    item.additions.value = "Frivilligcentret har et i marts"
    item.next_goal.value = "To makkere er tilmeldt kurset"
    item.reflection.value = True
    entry = store.load(demo_id).followups[meeting_id].items["p3"]
    assert (entry.status, entry.reflection) == ("stuck", True)
    assert entry.next_goal == "To makkere er tilmeldt kurset"
    assert store.load(demo_id).plan["p3"].status == "stuck"
    assert "fælles refleksion" in form.reflections.value


def test_the_first_meeting_of_a_workbook_opens_its_form(store, demo, danish):
    workbook_id = import_backup(store, replace(demo, id="first", followups={}))
    editor = MeetingEditor(PageContext(WorkbookSession(store, workbook_id), danish, store), TODAY)
    assert editor.form is None
    meeting_id = editor.start_meeting()
    assert editor.form is not None and editor.form.meeting_id == meeting_id
    assert editor.form_box.children == (editor.form,)


def test_a_retired_item_keeps_its_history_and_can_come_back(ctx, store, demo_id, danish):
    section = FollowUpSection(ctx, danish.section("step3").element("plan"), today=TODAY)
    grid = section.adjuster.show_plan()
    assert "p5" not in list(grid.df.index)
    grid.retire("p3")
    workbook = store.load(demo_id)
    assert workbook.plan["p3"].retired and "p3" in status_history(workbook)
    table = status_table_html(workbook, danish)
    assert "udgået" in table and "Gået i stå" in table
    retired = section.adjuster.children[-1]
    assert len(retired.ids) == 2  # p3 and the demo's p5
    grid.undo()
    assert not store.load(demo_id).plan["p3"].retired
    assert "p3" in list(grid.df.index)


def test_the_history_shows_every_meeting_newest_first(demo, danish):
    html = history_html(demo, danish)
    assert html.index("1. december 2026") < html.index("6. oktober 2026")
    assert "Ønsker fælles refleksion" in html  # p3 at the first meeting


def test_a_new_cycle_carries_over_name_and_open_items(store, demo_id):
    new_id = start_new_cycle(store, demo_id)
    new, old = store.load(new_id), store.load(demo_id)
    assert (new.name, new.cycle, new.previous_id, new.language) == (
        "Velkommen her",
        2,
        demo_id,
        "da",
    )
    assert list(new.plan) == ["p2", "p3"]  # done p1/p4 and retired p5 stay behind
    assert [item.position for item in new.plan.values()] == [1, 2]
    assert new.plan["p2"].goal == old.plan["p2"].goal and new.plan["p2"].status == "under_way"
    assert new.followups == {} and new.answers == {}
    assert old.answers and old.followups  # the previous cycle stays as it was


def test_the_next_cycle_is_due_a_year_after_the_cycle_began(demo):
    assert cycle_due(demo) == dt.date(2027, 3, 10)  # the demo's meeting on the four steps
    leap = Workbook(id="x", name="x", created="2028-02-29")
    assert cycle_due(leap) == dt.date(2029, 2, 28)
    assert cycle_due(Workbook(id="x", name="x")) is None


def test_the_pages_show_the_cycle_and_the_previous_answers(ctx, store, demo_id, danish):
    panel = CyclePanel(ctx)
    assert "10. marts 2027" in panel.children[0].value
    new_id = panel.start_cycle()
    assert panel.start_cycle() == new_id and panel.start.disabled
    assert len(store.list()) == 2
    assert f"?workbook={new_id}" in panel.result.value
    new_ctx = PageContext(WorkbookSession(store, new_id), danish, store)
    notice = CycleNotice(new_ctx)
    assert "Runde 2" in notice.value and f"?workbook={demo_id}" in notice.value
    earlier = PreviousAnswers(new_ctx, "step1")
    answer = store.load(demo_id).answers["step1.q1.1"]
    assert "runde 1" in earlier.value and answer[:30] in earlier.value


def svg_root(svg: str):
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label")
    assert root.find("{http://www.w3.org/2000/svg}title").text == root.get("aria-label")
    return root


def test_the_pictures_are_accessible_svg_with_text_kept_as_text(demo, danish):
    timeline = timeline_svg(demo, danish, dt.date(2026, 11, 27))
    svg_root(timeline)
    assert "I dag" in timeline and "Planen uge for uge" in timeline
    assert "Færdig" in timeline and "uge 39, 2026" in timeline
    overview = status_overview_svg(demo, danish)
    svg_root(overview)
    assert "Gået i stå" in overview and "6. oktober 2026" in overview


def test_the_pictures_keep_a_groups_odd_text_harmless(demo, english):
    odd = copy.deepcopy(demo)
    odd.plan["p1"].goal = 'Raise $5 & "more" <script>alert(1)</script>'
    svg = timeline_svg(odd, english, dt.date(2026, 11, 27))
    svg_root(svg)  # still well-formed XML
    assert "<script>" not in svg and "$5" in svg


def test_no_pictures_before_there_is_anything_to_draw(danish):
    empty = Workbook(id="x", name="x")
    assert timeline_svg(empty, danish, dt.date(2026, 11, 27)) is None
    assert status_overview_svg(empty, danish) is None


def test_the_step_4_section_builds_with_pictures_and_history(ctx, danish):
    section = FollowUpSection(ctx, danish.section("step3").element("plan"), today=TODAY)
    assert section.history.pictures.value.count("<svg") == 2
    assert "Mødet 1. december 2026" in section.history.meetings.value
    section.editor.start_meeting()
    assert "2. februar 2027" in section.history.table.value  # the history follows a new meeting


def test_changing_a_meetings_date_keeps_its_form_open(ctx):
    editor = MeetingEditor(ctx, TODAY)
    editor.chooser.value = "f1"
    form = editor.form
    ctx.session.edit("followups/f1/date", "2026-10-07")
    assert editor.chooser.value == "f1" and editor.form is form
    assert ("Mødet 7. oktober 2026", "f1") in editor.chooser.options


def test_the_history_follows_the_plans_order_in_the_app_and_the_report(demo, danish):
    """Moving item 4 to the top moves it to the top of every meeting, not only of the plan."""
    from inkl_widgets.export.html_report import export_html

    goals = {key: demo.plan[key].goal for key in ("p1", "p4")}
    demo.plan["p4"] = replace(demo.plan["p4"], position=0)
    for html in (history_html(demo, danish), export_html(demo, danish)):
        last_meeting = html[html.index("1. december 2026") :]
        assert last_meeting.index(goals["p4"][:30]) < last_meeting.index(goals["p1"][:30])


def test_the_history_shows_a_saved_follow_up_without_being_asked(ctx):
    section = FollowUpSection(ctx, ctx.content.section("step3").element("plan"), today=TODAY)
    ctx.session.edit("followups/f2/items/p2/comment", "Aftalen er underskrevet i dag.")
    assert "Aftalen er underskrevet i dag." in section.history.meetings.value
    ctx.session.edit("followups/f2/items/p2/status", "done")
    assert "Færdig" in section.history.table.value.split("<tr>")[3]
    assert not any(
        getattr(child, "description", "") == "Opdatér historik og billeder"
        for child in section.history.children
    )
