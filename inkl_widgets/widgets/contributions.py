"""Contributions from the room: the phone's form to add one, and the list a screen shows.

The form writes through the session like every other word (one write of a few fields, each
with its history); the list redraws when a contribution's field changes, on the phone and on
the projector alike.
"""

from __future__ import annotations

import json
from html import escape

import ipywidgets as widgets

from inkl_widgets.domain.contributions import (
    ROOT,
    VOTES,
    VOTES_EACH,
    VOTING_STEP,
    contribution_field,
    new_contribution,
    new_vote,
    on_screen,
    vote_counts,
    votes_of,
)
from inkl_widgets.domain.plan import new_row_edits
from inkl_widgets.model.fields import field_path, path_parts
from inkl_widgets.model.workbook import SHORT, Contribution
from inkl_widgets.widgets.answer_choice import AnswerChoice
from inkl_widgets.widgets.binding import (
    NAMED_BY_TOOLTIP,
    PLAIN,
    PageContext,
    button,
    static_html,
    text_area,
    text_line,
)
from inkl_widgets.widgets.browser import hidden_field
from inkl_widgets.widgets.hidden_contributions import HiddenContributions
from inkl_widgets.widgets.lifetime import replace_children

SENT_KEPT = 20  # contributions the page's script sends again with each new one
REDRAW_DELAY = 0.1  # seconds; changes arriving within it are drawn together
WATCHED = ((ROOT,), (VOTES,), ("own_questions",))  # own questions: the answers to choose from


