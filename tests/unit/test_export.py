"""The HTML export: complete, self-contained, inert whatever the group typed, and the same file
whichever way nbconvert is run."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from itertools import pairwise

import nbformat
from msgspec.structs import replace

from inkl_widgets.cli import main as inkl
from inkl_widgets.content.loading import Content
from inkl_widgets.content.model import Plan
from inkl_widgets.export.html_report import export_html, notebook_html
from inkl_widgets.export.report import report_notebook
from inkl_widgets.model.workbook import FollowUpEntry, FollowUpMeeting, OwnQuestion, PlanItem

from ..harness import ROOT

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">klik</a>',
    "</script>",
    "{{7*7}}",
    "$x$",
)
HOSTILE = " ".join(PAYLOADS)
LINES = "\n".join(PAYLOADS)
_PLAN_TEXTS = ("focus", "goal", "subgoals", "roles")


class Page(HTMLParser):
    """What a browser would see: the elements with their attributes, the text, the headings."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.headings: list[int] = []
        self.chunks: list[str] = []
        self.title = ""
        self._in: list[str] = []
        self.feed(html)
        self.close()
        self.text = " ".join(" ".join(self.chunks).split())

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self._in.append(tag)

    def handle_endtag(self, tag):
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data):
        if self._in and self._in[-1] == "title":
            self.title += data
        elif not self._in or self._in[-1] != "style":
            self.chunks.append(data)

    def tags(self, name: str) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.elements if tag == name]

    def has(self, text: str) -> bool:
        return " ".join(text.split()) in self.text


