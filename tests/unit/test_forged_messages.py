"""Forged widget messages: values a page never offered, played the way ipywidgets plays an
incoming comm message (``set_state``), are refused at the model boundary with the page's message,
and nothing is saved."""

from __future__ import annotations

from contextlib import nullcontext
from html import escape

import ipywidgets as widgets
import pytest
from hypothesis import given
from hypothesis import strategies as st
from traitlets import TraitError

from inkl_widgets.content.model import PLAN_COLUMNS
from inkl_widgets.domain.plan import focus_value, parse_time
from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.model.fields import check_field
from inkl_widgets.model.workbook import MEDIUM, SHORT
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.binding import PageContext
from inkl_widgets.widgets.date_field import DateField
from inkl_widgets.widgets.followup import MeetingForm
from inkl_widgets.widgets.meeting_plan import MeetingPlanForm
from inkl_widgets.widgets.plan_grid import ActionPlanGrid
from inkl_widgets.widgets.questions import QuestionGroupBox

from .test_bad_input import (
    JSON_VALUES,
    QUICK,
    TEN_MB,
    TEXTS,
    TODAY,
    WIDGET_REFUSALS,
    demo_store,
    outcome,
    tables,
)

# ---- 4. forged widget messages -----------------------------------------------------------------


def forge(widget, **state) -> None:
    """What ipywidgets does with an incoming comm message: set the synced state it names."""
    widget.set_state(state)


def model_message(path: str, value: object, content) -> str:
    """The sentence the model gives for a refused value, as the alert area shows it."""
    with pytest.raises(WorkbookError) as refused:
        check_field(path, value)
    return escape(refused.value.message(content))


def assert_refused_in_page(ctx, store, before, path, value) -> None:
    """Nothing saved, nothing waiting to be saved, and the model's sentence in the alert area."""
    assert tables(store) == before
    assert ctx.session.workbook == store.load(ctx.session.id)
    assert model_message(path, value, ctx.content) in ctx.alerts.value
    assert 'role="alert"' in ctx.alerts.value


def test_a_forged_10_mb_answer_is_refused_in_the_page_and_saves_nothing(ctx, store, danish):
    group = danish.question_groups("step1")[0]
    box = QuestionGroupBox(ctx, group)
    answer = box.children[1]
    path = f"answers/{group.questions[0].id}"
    before = tables(store)
    huge = "Vi vil gerne " + "x" * TEN_MB
    forge(answer, value=huge)
    assert_refused_in_page(ctx, store, before, path, huge)
    forge(answer, value="Et svar, der kan gemmes")
    assert store.load(ctx.session.id).answers[group.questions[0].id] == "Et svar, der kan gemmes"
    assert ctx.alerts.value == ""


def test_forged_plan_cells_are_refused_in_the_grid_and_save_nothing(ctx, store, danish):
    grid = ActionPlanGrid(ctx, danish.section("step3").element("plan"), today=TODAY)
    row = grid.rows[0]
    cells, item = row.cells, row.item_id
    before = tables(store)
    forge(cells["goal"], value="x" * TEN_MB)
    assert_refused_in_page(ctx, store, before, f"plan/{item}/goal", "x" * TEN_MB)
    forge(cells["focus"], value="f" * (SHORT + 1))
    assert_refused_in_page(ctx, store, before, f"plan/{item}/focus", "f" * (SHORT + 1))
    forge(cells["roles"], value="Mette \ud800")
    assert_refused_in_page(ctx, store, before, f"plan/{item}/roles", "Mette \ud800")
    ctx.alerts.clear()
    status = cells["status"].value
    for state in ({"index": 99}, {"index": -1}, {"value": "finished"}):  # the value is not synced
        with pytest.raises(TraitError) if "index" in state else nullcontext():
            forge(cells["status"], **state)
        assert tables(store) == before and ctx.alerts.value == ""
        assert cells["status"].value == status
    with pytest.raises(IndexError):  # labels of the browser's own making: ipywidgets gives up
        forge(cells["status"], _options_labels=["a", "b", "c", "d", "e", "f"], index=5)
    assert tables(store) == before and ctx.alerts.value == ""
    for wrong in (7, None, ["a"]):
        with pytest.raises(TraitError):
            forge(cells["goal"], value=wrong)
    assert tables(store) == before and ctx.alerts.value == ""


def test_a_forged_empty_status_is_refused_with_a_message(ctx, store, danish):
    grid = ActionPlanGrid(ctx, danish.section("step3").element("plan"), today=TODAY)
    row = grid.rows[0]
    before = tables(store)
    forge(row.cells["status"], index=None)
    assert_refused_in_page(ctx, store, before, f"plan/{row.item_id}/status", None)


def test_an_unknown_focus_is_the_groups_own_words_and_an_unreadable_time_is_not_saved(
    ctx, store, danish
):
    grid = ActionPlanGrid(ctx, danish.section("step3").element("plan"), today=TODAY)
    row = grid.rows[0]
    forge(row.cells["focus"], value="Noget helt andet")  # the cell offers own words on purpose
    assert store.load(ctx.session.id).plan[row.item_id].focus == "Noget helt andet"
    before = tables(store)
    forge(row.cells["time"], value="uge 60, 2027")
    assert tables(store) == before
    assert "kan ikke læses" in row.heading.value


