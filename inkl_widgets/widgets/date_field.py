"""A date typed and shown the way the page's language writes it, whatever the browser's locale.

ipywidgets' ``DatePicker`` is the browser's ``<input type=date>``, which shows mm/dd/yyyy in an
English Chromium on a Danish page, and was squashed to a few characters in a row. This field is a
text input: it reads "10.3.2027", "10. marts 2027" or "2027-03-10", shows what it understood as
"10. marts 2027", and answers a date it cannot read with a message beside the field, saving
nothing.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as widgets
import traitlets

from inkl_widgets.content.locale import format_day, parse_day
from inkl_widgets.widgets.binding import PLAIN, PageContext, labelled, static_html


class DateField(widgets.VBox):
    """A labelled date input whose ``value`` is the stored date: ``YYYY-MM-DD`` or ``""``.

    ``bind`` ties ``value`` to a workbook field like any input's.
    """

    value = traitlets.Unicode("", help="The date as stored: YYYY-MM-DD, or '' for none.")

    def __init__(self, ctx: PageContext, label: str):
        self.ctx = ctx
        t = ctx.content.t
        self.text = labelled(
            widgets.Text,
            "inkl-date",
            description=label,
            placeholder=t("date.placeholder"),
            continuous_update=False,  # read when the person leaves the field or presses Enter
        )
        self.message = static_html()
        self.text.observe(ctx.guard(self._typed), names="value")
        super().__init__([self.text, self.message], layout=PLAIN)

    def _shown(self, value: str) -> str:
        return format_day(dt.date.fromisoformat(value), self.ctx.content) if value else ""

    @traitlets.observe("value")
    def _show(self, change) -> None:
        self.message.value = ""
        self.text.value = self._shown(change["new"])

    def _typed(self, change) -> None:
        typed = change["new"].strip()
        if typed == self._shown(self.value):
            return
        day = parse_day(typed, self.ctx.content) if typed else None
        if typed and day is None:
            shown = typed if len(typed) <= 40 else typed[:39] + "…"  # a message, not a copy
            problem = self.ctx.content.t("date.unreadable", text=shown)
            self.message.value = f'<p class="inkl-field-problem" role="alert">{escape(problem)}</p>'
            return
        self.message.value = ""
        self.value = day.isoformat() if day else ""
        self.text.value = self._shown(self.value)  # as understood, also when the date was the same