class ContributionList(widgets.VBox):
    """The visible contributions to one screen, oldest first, with who wrote them if they said.

    Given ``answer_path`` (the projector), each has the facilitator's two actions: move it into
    the answer chosen above the list (``answer_path`` at first), or hide it from the screen;
    the hidden ones are folded below, each with a button to show it again. In step 2 the room
    prioritises: the list is ordered by votes, and given ``voter`` (a phone), each has a button
    to give or take back one of the phone's ``VOTES_EACH`` votes on the screen.
    """

    def __init__(self, ctx: PageContext, screen: str = "", answer_path: str = "", voter: str = ""):
        super().__init__(_dom_classes=("inkl-contributions",), layout=PLAIN)
        self.ctx = ctx
        self.screen = screen
        self.answer_path = answer_path
        self.voter = voter
        self.shown = static_html("")
        self.actions = widgets.VBox(layout=PLAIN)
        self.children = [self.shown, self.actions]
        if answer_path:  # the projector: which answer to add to, and the hidden ones
            self.choice = AnswerChoice(ctx, screen, chosen=answer_path)
            self.hidden = HiddenContributions(ctx)
            self.children = [self.shown, self.choice, self.actions, self.hidden]
        self._rows: dict[str, tuple[object, widgets.Widget]] = {}
        self._due = False
        self.refresh()
        ctx.on_any(self, self._changed)

    def show_screen(self, screen: str) -> None:
        self.screen = screen
        self.refresh()

    def _changed(self, path: str) -> None:
        """Redraw once for a burst of changes: a dozen phones adding at once bring many
        fields in one look, and each redraw reads the whole list."""
        if path_parts(path)[:1] in WATCHED and not self._due and self.ctx.session:
            self._due = True
            self.ctx.session.later(REDRAW_DELAY, self.ctx.guard(self.refresh))

    def refresh(self) -> None:
        self._due = False
        if self.ctx.session is None:
            return
        t = self.ctx.content.t
        workbook = self.ctx.session.workbook
        items = on_screen(workbook, self.screen)
        voting = self.screen.startswith(f"{VOTING_STEP}.")
        counts = vote_counts(workbook) if voting else {}
        items.sort(key=lambda pair: -counts.get(pair[0], 0))  # stable: ties stay oldest first
        heading = f"<h2>{escape(t('participant.contributions', count=len(items)))}</h2>"
        mine = votes_of(workbook, self.voter, self.screen) if voting and self.voter else {}
        if self.answer_path or (voting and self.voter):
            left = VOTES_EACH - len(mine)
            note = t("vote.left", left=left, each=VOTES_EACH) if voting and self.voter else ""
            self.shown.value = f"{heading}<p>{escape(note)}</p>" if items else ""
            # a row is rebuilt only when its own buttons change: others' votes only change the
            # counts in its text, so a click on a phone is never lost to a row being replaced
            self._rows = {
                key: self._kept_row(key, (item, mine.get(key), left > 0)) for key, item in items
            }
            for key, item in items:
                votes = counts.get(key, 0) if voting and self.answer_path else None
                self._rows[key][1].children[0].value = self._text(item, votes)
            replace_children(self.actions, [row for _state, row in self._rows.values()])
            if self.answer_path:
                self.choice.refresh()
                self.choice.layout.display = "flex" if items else "none"
                hidden = on_screen(workbook, self.screen, with_hidden=True)
                self.hidden.show([(key, item) for key, item in hidden if item.hidden])
            return
        rows = "".join(
            f"<li>{escape(item.text)}"
            + (f' <span class="inkl-author">– {escape(item.author)}</span>' if item.author else "")
            + "</li>"
            for _item_id, item in items
        )
        self.shown.value = f"{heading}<ul>{rows}</ul>" if items else ""

    def _kept_row(self, item_id: str, state: tuple) -> tuple[object, widgets.Widget]:
        """The row already drawn for this contribution if nothing in it changed, else a new one."""
        drawn = self._rows.get(item_id)
        return (
            drawn
            if drawn is not None and drawn[0] == state
            else (state, self._row(item_id, *state))
        )

    def _text(self, item: Contribution, votes: int | None) -> str:
        t = self.ctx.content.t
        who = f" – {escape(item.author)}" if item.author else ""
        used = f" ({escape(t('contribution.used'))})" if item.used else ""
        used += f" ({escape(t('contribution.planned'))})" if item.planned else ""
        count = f" <strong>({escape(t('vote.count', count=votes or 0))})</strong>"
        return f"<p>{escape(item.text)}{who}{used}{count if votes is not None else ''}</p>"

    def _row(
        self, item_id: str, item: Contribution, my_vote: str | None, can: bool
    ) -> widgets.Widget:
        t = self.ctx.content.t
        text = static_html("")
        short = item.text[:40]
        if not self.answer_path:
            key = "vote.take_back" if my_vote else "vote.give"
            button = widgets.Button(
                description=t(key),
                tooltip=t(f"{key}_to", text=short),
                disabled=not (my_vote or can),
                _dom_classes=(NAMED_BY_TOOLTIP,),
            )
            button.on_click(self.ctx.guard(lambda _b: self._vote(item_id)))
            return widgets.VBox([text, button], _dom_classes=("inkl-contribution",))
        into = widgets.Button(
            description=t("contribution.into_answer"),
            tooltip=t("contribution.into_answer_of", text=short),
            disabled=item.used,
            _dom_classes=(NAMED_BY_TOOLTIP,),
        )
        hide = widgets.Button(
            description=t("contribution.hide"),
            tooltip=t("contribution.hide_of", text=short),
            _dom_classes=(NAMED_BY_TOOLTIP,),
        )
        into.on_click(self.ctx.guard(lambda _b: self._into_answer(item_id, item)))
        hide.on_click(self.ctx.guard(lambda _b: self._hide(item_id)))
        buttons = [into, hide]
        if self.screen.startswith(f"{VOTING_STEP}."):  # what the room prioritised: a plan row
            plan = widgets.Button(
                description=t("contribution.into_plan"),
                tooltip=t("contribution.into_plan_of", text=short),
                disabled=item.planned,
                _dom_classes=(NAMED_BY_TOOLTIP,),
            )
            plan.on_click(self.ctx.guard(lambda _b: self._into_plan(item_id, item)))
            buttons.append(plan)
        return widgets.VBox(
            [text, widgets.HBox(buttons, layout=PLAIN)], _dom_classes=("inkl-contribution",)
        )

    def _into_plan(self, item_id: str, item: Contribution) -> None:
        session = self.ctx.session
        assert session is not None
        row_id, edits = new_row_edits(session.workbook)
        edits[field_path("plan", row_id, "goal")] = item.text
        edits[contribution_field(item_id, "planned")] = True
        session.edit_many(edits)

    def _vote(self, item_id: str) -> None:
        """Give a vote, or take it back. The votes are read now, not when the row was drawn,
        and the count left is checked here too, not only by the button being disabled: a
        click can arrive before the phone shows the last vote (or be forged)."""
        session = self.ctx.session
        assert session is not None
        mine = votes_of(session.workbook, self.voter, self.screen)
        if item_id in mine:
            session.edit(field_path(VOTES, mine[item_id], "withdrawn"), True)
        elif len(mine) < VOTES_EACH:
            session.edit_many(new_vote(item_id, self.voter))

    def _into_answer(self, item_id: str, item: Contribution) -> None:
        session = self.ctx.session
        assert session is not None
        chosen = self.choice.path or self.answer_path
        answer = str(session.value(chosen, "") or "").rstrip()
        line = f"– {item.text}"
        session.edit_many(
            {
                chosen: f"{answer}\n{line}" if answer else line,
                contribution_field(item_id, "used"): True,
            }
        )

    def _hide(self, item_id: str) -> None:
        assert self.ctx.session is not None
        self.ctx.session.edit(contribution_field(item_id, "hidden"), True)


