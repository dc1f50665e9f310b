"""Numbers and dates in the page's language: plural forms from the content files, dates as a
Dane (or the English page) writes them, read back from what a person types."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import yaml

from inkl_widgets.content.loading import check_content, load_content
from inkl_widgets.content.locale import format_day, parse_day, plural_form
from inkl_widgets.content.resources import content_dir
from inkl_widgets.widgets.binding import bind
from inkl_widgets.widgets.date_field import DateField


@pytest.mark.parametrize(
    ("count", "danish_text", "english_text"),
    [
        (0, "0 punkter i planen", "0 items in the plan"),
        (1, "1 punkt i planen", "1 item in the plan"),
        (2, "2 punkter i planen", "2 items in the plan"),
    ],
)
def test_counts_take_the_plural_form_of_the_language(
    danish, english, count, danish_text, english_text
):
    assert danish.t("progress.rows", count=count) == danish_text
    assert english.t("progress.rows", count=count) == english_text


def test_meetings_and_backups_are_counted_in_words(danish, english):
    assert danish.t("progress.meetings", count=1) == "1 opfølgningsmøde"
    assert english.t("progress.meetings", count=1) == "1 follow-up meeting"
    assert english.t("count.answers", count=1) == "1 answer"


def _content_copy(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(content_dir(), folder)
    return folder


def _edit_ui(file, change) -> None:
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_check_content_names_a_plural_form_a_language_lacks(tmp_path):
    folder = _content_copy(tmp_path)
    _edit_ui(folder / "en" / "ui.yaml", lambda ui: ui["progress.rows"].pop("one"))
    problems = check_content(folder)
    assert any("key 'progress.rows': a plural message needs the forms" in p for p in problems)


def test_a_language_with_more_plural_forms_needs_them_all(tmp_path):
    """Polish has four forms: a message with English's two is reported, with four it is sound."""
    folder = _content_copy(tmp_path)
    shutil.copytree(folder / "en", folder / "pl")
    wb = folder / "pl" / "workbook.yaml"
    wb.write_text(wb.read_text(encoding="utf-8").replace("language: en", "language: pl", 1))

    def polish(ui) -> None:
        ui["locale"] = "pl_PL"

    _edit_ui(folder / "pl" / "ui.yaml", polish)
    problems = check_content(folder)
    assert any("pl/ui.yaml: key 'progress.rows': a plural message" in p for p in problems)

    def four_forms(ui) -> None:
        for key, value in ui.items():
            if isinstance(value, dict):
                ui[key] = {form: value["other"] for form in ("one", "few", "many", "other")}

    _edit_ui(folder / "pl" / "ui.yaml", four_forms)
    assert check_content(folder) == []
    assert load_content("pl", folder).t("progress.rows", count=5) == "5 items in the plan"


def test_dates_are_written_as_the_language_writes_them(danish, english):
    day = dt.date(2027, 3, 10)
    assert format_day(day, danish) == "10. marts 2027"
    assert format_day(day, english) == "10 March 2027"


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_cached_cldr_data_writes_what_babel_writes(language):
    """Pages format from the content cache's copy of CLDR; Babel itself must agree, every day
    of a year and every count the copy holds."""
    from babel.core import Locale
    from babel.dates import format_date

    content = load_content(language)
    babel = Locale.parse(content.locale)
    for offset in range(366):
        day = dt.date(2028, 1, 1) + dt.timedelta(days=offset)
        assert format_day(day, content) == format_date(day, "long", locale=babel)
    for count in range(250):
        assert plural_form(content, count) == babel.plural_form(count)


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("10.3.2027", "da"),
        ("10/3/2027", "en"),
        ("10-03-2027", "da"),
        ("2027-03-10", "en"),
        ("10. marts 2027", "da"),
        ("10. mar. 2027", "da"),
        ("10 March 2027", "en"),
        ("March 10, 2027", "en"),
    ],
)
def test_dates_are_read_as_people_type_them(typed, language):
    assert parse_day(typed, load_content(language)) == dt.date(2027, 3, 10)


@pytest.mark.parametrize("typed", ["31.2.2027", "10 marts", "i morgen", "10. maj marts 2027"])
def test_what_is_no_date_is_not_read_as_one(typed, danish):
    assert parse_day(typed, danish) is None


def test_a_date_field_saves_what_it_reads_and_refuses_the_rest(ctx, store, demo_id):
    path = "followups/f2/next_meeting"
    field = bind(DateField(ctx, "Dato for næste opfølgning"), ctx, path)
    assert field.text.value == "2. februar 2027"  # the demo's stored 2027-02-02
    field.text.value = "10.3.2027"
    ctx.session.flush()
    assert store.load(demo_id).followups["f2"].next_meeting == "2027-03-10"
    assert field.text.value == "10. marts 2027"  # shown as understood
    field.text.value = "32.3.2027"
    ctx.session.flush()
    assert store.load(demo_id).followups["f2"].next_meeting == "2027-03-10"  # nothing saved
    assert "»32.3.2027« kan ikke læses som en dato" in field.message.value
    assert 'role="alert"' in field.message.value
    field.text.value = ""
    ctx.session.flush()
    assert store.load(demo_id).followups["f2"].next_meeting == ""
    assert field.message.value == ""
