"""A short page from the server itself (no kernel), in the language the browser asks for.

Used when the server refuses a request: a foreign ``Host``, or too many kernels. Danish unless the
browser's ``Accept-Language`` prefers another language the content has.
"""

from __future__ import annotations

from html import escape

from tornado.web import RequestHandler

from inkl_widgets.content.loading import REFERENCE_LANGUAGE, available_languages, load_content


def preferred_language(accept_language: str | None) -> str:
    """The first language of ``Accept-Language`` (by its q weights) that the content has."""
    offered = available_languages()
    wishes = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, weight = part.strip().partition(";q=")
        try:
            quality = float(weight) if weight else 1.0
        except ValueError:
            continue
        if quality > 0:  # q=0 means "not this one"
            wishes.append((-quality, position, tag.split("-")[0].strip().lower()))
    chosen = [code for *_order, code in sorted(wishes) if code in offered]
    return chosen[0] if chosen else REFERENCE_LANGUAGE


def send_notice(
    handler: RequestHandler, status: int, key: str, headers: dict[str, str] | None = None
) -> None:
    """Finish ``handler`` with ``status``, ``headers`` and a page holding the interface text
    ``key``."""
    language = preferred_language(handler.request.headers.get("Accept-Language"))
    content = load_content(language)
    title = escape(content.t("app.title"))
    message = escape(content.t(key))
    handler.clear()
    handler.set_status(status)
    handler.set_header("Content-Type", "text/html; charset=utf-8")
    handler.set_header("Cache-Control", "no-store")
    for name, value in (headers or {}).items():
        handler.set_header(name, value)
    handler.finish(
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title></head>"
        f'<body><main><h1>{title}</h1><p role="alert">{message}</p></main></body></html>\n'
    )
