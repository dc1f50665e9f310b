"""inkl: the workbook's pages as widgets, for Voilà and JupyterLab.

The public API, for notebooks a consultant adapts::

    from inkl_widgets import open_page

    page = open_page("step1")  # the workbook named in the page's address
    page.part("header")        # one part per cell: see ``Page.names``

Names are imported when first used, so importing the package costs nothing a page's start
does not need.
"""

from __future__ import annotations

import importlib

__all__ = ["PageContext", "bind", "open_page", "open_workbook", "show"]

_WHERE = {
    "PageContext": "inkl_widgets.widgets.binding",
    "bind": "inkl_widgets.widgets.binding",
    "open_page": "inkl_widgets.pages.app",
    "open_workbook": "inkl_widgets.pages.app",
    "show": "inkl_widgets.pages.app",
}


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'inkl_widgets' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
