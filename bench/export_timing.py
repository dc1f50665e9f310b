"""The HTML export of the demo workbook against nbconvert's floor, both in this process.

The floor is nbconvert's ``HTMLExporter`` with the ``basic`` template (the one the report template
extends) converting a plain notebook of 40 Markdown cells: what any nbconvert export of a
workbook-sized document costs. Both exporters are warmed first, so imports and template
compilation are left out, and the two are timed alternately.
"""

from __future__ import annotations

import time

import nbformat

from inkl_widgets.content.loading import load_content
from inkl_widgets.content.resources import demo_dir
from inkl_widgets.export.html_report import export_html
from inkl_widgets.server.launch import DEMO_FILE
from inkl_widgets.store.portable import parse_backup

FLOOR_CELLS = 40
FLOOR_CELL = """## Afsnit {number}

Vi vil gerne have flere med som frivillige, og derfor taler bestyrelsen om, hvordan nye bliver
taget godt imod. *Det tager tid*, og **det er vigtigt**, at nogen har ansvaret.

- Hvem tager imod?
- Hvornår taler vi om det igen?
- Hvad har vi lært?
"""


def markdown_notebook(cells: int = FLOOR_CELLS) -> nbformat.NotebookNode:
    """A plain notebook of Markdown cells, each a heading, a paragraph and a short list."""
    return nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell(FLOOR_CELL.format(number=n)) for n in range(cells)]
    )


def export_timings(rounds: int) -> tuple[list[float], list[float]]:
    """Seconds per export of the demo workbook, and per conversion of the floor notebook."""
    from nbconvert import HTMLExporter

    demo = parse_backup((demo_dir() / DEMO_FILE).read_bytes())
    content = load_content(demo.language)
    floor_notebook = markdown_notebook()
    floor = HTMLExporter(template_name="basic")
    export_html(demo, content)
    floor.from_notebook_node(floor_notebook)
    exports, floors = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        export_html(demo, content)
        exports.append(time.perf_counter() - started)
        started = time.perf_counter()
        floor.from_notebook_node(floor_notebook)
        floors.append(time.perf_counter() - started)
    return exports, floors
