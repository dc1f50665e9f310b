"""Participant links in the store: one workbook each, an expiry, revoked all at once, never kept
in clear; and ``inkl link`` printing and revoking them."""

from __future__ import annotations

import datetime as dt

import pytest

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.store.participant_links import issue_link, revoke_links, workbook_of_link
from inkl_widgets.store.sharing import remember_address

from .test_cli import inkl


@pytest.mark.both_engines
def test_a_link_opens_its_workbook_until_it_expires(store, engine):
    first, second = store.create("Én"), store.create("To")
    token = issue_link(store, first, hours=2)
    assert workbook_of_link(store, token) == first
    assert workbook_of_link(store, issue_link(store, second)) == second
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2, minutes=1)
    assert workbook_of_link(store, token, now=later) is None
    assert workbook_of_link(store, token + "x") is None
    assert workbook_of_link(store, "") is None


@pytest.mark.both_engines
def test_revoking_ends_every_link_of_one_workbook_only(store, engine):
    first, second = store.create("Én"), store.create("To")
    tokens = [issue_link(store, first) for _ in range(3)]
    other = issue_link(store, second)
    assert revoke_links(store, first) == 3
    assert [workbook_of_link(store, token) for token in tokens] == [None, None, None]
    assert workbook_of_link(store, other) == second


def test_links_are_stored_only_as_hashes(store, data_dir):
    token = issue_link(store, store.create("Én"))
    assert token.encode() not in (data_dir / "inkl.sqlite3").read_bytes()


def test_a_link_needs_a_workbook_and_a_sensible_lifetime(store):
    with pytest.raises(WorkbookError):
        issue_link(store, "no-such-workbook")
    with pytest.raises(ValueError):
        issue_link(store, store.create("Én"), hours=0)


@pytest.mark.both_engines
def test_inkl_link_prints_a_link_to_the_sharing_server_and_revoke_ends_it(store, data_dir, engine):
    """In the pages' store, also with ``--data-dir`` given while the workbooks are on
    PostgreSQL; the sharing server's address comes from the data folder either way."""
    workbook_id = store.create("Én")
    remember_address(data_dir, "http://192.168.1.20:8866")
    printed = inkl("link", workbook_id, "--hours", "3", data_dir=data_dir)
    assert printed.returncode == 0, printed.stderr
    link = printed.stdout.strip()
    assert link.startswith("http://192.168.1.20:8866/inkl/join/")
    assert workbook_of_link(store, link.rsplit("/", 1)[1]) == workbook_id
    revoked = inkl("link", workbook_id, "--revoke", data_dir=data_dir)
    assert revoked.returncode == 0 and revoked.stdout.startswith("1 participant")
    assert workbook_of_link(store, link.rsplit("/", 1)[1]) is None
    refused = inkl("link", "nope", data_dir=data_dir)
    assert refused.returncode != 0 and "no such workbook" in refused.stderr
    assert "Traceback" not in refused.stderr
