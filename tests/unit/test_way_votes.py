"""Step 2's vote on the five ways in, without a kernel: each phone's few votes, the projector's
order, a way becoming a plan row's focus, votes kept with their history, older workbooks and
backups still loading, and the room's priority in the report."""

from __future__ import annotations

import json

from inkl_widgets.domain.contributions import new_vote, vote_counts
from inkl_widgets.domain.meeting_screens import meeting_screens
from inkl_widgets.domain.way_votes import WAY_VOTES_EACH, WAYS_SCREEN, way_counts
from inkl_widgets.export.report import report_notebook
from inkl_widgets.model.fields import field_path
from inkl_widgets.pages.participant import ParticipantPage
from inkl_widgets.store.portable import parse_backup, to_json
from inkl_widgets.store.session import WorkbookSession
from inkl_widgets.widgets.binding import PageContext
from inkl_widgets.widgets.way_votes import WayVotes


def phone_on_ways(ctx) -> ParticipantPage:
    phone_ctx = PageContext(WorkbookSession(ctx.store, ctx.session.id), ctx.content, ctx.store)
    phone_ctx.session.edit(field_path("meeting_run", "screen"), WAYS_SCREEN)
    return ParticipantPage(phone_ctx)


def row_of(ways: WayVotes, label: str):
    return next(row for row in ways.list.children if label in row.children[0].value)


def test_step_2_has_a_screen_for_the_five_ways_after_its_question_groups(danish):
    ids = [screen.id for screen in meeting_screens(danish)]
    last_group = danish.question_groups("step2")[-1].id
    assert ids.index(WAYS_SCREEN) == ids.index(last_group) + 1
    assert ids.index(WAYS_SCREEN) < ids.index("step2.notes")


def test_a_phone_shows_the_five_ways_and_has_two_votes_to_give(ctx, store, demo_id, danish):
    page = phone_on_ways(ctx)
    assert page.ways in page.children and page.form not in page.children
    labels = [way.label for way in danish.ways]
    shown = [row.children[0].value for row in page.ways.list.children]
    assert len(shown) == 5 and all(label in text for label, text in zip(labels, shown, strict=True))
    assert danish.ways[0].text in shown[0]
    assert f"2 af {WAY_VOTES_EACH}" in page.ways.note.value
    for label in labels[:2]:
        row_of(page.ways, label).children[1].click()
    assert f"0 af {WAY_VOTES_EACH}" in page.ways.note.value
    third = row_of(page.ways, labels[2]).children[1]
    assert third.disabled
    third.click()  # a click that arrives anyway (a forged message) gives no third vote
    assert way_counts(store.load(demo_id)) == {"way.flexible": 1, "way.culture": 1}
    taken_back = row_of(page.ways, labels[0]).children[1]
    assert taken_back.description == "Tag stemmen tilbage"
    taken_back.click()
    assert f"1 af {WAY_VOTES_EACH}" in page.ways.note.value and not third.disabled
    stored = store.load(demo_id)
    assert way_counts(stored) == {"way.culture": 1}
    assert vote_counts(stored) == {}  # votes for ways are not votes for contributions
    [withdrawn] = [vote_id for vote_id, vote in stored.votes.items() if vote.withdrawn]
    paths = {change.path for change in store.history(demo_id)}
    assert {field_path("votes", withdrawn, name) for name in ("way", "voter", "withdrawn")} <= (
        paths
    )


def test_the_projector_orders_the_ways_by_votes_as_they_arrive(ctx, store, demo_id, danish):
    projector = WayVotes(ctx)
    phones = [phone_on_ways(ctx) for _ in range(3)]
    for phone in phones:
        row_of(phone.ways, "Fysiske rammer").children[1].click()
    row_of(phones[0].ways, "Relevante samarbejdspartnere").children[1].click()
    ctx.session.poll()
    projector.refresh()
    order = [row.children[0].value for row in projector.list.children]
    assert "Fysiske rammer" in order[0] and "(3 stemmer)" in order[0]
    assert "Relevante samarbejdspartnere" in order[1] and "(1 stemme)" in order[1]
    assert "Fleksibel organisering" in order[2] and "(0 stemmer)" in order[2]  # ties: content order


def test_a_way_becomes_a_plan_row_with_the_way_as_its_focus(ctx, store, demo_id):
    projector = WayVotes(ctx)
    rows_before = store.load(demo_id).visible_plan()
    assert "way.flexible" not in {item.focus for _key, item in rows_before}
    assert "i handleplanen" not in row_of(projector, "Fleksibel organisering").children[0].value
    plan_button = row_of(projector, "Fleksibel organisering").children[1]
    assert plan_button.description == "Til handleplanen"
    plan_button.click()
    plan = store.load(demo_id).visible_plan()
    assert len(plan) == len(rows_before) + 1
    assert plan[-1][1].focus == "way.flexible" and plan[-1][1].goal == ""
    assert "i handleplanen" in row_of(projector, "Fleksibel organisering").children[0].value
    row_of(projector, "Rummelig kultur").children[1].click()  # a way can hold several goals
    assert len(store.load(demo_id).visible_plan()) == len(rows_before) + 2


def test_older_votes_and_backups_without_a_way_still_load(ctx, store, demo_id, demo):
    old = json.loads(to_json(demo))
    old["workbook"]["votes"] = {"v1": {"contribution": "c1", "voter": "p1", "withdrawn": False}}
    loaded = parse_backup(json.dumps(old).encode())
    assert loaded.votes["v1"].way == "" and vote_counts(loaded) == {"c1": 1}
    ctx.session.edit_many(new_vote("c1", "p1"))  # stored as before: no way field written
    ctx.session.flush()
    assert vote_counts(store.load(demo_id)) == {"c1": 1}
    phone = phone_on_ways(ctx)
    row_of(phone.ways, "Rummelig kultur").children[1].click()
    phone.ctx.session.flush()
    again = parse_backup(to_json(store.load(demo_id)).encode())
    assert way_counts(again) == {"way.culture": 1} and vote_counts(again) == {"c1": 1}


def test_the_report_shows_the_rooms_priority_only_when_the_room_voted(ctx, store, demo_id, danish):
    def report(workbook) -> str:
        return "".join(
            cell.outputs[0]["data"]["text/html"] for cell in report_notebook(workbook, danish).cells
        )

    assert "Mødets prioritering" not in report(store.load(demo_id))
    phone = phone_on_ways(ctx)
    for label in ("Kompetencer til støtte", "Rummelig kultur"):
        row_of(phone.ways, label).children[1].click()
    phone.ctx.session.flush()
    html = report(store.load(demo_id))
    assert "Mødets prioritering af de fem veje" in html
    priority = html[html.index("Mødets prioritering") :]
    assert priority.index("Rummelig kultur: 1 stemme") < priority.index("Fleksibel organisering")
