"""Which workbook a page shows: the ``workbook`` parameter of the page's address.

In Voilà the kernel learns its address from ``QUERY_STRING``. A preheated kernel runs the
notebook before any request exists, so there it waits for the request first (stack notes:
``VOILA_REQUEST_URL`` is stale in a preheated kernel and must not be used).
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qs

WORKBOOK_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def query_string() -> str:
    """The page's query string, or '' outside Voilà (JupyterLab, nbclient)."""
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import get_query_string  # costly import; preheating hides the cost

        return get_query_string() or ""
    return os.environ.get("QUERY_STRING", "")


def workbook_id_from(query: str) -> str | None:
    """The requested workbook id if it is well formed; ids never reach a path, only the store."""
    values = parse_qs(query).get("workbook", [])
    if values and WORKBOOK_ID.fullmatch(values[0]):
        return values[0]
    return None


def page_link(notebook: str, workbook_id: str | None) -> str:
    """A relative link to another page of the app, carrying the workbook along."""
    return f"{notebook}?workbook={workbook_id}" if workbook_id else notebook
