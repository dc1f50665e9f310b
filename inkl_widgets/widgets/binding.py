"""Tie input widgets to workbook fields, and show every failure as a message in the page.

Exceptions raised in widget callbacks are silent in Voilà (stack notes), so every callback of
the app runs through ``PageContext.guard``: a refused value or a failed save becomes a sentence
in the page's alert area, in the page's language.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import ipywidgets as widgets
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from inkl_widgets.content.loading import Content
from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.store.database import WorkbookStore
from inkl_widgets.store.session import WorkbookSession

log = logging.getLogger(__name__)
# Shared by every widget that never changes its own layout or style: each widget's own Layout
# and style would be two more models for the browser to build (about half of a page's widgets).
FULL_WIDTH = widgets.Layout(width="100%")
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


@dataclass
class PageContext:
    """What every part of a page needs: the session, the texts in the page's language, alerts."""

    session: WorkbookSession | None
    content: Content
    store: WorkbookStore | None = None
    alerts: AlertArea = field(default_factory=AlertArea)

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


def _to_widget(widget, value):
    if isinstance(widget, widgets.DatePicker):
        return dt.date.fromisoformat(value) if value else None
    return value


def _from_widget(widget, value):
    if isinstance(widget, widgets.DatePicker):
        return value.isoformat() if value else ""
    return value


def bind(widget: widgets.ValueWidget, ctx: PageContext, path: str, default: object = ""):
    """Show the field's value in the widget, save the user's edits, and take in other tabs'.

    A refused edit (too long, not a valid choice) shows its message and leaves the stored
    value as it was.
    """
    session = ctx.session
    updating = {"remote": False}
    widget.value = _to_widget(widget, session.value(path, default))

    def edited(change) -> None:
        if updating["remote"]:
            return
        session.edit(path, _from_widget(widget, change["new"]))
        ctx.alerts.clear()

    def changed_elsewhere(value) -> None:
        updating["remote"] = True
        try:
            widget.value = _to_widget(widget, value if value is not None else default)
        finally:
            updating["remote"] = False

    widget.observe(ctx.guard(edited), names="value")
    session.on_field(path, ctx.guard(changed_elsewhere))
    return widget