def assert_inert_and_offline(page: Page) -> None:
    """No script runs and nothing is fetched from another host."""
    assert page.tags("script") == []
    for tag, attrs in page.elements:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("src", "href", "action", "srcset", "poster", "data", "formaction"):
            value = attrs.get(name, "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "javascript:")), (tag, attrs)
            assert not value or value.startswith("data:image/"), (tag, attrs)
    csp = [
        m["content"] for m in page.tags("meta") if m.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp and csp[0].startswith("default-src 'none';") and "script-src" not in csp[0]


def test_demo_export_holds_every_answer_note_plan_row_and_follow_up(demo, danish):
    page = Page(export_html(demo, danish))
    assert page.tags("html")[0]["lang"] == "da"
    assert_inert_and_offline(page)
    assert page.title.startswith(demo.name)
    written = [*demo.answers.values(), *demo.notes.values(), demo.meeting.participants]
    written += [text for q in demo.own_questions.values() for text in (q.question, q.answer)]
    for item in demo.plan.values():
        written += [item.goal, item.roles, *item.subgoals.splitlines(), *item.actions.splitlines()]
    for meeting in demo.followups.values():
        for entry in meeting.items.values():
            written += [entry.comment, entry.additions, entry.next_goal]
    for text in written:
        for paragraph in text.split("\n\n"):
            assert page.has(paragraph), paragraph[:60]
    assert page.has(danish.t("plan.week", week=39, year=2026))
    assert page.has(danish.t("plan.status.stuck"))
    assert "Socialstyrelsen" in page.text and "Rambøll" in page.text


def test_the_outline_is_one_title_then_steps_and_tables_have_header_cells(demo, danish):
    page = Page(export_html(demo, danish, include_texts=True))
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in pairwise(page.headings))
    plan = next(e for e in danish.section("step3").elements if isinstance(e, Plan))
    header_cells = page.tags("th")
    assert len(header_cells) == len(plan.columns) and all(
        th["scope"] == "col" for th in header_cells
    )
    assert len(page.tags("tr")) == 1 + len(demo.visible_plan())
    assert_inert_and_offline(page)


def test_step_texts_are_left_out_unless_asked_for(demo, danish):
    tip = danish.section("step1").element("tip")
    assert not Page(export_html(demo, danish)).has(tip.title)
    assert Page(export_html(demo, danish, include_texts=True)).has(tip.title)


def test_an_empty_workbook_marks_each_unanswered_question(store, english):
    workbook = store.load(store.create("Forening"))
    page = Page(export_html(replace(workbook, language="en"), english))
    assert page.tags("html")[0]["lang"] == "en"
    questions = sum(len(english.question_ids(step.id)) for step in english.steps)
    assert page.text.count(english.t("export.unanswered")) == questions
    assert page.has(english.t("export.no_plan")) and page.has(english.t("export.no_followups"))


def _hostile_workbook(demo):
    entry = FollowUpEntry(comment=HOSTILE, additions=HOSTILE, next_goal=HOSTILE)
    return replace(
        demo,
        name=HOSTILE,
        answers={**demo.answers, "step1.q1.1": HOSTILE},
        notes={**demo.notes, "step2": HOSTILE},
        meeting=replace(demo.meeting, participants=HOSTILE),
        own_questions={"x1": OwnQuestion(group="step1.q1", question=HOSTILE, answer=HOSTILE)},
        plan={"h1": PlanItem(**dict.fromkeys(_PLAN_TEXTS, HOSTILE), actions=LINES)},
        followups={"f9": FollowUpMeeting(date="2026-05-01", items={"h1": entry})},
    )


def _hostile_content(content: Content) -> Content:
    """Content whose plan columns and interface words are payloads, as a careless edit could."""
    plan = content.section("step3").element("plan")
    hostile_plan = replace(plan, columns=dict.fromkeys(plan.columns, HOSTILE))
    sections = [
        replace(s, elements=[hostile_plan if e is plan else e for e in s.elements])
        for s in content.texts.sections
    ]
    texts = replace(content.texts, sections=sections)
    return Content(texts=texts, ui={**content.ui, "export.notes": HOSTILE, "app.title": HOSTILE})


def test_payloads_anywhere_show_as_text_and_run_nothing(demo, danish):
    html = export_html(_hostile_workbook(demo), _hostile_content(danish), include_texts=True)
    page = Page(html)
    assert_inert_and_offline(page)
    for payload in PAYLOADS:
        assert page.text.count(payload) >= 10, payload
        assert payload in page.title


def test_the_timeline_picture_is_embedded_as_an_inert_image(demo, danish):
    """The real chart of a plan whose words are payloads: an image, never markup of the page."""
    hostile = _hostile_workbook(demo)
    timed = replace(hostile.plan["h1"], time="2026-W39")  # on the chart, with its payloads
    page = Page(export_html(replace(hostile, plan={"h1": timed}), danish))
    pictures = [img for img in page.tags("img") if img["src"].startswith("data:image/svg+xml")]
    assert len(pictures) == 1 and pictures[0]["alt"] == danish.t("export.timeline")
    assert_inert_and_offline(page)


def test_report_notebook_is_valid_and_holds_no_code(demo, danish):
    notebook = report_notebook(demo, danish)
    nbformat.validate(notebook)
    assert notebook.metadata.inkl.language == "da"
    assert all(cell.cell_type == "code" and not cell.source for cell in notebook.cells)
    assert [cell.id for cell in notebook.cells][2:6] == ["step1", "step2", "step3", "step4"]


def test_cli_and_jupyter_nbconvert_write_the_same_page(tmp_path, data_dir, store, demo):
    store.write_whole(demo, origin="import")
    report, page = tmp_path / "report.ipynb", tmp_path / "cli.html"
    assert inkl(["export", demo.id, "--to", "notebook", "-o", str(report)]) == 0
    assert inkl(["export", demo.id, "--to", "html", "-o", str(page)]) == 0
    assert_inert_and_offline(Page(page.read_text(encoding="utf-8")))
    command = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", str(report)]
    converted = subprocess.run(
        [*command, "--template", "inkl_report"],  # installed where Jupyter looks: no other option
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert converted.returncode == 0, converted.stderr
    expected = notebook_html(nbformat.read(report, as_version=4))
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == expected


def test_the_wheel_ships_the_report_template(tmp_path):
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run([*command, "-w", str(tmp_path), str(ROOT)], check=True)
    with zipfile.ZipFile(next(tmp_path.glob("inkl-*.whl"))) as wheel:
        names = set(wheel.namelist())
    shared = "inkl-0.1.0.data/data/share/jupyter/nbconvert/templates/inkl_report"
    for name in ("conf.json", "index.html.j2", "report.css"):
        assert f"inkl_widgets/export/templates/inkl_report/{name}" in names
        assert f"{shared}/{name}" in names
