"""The few facts of the original tool that the texts must keep while they are reworded.

Consultants may rewrite any sentence; these are the points a rewording once lost: the tool's
purpose, that the questions are suggestions, the study behind the tool, one name for the five
ways in, and Danish quotation marks.
"""

from __future__ import annotations

import json
import re

import msgspec
import pytest

from inkl_widgets.content.loading import Content
from inkl_widgets.content.markup import element_html
from inkl_widgets.content.resources import demo_dir

STUDY_TITLE = "Inklusion af borgere i udsatte positioner i frivillige fællesskaber"
# Where the original says "read more in the study": roles and community types, the five
# traits, motivation, competences and physical settings, flexible organisation.
POINTING_TO_THE_STUDY = {
    "step1": ["step1.fact", "step1.ways"],
    "step2": ["step2.fact.communities", "step2.fact.competences"],
    "step4": ["step4.fact.flexible"],
}
THE_STUDY = {"da": "undersøgelsen bag arbejdsbogen", "en": "study behind this workbook"}


def _body(content: Content, section_id: str, element_id: str) -> str:
    section = content.section(section_id)
    return next(e.body for e in section.elements if e.id == element_id)


def _strings(value) -> list[str]:
    """Every string in nested lists and dicts (values only, not keys)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _all_texts(content: Content) -> list[str]:
    return _strings(msgspec.to_builtins(content.texts)) + list(content.ui.values())


def _demo_texts() -> list[str]:
    return _strings(json.loads((demo_dir() / "velkommen-her.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("da", ["strategiske ledelse", "systematisk", "målrettet", "inklusion"]),
        ("en", ["strategic leadership", "systematic", "purposeful", "inclusion"]),
    ],
)
def test_the_usage_introduction_states_the_tools_purpose(language, words, danish, english):
    content = {"da": danish, "en": english}[language]
    purpose = _body(content, "usage", "usage.meetings")
    assert [w for w in words if w not in purpose] == [], purpose


@pytest.mark.parametrize(
    ("language", "suggestion", "own"),
    [("da", "er forslag", "jeres egne"), ("en", "are suggestions", "your own")],
)
@pytest.mark.parametrize("step_id", ["step1", "step2"])
def test_the_questions_are_introduced_as_suggestions_with_room_for_own(
    language, suggestion, own, step_id, danish, english
):
    content = {"da": danish, "en": english}[language]
    section = content.section(step_id)
    lead = _body(content, step_id, f"{step_id}.lead")
    assert suggestion in lead and own in lead, lead
    kinds = [e.kind for e in section.elements]
    assert kinds.index("text") < kinds.index("questions"), "said before the questions begin"


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_credits_list_the_study_and_the_survey(language, danish, english):
    content = {"da": danish, "en": english}[language]
    credits = _body(content, "credits", "credits.source")
    for reference in (
        STUDY_TITLE,
        "Rambøll Management Consulting for Socialstyrelsen (2020)",
        "socialstyrelsen.dk",
        "2017",
    ):
        assert reference in credits, reference
    html = "".join(element_html(e, content) for e in content.section("credits").elements)
    assert "<a " not in html and "://" not in html, "the export must load and link nothing"


@pytest.mark.parametrize("language", ["da", "en"])
def test_facts_point_to_the_study_where_the_original_does(language, danish, english):
    content = {"da": danish, "en": english}[language]
    for section_id, element_ids in POINTING_TO_THE_STUDY.items():
        for element_id in element_ids:
            body = _body(content, section_id, element_id)
            assert THE_STUDY[language] in body.lower() and "2020" in body, element_id


def test_one_danish_term_for_the_five_ways_in(danish):
    texts = _all_texts(danish) + _demo_texts()
    assert [t for t in texts if re.search(r"\bfem\s+indgange\b", t, re.IGNORECASE)] == []
    ways = danish.section("step1").element("ways")
    assert "fem veje" in ways.title.lower()
    assert "fem veje" in danish.t("plan.placeholder.focus")
    assert any("fem veje" in t for t in _demo_texts()), "the demo names them too"


def test_one_english_term_for_the_five_ways_in(english):
    texts = _all_texts(english)
    assert [t for t in texts if re.search(r"\bfive (entry points|ways to)\b", t)] == []
    assert "five ways in" in english.section("step1").element("ways").title.lower()
    assert "five ways in" in english.t("plan.placeholder.focus")


def test_danish_texts_use_danish_quotation_marks(danish):
    straight = [t for t in _all_texts(danish) + _demo_texts() if '"' in t]
    assert straight == []
