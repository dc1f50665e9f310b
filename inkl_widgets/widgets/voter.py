"""Which browser a phone's votes belong to, so that a reload keeps them its own.

The page's script (``inkl-page.js``) keeps a random id in the browser's storage and reports it
through a hidden field; until it arrives the phone casts no vote, so that none is cast under an
id the next load forgets.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from inkl_widgets.domain.contributions import is_voter_id, new_voter_id
from inkl_widgets.widgets.binding import PLAIN
from inkl_widgets.widgets.browser import hidden_field


class BrowserVoter(widgets.VBox):
    """The hidden field through which the browser says which voter it is.

    ``known`` is called with the voter id: the browser's, or one for this page load from
    ``fall_back``, which the page calls ``BACKSTOP`` seconds after it is built for a page whose
    script never reports. A browser's id still replaces that one when it comes late; after the
    browser's own id nothing replaces it, and a value of another shape (a forged message) is
    ignored.
    """

    BACKSTOP = 10.0

    def __init__(self, known: Callable[[str], None]):
        self.field = hidden_field("voter")
        self.voter = ""
        self._from_browser = False
        self._known = known
        self.field.observe(self._reported, names="value")
        super().__init__([self.field], layout=PLAIN)

    def _reported(self, change: dict) -> None:
        if self._from_browser or not is_voter_id(change["new"]):
            return
        self._from_browser = True
        self._set(change["new"])

    def fall_back(self) -> None:
        if not self.voter:
            self._set(new_voter_id())

    def _set(self, voter: str) -> None:
        self.voter = voter
        self._known(voter)
