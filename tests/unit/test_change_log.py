"""Who changed what, in the app: the latest changes name the person who made each."""

from __future__ import annotations

from html import escape

import pytest

from inkl_widgets.widgets.change_log import RecentChanges

pytestmark = pytest.mark.both_engines


def _latest_row(ctx) -> str:
    changes = RecentChanges(ctx)
    changes.show.click()
    return changes.table.value.split("<tbody><tr>")[1].split("</tr>")[0]


def test_the_latest_change_names_its_question_and_who_made_it(ctx, danish):
    ctx.session.store.author = "mette"
    question = danish.question_groups("step2")[0].questions[0]
    ctx.session.edit(f"answers/{question.id}", "Mettes svar")
    row = _latest_row(ctx)
    assert escape(question.text) in row and "<td>mette</td>" in row


def test_a_change_where_no_one_logged_in_says_so(ctx, danish):
    ctx.session.store.author = ""
    ctx.session.edit("notes/step1", "Skrevet på en bærbar")
    assert f"<td>{danish.t('change_log.unknown')}</td>" in _latest_row(ctx)
