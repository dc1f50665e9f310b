"""What the notebooks call: open the workbook named in the page's address and show a page.

Each notebook is three short cells — import, ``open_workbook()``, ``show(...)`` — so that all
logic lives here, where it is tested.
"""

from __future__ import annotations

import atexit
import os

from .address import query_string, workbook_id_from
from .binding import PageContext
from .content import REFERENCE_LANGUAGE, available_languages, load_content
from .export_page import ExportPage
from .session import WorkbookSession
from .start_page import StartPage
from .step_page import StepPage
from .store import open_store


def _in_voila() -> bool:
    return "VOILA_KERNEL_ID" in os.environ or "VOILA_PREHEAT" in os.environ


def open_workbook(workbook_id: str | None = None) -> PageContext:
    """The page's context: the workbook from the address (or the given id), in its language.

    Outside Voilà (JupyterLab), with no id given, the most recently changed workbook is used.
    An unknown or malformed id leaves the page without a workbook and says so.
    """
    store = open_store()
    query = query_string()
    requested = workbook_id or workbook_id_from(query)
    if requested is None and not query and not _in_voila():
        recent = store.list()
        requested = recent[0].id if recent else None
    session = None
    if requested and store.exists(requested):
        session = WorkbookSession(store, requested)
        session.listen()
        atexit.register(session.flush)  # a page closed mid-sentence still saves its last words
    language = session.workbook.language if session else REFERENCE_LANGUAGE
    if language not in available_languages():
        language = REFERENCE_LANGUAGE
    ctx = PageContext(session=session, content=load_content(language), store=store)
    if session is None and "workbook=" in query:
        ctx.alerts.show(ctx.content.t("error.bad_workbook_id"))
    return ctx


def show(ctx: PageContext, page: str):
    """One page: ``"start"``, a step id (``"step1"`` … ``"step4"``) or ``"export"``."""
    if page == "start":
        return StartPage(ctx, ctx.store)
    if page == "export":
        return ExportPage(ctx)
    return StepPage(ctx, page)
