"""Tie input widgets to workbook fields, and show every failure as a message in the page.

Exceptions raised in widget callbacks are silent in Voilà (stack notes), so every callback of
the app runs through ``PageContext.guard``: a refused value or a failed save becomes a sentence
in the page's alert area, in the page's language.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from html import escape

import ipywidgets as widgets
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from inkl_widgets.content.loading import Content
from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.store.database import WorkbookStore
from inkl_widgets.store.session import Conflict, WorkbookSession
from inkl_widgets.widgets.lifetime import Busy, keep_open, replace_children, while_open

log = logging.getLogger(__name__)
# Shared by every widget that never changes its own layout or style: each widget's own Layout
# and style would be two more models for the browser to build (about half of a page's widgets).
FULL_WIDTH = widgets.Layout(width="100%")
AUTO_WIDTH = widgets.Layout(width="auto")  # a list or a number as wide as its value
PLAIN = widgets.Layout()
STATIC_STYLE = HTMLStyle()
LABEL_STYLE = TextStyle(description_width="initial")
CHOICE_STYLE = DescriptionStyle(description_width="initial")  # lists, dates and numbers
BUTTON_STYLE = widgets.ButtonStyle()


# Widgets are built with their CSS classes (``_dom_classes``) and values already set: each
# change after a widget is built is one more message from the kernel, and a page's hundreds of
# them held up its first showing by tens of milliseconds.


class StaticHTML(widgets.HTML):
    """Text of the page (headings, tips, notes, links, status lines) with the shared layout and
    style; for widgets that are never hidden on their own."""

    def __init__(self, value: str = "", *classes: str):
        super().__init__(
            value, layout=PLAIN, style=STATIC_STYLE, tooltip="", _dom_classes=classes
        )  # a missing tooltip would be title="null" on the hidden label


def static_html(value: str = "", *classes: str) -> StaticHTML:
    return StaticHTML(value, *classes)


# A button whose short text ("Stem") is the same for every item says which item in its tooltip,
# which begins with or contains that text: the page's script (inkl-page.js) makes the tooltip
# its accessible name, so a screen reader tells the buttons apart.
NAMED_BY_TOOLTIP = "inkl-named-by-tooltip"


def button(description: str, *classes: str, **options) -> widgets.Button:
    """A button with the shared layout and style."""
    return widgets.Button(
        description=description,
        layout=PLAIN,
        style=BUTTON_STYLE,
        _dom_classes=classes,
        **options,
    )


class AlertArea(StaticHTML):
    """The page's message area; screen readers announce what appears in it."""

    def __init__(self):
        super().__init__("", "inkl-alert-area")

    def show(self, message: str) -> None:
        self.value = f'<div class="inkl-alert" role="alert">{escape(message)}</div>'

    def clear(self) -> None:
        self.value = ""


for shared in (
    PLAIN,
    FULL_WIDTH,
    AUTO_WIDTH,
    STATIC_STYLE,
    LABEL_STYLE,
    CHOICE_STYLE,
    BUTTON_STYLE,
):
    keep_open(shared)


class ConflictNotes(widgets.VBox):
    """Fields another tab wrote over while this page was typing: what happened, what is stored
    now, this page's own words (kept in the history), and a button that puts them back."""

    def __init__(self) -> None:
        super().__init__(_dom_classes=("inkl-conflicts",), layout=PLAIN)
        self._notes: dict[str, widgets.Widget] = {}

    def show(self, ctx: PageContext, label: str, conflict: Conflict) -> None:
        t = ctx.content.t
        text = StaticHTML(
            f'<div role="alert"><p>{escape(t("conflict.changed", field=label))}</p>'
            f"<blockquote>{_quoted(conflict.theirs)}</blockquote>"
            f"<p>{escape(t('conflict.kept'))}</p><blockquote>{_quoted(conflict.mine)}</blockquote>"
            "</div>"
        )
        back = button(t("conflict.restore"), tooltip=t("conflict.restore_field", field=label))

        def put_back(_button) -> None:
            ctx.session.edit(conflict.path, conflict.mine)
            self.drop(conflict.path)

        back.on_click(ctx.guard(put_back))
        note = widgets.VBox([text, back], _dom_classes=("inkl-card", "inkl-conflict"))
        self.drop(conflict.path)
        self._notes[conflict.path] = note
        self.children = list(self._notes.values())

    def drop(self, path: str) -> None:
        """Take away the note about ``path`` (its words are back, or the page is rebuilt)."""
        note = self._notes.pop(path, None)
        if note is not None:
            replace_children(self, self._notes.values())

    def clear(self) -> None:
        for path in list(self._notes):
            self.drop(path)


def _quoted(value: object) -> str:
    return escape(str(value if value is not None else "")).replace("\n", "<br>")


class AppContext:
    """What every page needs, with or without a workbook: the store, the texts in the page's
    language, and the places for messages. A page before a workbook is chosen (or for an
    unknown one) has only this; a page with a workbook has a ``PageContext``."""

    def __init__(self, content: Content, store: WorkbookStore):
        self.content = content
        self.store = store
        self.alerts = AlertArea()
        self.conflicts = ConflictNotes()

    def guard(self, callback: Callable) -> Callable:
        """Wrap a callback so no failure is silent."""

        @functools.wraps(callback)
        def guarded(*args, **kwargs):
            try:
                return callback(*args, **kwargs)
            except WorkbookError as error:
                self.alerts.show(error.message(self.content))
            except Exception:
                log.exception("a page callback failed")
                self.alerts.show(self.content.t("error.unexpected"))
            return None

        return guarded


