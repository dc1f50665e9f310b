"""A step of the workbook: its texts and cards in the content's order, the question groups with
answer fields, the notes, and the facilitation timer."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import ipywidgets as widgets

from inkl_widgets.content.markup import element_html
from inkl_widgets.content.model import FollowUp, Notes, Plan, Questions
from inkl_widgets.pages.page import Page
from inkl_widgets.widgets.binding import PLAIN, AppContext, PageContext, static_html
from inkl_widgets.widgets.cycle import PreviousAnswers
from inkl_widgets.widgets.questions import EarlierNotes, NotesField, QuestionGroupBox
from inkl_widgets.widgets.timer import FacilitationTimer
from inkl_widgets.widgets.versions import EarlierVersions

if TYPE_CHECKING:
    from inkl_widgets.widgets.plan_grid import ActionPlanGrid

# Each step starts from the notes of the step before it (step 2 from the overview of step 1).
EARLIER_NOTES = {"step2": "step1", "step3": "step2"}


# The part each kind of input element starts; the texts after it belong to it.
PART_OF = {Questions: "questions", Notes: "notes", Plan: "plan", FollowUp: "followup"}


class StepPage(Page):
    """A step: parts ``"intro"`` (title, timer, the texts before the first input), then one
    part for each input element (``"questions"``, ``"plan"``, ``"followup"``, ``"notes"``)
    with the texts that follow it."""

    def __init__(self, ctx: AppContext, step_id: str):
        self.page = step_id
        super().__init__(ctx)

    @property
    def grid(self) -> ActionPlanGrid | None:
        """The action plan's grid, on the page that has one (``grid.df`` is the plan)."""
        from inkl_widgets.widgets.plan_grid import ActionPlanGrid

        shown = self.parts.get("plan")
        return (
            next((w for w in shown.children if isinstance(w, ActionPlanGrid)), None)
            if shown
            else None
        )

    def sections(self) -> dict[str, list[widgets.Widget]]:
        ctx = self.ctx
        section = ctx.content.section(self.page)
        if not isinstance(ctx, PageContext):
            return {
                "intro": [
                    static_html(f"<h1>{escape(section.heading or section.name)}</h1>"),
                    static_html(f"<p>{escape(ctx.content.t('page.no_workbook'))}</p>"),
                ]
            }
        title = ctx.content.t("page.step", number=section.number, name=section.name)
        heading = section.heading if section.heading and section.heading != section.name else ""
        subtitle = f'<p class="inkl-subtitle">{escape(heading)}</p>' if heading else ""
        intro: list[widgets.Widget] = [
            static_html(f"<h1>{escape(title)}</h1>{subtitle}"),
            FacilitationTimer(ctx, section.id),
        ]
        earlier = EARLIER_NOTES.get(self.page)
        if earlier == "step2":
            intro.append(EarlierNotes(ctx, earlier))
        parts = {"intro": intro}
        current = intro
        texts: list[str] = []  # texts in a row share one widget: each widget costs the page
        for element in section.elements:
            name = PART_OF.get(type(element))
            if name is None:
                texts.append(element_html(element, ctx.content, level=2))
                continue
            _add_texts(current, texts)
            current = parts.setdefault(name, [])
            current += self._element(ctx, element, earlier)
        _add_texts(current, texts)
        if self.page in ("step1", "step2") and ctx.session.workbook.previous_id:
            current.append(PreviousAnswers(ctx, self.page))
        if ctx.store is not None:
            current.append(EarlierVersions(ctx, self.page))
        return parts

    def _element(self, ctx: PageContext, element, earlier: str | None) -> list[widgets.Widget]:
        if isinstance(element, Questions):
            groups = widgets.VBox(
                [QuestionGroupBox(ctx, g) for g in element.groups],
                _dom_classes=("inkl-questions",),
                layout=PLAIN,
            )
            if earlier != "step1":
                return [groups]
            side = widgets.HBox(
                [groups, EarlierNotes(ctx, earlier)],
                _dom_classes=("inkl-with-aside",),
                layout=PLAIN,
            )
            return [side]
        if isinstance(element, Notes):
            return [NotesField(ctx, self.page, element)]
        text = static_html(element_html(element, ctx.content, level=2))
        if isinstance(element, Plan):
            from inkl_widgets.widgets.downloads import PlanDownloads
            from inkl_widgets.widgets.plan_grid import ActionPlanGrid

            return [text, ActionPlanGrid(ctx, element), PlanDownloads(ctx)]
        from inkl_widgets.widgets.followup import FollowUpSection  # each step imports its own

        plan = ctx.content.section("step3").first(Plan)
        return [text, FollowUpSection(ctx, plan)]


def _add_texts(part: list[widgets.Widget], texts: list[str]) -> None:
    """The texts gathered so far as one widget at the end of ``part``; ``texts`` is emptied."""
    if texts:
        part.append(static_html("".join(texts)))
        texts.clear()
