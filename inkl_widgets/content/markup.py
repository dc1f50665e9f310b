"""Content elements as HTML: the cards (facts, tips, examples) and text blocks.

Shared by the app's pages and the HTML export. Content bodies are short Markdown rendered with
raw HTML escaped; anything a user typed is escaped with ``html.escape`` before it is placed.
A loaded language carries its Markdown already rendered (see ``content_cache``), so a page
imports mistune only for a text it has not seen.
"""

from __future__ import annotations

import functools
from html import escape
from typing import TYPE_CHECKING

from inkl_widgets.content.model import (
    Agenda,
    Checklist,
    Example,
    Fact,
    FollowUp,
    Plan,
    Text,
    Tip,
    Ways,
    WorkbookTexts,
)

ICONS = {
    "fact": '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">'
    '<circle cx="12" cy="12" r="11" fill="currentColor"/><rect x="10.5" y="10" width="3" '
    'height="8" fill="#fff"/><circle cx="12" cy="6.5" r="1.8" fill="#fff"/></svg>',
    "tip": '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">'
    '<path d="M12 2a7 7 0 0 0-4 12.7V18h8v-3.3A7 7 0 0 0 12 2z" fill="currentColor"/>'
    '<rect x="8.5" y="19" width="7" height="3" rx="1" fill="currentColor"/></svg>',
    "example": '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" '
    'focusable="false"><path d="M3 4h18v12H9l-5 4v-4H3z" fill="currentColor"/></svg>',
}

if TYPE_CHECKING:  # loading renders Markdown with this module; only the type goes back
    from inkl_widgets.content.loading import Content


@functools.cache
def _renderer():
    import mistune

    return mistune.create_markdown(escape=True)


def markdown(text: str) -> str:
    """A content body (trusted Markdown, HTML escaped) as HTML."""
    return _renderer()(text)


def markdown_texts(texts: WorkbookTexts) -> set[str]:
    """Every text of the content that may be shown as Markdown: bodies, list items, points."""
    found = set()
    for section in texts.sections:
        for element in section.elements:
            body = getattr(element, "body", None)
            if isinstance(body, str):
                found.add(body)
            for name in ("items", "points"):
                found.update(x for x in getattr(element, name, ()) if isinstance(x, str))
    return found


def rendered_markdown(texts: WorkbookTexts) -> dict[str, str]:
    return {text: markdown(text) for text in markdown_texts(texts)}


def _rendered(text: str, content: Content) -> str:
    html = content.markdown_html.get(text)
    return markdown(text) if html is None else html


def user_text(text: str) -> str:
    """Something a user typed, safe to place in HTML, line breaks kept."""
    return escape(text).replace("\n", "<br>")


def _heading(level: int, title: str, kind: str | None, content: Content) -> str:
    if not title:
        return ""
    if kind is None:
        return f"<h{level}>{escape(title)}</h{level}>"
    label = escape(content.t(f"card.{kind}"))
    return (
        f'<h{level} class="inkl-card-title"><span class="inkl-icon">{ICONS[kind]}</span>'
        f'<span class="inkl-kind">{label}</span> {escape(title)}</h{level}>'
    )


def _items(items: list[str], ordered: bool, content: Content) -> str:
    tag = "ol" if ordered else "ul"
    inner = "".join(f"<li>{_rendered(item, content).strip()}</li>" for item in items)
    return f"<{tag}>{inner}</{tag}>"


def element_html(element, content: Content, level: int = 3) -> str:
    """One content element as HTML; cards carry their kind's icon and a written label."""
    if isinstance(element, Fact):
        body = _heading(level, element.title, "fact", content) + _rendered(element.body, content)
        return f'<section class="inkl-card inkl-fact">{body}</section>'
    if isinstance(element, Tip):
        body = _heading(level, element.title, "tip", content) + _items(element.items, True, content)
        return f'<section class="inkl-card inkl-tip">{body}</section>'
    if isinstance(element, Example):
        note = f'<p class="inkl-fiction">{escape(content.t("card.fictional"))}</p>'
        body = (
            _heading(level, element.title, "example", content)
            + _rendered(element.body, content)
            + note
        )
        return f'<section class="inkl-card inkl-example">{body}</section>'
    if isinstance(element, Checklist):
        return _heading(level, element.title, None, content) + _items(element.items, False, content)
    if isinstance(element, Ways):
        ways = "".join(
            f"<li><strong>{escape(w.label)}</strong>: {escape(w.text)}</li>" for w in element.items
        )
        return (
            '<section class="inkl-card inkl-fact">'
            + _heading(level, element.title, "fact", content)
            + _rendered(element.body, content)
            + f"<ol>{ways}</ol></section>"
        )
    if isinstance(element, FollowUp):
        return (
            _heading(level, element.title, None, content)
            + _rendered(element.body, content)
            + _items(element.points, True, content)
        )
    if isinstance(element, Agenda | Plan):
        return _heading(level, element.title, None, content) + _rendered(element.body, content)
    if isinstance(element, Text):
        return _heading(level, element.title, None, content) + _rendered(element.body, content)
    return ""
