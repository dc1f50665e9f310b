"""A long meeting does not grow: re-rendering a page, adding questions and turning the plan's
pages close the widgets they replace and end their listeners."""

from __future__ import annotations

from ipywidgets.widgets.widget import _instances

from inkl_widgets.pages.app import open_workbook, show
from inkl_widgets.widgets.lifetime import close_tree
from inkl_widgets.widgets.plan_grid import ActionPlanGrid
from inkl_widgets.widgets.questions import QuestionGroupBox

SMALL = 10  # a few models may come and go (a conflict note, a spare plan row)


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def live_models() -> int:
    return len(_instances)


def fresh_page_cost(workbook_id: str, page: str) -> tuple[int, int]:
    """The models and listeners one new page of the workbook as it is now brings."""
    before = live_models()
    ctx = open_workbook(workbook_id)
    built = show(ctx, page)
    cost = live_models() - before, ctx.session.listener_count()
    close_tree(built)
    return cost


def test_language_switches_and_page_turns_leave_no_widgets_or_listeners(store, demo_id):
    rows = {f"plan/r{n}/goal": f"Mål {n + 1}" for n in range(45)}
    store.set_fields(demo_id, {**rows, **{f"plan/r{n}/position": n + 1 for n in range(45)}})
    before = live_models()
    ctx = open_workbook(demo_id)
    page = show(ctx, "step3")
    first, listening = live_models() - before, ctx.session.listener_count()
    assert first > 100 and listening > 20  # the measure sees the page

    for switch in range(20):
        page.switch_language("en" if switch % 2 == 0 else "da")
    assert ctx.content.language == "da"
    grid = next(w for w in walk(page) if isinstance(w, ActionPlanGrid))
    for turn in range(20):
        grid.turn_page(1 if turn % 6 < 3 else -1)
    assert grid.page > 1  # the pages did turn

    assert live_models() - before <= first + SMALL
    assert ctx.session.listener_count() <= listening + SMALL


def test_adding_own_questions_costs_only_their_fields(store, demo_id):
    before = live_models()
    ctx = open_workbook(demo_id)
    page = show(ctx, "step1")
    group = next(w for w in walk(page) if isinstance(w, QuestionGroupBox))
    for _ in range(20):
        group.add_own_question()
    assert len(group.own_fields) >= 40
    models, listeners = fresh_page_cost(demo_id, "step1")
    assert live_models() - before <= models + SMALL
    assert ctx.session.listener_count() <= listeners + SMALL
