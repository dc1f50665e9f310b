"""Every notebook runs top to bottom headless, as JupyterLab or Voilà would run it."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from inkl_widgets.content.resources import notebooks_dir
from inkl_widgets.server.launch import ensure_demo
from inkl_widgets.widgets.address import PAGES

pytestmark = pytest.mark.notebooks

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.mark.parametrize("notebook", [*PAGES.values(), "07_deltag.ipynb"])  # 07: phones
def test_notebook_runs_and_shows_its_page(notebook, store, monkeypatch):
    workbook_id = ensure_demo(store)
    monkeypatch.setenv("QUERY_STRING", f"workbook={workbook_id}")
    path = notebooks_dir() / notebook
    nb = nbformat.read(path, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert len(code) <= 6, "a few short cells (Voilà spends ~20 ms on each); logic in the package"
    assert all(len(cell.source.splitlines()) <= 5 for cell in code)
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    assert all(WIDGET_VIEW in cell.outputs[-1].data for cell in code)  # each shows its part
