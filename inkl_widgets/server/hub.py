"""Behind JupyterHub: each change in the history names the hub user who made it.

An organisation's server is one hub user's, but board members reach it as themselves. Voilà
starts a page's kernel from the request, yet passes the kernel nothing of who sent it; its
``prelaunch_hook`` sees the request before the notebook runs. The hook puts one line in front
of the notebook that sets ``INKL_AUTHOR``, which ``open_store`` signs every change with. The name
comes from the hub's login (``current_user``), never from the address or headers a browser sends.
"""

from __future__ import annotations

import nbformat


def hub_user_name(request_handler) -> str:
    """The logged-in hub user's name, or "" when no one is logged in (the laptop path)."""
    user = request_handler.current_user
    if isinstance(user, dict):
        return str(user.get("name", ""))
    return str(getattr(user, "username", "") or "")


def sign_changes_with_hub_user(request_handler, notebook, cwd):
    """Voilà's ``prelaunch_hook``: the notebook, run as the user who asked for it."""
    name = hub_user_name(request_handler)
    if not name:
        return notebook
    line = f"import os; os.environ['INKL_AUTHOR'] = {name!r}"
    notebook.cells.insert(0, nbformat.v4.new_code_cell(line))
    return notebook
