"""JupyterHub for inkl: one server per organisation, its board members let in by a role.

The hub user named like an organisation owns that organisation's server; board members log in
as themselves, belong to the group ``<organisation>-members``, and a role gives that group
access to the server (and the right to start it). Anyone else gets 403 there. The landing page
is the app's start page, served by Voilà; servers idle for an hour are stopped by the idle
culler. Who may log in at all is the authenticator's business (``allowed_users`` below, or the
hub's own settings); inside the app everyone let in is a participant.

Organisations and members come from a JSON file (``INKL_ORGANISATIONS``, by default
``/etc/inkl/organisations.json``; see ``organisations.example.json``)::

    {"frivilligcentret": {"members": ["mette", "jonas"],
                          "database_url": "postgresql://frivilligcentret:...@db/inkl"}}

Without ``database_url`` the organisation's server keeps SQLite in its own data folder.
"""

import json
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it reads this file

START_PAGE = "/voila/render/00_start.ipynb"
IDLE_CULL_SECONDS = 3600

ORGANISATIONS = json.loads(
    Path(os.environ.get("INKL_ORGANISATIONS", "/etc/inkl/organisations.json")).read_text()
)


def members_group(organisation: str) -> str:
    return f"{organisation}-members"


def organisation_of(user_name: str) -> str | None:
    """The organisation a hub user works for: itself, or the one listing it as a member."""
    if user_name in ORGANISATIONS:
        return user_name
    for organisation, settings in ORGANISATIONS.items():
        if user_name in settings.get("members", []):
            return organisation
    return None


def landing_page(handler) -> str:
    """After login: the organisation's server (started on the way if it is not running)."""
    organisation = organisation_of(handler.current_user.name)
    return f"/hub/spawn/{organisation}" if organisation else "/hub/home"


def prepare_organisation_server(spawner) -> None:
    """Before a server starts: only organisations have one (a board member opens the
    organisation's, never one of their own), with the organisation's database."""
    settings = ORGANISATIONS.get(spawner.user.name)
    if settings is None:
        from tornado.web import HTTPError

        raise HTTPError(403)
    if settings.get("database_url"):
        spawner.environment["INKL_DATABASE_URL"] = settings["database_url"]


def configured(section, name: str, empty):
    """What another config file (Zero to JupyterHub's own) already set, to add to it."""
    return section.get(name, empty)


c.JupyterHub.load_groups = configured(c.JupyterHub, "load_groups", {}) | {
    members_group(organisation): {"users": settings.get("members", [])}
    for organisation, settings in ORGANISATIONS.items()
}
c.JupyterHub.load_roles = configured(c.JupyterHub, "load_roles", []) + [
    {
        "name": members_group(organisation),
        "groups": [members_group(organisation)],
        "scopes": [f"access:servers!user={organisation}", f"servers!user={organisation}"],
    }
    for organisation in ORGANISATIONS
]
c.Authenticator.allowed_users = set(ORGANISATIONS) | {
    member for settings in ORGANISATIONS.values() for member in settings.get("members", [])
}
c.JupyterHub.default_url = landing_page
c.Spawner.pre_spawn_hook = prepare_organisation_server
c.Spawner.default_url = START_PAGE

services = configured(c.JupyterHub, "services", [])
if not any("cull" in service.get("name", "") for service in services):  # Z2JH brings its own
    c.JupyterHub.services = [
        *services,
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                f"--timeout={IDLE_CULL_SECONDS}",
            ],
        },
    ]
    c.JupyterHub.load_roles.append(
        {
            "name": "idle-culler",
            "services": ["idle-culler"],
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        }
    )
