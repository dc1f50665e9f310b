"""Earlier versions of what was written on a page, and putting one back.

The store keeps every value a field has had (``inkl history`` on the command line). On a step's
page the group can choose one of the page's answers, its notes or a cell of its plan, see the
values it had and when, newest first, and put one back. The list is built when asked for:
reading the history costs a page nothing until then.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as widgets

from inkl_widgets.content.locale import format_day
from inkl_widgets.content.model import PLAN_COLUMNS, Plan
from inkl_widgets.domain.plan import plan_rows
from inkl_widgets.model.fields import field_path
from inkl_widgets.store.database import Change
from inkl_widgets.widgets.binding import (
    PLAIN,
    PageContext,
    StaticHTML,
    button,
    labelled,
    static_html,
)

SHOWN = 10  # the newest versions a field lists


class EarlierVersions(widgets.VBox):
    """For one step's page: choose a field, see its earlier values, put one back."""

    def __init__(self, ctx: PageContext, step_id: str):
        t = ctx.content.t
        self.ctx, self.step_id = ctx, step_id
        self.open_button = button(t("versions.open"))
        self.open_button.on_click(ctx.guard(lambda _button: self.list_fields()))
        self.chooser: widgets.Dropdown | None = None
        # made when asked for: two models less a page
        self.versions_box: widgets.VBox | None = None
        self.status: StaticHTML | None = None
        self.changes: list[Change] = []
        heading = static_html(f"<h2>{escape(t('versions.title'))}</h2>")
        self.always: list[widgets.Widget] = [heading, self.open_button]
        super().__init__(
            self.always,
            _dom_classes=("inkl-versions",),
            layout=PLAIN,
        )

    def fields(self) -> list[tuple[str, str]]:
        """(label, path) of every field of the page that has had more than one value."""
        content, workbook = self.ctx.content, self.ctx.session.workbook
        t = content.t
        named = [
            (question.text, field_path("answers", question.id))
            for group in content.question_groups(self.step_id)
            for question in group.questions
        ]
        named.append((t("versions.notes"), field_path("notes", self.step_id)))
        plan = content.section(self.step_id).element("plan")
        if isinstance(plan, Plan):
            for number, (key, _) in enumerate(plan_rows(workbook), start=1):
                row = t("plan.row", number=number)
                named += [
                    (f"{row}: {plan.columns[column]}", field_path("plan", key, column))
                    for column in PLAN_COLUMNS
                ]
        history = self.ctx.store.history(self.ctx.session.id)
        counts: dict[str, int] = {}
        for change in history:
            counts[change.path] = counts.get(change.path, 0) + 1
        return [(label, path) for label, path in named if counts.get(path, 0) > 1]

    def list_fields(self) -> None:
        """Build the chooser from the history as it is now."""
        t = self.ctx.content.t
        self.ctx.session.flush()
        if self.status is None:
            self.status = static_html("", "inkl-live")
            self.versions_box = widgets.VBox(layout=PLAIN)
            self.children = [*self.always, self.status]
        options = self.fields()
        if not options:
            self.status.value = f"<p>{escape(t('versions.none'))}</p>"
            return
        self.chooser = labelled(
            widgets.Dropdown, options=options, value=None, description=t("versions.field")
        )
        self.chooser.observe(self.ctx.guard(lambda _change: self.show()), names="value")
        self.children = [self.children[0], self.chooser, self.versions_box, self.status]

    def _when(self, change: Change) -> str:
        moment = dt.datetime.fromisoformat(change.at).astimezone()
        day = format_day(moment.date(), self.ctx.content)
        return self.ctx.content.t("versions.when", date=day, time=moment.strftime("%H:%M"))

    def show(self) -> None:
        """The chosen field's values, newest first; the current one has no button."""
        t = self.ctx.content.t
        path = self.chooser.value if self.chooser else None
        assert self.versions_box is not None  # made with the chooser, in list_fields
        if path is None:
            self.versions_box.children = []
            return
        changes = [c for c in self.ctx.store.history(self.ctx.session.id, path=path)]
        self.changes = [c for c in reversed(changes) if c.new is not None][:SHOWN]
        rows: list[widgets.Widget] = []
        for number, change in enumerate(self.changes):
            text = str(change.new).strip() or t("plan.blank")
            shown = escape(text if len(text) <= 300 else text[:299] + "…")
            what = t("versions.current") if number == 0 else self._when(change)
            line = static_html(f"<p><strong>{escape(what)}</strong><br>{shown}</p>")
            if number == 0:
                rows.append(line)
                continue
            back = button(t("versions.put_back", when=self._when(change)))
            back.on_click(self.ctx.guard(lambda _b, change=change: self.put_back(change)))
            rows.append(widgets.VBox([line, back], layout=PLAIN))
        self.versions_box.children = rows

    def put_back(self, change: Change) -> None:
        """The value as it was after ``change``, saved as a new change; the page's field shows
        it at once, even if typed in a moment ago (putting back is deliberate), and the list
        follows."""
        self.ctx.session.flush()
        self.ctx.store.restore(self.ctx.session.id, change.sequence)
        self.ctx.session.take_in_now(change.path)
        assert self.status is not None  # made before any version could be chosen
        self.status.value = f"<p>{escape(self.ctx.content.t('versions.put_back_done'))}</p>"
        self.show()
