"""The participant page (``07_deltag.ipynb``), phone first: the screen the facilitator shows.

A participant reaches only this page, of one workbook (see ``server/access``), so it has none of
the other pages' header, links, language switch or backup: nothing here reads or writes beyond
the workbook's meeting fields.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from inkl_widgets.domain.meeting_screens import meeting_screens, screen_index
from inkl_widgets.model.fields import field_path
from inkl_widgets.widgets.binding import PLAIN, AppContext, PageContext, static_html
from inkl_widgets.widgets.contributions import ContributionForm, ContributionList
from inkl_widgets.widgets.screens import screen_title
from inkl_widgets.widgets.voter import BrowserVoter
from inkl_widgets.widgets.way_votes import WayVotes

SCREEN_FIELD = field_path("meeting_run", "screen")


class ParticipantPage(widgets.VBox):
    """The facilitator's current screen, followed live: on a question screen, a form to add
    contributions and the ones added so far; on step 2's screen of the five ways in, a vote for
    each; on any other, a line saying to wait."""

    def __init__(self, ctx: AppContext):
        super().__init__(_dom_classes=("inkl-page", "inkl-participant"), layout=PLAIN)
        t = ctx.content.t
        title = t("participant.title")
        meta = (
            f'<span class="inkl-page-meta" hidden data-lang="{escape(ctx.content.language)}" '
            f'data-title="{escape(title)}" '
            f'data-loading="{escape(t("page.loading"))}"></span>'
        )
        heading = static_html(f"{meta}<h1>{escape(title)}</h1>")
        if not isinstance(ctx, PageContext):
            self.children = [heading, static_html(f"<p>{escape(t('page.no_workbook'))}</p>")]
            return
        self.ctx = ctx
        self.screens = meeting_screens(ctx.content)
        self.current = static_html("", "inkl-participant-screen")
        self.form = ContributionForm(ctx)
        self.voter = ""  # this browser's, once known: no vote buttons until then
        self.list = ContributionList(ctx)
        self.ways: WayVotes | None = (
            None  # built when first shown: a phone opened on another screen loads without it
        )
        self.waiting = static_html(f"<p>{escape(t('participant.wait'))}</p>")
        self.loading = static_html(f"<p>{escape(t('page.loading'))}</p>")
        self.heading = heading
        self.browser_voter = BrowserVoter(ctx.guard(self._voter_known))
        self._follow(ctx.session.value(SCREEN_FIELD, ""))
        ctx.session.later(BrowserVoter.BACKSTOP, ctx.guard(self.browser_voter.fall_back))
        ctx.on_any(self, ctx.guard(self._changed))

    def _changed(self, path: str) -> None:
        if path == SCREEN_FIELD:
            self._follow(self.ctx.session.value(SCREEN_FIELD, ""))

    def _voter_known(self, voter: str) -> None:
        """Votes from here on are ``voter``'s, and the ones it cast before show as its own."""
        self.voter = self.list.voter = voter
        if self.ways is not None:
            self.ways.voter = voter
            self.ways.refresh()
        self._follow(self.ctx.session.value(SCREEN_FIELD, ""))

    def _follow(self, screen_id: object) -> None:
        screen = self.screens[screen_index(self.screens, screen_id)]
        shown = escape(screen_title(self.ctx, screen))
        label = escape(self.ctx.content.t("participant.now_showing"))
        self.current.value = f'<p aria-live="polite">{label} <strong>{shown}</strong></p>'
        self.form.show_screen(screen.id)
        self.list.show_screen(screen.id)
        always: list[widgets.Widget] = [
            self.browser_voter,
            self.heading,
            self.ctx.alerts,
            self.current,
        ]
        if screen.kind == "ways" and not self.voter:
            self.children = [*always, self.loading]
            return
        if screen.kind == "ways":
            self.ways = self.ways or WayVotes(self.ctx, voter=self.voter)
            self.children = [*always, self.ways]
            return
        middle = self.form if screen.kind == "questions" else self.waiting
        self.children = [*always, middle, self.list]
