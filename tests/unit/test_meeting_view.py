"""The meeting view: its screens follow the agenda, the current screen and the clocks are stored
in the workbook as moments, and old backups without them still import."""

from __future__ import annotations

import json

import ipywidgets as widgets
import pytest

from inkl_widgets.content.resources import demo_dir
from inkl_widgets.domain.meeting_screens import CLOSING, OVERVIEW, meeting_screens, screen_index
from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.model.fields import validate_workbook
from inkl_widgets.model.workbook import STEP_MINUTES, Countdown
from inkl_widgets.pages.app import open_workbook, show
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.binding import PageContext
from inkl_widgets.widgets.clock import MeetingClocks, clock_text


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


class FakeClock:
    """The wall clock, moved by hand."""

    def __init__(self, now: float = 1_780_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_screens_follow_the_agenda(danish):
    screens = meeting_screens(danish)
    ids = [screen.id for screen in screens]
    assert ids[0] == OVERVIEW and ids[-1] == CLOSING
    assert len(ids) == len(set(ids))
    groups = [g.id for step in ("step1", "step2") for g in danish.question_groups(step)]
    assert [s.id for s in screens if s.kind == "questions"] == groups
    for step in ("step1", "step2", "step3", "step4"):
        assert f"{step}.agenda" in ids and f"{step}.notes" in ids
        assert ids.index(f"{step}.agenda") < ids.index(f"{step}.notes")
    assert "step3.plan" in ids and "step4.followup" in ids
    assert screen_index(screens, "step2.q1") == ids.index("step2.q1")
    assert screen_index(screens, "no-such-screen") == 0


def test_a_backup_without_the_meeting_run_still_imports():
    raw = json.loads((demo_dir() / "velkommen-her.json").read_text(encoding="utf-8"))
    assert "meeting_run" not in raw["workbook"] and "minutes" not in raw["workbook"]["meeting"]
    workbook = validate_workbook(raw["workbook"])
    assert workbook.meeting.minutes == STEP_MINUTES
    assert workbook.meeting.minutes["step1"] >= 30  # the brief: at least half an hour to look back
    assert workbook.meeting_run.screen == "" and workbook.meeting_run.countdowns == {}


def test_a_countdown_is_worked_out_from_its_moments():
    assert Countdown().left(30, now=5_000) == 30 * 60
    running = Countdown(started=1_000)
    assert running.left(30, now=1_600) == 20 * 60
    paused = Countdown(started=1_000, paused=1_300, added_minutes=5)
    assert paused.left(30, now=9_999) == 35 * 60 - 300
    assert clock_text(-3) == "00:00" and clock_text(3725) == "1:02:05"


def test_the_meeting_view_builds_every_screen_once_and_shows_the_stored_one(store, demo_id, danish):
    session = WorkbookSession(store, demo_id)
    session.edit("meeting_run/screen", "step2.q1")
    page = show(open_workbook(demo_id), "meeting")
    boxes = [w for w in walk(page) if "inkl-screen" in getattr(w, "_dom_classes", ())]
    assert len(boxes) == len(meeting_screens(danish))
    shown = [box.screen.id for box in boxes if "inkl-shown" in box._dom_classes]
    assert shown == ["step2.q1"]
    labels = [w.description for w in walk(page) if isinstance(w, widgets.Textarea)]
    first = danish.question_groups("step1")[0].questions[0]
    assert first.text in labels
    html = "".join(w.value for w in walk(page) if isinstance(w, widgets.HTML))
    assert "06_moede.ipynb" in html  # the header links to it, as on every page
    assert "inkl-prev" not in html and "inkl-next" not in html  # beside the steps, not among them


def test_moving_to_a_step_starts_its_countdown_once_and_keeps_it(store, demo_id, danish):
    clock = FakeClock()
    ctx = PageContext(WorkbookSession(store, demo_id), danish, store)
    clocks = MeetingClocks(ctx, clock=clock)
    clocks.arrive("step1")
    started = WorkbookSession(store, demo_id).workbook.meeting_run.countdowns["step1"].started
    assert started == int(clock.now)
    clock.now += 600
    clocks.arrive("step1")  # back to a screen of the same step: the countdown goes on
    stored = WorkbookSession(store, demo_id).workbook
    assert stored.meeting_run.countdowns["step1"].started == started
    left = stored.meeting_run.countdowns["step1"].left(stored.meeting.minutes["step1"], clock.now)
    assert left == stored.meeting.minutes["step1"] * 60 - 600
    assert "20:00" in clocks.display.value  # the demo plans 30 minutes for step 1


def test_pause_resume_and_five_more_minutes_survive_a_new_kernel(store, demo_id, danish):
    clock = FakeClock()
    ctx = PageContext(WorkbookSession(store, demo_id), danish, store)
    clocks = MeetingClocks(ctx, clock=clock)
    clocks.arrive("step2")
    clock.now += 300
    clocks.toggle_pause()
    clock.now += 1000  # a long pause costs the item nothing
    again = MeetingClocks(PageContext(WorkbookSession(store, demo_id), danish, store), clock=clock)
    again.arrive("step2")
    assert again.pause_button.description == danish.t("meeting_view.resume")
    again.toggle_pause()
    again.add_minutes(5)
    clock.now += 60
    workbook = WorkbookSession(store, demo_id).workbook
    countdown = workbook.meeting_run.countdowns["step2"]
    assert countdown.paused == 0
    assert countdown.left(workbook.meeting.minutes["step2"], clock.now) == (45 + 5) * 60 - 360


def test_a_bad_clock_value_is_refused_and_changes_nothing(store, demo_id):
    session = WorkbookSession(store, demo_id)
    for path, value in (
        ("meeting/start", "25:00"),
        ("meeting/minutes/step1", -1),
        ("meeting_run/countdowns/step9/started", 5),
    ):
        with pytest.raises(WorkbookError):
            session.edit(path, value)
    assert WorkbookSession(store, demo_id).workbook.meeting.start == ""


def test_a_countdown_past_its_time_says_so_in_colour_and_words(store, demo_id, danish):
    clock = FakeClock()
    ctx = PageContext(WorkbookSession(store, demo_id), danish, store)
    clocks = MeetingClocks(ctx, clock=clock)
    clocks.arrive("step4")
    assert "inkl-time-up" not in clocks.display.value
    clock.now += 31 * 60
    clocks.refresh()
    up = danish.t("meeting_view.time_up", number=4)
    assert "inkl-time-up" in clocks.display.value and up in clocks.display.value
    clocks.add_minutes(5)  # five more minutes: running again, four of them left
    assert "inkl-time-up" not in clocks.display.value and "04:00" in clocks.display.value


def test_the_closing_screen_shows_what_was_decided_in_the_boards_words(store, demo_id, danish):
    page = show(open_workbook(demo_id), "meeting")
    closing = next(w for w in walk(page) if "inkl-closing" in getattr(w, "_dom_classes", ()))
    workbook = WorkbookSession(store, demo_id).workbook
    _key, first = workbook.visible_plan()[0]
    assert first.goal in closing.value
    assert "uge " in closing.value and "-W" not in closing.value
    assert danish.t("meeting_view.make_report") in closing.value
