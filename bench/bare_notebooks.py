"""The baseline pages: two bare Voilà notebooks, each one Textarea and a link to the other.

They are served by the same Voilà server as the app's notebooks, with the same options and the
same kernel pools, so whatever an app page costs beyond a bare page is the app's own cost and
not Voilà's.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

BARE_A = "bare_a.ipynb"
BARE_B = "bare_b.ipynb"
TEXTAREA = ".jupyter-widgets textarea"
LINK = "a.bare-next"


def write_bare_notebooks(folder: Path, kernelspec: dict) -> None:
    """Write ``bare_a`` and ``bare_b`` into ``folder``, each linking to the other.

    Parameters
    ----------
    kernelspec
        The app notebooks' kernelspec, so both kinds of page start the same kernel.
    """
    for name, other in ((BARE_A, BARE_B), (BARE_B, BARE_A)):
        notebook = nbformat.v4.new_notebook(metadata={"kernelspec": kernelspec})
        notebook.cells = [
            nbformat.v4.new_markdown_cell(f'<a class="bare-next" href="{other}">{other}</a>'),
            nbformat.v4.new_code_cell("import ipywidgets\n\nipywidgets.Textarea()"),
        ]
        nbformat.write(notebook, folder / name)
