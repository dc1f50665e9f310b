"""The texts live in content files that a consultant can edit, extend and translate."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from inkl_widgets.content.loading import ContentError, check_content, language_names, load_content
from inkl_widgets.content.resources import content_dir

from ..harness import ROOT


def _copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content_dir(), target)
    return target


def _edit(file: Path, change) -> None:
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _section(data, section_id):
    return next(s for s in data["sections"] if s["id"] == section_id)


def test_shipped_content_is_sound():
    assert check_content(content_dir()) == []


def test_every_brief_element_is_present_in_both_languages(danish, english):
    for content in (danish, english):
        assert [s.name for s in content.steps] and all(s.name for s in content.steps)
        assert len(content.question_ids("step1")) == 9
        assert len(content.question_ids("step2")) == 9
        assert [w.id for w in content.ways] == [
            "way.flexible",
            "way.culture",
            "way.competences",
            "way.settings",
            "way.partners",
        ]
    assert danish.steps[0].name == "Beskriv praksis"
    assert english.steps[3].name == "Follow up and adjust"
    assert danish.question_ids("step1") == english.question_ids("step1")


def test_ui_texts_fill_their_placeholders(danish, english):
    assert "Velkommen her" in danish.t("cli.created", name="Velkommen her", id="x")
    assert english.t("error.too_long", field="notes/step1").startswith("The text in notes/step1")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: _section(d, "step1")["elements"].pop(0), "id 'step1.lead': missing"),
        (
            lambda d: _section(d, "step2")["elements"][0].update(id="step1.lead"),
            "id 'step1.lead': used 2 times",
        ),
        (
            lambda d: _section(d, "step1")["elements"][3]["groups"][1].update(questions=[]),
            "id 'step1.q2': questions: needs at least 1 item",
        ),
        (
            lambda d: _section(d, "step1")["elements"][1]["items"].pop(),
            "id 'step1.tip': items: needs at least 3 items",
        ),
    ],
)
def test_broken_english_file_names_file_id_and_problem(tmp_path, change, expected):
    folder = _copy_content(tmp_path)
    _edit(folder / "en" / "workbook.yaml", change)
    problems = check_content(folder)
    assert problems, "a broken file must be reported"
    assert any(str(folder / "en" / "workbook.yaml") in p and expected in p for p in problems), (
        problems
    )
    with pytest.raises(ContentError):
        load_content("en", folder)


def test_missing_ui_key_is_reported(tmp_path):
    folder = _copy_content(tmp_path)
    _edit(folder / "en" / "ui.yaml", lambda d: d.pop("error.not_json"))
    assert any("key 'error.not_json': missing" in p for p in check_content(folder))


def test_consultant_rewords_and_adds_a_question_in_every_language(tmp_path, monkeypatch):
    folder = _copy_content(tmp_path)
    for language in ("da", "en"):

        def reword(data):
            group = _section(data, "step1")["elements"][3]["groups"][0]
            group["questions"][0]["text"] = "Hvad er vigtigst for jer?"
            group["questions"].append({"id": "step1.q1.4", "text": "Hvem mangler vi?"})

        _edit(folder / language / "workbook.yaml", reword)
    monkeypatch.setenv("INKL_CONTENT_DIR", str(folder))
    content = load_content("en")
    assert content.question_ids("step1")[3] == "step1.q1.4"
    assert content.question_groups("step1")[0].questions[0].text == "Hvad er vigtigst for jer?"


def test_a_third_language_is_a_copied_folder(tmp_path):
    folder = _copy_content(tmp_path)
    shutil.copytree(folder / "en", folder / "sv")

    def swedish(data) -> None:
        del data["language_name"]  # written last this time, after every nested section
        data.update(language="sv", language_name="Svenska")

    _edit(folder / "sv" / "workbook.yaml", swedish)
    assert check_content(folder) == []
    assert load_content("sv", folder).texts.language_name == "Svenska"
    assert language_names(folder) == [("Dansk", "da"), ("English", "en"), ("Svenska", "sv")]


def test_check_content_command_reports_and_exits_non_zero(tmp_path):
    folder = _copy_content(tmp_path)
    ok = subprocess.run(
        [sys.executable, "-m", "inkl_widgets.cli", "check-content", str(folder)],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    _edit(folder / "da" / "workbook.yaml", lambda d: _section(d, "step3")["elements"].pop(2))
    broken = subprocess.run(
        [sys.executable, "-m", "inkl_widgets.cli", "check-content", str(folder)],
        capture_output=True,
        text=True,
    )
    assert broken.returncode == 1
    assert "step3.plan" in broken.stderr


def test_built_package_finds_its_texts_from_another_folder(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
            str(ROOT),
        ],
        check=True,
    )
    unpacked = tmp_path / "site"
    with zipfile.ZipFile(next(wheel_dir.glob("inkl-*.whl"))) as wheel:
        wheel.extractall(unpacked)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "from inkl_widgets.content.loading import load_content;"
        " from inkl_widgets.content import resources;"
        "print(load_content('en').steps[0].name, resources.notebooks_dir().name,"
        " resources.voila_config_dir().name)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(unpacked), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Describe", "practice", "_notebooks", "_voila"]


# ---- the content cache: a page reads a language without YAML or Markdown work ----------------

PAGE_LOAD = """
import json, sys
from pathlib import Path
from inkl_widgets.content.loading import load_content
from inkl_widgets.content.markup import element_html
content = load_content(sys.argv[1], Path(sys.argv[2]))
print(json.dumps({
    "question": content.question_groups("step1")[0].questions[0].text,
    "cards": [element_html(e, content) for s in content.texts.sections for e in s.elements],
    "parsed_again": [name for name in ("yaml", "mistune") if name in sys.modules],
}))
"""


def _load_in_new_process(folder: Path, language: str, cache: Path) -> dict:
    """Load a language as a page's fresh kernel does, with its own content cache folder."""
    done = subprocess.run(
        [sys.executable, "-c", PAGE_LOAD, language, str(folder)],
        env={**os.environ, "INKL_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_second_page_reads_the_language_from_the_cache_as_it_was(tmp_path, language):
    folder, cache = _copy_content(tmp_path), tmp_path / "cache"
    first = _load_in_new_process(folder, language, cache)
    second = _load_in_new_process(folder, language, cache)
    assert first["parsed_again"] == ["yaml", "mistune"]
    assert second["parsed_again"] == []
    assert second == {**first, "parsed_again": []}


def test_an_edited_content_file_is_read_again(tmp_path):
    folder, cache = _copy_content(tmp_path), tmp_path / "cache"
    _load_in_new_process(folder, "en", cache)

    def reword(data):
        _section(data, "step1")["elements"][3]["groups"][0]["questions"][0]["text"] = "Who?"

    _edit(folder / "da" / "workbook.yaml", reword)  # English is checked against Danish
    assert _load_in_new_process(folder, "da", cache)["question"] == "Who?"
    _edit(folder / "en" / "workbook.yaml", reword)
    english = _load_in_new_process(folder, "en", cache)
    assert english["question"] == "Who?" and english["parsed_again"] == ["yaml", "mistune"]


def test_a_broken_or_foreign_cache_file_is_read_past(tmp_path):
    folder, cache = _copy_content(tmp_path), tmp_path / "cache"
    expected = _load_in_new_process(folder, "da", cache)
    (cached,) = cache.iterdir()
    for damage in (b"", b"{not json", cached.read_bytes().replace(b'"sources"', b'"other"')):
        cached.write_bytes(damage)
        assert _load_in_new_process(folder, "da", cache) == expected
        assert _load_in_new_process(folder, "da", cache)["parsed_again"] == []


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path):
    folder, blocked = _copy_content(tmp_path), tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    first = _load_in_new_process(folder, "da", blocked)
    assert _load_in_new_process(folder, "da", blocked) == first
    assert first["question"] and first["parsed_again"] == ["yaml", "mistune"]
