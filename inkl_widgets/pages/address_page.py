"""A page that learns its address from the browser, then builds itself.

Used in preheated kernels, which run the notebook before the request exists: the page's script
fills a hidden text field with ``location.search``, and its value reaches the kernel like any
typed value.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from inkl_widgets.content.loading import REFERENCE_LANGUAGE, load_content
from inkl_widgets.widgets.binding import PLAIN
from inkl_widgets.widgets.browser import hidden_field

log = logging.getLogger(__name__)


class AddressedPage(widgets.VBox):
    """Holds the place of a page until the browser says which workbook the address names."""

    def __init__(self, build: Callable[[str], widgets.Widget]):
        self.address = hidden_field("address")
        self.page: widgets.Widget | None = None
        self._build = build
        self._slots: dict[str, widgets.VBox] = {}
        self.address.observe(self._arrived, names="value")
        super().__init__([self.address], layout=PLAIN)

    def _arrived(self, change) -> None:
        if self.page is not None or not change["new"]:
            return
        try:
            page = self._build(change["new"])
        except Exception:  # never a silent failure or an endless wait: say so in the page
            log.exception("building the page failed")
            message = escape(load_content(REFERENCE_LANGUAGE).t("error.unexpected"))
            page = widgets.HTML(
                f'<p class="inkl-alert" role="alert">{message}</p>', tooltip=""
            )  # no tooltip would be title="null"
        self.page = page
        self.children = [page]
        for name, slot in self._slots.items():
            slot.children = _built_part(page, name)

    def part(self, name: str) -> widgets.VBox:
        """A place for one part of the page (see ``Page.part``), filled once it is built; the
        header's place holds the field the browser writes the address into."""
        if name not in self._slots:
            waiting = [self.address] if name == "header" else []
            self._slots[name] = widgets.VBox(waiting, layout=PLAIN)
        return self._slots[name]


def _built_part(page: widgets.Widget, name: str) -> list[widgets.Widget]:
    if hasattr(page, "part"):
        return [page.part(name)]
    return [page] if name == "header" else []  # the message why it failed
