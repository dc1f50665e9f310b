"""Files to download from a Voilà page: ``<a download href="data:...">`` links in an HTML widget.

Files written beside a notebook would be refused by Voilà and shared by every user of the server
(stack notes), so the bytes travel inside the link. Links are made when asked for, since an
Excel file is too costly to rebuild at every keystroke, and are taken away once the plan changes.
"""

from __future__ import annotations

import base64
import re
from html import escape

import ipywidgets as widgets

from inkl_widgets.model.fields import path_parts
from inkl_widgets.widgets.binding import PLAIN, PageContext, button, static_html


def file_stem(name: str, what: str) -> str:
    """A file name from the workbook's name: letters and digits kept, the rest a hyphen."""
    cleaned = re.sub(r"[^\w]+", "-", f"{name} {what}", flags=re.UNICODE).strip("-_")
    return cleaned[:80] or what


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a download="{escape(filename, quote=True)}" '
        f'href="data:{mime};base64,{encoded}">{escape(label)}</a>'
    )


class PlanDownloads(widgets.VBox):
    """A button that makes the plan's files, and the links to them (CSV, Excel, calendar)."""

    def __init__(self, ctx: PageContext):
        self.ctx = ctx
        self.make = button(ctx.content.t("files.make"), "inkl-add")
        self.make.on_click(ctx.guard(lambda _button: self.make_links()))
        self.links = static_html()
        super().__init__([self.make, self.links], _dom_classes=("inkl-downloads",), layout=PLAIN)
        ctx.on_any(self, self._changed)

    def make_links(self) -> None:
        from inkl_widgets.export.plan_files import (
            PLAN_FILES,  # openpyxl and icalendar: only when asked for
        )

        t = self.ctx.content.t
        workbook = self.ctx.session.workbook
        stem = file_stem(workbook.name, t("files.stem"))
        links = []
        for kind, (mime, build) in PLAN_FILES.items():
            data = build(workbook, self.ctx.content)
            links.append(
                f"<li>{download_link(data, f'{stem}.{kind}', mime, t(f'files.{kind}'))}</li>"
            )
        note = escape(t("files.ready"))
        self.links.value = f'<p role="status">{note}</p><ul>{"".join(links)}</ul>'

    def _changed(self, path: str) -> None:
        if self.links.value and path_parts(path)[0] in ("plan", "name"):
            self.links.value = ""
