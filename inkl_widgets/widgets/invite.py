"""The facilitator's invitation on the projector: a participant link and its QR code.

Shown only while the app shares on the local network (``inkl app --share``). Each press makes a
new link for this workbook (valid for ``DEFAULT_HOURS``); the QR code is drawn here by segno as
SVG, so nothing is fetched from elsewhere.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import segno

from inkl_widgets.store.database import default_data_dir
from inkl_widgets.store.participant_links import DEFAULT_HOURS, issue_link
from inkl_widgets.store.sharing import participant_url, shared_address
from inkl_widgets.widgets.binding import PLAIN, PageContext, static_html


class ParticipantInvite(widgets.VBox):
    """A button that shows a fresh participant link, as text and as a QR code to scan."""

    def __init__(self, ctx: PageContext):
        super().__init__(_dom_classes=("inkl-invite",), layout=PLAIN)
        self.ctx = ctx
        self.base = shared_address(default_data_dir())
        if ctx.session is None or ctx.store is None or self.base is None:
            return
        self.button = widgets.Button(description=ctx.content.t("invite.show"), layout=PLAIN)
        self.button.on_click(ctx.guard(self._show))
        self.shown = static_html("")
        self.children = [self.button, self.shown]

    def _show(self, _button: widgets.Button) -> None:
        ctx = self.ctx
        assert ctx.session is not None and self.base is not None
        t = ctx.content.t
        url = participant_url(self.base, issue_link(ctx.store, ctx.session.id))
        picture = segno.make(url, error="m").svg_inline(scale=6, border=2)
        how = escape(t("invite.how", hours=DEFAULT_HOURS))
        self.shown.value = (
            f'<figure><div role="img" aria-label="{escape(t("invite.qr"))}">{picture}</div>'
            f'<figcaption>{how}<br><a href="{escape(url)}">{escape(url)}</a></figcaption></figure>'
        )
