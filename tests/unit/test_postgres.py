"""PostgreSQL as the store of many organisations: each kept apart by the database itself,
changes pushed to listeners, and a dropped connection survived."""

from __future__ import annotations

import secrets

import psycopg
import pytest

from inkl_widgets.model.errors import WorkbookError
from inkl_widgets.store.database import open_store


@pytest.fixture
def organisation(postgres):
    """A new organisation's address, each time it is called."""
    return lambda: postgres.new_organisation(f"org_{secrets.token_hex(5)}")


def test_one_organisation_cannot_read_or_write_anothers_workbooks(organisation):
    a, b = open_store(organisation()), open_store(organisation())
    workbook_id = a.create("Foreningen A")
    a.set_field(workbook_id, "notes/step1", "kun for A")
    (change,) = a.history(workbook_id, path="notes/step1")
    refusals = {
        "load": lambda: b.load(workbook_id),
        "write": lambda: b.set_field(workbook_id, "notes/step1", "fra B"),
        "history": lambda: b.history(workbook_id),
        "restore": lambda: b.restore(workbook_id, change.sequence),
    }
    for attempt in refusals.values():
        with pytest.raises(WorkbookError):
            attempt()
    assert b.list() == []
    assert a.load(workbook_id).notes["step1"] == "kun for A"


def test_the_database_refuses_another_organisations_tables_whatever_the_sql(organisation):
    a_url, b_url = organisation(), organisation()
    open_store(a_url).create("Foreningen A")
    a_schema = a_url.split("://")[1].split("@")[0]
    with psycopg.connect(b_url, autocommit=True) as b:
        for query in (
            f"SELECT * FROM {a_schema}.fields",
            f"UPDATE {a_schema}.fields SET value = '\"B\"'",
            f"SET search_path = {a_schema}; SELECT * FROM workbooks",
        ):
            with pytest.raises(psycopg.errors.Error):
                b.execute(query)


def test_a_commit_wakes_the_listeners_of_its_organisation_only(organisation):
    a_url, b_url = organisation(), organisation()
    a_watcher, b_watcher = open_store(a_url).watch(), open_store(b_url).watch()
    workbook_id = open_store(a_url).create("Foreningen A")
    assert a_watcher.wait(timeout=5) == {workbook_id}
    assert b_watcher.wait(timeout=0.2) == set()
    a_watcher.close()
    b_watcher.close()


def test_a_dropped_connection_costs_one_refused_write_and_then_saving_goes_on(
    organisation, postgres
):
    store = open_store(organisation())
    workbook_id = store.create("Foreningen A")
    watcher = store.watch()
    with psycopg.connect(postgres.url(), autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
            (store.url.split("://")[1].split("@")[0],),
        )
    with pytest.raises(WorkbookError) as refused:
        store.set_field(workbook_id, "notes/step1", "under genstart")
    assert refused.value.key == "storage_failed"
    store.set_field(workbook_id, "notes/step1", "efter genstart")
    assert store.load(workbook_id).notes["step1"] == "efter genstart"
    with pytest.raises(WorkbookError):  # a listener learns it must listen again
        watcher.wait(timeout=1)