def test_forged_follow_up_values_are_refused_and_save_nothing(ctx, store, danish):
    form = MeetingForm(ctx, "f2")
    item = form.items[0]
    base = f"followups/f2/items/{item.item_id}"
    before = tables(store)
    forge(item.status, index=None)
    assert_refused_in_page(ctx, store, before, f"{base}/status", None)
    with pytest.raises(TraitError):
        forge(item.status, index=len(item.status.options))
    forge(item.comment, value="y" * TEN_MB)
    assert_refused_in_page(ctx, store, before, f"{base}/comment", "y" * TEN_MB)
    for wrong in ("yes", None):
        with pytest.raises(TraitError):
            forge(item.reflection, value=wrong)
    assert tables(store) == before


@pytest.fixture
def meeting_plan(ctx, danish):
    return MeetingPlanForm(ctx, danish.section("usage").element("agenda"))


def test_a_forged_negative_or_huge_duration_never_reaches_the_store(ctx, store, meeting_plan):
    duration = next(w for w in meeting_plan.children if isinstance(w, widgets.BoundedIntText))
    before = tables(store)
    forge(duration, min=-1000, value=-5)  # the bounds are synced too, so a forger moves them
    assert_refused_in_page(ctx, store, before, "meeting/duration_minutes", -5)
    forge(duration, max=10**9, value=10**9)
    assert_refused_in_page(ctx, store, before, "meeting/duration_minutes", 10**9)
    ctx.alerts.clear()
    forge(duration, min=0, max=24 * 60, value=-5)  # in its bounds the box keeps to the nearest
    assert store.load(ctx.session.id).meeting.duration_minutes == 0  # as the browser's box does


def test_a_forged_date_that_does_not_exist_is_refused_by_the_widget(store, meeting_plan):
    date = next(w for w in meeting_plan.children if isinstance(w, DateField))
    before = tables(store)
    for wrong in ("31.2.2026", "1.13.2026", "1. smarts 10000", "x" * 100_000):
        forge(date.text, value=wrong)
        assert 'role="alert"' in date.message.value and len(date.message.value) < 500
    assert tables(store) == before


# ---- any forged value in any cell of the plan ---------------------------------------------------


class PlanPage:
    """The demo's action plan in a grid, with its context (named briefly in failure reports)."""

    def __init__(self, ctx: PageContext):
        self.ctx = ctx
        self.grid = ActionPlanGrid(ctx, ctx.content.section("step3").element("plan"), today=TODAY)

    def __repr__(self) -> str:
        return "PlanPage()"


@pytest.fixture(scope="module")
def plan_page(tmp_path_factory, danish):
    store = demo_store(tmp_path_factory.mktemp("grid"))
    yield PlanPage(PageContext(WorkbookSession(store, "velkommen-her"), danish, store))
    store.close()


FORGED_TEXTS = st.one_of(
    TEXTS,
    st.integers(MEDIUM - 2, MEDIUM + 2).map(lambda n: "x" * n),
    st.integers(SHORT - 2, SHORT + 2).map(lambda n: "y" * n),
    st.sampled_from(["Rummelig kultur", "uge 39, 2027", "uge 60, 2027", "24.9.2027", "done"]),
)
FORGED_STATES = {
    "text": st.fixed_dictionaries(
        {
            "value": st.one_of(
                FORGED_TEXTS,
                st.none(),
                st.integers(),
                st.floats(),
                st.booleans(),
                st.lists(st.text(max_size=3), max_size=2),
            )
        }
    ),
    # a Dropdown syncs its index, not its value: ipywidgets ignores a forged value
    "choice": st.one_of(
        st.fixed_dictionaries({"index": st.one_of(st.none(), st.integers(-3, 8))}),
        st.fixed_dictionaries({"value": JSON_VALUES}),
    ),
}


def stored_form(column: str, shown: object, content) -> object:
    """What the grid stores for what a cell shows (None: a time it cannot read)."""
    if column == "focus":
        return focus_value(shown, content)
    if column == "time":
        return parse_time(shown, TODAY)
    return shown


@QUICK
@given(st.integers(0, 3), st.sampled_from(PLAN_COLUMNS), st.data())
def test_any_forged_cell_value_is_saved_exactly_or_refused_with_a_message(
    plan_page, number, column, data
):
    ctx, grid = plan_page.ctx, plan_page.grid
    store, workbook_id = ctx.store, ctx.session.id
    row = grid.rows[number]
    for name in PLAN_COLUMNS:
        row.show(name)  # what the previous example forged into this row is shown no more
    ctx.alerts.clear()
    path = f"plan/{row.item_id}/{column}"
    state = data.draw(FORGED_STATES["choice" if column == "status" else "text"])
    before, fields_before = tables(store), store.load_fields(workbook_id)[0]
    previous = getattr(store.load(workbook_id).plan[row.item_id], column)
    try:
        forge(row.cells[column], **state)
    except WIDGET_REFUSALS as error:
        outcome(f"ipywidgets refused: {type(error).__name__}")
        assert tables(store) == before and ctx.alerts.value == ""
        return
    wanted = stored_form(column, row.cells[column].value, ctx.content)
    if (column == "time" and wanted is None) or wanted == previous:  # unreadable: flagged
        outcome("nothing to save")
        assert tables(store) == before and ctx.alerts.value == ""
        return
    try:
        check_field(path, wanted)
    except WorkbookError as error:
        outcome(f"refused in the page: {error.key}")
        assert escape(error.message(ctx.content)) in ctx.alerts.value
        assert tables(store) == before
        return
    outcome("saved")
    assert ctx.alerts.value == ""
    assert store.load_fields(workbook_id)[0] == {**fields_before, path: wanted}
    assert [change.path for change in store.history(workbook_id)[-1:]] == [path]
