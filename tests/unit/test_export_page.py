"""The export page: the report and backup links, and restoring a backup only on request."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import re

import pytest

from inkl_widgets.pages.app import open_workbook, show
from inkl_widgets.pages.export import ReportDownload
from inkl_widgets.store.portable import import_backup, parse_backup, to_json
from inkl_widgets.widgets.backup import MAX_UPLOAD_BYTES, BackupBar, BackupUpload

from .test_pages import walk
from .test_store import _dump


def _link_bytes(html: str, extension: str) -> bytes:
    found = re.search(rf'download="[^"]+\.{extension}"[^>]* href="data:[^;]+;base64,([^"]+)"', html)
    assert found, html[:300]
    return base64.b64decode(found.group(1))


def _one(page, kind):
    return next(w for w in walk(page) if isinstance(w, kind))


def _upload(upload, data: bytes) -> None:
    """What ipywidgets hands the kernel when a file is chosen in the browser."""
    upload.value = (
        {
            "name": "kopi.json",
            "type": "application/json",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime.now(dt.UTC),
        },
    )


@pytest.fixture
def workbook_id(store, demo):
    return import_backup(store, demo)


def test_one_click_makes_the_report_of_the_whole_workbook(store, workbook_id, demo):
    page = show(open_workbook(workbook_id), "export")
    report = _one(page, ReportDownload)
    report.download.buttons[0].click()
    status = report.download.status.value
    assert "data-inkl-download" in status  # the page's script clicks it: the file downloads
    assert "Filen Velkommen-her-arbejdsbog.html er hentet." in status
    html = _link_bytes(status, "html").decode("utf-8")
    assert '<html lang="da">' in html and demo.answers["step1.q1.1"][:30] in html


def test_every_page_offers_a_backup_in_one_click(store, workbook_id):
    for name in ("start", "step1", "step2", "step3", "step4", "export"):
        bar = _one(show(open_workbook(workbook_id), name), BackupBar)
        bar.buttons[0].click()
        assert parse_backup(_link_bytes(bar.status.value, "json")) == store.load(workbook_id)


def test_binder_sessions_get_a_note_beside_the_backup(store, workbook_id, monkeypatch):
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")
    bar = _one(show(open_workbook(workbook_id), "step1"), BackupBar)
    assert "ti minutter" in bar.children[0].value


def test_upload_restores_only_after_the_choice(store, workbook_id, demo):
    changed = copy.deepcopy(demo)
    changed.notes["step1"] = "Fra sikkerhedskopien"
    ctx = open_workbook(workbook_id)
    upload = _one(show(ctx, "export"), BackupUpload)
    _upload(upload.upload, to_json(changed).encode("utf-8"))
    assert "Velkommen her" in upload.summary.value
    assert store.load(workbook_id).notes["step1"] == demo.notes["step1"]
    upload.restore.click()
    assert store.load(workbook_id).notes["step1"] == "Fra sikkerhedskopien"


def test_upload_as_new_keeps_the_existing_workbook(store, workbook_id, demo):
    upload = _one(show(open_workbook(workbook_id), "export"), BackupUpload)
    _upload(upload.upload, to_json(demo).encode("utf-8"))
    upload.as_new.click()
    assert len(store.list()) == 2


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"{not json", "ikke gyldig JSON"),
        (b" " * (MAX_UPLOAD_BYTES + 1), "for stor"),
        (json.dumps({"format": "inkl-workbook", "schema_version": 99}).encode(), "nyere udgave"),
    ],
)
def test_bad_uploads_get_a_message_and_change_nothing(store, workbook_id, data, words):
    ctx = open_workbook(workbook_id)
    upload = _one(show(ctx, "export"), BackupUpload)
    before = _dump(store)
    _upload(upload.upload, data)
    assert words in ctx.alerts.value
    assert upload.restore.disabled and upload.as_new.disabled
    assert _dump(store) == before
