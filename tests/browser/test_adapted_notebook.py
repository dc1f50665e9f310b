"""A consultant's copy of a step notebook — a section dropped, a Markdown cell of their own
added — still saves the answers typed into it."""

from __future__ import annotations

import os
import shutil
import subprocess

import nbformat
import pytest
from playwright.sync_api import expect

from inkl_widgets.content.resources import notebooks_dir
from inkl_widgets.server.launch import ensure_demo, voila_command, wait_for_port
from inkl_widgets.store.database import open_store

from ..harness import eventually, free_port

pytestmark = pytest.mark.browser

WELCOME = "Velkommen til Foreningen Æblehavens bestyrelsesmøde"


def adapted(folder) -> str:
    """Step 1 without its notes, and with a welcome of the client's own under the header."""
    nb = nbformat.read(folder / "01_beskriv_praksis.ipynb", as_version=4)
    nb.cells = [cell for cell in nb.cells if 'page.part("notes")' not in cell.source]
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(f"## {WELCOME}"))
    nbformat.write(nb, folder / "01_vores_udgave.ipynb")
    return "01_vores_udgave.ipynb"


@pytest.fixture
def consultant_app(tmp_path):
    """Voilà as ``inkl app`` starts it, serving a copy of the notebooks with the adapted one."""
    folder = tmp_path / "notebooks"
    shutil.copytree(notebooks_dir(), folder)
    notebook = adapted(folder)
    data_dir = tmp_path / "data"
    store = open_store(data_dir)
    workbook_id = ensure_demo(store)
    port = free_port()
    command = [
        str(folder) if part == str(notebooks_dir()) else part for part in voila_command(port)
    ]
    with open(tmp_path / "voila.log", "w") as log:
        server = subprocess.Popen(
            command,
            env={**os.environ, "INKL_DATA_DIR": str(data_dir)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            assert wait_for_port(port, timeout=90), "Voilà did not start"
            url = f"http://127.0.0.1:{port}/voila/render/{notebook}?workbook={workbook_id}"
            yield url, store, workbook_id
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_an_adapted_step_notebook_shows_its_own_cell_and_saves_answers(
    consultant_app, page, danish
):
    url, store, workbook_id = consultant_app
    page.goto(url, wait_until="commit")
    page.wait_for_selector(".inkl-page .inkl-stepper", state="visible")
    expect(page.get_by_role("heading", name=WELCOME)).to_be_visible()
    notes = danish.section("step1").element("notes")
    expect(page.get_by_label(notes.label, exact=True)).to_have_count(0)  # the dropped section
    expect(page.locator("a.inkl-next")).to_be_visible()  # the footer still leads on

    question = danish.question_groups("step1")[0].questions[0]
    page.get_by_label(question.text, exact=True).fill("Skrevet i vores egen udgave")
    eventually(
        lambda: store.load(workbook_id).answers.get(question.id) == "Skrevet i vores egen udgave"
    )
