"""The command line: each command works end to end on a real database; errors are one line."""

from __future__ import annotations

import json
import subprocess
import sys

from ..harness import ROOT


def inkl(*args: str, data_dir, lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "inkl_widgets.cli",
            "--data-dir",
            str(data_dir),
            "--lang",
            lang,
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_new_list_export_import_history(tmp_path, data_dir):
    created = inkl("new", "Foreningen <Æble>", data_dir=data_dir)
    assert created.returncode == 0, created.stderr
    workbook_id = created.stdout.strip().split()[-1].rstrip(".")
    listed = inkl("list", data_dir=data_dir)
    assert workbook_id in listed.stdout and "Foreningen <Æble>" in listed.stdout
    backup = tmp_path / "backup.json"
    assert inkl("export", workbook_id, "-o", str(backup), data_dir=data_dir).returncode == 0
    assert json.loads(backup.read_text(encoding="utf-8"))["workbook"]["name"] == "Foreningen <Æble>"
    imported = inkl("import", str(backup), "--as-new", data_dir=data_dir)
    assert imported.returncode == 0, imported.stderr
    assert len(inkl("list", data_dir=data_dir).stdout.strip().splitlines()) == 2
    history = inkl("history", workbook_id, "--field", "name", data_dir=data_dir)
    assert "Foreningen <Æble>" in history.stdout
    sequence = history.stdout.split()[0]
    restored = inkl("history", workbook_id, "--restore", sequence, data_dir=data_dir)
    assert restored.returncode == 0, restored.stderr


def test_history_names_who_made_each_change(data_dir, monkeypatch):
    monkeypatch.setenv("INKL_AUTHOR", "mette")
    created = inkl("new", "Foreningen", data_dir=data_dir)
    workbook_id = created.stdout.strip().split()[-1].rstrip(".")
    history = inkl("history", workbook_id, "--field", "name", data_dir=data_dir)
    assert history.stdout.split("\t")[3] == "mette"


def test_demo_is_loaded_once(data_dir):
    assert inkl("demo", data_dir=data_dir).returncode == 0
    assert inkl("demo", data_dir=data_dir).returncode == 0
    assert inkl("list", data_dir=data_dir).stdout.count("Velkommen her") == 1


def test_errors_are_one_line_in_the_chosen_language(tmp_path, data_dir):
    missing = inkl("export", "nope", data_dir=data_dir, lang="da")
    assert missing.returncode == 1
    assert missing.stderr.strip() == "Arbejdsbogen findes ikke."
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe not text")
    refused = inkl("import", str(bad), data_dir=data_dir)
    assert refused.returncode == 1
    assert refused.stderr.strip() == "The file is not UTF-8 text."
    assert inkl("list", data_dir=data_dir).stdout.strip() == "There are no workbooks yet."


def test_help_is_available_for_every_command(data_dir):
    for command in ("app", "list", "new", "export", "import", "history", "check-content", "demo"):
        result = inkl(command, "--help", data_dir=data_dir)
        assert result.returncode == 0 and "usage: inkl" in result.stdout


def test_a_certificate_https_cannot_use_is_one_line_and_starts_nothing(tmp_path, data_dir):
    not_pem = tmp_path / "cert.pem"
    not_pem.write_text("not a certificate")
    for certificate in (not_pem, tmp_path / "missing.pem"):
        refused = inkl("app", "--no-browser", "--certfile", str(certificate), data_dir=data_dir)
        assert refused.returncode == 1
        assert refused.stderr.startswith(f"HTTPS cannot use {certificate}: give a certificate")
        assert len(refused.stderr.strip().splitlines()) == 1


def test_a_public_address_people_cannot_open_is_one_line(data_dir):
    for url in ("inkl.example.org", "ftp://inkl.example.org", "https://"):
        command = ["app", "--share", "--host", "127.0.0.2", "--no-browser", "--public-url", url]
        refused = inkl(*command, data_dir=data_dir)
        assert refused.returncode == 1
        assert refused.stderr.strip() == (
            f"People cannot open {url}: give the address as https://name, "
            "with a port if it is not 443."
        )