class ContributionForm(widgets.VBox):
    """A participant's display name (or none) and a short contribution to the shown screen.

    The words leave the phone with the press of "Add", not through the text area: the page's
    script (``inkl-page.js``) puts them, numbered, into a hidden field and empties the text area
    at once. The text area's own updates can reach the kernel after the press, and a kernel
    that emptied it would wipe what was typed since; this way a contribution added right after
    another neither joins it nor is lost. The script sends its last few each time, so one that
    waits behind another in the browser is never dropped; the kernel adds each number once.
    """

    def __init__(self, ctx: PageContext):
        super().__init__(_dom_classes=("inkl-contribution-form",), layout=PLAIN)
        t = ctx.content.t
        self.ctx = ctx
        self.screen = ""
        self.author = text_line(t("participant.name"))
        self.author.add_class("inkl-contribution-name")
        self.text = text_area(t("participant.contribution"), rows=3)
        self.add = button(t("participant.add"), "inkl-add-contribution")
        self.status = static_html("")
        self.sent = hidden_field("contribution")
        self.sent.observe(ctx.guard(self._sent), names="value")
        self._added_up_to = 0
        limit = static_html(
            f'<span hidden class="inkl-contribution-limit" data-limit="{SHORT}"></span>'
        )
        self.children = [self.author, self.text, self.add, self.status, self.sent, limit]

    def show_screen(self, screen: str) -> None:
        self.screen = screen

    def _sent(self, change: dict) -> None:
        for number, text, author in sent_contributions(change["new"], self._added_up_to):
            self._added_up_to = number
            self._add(text, author)

    def _add(self, text: str, author: str) -> None:
        t = self.ctx.content.t
        if not text.strip():
            self._say(t("participant.empty"))
            return
        if len(text.strip()) > SHORT or len(author.strip()) > SHORT:
            self._say(t("participant.too_long", limit=SHORT))
            return
        _item_id, values = new_contribution(self.screen, text, author)
        self.ctx.session.edit_many(values)  # a refusal becomes the guard's message
        self._say(t("participant.added"))

    def _say(self, message: str) -> None:
        self.status.value = f'<p role="status">{escape(message)}</p>'


def sent_contributions(sent: str, after: int) -> list[tuple[int, str, str]]:
    """What the page's script sent, ``[{"number", "text", "author"}, ...]``, as (number, text,
    author) numbered above ``after``, in order; anything else (a forged message) is nothing."""
    try:
        entries = json.loads(sent)
    except (ValueError, RecursionError):  # RecursionError: a forged value nested too deep
        return []
    if not isinstance(entries, list):
        return []
    found = [
        (entry["number"], entry["text"], entry["author"])
        for entry in entries[-SENT_KEPT:]
        if isinstance(entry, dict)
        and type(entry.get("number")) is int
        and isinstance(entry.get("text"), str)
        and isinstance(entry.get("author"), str)
        and entry["number"] > after
    ]
    return sorted(found)
