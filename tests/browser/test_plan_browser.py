"""Steps 3 and 4 and the export page in the real app: keyboard-built plans, follow-up meetings,
the timeline, downloads and uploads."""

from __future__ import annotations

import copy
import json

import pytest
from msgspec.structs import replace
from playwright.sync_api import expect

from inkl_widgets.store.portable import import_backup, parse_backup, to_json
from inkl_widgets.widgets.backup import MAX_UPLOAD_BYTES

from ..harness import eventually
from .test_app_browser import field, open_page, ready

pytestmark = pytest.mark.browser


def test_three_rows_added_by_keyboard_survive_a_reload(app, page, danish):
    goal_column = danish.section("step3").element("plan").columns["goal"]
    workbook_id = app.store.create("Planen")
    open_page(page, app.url("03_handleplan.ipynb", workbook_id))
    add = page.get_by_role("button", name="Tilføj en række")
    for number in (1, 2, 3):
        add.focus()
        page.keyboard.press("Enter")
        goal = field(page, f"{goal_column}, række {number}")
        expect(goal).to_be_visible()
        goal.focus()
        page.keyboard.type(f"Mål nummer {number} – flere frivillige")
        page.keyboard.press("Tab")
        page.keyboard.type(f"Delmål {number}")
    expect(page.locator(".inkl-save")).to_contain_text("Gemt kl.")
    eventually(
        lambda: (
            [item.subgoals for _, item in app.store.load(workbook_id).visible_plan()]
            == [f"Delmål {number}" for number in (1, 2, 3)]
        )
    )
    page.reload()
    ready(page)
    for number in (1, 2, 3):
        expect(field(page, f"{goal_column}, række {number}")).to_have_value(
            f"Mål nummer {number} – flere frivillige"
        )
    goals = [item.goal for _, item in app.store.load(workbook_id).visible_plan()]
    assert goals == [f"Mål nummer {n} – flere frivillige" for n in (1, 2, 3)]


def test_a_follow_up_meeting_shows_in_the_history_and_the_timeline(app, page, demo):
    copy = replace(demo, id="opfoelgning", followups={})
    import_backup(app.store, copy)
    open_page(page, app.url("04_foelg_op.ipynb", "opfoelgning"))
    page.get_by_role("button", name="Begynd et nyt opfølgningsmøde").click()
    field(page, "1. Status fra den ansvarlige, punkt 1").select_option(label="Gået i stå")
    field(page, "1. Den ansvarliges kommentar, punkt 1").fill("Vi venter på kommunen")
    expect(page.locator(".inkl-save")).to_contain_text("Gemt kl.")
    eventually(lambda: app.store.load("opfoelgning").followups)
    history = page.locator(".inkl-followup-history")  # follows what is typed, unasked
    expect(history).to_contain_text("Vi venter på kommunen")
    expect(history.locator(".inkl-status-table")).to_contain_text("Gået i stå")
    timeline = history.locator('svg[role="img"]').first
    expect(timeline).to_be_visible()
    first_goal = app.store.load("opfoelgning").visible_plan()[0][1].goal
    assert first_goal.split()[0] in timeline.inner_html()

    def comments() -> list[str]:
        meetings = app.store.load("opfoelgning").followups
        return [m.items[next(iter(m.items))].comment for m in meetings.values()]

    eventually(lambda: comments() == ["Vi venter på kommunen"])


def test_step4_draws_its_pictures_once_the_page_is_on_screen(app, page):
    open_page(page, app.url("04_foelg_op.ipynb", app.demo_id))
    history = page.locator(".inkl-followup-history")
    expect(history.locator('figure.inkl-chart svg[role="img"]').first).to_be_visible()
    # the browser said so (the hidden signal), rather than the kernel's backstop timer
    assert history.locator(".inkl-report-shown input").input_value() == "shown"


def test_one_click_downloads_each_file_named_after_the_workbook(app, page, tmp_path):
    open_page(page, app.url("05_eksport.ipynb", app.demo_id))
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    with page.expect_download() as html_download:
        page.get_by_role("button", name="Hent arbejdsbogen som HTML").click()
    assert html_download.value.suggested_filename == "Velkommen-her-arbejdsbog.html"
    html = tmp_path / "report.html"
    html_download.value.save_as(html)
    assert '<html lang="da">' in html.read_text(encoding="utf-8")
    expect(page.get_by_text("Filen Velkommen-her-arbejdsbog.html er hentet.")).to_be_visible()
    with page.expect_download() as json_download:
        page.get_by_role("button", name="Hent en sikkerhedskopi").click()
    assert json_download.value.suggested_filename == "Velkommen-her-sikkerhedskopi.json"
    backup = tmp_path / "backup.json"
    json_download.value.save_as(backup)
    assert parse_backup(backup.read_bytes()) == app.store.load(app.demo_id)
    with page.expect_download() as plan_download:
        page.get_by_role("button", name="Hent planen som Excel-ark").click()
    assert plan_download.value.suggested_filename == "Velkommen-her-handleplan.xlsx"
    page.get_by_role("link", name="Hent filen igen").last.wait_for()
    assert len(downloads) == 3  # one file a click, never twice


def _choose_file(page, path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Vælg en sikkerhedskopi").click()
    chooser.value.set_files(str(path))


def test_uploading_a_backup_restores_it(app, page, demo, tmp_path):
    stored = replace(demo, id="gendannes")
    import_backup(app.store, stored)
    changed = copy.deepcopy(stored)
    changed.notes["step1"] = "Sådan så noterne ud i kopien"
    file = tmp_path / "kopi.json"
    file.write_text(to_json(changed), encoding="utf-8")
    open_page(page, app.url("05_eksport.ipynb", "gendannes"))
    _choose_file(page, file)
    expect(page.locator(".inkl-upload")).to_contain_text("sikkerhedskopi af Velkommen her")
    assert app.store.load("gendannes").notes["step1"] == demo.notes["step1"]
    # the upload button says what it does, without ipywidgets' count of chosen files, "(1)"
    expect(page.get_by_role("button", name="Vælg en sikkerhedskopi", exact=True)).to_be_visible()
    page.get_by_role("button", name="Gendan – erstat arbejdsbogen her med filens udgave").click()
    page.wait_for_url("**00_start.ipynb?workbook=gendannes")
    assert app.store.load("gendannes").notes["step1"] == "Sådan så noterne ud i kopien"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG not a backup at all", "ikke tekst i UTF-8"),
        (b" " * (MAX_UPLOAD_BYTES + 10), "for stor"),
        (
            json.dumps({"format": "inkl-workbook", "schema_version": 7, "workbook": {}}).encode(),
            "nyere udgave",
        ),
    ],
    ids=["corrupt", "oversized", "newer-schema"],
)
def test_bad_uploads_get_a_message_and_change_nothing(app, page, tmp_path, content, message):
    before = to_json(app.store.load(app.demo_id))
    file = tmp_path / "upload.json"
    file.write_bytes(content)
    open_page(page, app.url("05_eksport.ipynb", app.demo_id))
    _choose_file(page, file)
    expect(page.locator(".inkl-alert:visible")).to_contain_text(message)
    expect(page.get_by_role("button", name="Indlæs som ny arbejdsbog")).to_be_disabled()
    assert (
        to_json(app.store.load(app.demo_id)).split('"workbook"')[1] == before.split('"workbook"')[1]
    )
