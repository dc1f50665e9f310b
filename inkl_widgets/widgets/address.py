"""The app's pages and their addresses, and which workbook a page shows: the ``workbook``
parameter of the page's address.

A kernel Voilà starts for a request has the address in ``QUERY_STRING``. A preheated kernel
runs its notebook before any request exists; rather than block in ``voila.utils``'s wait for
the request (which hung now and then under load here, leaving a page on "Executing 2 of 3"),
such a page asks the browser for its address (see ``address_page``).
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qs

WORKBOOK_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
# The registry of pages: each page's notebook, in the order of the stepper.
PAGES = {
    "start": "00_start.ipynb",
    "step1": "01_beskriv_praksis.ipynb",
    "step2": "02_vurder_potentialet.ipynb",
    "step3": "03_handleplan.ipynb",
    "step4": "04_foelg_op.ipynb",
    "export": "05_eksport.ipynb",
    "meeting": "06_moede.ipynb",
}
ORDER = [page for page in PAGES if page != "meeting"]  # the meeting view is beside the steps


def known_query_string() -> str | None:
    """The page's query string if the kernel was told it; None in a preheated kernel."""
    if "QUERY_STRING" in os.environ:
        return os.environ["QUERY_STRING"]
    if os.environ.get("VOILA_PREHEAT") == "True":
        return None
    return ""  # JupyterLab, nbclient: there is no page address


def in_voila() -> bool:
    return "VOILA_KERNEL_ID" in os.environ or "VOILA_PREHEAT" in os.environ


def workbook_id_from(query: str) -> str | None:
    """The requested workbook id if it is well formed; ids never reach a path, only the store."""
    values = parse_qs(query.lstrip("?")).get("workbook", [])
    if values and WORKBOOK_ID.fullmatch(values[0]):
        return values[0]
    return None


def page_link(notebook: str, workbook_id: str | None) -> str:
    """A relative link to another page of the app, carrying the workbook along."""
    return f"{notebook}?workbook={workbook_id}" if workbook_id else notebook