class PageContext(AppContext):
    """What every part of a page with a workbook needs: the workbook's session (never None, so
    no widget has to ask), besides what every page has."""

    def __init__(self, session: WorkbookSession, content: Content, store: WorkbookStore):
        super().__init__(content, store)
        self.session = session

    def on_any(self, widget: widgets.Widget, callback: Callable[[str], None]) -> None:
        """Call ``callback`` (guarded) with the path of every change while ``widget`` is open."""
        while_open(widget, self.session.on_any(self.guard(callback)))


def labelled(kind: type[widgets.DOMWidget], *classes: str, **state) -> widgets.DOMWidget:
    """An input of ``kind`` whose description is a visible label above it (see ``inkl.css``),
    with the page's shared layout and label style unless given its own: an input that is hidden
    or shown on its own needs a layout of its own."""
    state.setdefault("layout", PLAIN)
    state.setdefault("tooltip", "")  # ipywidgets writes a missing tooltip as title="null"
    if "style" not in state:
        shared = {TextStyle: LABEL_STYLE, DescriptionStyle: CHOICE_STYLE}
        style_kind = kind.class_traits()["style"].klass
        state["style"] = shared.get(style_kind) or {"description_width": "initial"}
    return kind(_dom_classes=("inkl-field", *classes), **state)


def text_area(label: str, rows: int = 3, placeholder: str = "", **state) -> widgets.Textarea:
    return text_line(label, placeholder, kind=widgets.Textarea, rows=rows, **state)


def text_line(label: str, placeholder: str = "", kind=widgets.Text, **state) -> widgets.Text:
    """A full-width text input with its label above it, sharing the page's layout and style."""
    return labelled(
        kind,
        description=label,
        placeholder=placeholder,
        layout=FULL_WIDTH,
        style=LABEL_STYLE,
        **state,
    )


def bound_text(ctx: PageContext, path: str, label: str, rows: int = 3) -> widgets.Textarea:
    """A text area that shows the field's stored text from the start, bound to the field."""
    return bind(text_area(label, rows, value=ctx.session.value(path, "")), ctx, path)


def bound_line(ctx: PageContext, path: str, label: str) -> widgets.Text:
    """A one-line text input that shows the field's stored text from the start, bound to it."""
    return bind(text_line(label, value=ctx.session.value(path, "")), ctx, path)


def _unchanged(value):
    return value


UNREADABLE = object()  # what ``from_widget`` returns for a value it cannot store: nothing is saved


class FieldLink:
    """Keep a widget's trait and a stored field in step, both ways, like traitlets' ``link``.

    The widget shows the field's value from the start and after every change to the field,
    this page's own (a sort, a restored value) or another tab's, unless it already shows the
    same; the user's edits are saved through ``save``. ``to_widget`` and ``from_widget``
    translate between what is stored and what the widget shows (``UNREADABLE``: save nothing).
    A refused edit shows its message and leaves the stored value as it was. The link ends with
    ``unlink``, or when the widget is closed.
    """

    def __init__(
        self,
        ctx: PageContext,
        widget: widgets.Widget,
        path: str,
        trait: str = "value",
        default: object = "",
        to_widget: Callable[[object], object] | None = None,
        from_widget: Callable[[object], object] | None = None,
        save: Callable[[str, object], None] | None = None,
        shown: Callable[[], None] | None = None,
    ):
        self.ctx, self.widget, self.trait, self.default = ctx, widget, trait, default
        self.to_widget = to_widget or _unchanged
        self.from_widget = from_widget or _unchanged
        self.save = save or ctx.session.edit
        self.shown = shown
        self.busy = Busy()
        self.path = ""
        self._unsubscribe: Callable[[], None] = lambda: None
        self._edited_guarded = ctx.guard(self._edited)
        widget.observe(self._edited_guarded, names=trait)
        while_open(widget, self.unlink)
        self.retarget(path)

    def retarget(self, path: str) -> None:
        """Tie the widget to another field (a plan row showing another item) and show it."""
        self._unsubscribe()
        self.path = path
        session, guard = self.ctx.session, self.ctx.guard
        stop_value = session.on_field(path, guard(self.show))
        stop_conflict = session.on_conflict(path, guard(self._conflict))

        def unsubscribe() -> None:
            stop_value()
            stop_conflict()

        self._unsubscribe = unsubscribe
        self.show(session.value(path, self.default))

    def show(self, value: object = None) -> None:
        """Show the stored value, unless the widget already says the same (while typing)."""
        stored = self.ctx.session.value(self.path, self.default)
        if self.from_widget(getattr(self.widget, self.trait)) == stored:
            return
        with self.busy(), self.widget.hold_sync():
            setattr(self.widget, self.trait, self.to_widget(stored))
            if self.shown is not None:
                self.shown()

    def _edited(self, change) -> None:
        if self.busy:
            return
        value = self.from_widget(change["new"])
        if value is UNREADABLE:
            return
        if value != self.ctx.session.value(self.path, self.default):
            self.save(self.path, value)
        self.ctx.alerts.clear()

    def _conflict(self, conflict: Conflict) -> None:
        label = getattr(self.widget, "description", "") or self.path
        self.ctx.conflicts.show(self.ctx, label, conflict)

    def unlink(self) -> None:
        """Stop following the field and saving the widget's edits."""
        self._unsubscribe()
        self._unsubscribe = lambda: None
        self.widget.unobserve(self._edited_guarded, names=self.trait)


def bind(widget: widgets.ValueWidget, ctx: PageContext, path: str, default: object = "", **how):
    """Show the field's value in the widget, save the user's edits, and take in other tabs'
    (see ``FieldLink``; ``how`` holds its transforms). Returns the widget."""
    widget.field_link = FieldLink(ctx, widget, path, default=default, **how)
    return widget
