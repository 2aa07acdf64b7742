"""The reviewer corrects the claim list: a selection added as a claim (c), a claim dismissed
as not check-worthy and restored (delete), both in the event log, undoable, exported with
their claim_status. Scores are the extractor's, which changes: every expectation about
which claims pass the threshold is read from the store, never written down here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk.extract import THRESHOLD, claim_at
from factdesk.extract.claims import MAX_CLAIM_CHARS
from factdesk.importer import import_paths
from factdesk.models import FactdeskError, QueueFilter, Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen
from tests.helpers import export_rows

ANN, BOB = "ann", "bob"
SIZE = (120, 40)
LONG = "The convoy passed the gate " + "and went on " * 90 + "to the harbour."
ARTICLE = (
    "Mike Pompeo Visits Brussels\n\n"
    "Mike Pompeo spoke in Brussels on Monday.\n\n"
    "Pompeo said that 40 people were held in 2020, and the talks failed. We hope the weather"
    " improves soon. He claimed that the embassy closed in May 2019.\n\n"
    "Port officials reported that cargo volumes fell by 12 percent last year. It is a lovely"
    " harbour.\n\n" + LONG + "\n"
)


@pytest.fixture
def desk(store: Store, tmp_path: Path) -> Store:
    path = tmp_path / "brussels.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    import_paths(store, [path])
    return store


def text_of(store: Store) -> str:
    return store.article(1).text


def screen(app: FactdeskApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def current(app: FactdeskApp) -> int:
    claim = screen(app).claim
    assert claim is not None
    return claim.id


def in_text_order(store: Store, ids: list[int]) -> bool:
    places = [(store.claim(i).start, store.claim(i).end) for i in ids]
    return places == sorted(places)


def below_threshold(store: Store) -> int:
    """A stored candidate below the default threshold ("We hope …" scores low under any
    sensible scorer), read from the store."""
    low = [c for c in store.claims(min_score=None) if c.score < THRESHOLD and not c.added]
    assert low, "the test article should have a candidate below the threshold"
    return low[0].id


# -- the extractor's entry point --------------------------------------------------------


def test_claim_at_finds_speaker_and_verb_as_extraction_does() -> None:
    start = ARTICLE.index("Pompeo said")
    end = ARTICLE.index(", and the talks")
    found = claim_at(ARTICLE, start, end)
    assert (found.start, found.end, found.text) == (start, end, ARTICLE[start:end])
    assert (found.speaker, found.verb) == ("Mike Pompeo", "said")  # the surname resolved
    start = ARTICLE.index("He claimed")
    found = claim_at(ARTICLE, start, ARTICLE.index(" in May 2019"))
    assert (found.speaker, found.verb) == ("Mike Pompeo", "claimed")  # the pronoun too
    assert 0 <= found.score <= 1
    with pytest.raises(ValueError):
        claim_at(ARTICLE, 5, 5)
    start = ARTICLE.index(LONG)
    with pytest.raises(ValueError, match=str(MAX_CLAIM_CHARS)):
        claim_at(ARTICLE, start, start + MAX_CLAIM_CHARS + 1)


# -- the store ------------------------------------------------------------------------


def test_an_added_claim_is_stored_logged_and_undone(desk: Store) -> None:
    text = text_of(desk)
    start, end = text.index("40 people were held"), text.index(", and the talks")
    before = list(desk.queue_ids(ANN))
    added = desk.add_claim(1, ANN, start, end, text[start:end])
    assert added.outcome == "new"
    claim = desk.claim(added.claim_id)
    assert (claim.start, claim.end, claim.text, claim.origin) == (
        start,
        end,
        "40 people were held in 2020",
        "reviewer",
    )
    assert text[claim.start : claim.end] == claim.text
    ids = list(desk.queue_ids(ANN))
    assert sorted(ids) == sorted([*before, added.claim_id]) and in_text_order(desk, ids)
    assert added.claim_id in desk.queue_ids(BOB, min_score=1.0)  # added: any threshold
    [event] = desk.events(ANN)
    assert (event["action"], event["claim_id"]) == ("claim_add", None)
    assert json.loads(event["after"])["claim"]["id"] == added.claim_id
    desk.save_position(ANN, added.claim_id)

    undone = desk.undo(ANN)
    assert undone is not None and not undone.conflict and undone.action == "claim_add"
    assert desk.conn.execute(
        "SELECT count(*) FROM claims WHERE id = ?", (added.claim_id,)
    ).fetchone() == (0,)
    assert list(desk.queue_ids(ANN)) == before
    assert [(e["action"], e["claim_id"]) for e in desk.events(ANN)][-1] == ("undo", None)
    assert desk.undo(ANN) is None


def test_adding_refuses_bad_spans(desk: Store) -> None:
    text = text_of(desk)
    start = text.index("40 people")
    with pytest.raises(FactdeskError, match="does not match"):
        desk.add_claim(1, ANN, start, start + 9, "40 PEOPLE")
    with pytest.raises(FactdeskError, match="spaces"):
        desk.add_claim(1, ANN, start - 1, start + 9, text[start - 1 : start + 9])
    long_start = text.index(LONG)
    with pytest.raises(FactdeskError, match="at most"):
        desk.add_claim(1, ANN, long_start, long_start + len(LONG), LONG)
    assert list(desk.events(ANN)) == []


def test_undoing_an_add_others_worked_on_keeps_it_for_them_dismissed_for_you(
    desk: Store,
) -> None:
    text = text_of(desk)
    start, end = text.index("cargo volumes"), text.index(" by 12 percent")
    added = desk.add_claim(1, ANN, start, end, text[start:end])
    desk.set_verdict(added.claim_id, BOB, Verdict.DISPUTED)
    undone = desk.undo(ANN)
    assert undone is not None and not undone.conflict and "bob worked on" in undone.reason
    assert desk.claim(added.claim_id).origin == "reviewer"
    assert desk.review(added.claim_id, BOB).verdict is Verdict.DISPUTED
    assert added.claim_id in desk.queue_ids(BOB) and added.claim_id not in desk.queue_ids(ANN)
    assert desk.undo(ANN) is None  # done with, not stuck


def test_undoing_an_add_after_own_undone_work_dismisses_it(desk: Store) -> None:
    text = text_of(desk)
    start, end = text.index("cargo volumes"), text.index(" by 12 percent")
    added = desk.add_claim(1, ANN, start, end, text[start:end])
    desk.set_verdict(added.claim_id, ANN, Verdict.EVIDENCED)
    assert desk.undo(ANN) is not None  # the verdict
    undone = desk.undo(ANN)  # the add: the log refers to the claim, so the row stays
    assert undone is not None and not undone.conflict and "dismissed" in undone.reason
    assert desk.is_dismissed(added.claim_id, ANN)
    assert added.claim_id not in desk.queue_ids(ANN)
    assert desk.undo(ANN) is None  # nothing left, and nothing stuck


def test_a_candidate_below_the_threshold_is_revealed_and_hidden_again(desk: Store) -> None:
    low = desk.claim(below_threshold(desk))
    assert low.id not in desk.queue_ids(ANN)
    added = desk.add_claim(1, ANN, low.start, low.end, low.text)
    assert (added.claim_id, added.outcome) == (low.id, "revealed")
    assert desk.claim(low.id).origin == "reviewer" and low.id in desk.queue_ids(ANN)
    [event] = desk.events(ANN)
    assert (event["action"], event["claim_id"]) == ("claim_add", low.id)
    assert desk.undo(ANN) is not None
    assert desk.claim(low.id).origin == "extractor" and low.id not in desk.queue_ids(ANN)
    claim_id = desk.queue_ids(ANN)[0]  # a claim in the queue: nothing to do
    visible = desk.claim(claim_id)
    again = desk.add_claim(1, ANN, visible.start, visible.end, visible.text)
    assert again.outcome == "existing" and again.claim_id == claim_id


def test_dismissing_leaves_the_queue_progress_and_export(desk: Store) -> None:
    ids = list(desk.queue_ids(ANN))
    first, second = ids[0], ids[1]
    desk.set_verdict(first, ANN, Verdict.EVIDENCED)
    desk.set_verdict(first, BOB, Verdict.DISPUTED)
    assert desk.progress(ANN).judged == 1
    assert desk.set_dismissed(first, ANN, True)
    assert list(desk.queue_ids(ANN)) == ids[1:]
    assert list(desk.queue_ids(ANN, QueueFilter.DISMISSED)) == [first]
    assert list(desk.queue_ids(BOB)) == ids  # one reviewer's dismissal
    progress = desk.progress(ANN)
    assert (progress.judged, progress.total) == (0, len(ids) - 1)
    low = below_threshold(desk)
    desk.set_dismissed(low, BOB, True)  # a candidate below the threshold, no work
    rows = {(r["claim_id"], r["reviewer"]): r for r in export_rows(desk)}
    assert list(rows) == [(str(first), BOB)]  # ann's verdict on it is not exported
    every = {(r["claim_id"], r["reviewer"]): r for r in export_rows(desk, every_claim=True)}
    assert every[(str(first), ANN)]["claim_status"] == "dismissed"
    assert every[(str(first), BOB)]["claim_status"] == "extracted"
    assert every[(str(low), BOB)]["claim_status"] == "dismissed"
    assert every[(str(second), "")]["claim_status"] == "extracted"
    assert not desk.set_dismissed(first, ANN, False)
    assert list(desk.queue_ids(ANN)) == ids
    assert [e["action"] for e in desk.events(ANN)] == ["verdict", "dismiss", "restore"]
    assert desk.undo(ANN) is not None and desk.is_dismissed(first, ANN)
    assert desk.undo(ANN) is not None and not desk.is_dismissed(first, ANN)


def test_work_never_leaves_the_queue_when_the_threshold_rises(desk: Store) -> None:
    low = below_threshold(desk)
    assert low not in desk.queue_ids(ANN)
    assert low in desk.queue_ids(ANN, min_score=0.0)
    desk.set_flag(low, ANN, True)
    assert low in desk.queue_ids(ANN) and low in desk.queue_ids(ANN, min_score=1.0)
    assert low not in desk.queue_ids(BOB)
    desk.set_flag(low, ANN, False)  # no work left on it: it goes below the line again
    assert low not in desk.queue_ids(ANN)


def test_a_new_version_keeps_added_and_dismissed_claims(desk: Store, tmp_path: Path) -> None:
    text = text_of(desk)
    start, end = text.index("cargo volumes"), text.index(" by 12 percent")
    added = desk.add_claim(1, ANN, start, end, text[start:end])
    dismissed = desk.queue_ids(ANN)[0]
    dismissed_text = desk.claim(dismissed).text
    desk.set_dismissed(dismissed, ANN, True)
    (tmp_path / "brussels.txt").write_text("Update: one line added.\n\n" + ARTICLE, "utf-8")
    import_paths(desk, [tmp_path / "brussels.txt"])
    new = desk.article(2).text
    [kept] = [c for c in desk.claims(article_id=2) if c.origin == "reviewer"]
    assert kept.text == "cargo volumes fell" and new[kept.start : kept.end] == kept.text
    assert kept.id != added.claim_id and kept.id in desk.queue_ids(ANN)
    [gone] = desk.queue_ids(ANN, QueueFilter.DISMISSED)
    assert desk.claim(gone).text == dismissed_text and desk.claim(gone).article_id == 2


# -- the desk ---------------------------------------------------------------------------


async def test_c_adds_the_selection_by_keyboard_and_ctrl_z_takes_it_back(desk: Store) -> None:
    before = list(desk.queue_ids(ANN))
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        first = desk.claim(current(app))
        word = first.text.split(" ")[0]
        await pilot.press("c")
        assert "Nothing selected" in screen(app).message
        await pilot.press("v", *["shift+right"] * (len(word) + 1), "c")  # with the space after
        added = current(app)
        claim = desk.claim(added)
        assert added not in before and claim.origin == "reviewer"
        assert (claim.start, claim.end, claim.text) == (first.start, first.start + len(word), word)
        assert screen(app).message == f"Added claim {added} ({claim.start}–{claim.end})"
        ids = list(screen(app).queue.ids)
        assert ids == list(desk.queue_ids(ANN)) and in_text_order(desk, ids)
        assert ids.index(added) == ids.index(first.id) - 1  # same start, shorter: before it
        assert str(screen(app).progress) == f"0 of {len(before) + 1} judged"
        await pilot.press("ctrl+z")
        assert screen(app).message == f"Undid adding claim {added}"
        assert list(screen(app).queue.ids) == before
        assert current(app) == first.id
        assert (
            desk.conn.execute("SELECT count(*) FROM claims WHERE id = ?", (added,)).fetchone()[0]
            == 0
        )
    assert [(e["action"], e["claim_id"]) for e in desk.events(ANN)] == [
        ("claim_add", None),
        ("undo", None),
    ]


async def test_c_places_a_claim_in_text_order_and_explains_existing_ones(desk: Store) -> None:
    text = text_of(desk)
    start, end = text.index("40 people were held"), text.index(", and the talks")
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        view = screen(app).article_view
        view.select_offsets(start - 1, end)  # with the space before it
        await pilot.press("c")
        added = current(app)
        assert desk.claim(added).text == "40 people were held in 2020"
        ids = list(screen(app).queue.ids)
        assert in_text_order(desk, ids) and added in ids
        # No reporting verb in the span itself: the sentence's attribution ("Pompeo said
        # that …", the surname resolved), as the extractor gives it.
        assert (desk.claim(added).speaker, desk.claim(added).verb) == ("Mike Pompeo", "said")

        low = desk.claim(below_threshold(desk))
        view.select_offsets(low.start, low.end)
        await pilot.press("c")
        assert current(app) == low.id and low.id in screen(app).queue.ids
        assert screen(app).message.startswith(f"Added claim {low.id}: the extractor had scored")
        assert desk.claim(low.id).origin == "reviewer"

        other = desk.claim(screen(app).queue.ids[0])
        view.select_offsets(other.start, other.end)
        await pilot.press("c")
        assert current(app) == other.id
        assert screen(app).message == f"That is already claim {other.id}: here it is"

        await pilot.press("v", "delete")  # in the article too (the view never binds it)
        assert desk.is_dismissed(other.id, ANN)
        view.select_offsets(other.start, other.end)
        await pilot.press("c")
        assert screen(app).message.startswith(f"Not added: you dismissed claim {other.id}")
        assert other.id not in screen(app).queue.ids

        long_start = text.index(LONG)
        view.select_offsets(long_start, long_start + len(LONG))
        await pilot.press("c")
        assert screen(app).message.startswith(f"Not added: {len(LONG)} characters")
    actions = [e["action"] for e in desk.events(ANN)]
    assert actions == ["claim_add", "claim_add", "dismiss"]


async def test_delete_dismisses_the_palette_lists_them_and_delete_restores(desk: Store) -> None:
    ids = list(desk.queue_ids(ANN))
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        target = current(app)
        await pilot.press("e", "delete")
        assert desk.is_dismissed(target, ANN)
        assert current(app) == ids[ids.index(target) + 1]  # on to the next claim
        assert target not in screen(app).queue.ids
        assert str(screen(app).progress) == f"0 of {len(ids) - 1} judged"
        assert screen(app).message.startswith(f"Dismissed claim {target}, verdict and all")

        await pilot.press("ctrl+p", *"Show dismissed claims", "enter")
        await pilot.pause()
        assert screen(app).which is QueueFilter.DISMISSED
        assert list(screen(app).queue.ids) == [target] and current(app) == target
        assert screen(app).review.dismissed
        await pilot.press("delete")  # the same key restores it
        assert not desk.is_dismissed(target, ANN)
        assert list(screen(app).queue.ids) == []
        assert screen(app).message == f"Restored claim {target} to your queue"

        await pilot.press("ctrl+z")  # undo the restore: dismissed again
        assert desk.is_dismissed(target, ANN)
        assert list(screen(app).queue.ids) == [target]
        await pilot.press("ctrl+p", *"Show all claims", "enter")
        await pilot.pause()
        await pilot.press("ctrl+z")  # undo the dismissal: back in the queue, and shown
        assert not desk.is_dismissed(target, ANN)
        assert list(screen(app).queue.ids) == ids and current(app) == target
        assert screen(app).message == f"Undid dismissing claim {target}"
        assert str(screen(app).progress) == f"1 of {len(ids)} judged"
    assert [e["action"] for e in desk.events(ANN)] == [
        "verdict",
        "dismiss",
        "restore",
        "undo",
        "undo",
    ]


async def test_added_and_dismissed_claims_in_the_export(desk: Store) -> None:
    text = text_of(desk)
    start, end = text.index("cargo volumes"), text.index(" by 12 percent")
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        dismissed = current(app)
        await pilot.press("d", "delete")
        screen(app).article_view.select_offsets(start, end)
        await pilot.press("c", "e")
        added = current(app)
    rows = export_rows(desk)
    assert [(r["claim_id"], r["verdict"], r["claim_status"]) for r in rows] == [
        (str(added), "evidenced", "added")
    ]
    every = export_rows(desk, every_claim=True)
    status = {r["claim_id"]: r["claim_status"] for r in every}
    assert status[str(dismissed)] == "dismissed" and status[str(added)] == "added"
    assert {s for i, s in status.items() if i not in (str(dismissed), str(added))} == {"extracted"}
