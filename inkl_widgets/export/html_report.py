"""The HTML export: the report notebook converted by nbconvert with the project's own template.

The template (``templates/inkl_report``) extends nbconvert's ``basic`` template, which links no
CDN, and adds a page of its own: the language, a Content-Security-Policy that forbids scripts,
and a print stylesheet. Installing the package puts the template in Jupyter's shared folder,
so ``jupyter nbconvert`` makes the same file from a notebook of
:func:`~inkl_widgets.export.report.report_notebook`::

    jupyter nbconvert --to html --template inkl_report rapport.ipynb
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from inkl_widgets.content.loading import Content
from inkl_widgets.export.report import report_notebook
from inkl_widgets.model.workbook import Workbook

if TYPE_CHECKING:
    from nbformat import NotebookNode

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "inkl_report"


def template_path() -> Path:
    """The folder holding the report template, for nbconvert's ``extra_template_basedirs``."""
    return TEMPLATES


def export_html(workbook: Workbook, content: Content, include_texts: bool = False) -> str:
    """The filled workbook as one self-contained HTML page, safe to mail and to open offline.

    Parameters
    ----------
    include_texts
        Also show each step's tips, facts and examples; by default a board gets its answers.
    """
    return notebook_html(report_notebook(workbook, content, include_texts))


def notebook_html(notebook: NotebookNode) -> str:
    """A report notebook as its HTML page, e.g. one written by ``inkl export --to notebook``."""
    html, _ = _exporter().from_notebook_node(notebook)
    return html


@cache
def _exporter():
    # nbconvert takes a second to import: only an export pays that, and only once.
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(template_path())],
        exclude_input=True,
    )
