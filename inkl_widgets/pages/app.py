"""What the notebooks call: open the workbook named in the page's address and show a page.

A notebook opens its page once (``open_page``) and shows its parts in a few short cells
(``page.part("header")`` …), so that a consultant can drop, reorder or add to them while all
logic lives here, where it is tested. Keep the cells few: each cell that shows a part costs
about 6 ms of CPU in the kernel and Voilà's server, and every page waits for all of them.
"""

from __future__ import annotations

import atexit
import logging
import sys
from dataclasses import dataclass
from typing import TextIO

from inkl_widgets.content.loading import REFERENCE_LANGUAGE, available_languages, load_content
from inkl_widgets.pages.address_page import AddressedPage
from inkl_widgets.store.database import WorkbookStore, open_store_as_allowed
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.address import in_voila, known_query_string, workbook_id_from
from inkl_widgets.widgets.binding import AppContext, PageContext


@dataclass
class AddressUnknown:
    """A preheated kernel's stand-in for the context: the address comes with the browser."""

    store: WorkbookStore
    refused: str | None = None


def open_workbook(workbook_id: str | None = None) -> AppContext | AddressUnknown:
    """The page's context: the workbook from the address (or the given id), in its language.

    Outside Voilà (JupyterLab), with no id given, the most recently changed workbook is used.
    An unknown or malformed id leaves the page without a workbook and says so.
    """
    _log_to_server()
    store, refused = open_store_as_allowed()
    load_content(REFERENCE_LANGUAGE)  # read and checked once, before any request arrives
    query = known_query_string()
    if workbook_id is None and query is None:
        return AddressUnknown(store, refused)
    return context_for(store, query or "", workbook_id, refused)


def _log_to_server() -> None:
    """The package's log into the server's log: in a kernel, ``sys.stderr`` is sent to the page,
    while its file descriptor is still the server's standard error."""
    from IPython import get_ipython

    shell = get_ipython()
    logger = logging.getLogger("inkl_widgets")
    if shell is None or getattr(shell, "kernel", None) is None or logger.handlers:
        return  # not in a kernel (a test, a script): logging stays as the caller set it up
    stream: TextIO | None
    try:  # the server's descriptor, kept by a kernel that captures what is written to it
        stream = open(sys.stderr.fileno(), "w", buffering=1, closefd=False)  # noqa: SIM115
    except (OSError, ValueError, AttributeError):  # a kernel that does not capture it
        stream = sys.__stderr__
    if stream is None:
        return
    logger.addHandler(logging.StreamHandler(stream))
    logger.propagate = False


def context_for(
    store: WorkbookStore, query: str, workbook_id: str | None = None, refused: str | None = None
) -> AppContext:
    """The context of a page at the address ``query``: with the workbook it names (or
    ``workbook_id``) if there is one, else without, saying why when the address named one."""
    requested = workbook_id or workbook_id_from(query)
    if requested is None and query in ("", "?") and not in_voila():
        recent = store.list()
        requested = recent[0].id if recent else None
    ctx: AppContext
    if requested and store.exists(requested):
        session = WorkbookSession(store, requested)
        session.listen()
        atexit.register(session.flush)  # a page closed mid-sentence still saves its last words
        ctx = PageContext(session, load_content(_shown_language(session.workbook.language)), store)
    else:
        ctx = AppContext(load_content(REFERENCE_LANGUAGE), store)
    if not isinstance(ctx, PageContext) and "workbook=" in query:
        ctx.alerts.show(ctx.content.t("error.bad_workbook_id"))
    if refused:
        ctx.alerts.show(ctx.content.t(f"error.{refused}"))
    return ctx


def _shown_language(language: str) -> str:
    """The workbook's language if its texts are here, else the reference language."""
    return language if language in available_languages() else REFERENCE_LANGUAGE


def open_page(page: str, workbook_id: str | None = None):
    """The page ``page`` of the workbook named in the address (or ``workbook_id``), to show
    whole or a part at a time (``part``)."""
    return show(open_workbook(workbook_id), page)


def show(ctx: AppContext | AddressUnknown, page: str):
    """One page: ``"start"``, a step id (``"step1"`` … ``"step4"``), ``"export"`` or
    ``"meeting"`` (the meeting view) or ``"participant"`` (a participant's phone)."""
    if isinstance(ctx, AddressUnknown):
        store, refused = ctx.store, ctx.refused
        return AddressedPage(lambda query: show(context_for(store, query, refused=refused), page))
    # Each page imports only its own module: every import here is paid on every page's start.
    if page == "start":
        from inkl_widgets.pages.start import StartPage

        return StartPage(ctx, ctx.store)
    if page == "export":
        from inkl_widgets.pages.export import ExportPage

        return ExportPage(ctx)
    if page == "participant":
        from inkl_widgets.pages.participant import ParticipantPage

        return ParticipantPage(ctx)
    if page == "meeting":
        from inkl_widgets.pages.meeting import MeetingView

        return MeetingView(ctx)
    from inkl_widgets.pages.step import StepPage

    return StepPage(ctx, page)
