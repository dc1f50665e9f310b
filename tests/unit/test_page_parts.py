"""A page in parts, as the notebooks show it: each part is its own widget, stays the same
widget when the page is rebuilt in another language, and the package's API is small."""

from __future__ import annotations

import subprocess
import sys

import inkl_widgets
from inkl_widgets import open_page
from inkl_widgets.pages.address_page import AddressedPage
from inkl_widgets.pages.app import AddressUnknown, show


def test_a_step_page_has_its_parts_in_order_and_keeps_them_across_languages(
    store, demo_id, english
):
    page = open_page("step3", demo_id)
    assert page.names == ["header", "intro", "plan", "notes", "footer"]
    plan = page.part("plan")
    assert page.grid is not None and len(page.grid.df) == len(page.grid.rows) > 0
    page.switch_language("en")
    assert page.part("plan") is plan and page.grid in plan.children
    assert (
        "Action plan" in page.part("intro").children[0].value or page.ctx.content.language == "en"
    )


def test_a_page_waiting_for_its_address_fills_the_parts_it_was_asked_for(store, demo_id):
    waiting = show(AddressUnknown(store), "step1")
    assert isinstance(waiting, AddressedPage)
    header, questions = waiting.part("header"), waiting.part("questions")
    assert waiting.address in header.children and not questions.children
    waiting.address.value = f"?workbook={demo_id}"
    assert questions.children == (waiting.page.part("questions"),)


def test_the_public_api_is_small_and_importing_it_loads_no_widgets():
    assert sorted(inkl_widgets.__all__) == [
        "PageContext",
        "bind",
        "open_page",
        "open_workbook",
        "show",
    ]
    probe = "import sys, inkl_widgets; print('ipywidgets' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert loaded.stdout.strip() == "False"
