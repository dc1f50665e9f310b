"""The buttons beside contributions and ways are named by their tooltip (``NAMED_BY_TOOLTIP``),
so in both languages the tooltip must contain the button's visible text: someone who steers by
voice says what they see ("Stem") and must reach the button."""

from __future__ import annotations

import pytest

from inkl_widgets.content.loading import load_content

VISIBLE_AND_NAMED = [
    ("vote.give", "vote.give_to"),
    ("vote.take_back", "vote.take_back_to"),
    ("contribution.into_answer", "contribution.into_answer_of"),
    ("contribution.hide", "contribution.hide_of"),
    ("contribution.into_plan", "contribution.into_plan_of"),
    ("contribution.show_again", "contribution.show_again_of"),
    ("contribution.into_plan", "ways_vote.into_plan_of"),
]


@pytest.mark.parametrize("language", ["da", "en"])
def test_each_buttons_name_holds_its_visible_text_and_its_item(language):
    t = load_content(language).t
    for visible, named in VISIBLE_AND_NAMED:
        name = t(named, text="Rummelig kultur", way="Rummelig kultur")
        assert t(visible).lower() in name.lower() and "Rummelig kultur" in name, named
