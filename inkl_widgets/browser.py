"""Small things only the browser can do, asked for from the kernel: the page's language and
title, moving to another page, and fetching the tree page once so that Voilà's request-forgery
cookie exists (without it the kernel shutdown on leaving the page is refused and kernels pile
up; see the stack notes)."""

from __future__ import annotations

import json

import ipywidgets as widgets
from IPython.display import Javascript, display


class BrowserBridge(widgets.Output):
    """An invisible output area that runs short scripts in the page."""

    def __init__(self):
        super().__init__(layout=widgets.Layout(height="0px", overflow="hidden"))

    def run(self, script: str) -> None:
        self.clear_output()
        with self:
            display(Javascript(script))

    def settle_page(self, language: str, title: str) -> None:
        """Declare the page's language and title, and make sure the xsrf cookie is set."""
        self.run(
            f"document.documentElement.lang = {json.dumps(language)};"
            f"document.title = {json.dumps(title)};"
            "if (!document.cookie.includes('_xsrf=')) {"
            "  const base = document.body.dataset.baseUrl || '/voila/';"
            "  fetch(base + 'tree', {credentials: 'same-origin'}).catch(() => {});"
            "}"
        )

    def go_to(self, relative_url: str) -> None:
        self.run(f"window.location.assign({json.dumps(relative_url)});")
