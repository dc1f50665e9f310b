"""Files to download from a Voilà page, in one click: a button makes the file and the browser
saves it at once.

Files written beside a notebook would be refused by Voilà and shared by every user of the server
(stack notes), so the bytes travel inside a link, ``<a download href="data:...">``. The button's
click makes the file (an Excel file is too costly to rebuild at every keystroke) and puts its
link in the page marked ``data-inkl-download``; the page's script (``inkl-page.js``) clicks such a
link once, so the file downloads. The link stays, under a line saying what was saved, to fetch
the file again, until the workbook changes.
"""

from __future__ import annotations

import base64
import itertools
import re
from collections.abc import Callable
from functools import partial
from html import escape

import ipywidgets as widgets

from inkl_widgets.widgets.binding import PLAIN, PageContext, StaticHTML, button, static_html

# What a button makes: the file's bytes, its name and its media type.
MadeFile = tuple[bytes, str, str]
_clicks = itertools.count(1)  # each made file's link differs, so the page sees it as new


def file_stem(name: str, what: str) -> str:
    """A file name from the workbook's name: letters and digits kept, the rest a hyphen."""
    cleaned = re.sub(r"[^\w]+", "-", f"{name} {what}", flags=re.UNICODE).strip("-_")
    return cleaned[:80] or what


def download_link(data: bytes, filename: str, mime: str, label: str, at_once: bool = False) -> str:
    """A link holding the file; ``at_once`` has the page's script click it when it appears."""
    encoded = base64.b64encode(data).decode("ascii")
    marker = f' data-inkl-download="{next(_clicks)}"' if at_once else ""
    return (
        f'<a download="{escape(filename, quote=True)}"{marker} '
        f'href="data:{mime};base64,{encoded}">{escape(label)}</a>'
    )


class DownloadButtons(widgets.VBox):
    """One button per file; a click makes the file and downloads it, and says so.

    ``files`` pairs each button's label with the function that makes its file; ``before``
    are widgets shown above the buttons.
    """

    def __init__(
        self,
        ctx: PageContext,
        files: list[tuple[str, Callable[[], MadeFile]]],
        *classes: str,
        before: tuple[widgets.Widget, ...] = (),
    ):
        self.ctx = ctx
        self.buttons = []
        for label, make in files:
            one = button(label, "inkl-add")
            one.on_click(ctx.guard(lambda _button, make=make: self.download(make)))
            self.buttons.append(one)
        self.status: StaticHTML | None = None  # made at the first click: one model less a page
        self.always: list[widgets.Widget] = [*before, *self.buttons]
        super().__init__(
            self.always,  # side by side, wrapping (inkl.css)
            _dom_classes=("inkl-downloads", *classes),
            layout=PLAIN,
        )
        ctx.on_any(self, self._changed)

    def download(self, make: Callable[[], MadeFile]) -> None:
        """Make the file from everything typed so far, and send it to the browser."""
        self.ctx.session.flush()
        data, filename, mime = make()
        t = self.ctx.content.t
        saved = escape(t("files.downloaded", file=filename))
        again = download_link(data, filename, mime, t("files.again"), at_once=True)
        if self.status is None:
            self.status = static_html("", "inkl-live", "inkl-download-status")
            self.children = [*self.always, self.status]
        self.status.value = f"<p>{saved} {again}</p>"

    def _changed(self, _path: str) -> None:
        if self.status is not None and self.status.value:
            self.status.value = ""  # the link would hold the workbook as it was


PLAN_KINDS = ("csv", "xlsx", "ics")  # the keys of export.plan_files.PLAN_FILES


class PlanDownloads(DownloadButtons):
    """The plan as CSV, Excel and calendar, a button each."""

    def __init__(self, ctx: PageContext):
        t = ctx.content.t
        super().__init__(
            ctx,
            [(t(f"files.{kind}"), partial(self.plan_file, kind)) for kind in PLAN_KINDS],
        )

    def plan_file(self, kind: str) -> MadeFile:
        from inkl_widgets.export.plan_files import (
            PLAN_FILES,  # pandas, openpyxl and icalendar: only when asked for
        )

        mime, build = PLAN_FILES[kind]
        workbook = self.ctx.session.workbook
        stem = file_stem(workbook.name, self.ctx.content.t("files.stem"))
        return build(workbook, self.ctx.content), f"{stem}.{kind}", mime
