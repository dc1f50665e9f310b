"""How long a widget and what it listens to live: the busy guard, ending subscriptions when a
widget closes, and closing the widgets a page replaces, so that a long meeting does not grow.

``Widget.close`` closes one model and leaves its listeners in place; these helpers close a whole
part of a page and end the session subscriptions of every widget in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import ipywidgets as widgets


class Busy:
    """True while a widget makes a change itself, so that its own observer lets it pass.

    The one guard against a widget echoing its own update (traitlets' ``link`` keeps the same
    flag); it nests, so a change made inside another stays quiet until the outer one ends.
    """

    def __init__(self):
        self.depth = 0

    def __bool__(self) -> bool:
        return self.depth > 0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1


def while_open(widget: widgets.Widget, unsubscribe: Callable[[], None]) -> None:
    """End a subscription when ``widget`` is closed (``close`` drops its comm)."""

    def closed(change) -> None:
        if change["new"] is None:
            unsubscribe()

    widget.observe(closed, names="comm")


SHARED_MODELS: set[int] = set()  # layouts and styles every page shares: never closed


def keep_open(model: widgets.Widget) -> widgets.Widget:
    """Mark a layout or style shared by many widgets, so closing one of them keeps it."""
    SHARED_MODELS.add(id(model))
    return model


def close_tree(widget: widgets.Widget, keep: Iterable[widgets.Widget] = ()) -> None:
    """Close a widget, its children and their own layouts and styles, but none in ``keep``.

    ``Widget.close`` closes only the one model; a page that replaces a part of itself closes
    the whole part, so the browser and the kernel let go of it (and its listeners end).
    """
    kept = {id(model) for model in keep} | SHARED_MODELS
    stack = [widget]
    while stack:
        model = stack.pop()
        if not isinstance(model, widgets.Widget) or id(model) in kept:
            continue
        stack += getattr(model, "children", ())
        stack += [getattr(model, "layout", None), getattr(model, "style", None)]
        model.close()


def replace_children(box: widgets.Box, children: Iterable[widgets.Widget], keep=()) -> None:
    """Show ``children`` in ``box`` and close the ones they replace (but those in ``keep``)."""
    new = list(children)
    old = box.children
    box.children = new
    for child in old:
        if child not in new:
            close_tree(child, keep)
