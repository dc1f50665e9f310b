"""The texts live in content files that a consultant can edit, extend and translate."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from inkl_widgets.content import ContentError, check_content, language_names, load_content
from inkl_widgets.resources import content_dir

from .conftest import ROOT


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
        "from inkl_widgets.content import load_content; from inkl_widgets import resources;"
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
