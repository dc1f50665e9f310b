"""Organisations on a shared PostgreSQL database: a role and a schema each, set up by an admin.

An organisation's role owns one schema named like itself, which PostgreSQL's default search
path (``"$user", public``) makes the home of its tables; no other role is granted any right on
it. So a connection as one organisation cannot read or write another's rows, whatever ids it
sends: the database refuses, not the app.
"""

from __future__ import annotations

import re

import psycopg
from psycopg import sql

ORGANISATION_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")


def add_organisation(admin_url: str, name: str, password: str | None = None) -> None:
    """Create the role ``name`` (which may log in, with ``password`` if given) and its schema.

    ``admin_url`` is a connection allowed to create roles; the organisation's own address is
    then ``postgresql://name:password@host/database``.
    """
    if not ORGANISATION_NAME.fullmatch(name):
        raise ValueError(f"an organisation's name is {ORGANISATION_NAME.pattern}, not {name!r}")
    role = sql.Identifier(name)
    with psycopg.connect(admin_url, autocommit=True) as admin, admin.transaction():
        admin.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(role, sql.Literal(password))
        )
        admin.execute(sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(role, role))
        admin.execute(sql.SQL("REVOKE ALL ON SCHEMA {} FROM PUBLIC").format(role))
