"""Undo of the reviewer's corrections to the claim list (c adds a claim, delete dismisses or
restores one) when something else has happened to the claim since: another window of the
same reviewer worked on it, another reviewer touched it, a reextract found it, the article
was corrected. Undo never hides work, never deletes a candidate the extractor gives, and
never sticks on an action it cannot take back. And work given to a dismissed claim
restores it. Scores come from the extractor: nothing here depends on their values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk import reextract
from factdesk.extract import extract_candidates
from factdesk.importer import import_paths
from factdesk.models import QueueFilter, Review, Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen

from .test_claim_list import export_rows

ANN, BOB = "ann", "bob"
SIZE = (120, 40)
TEXT = (
    "Harbour Figures\n\n"
    "The port handled 40 ships in May 2021, officials said. We hope the weather improves"
    " soon.\n\n"
    "The harbour authority said on Monday that 14 ships were turned away in 2020.\n\n"
    "Port officials reported that cargo volumes fell by 12 percent last year.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def harbour(store: Store, article: Path) -> Store:
    import_paths(store, [article])
    return store


def add(store: Store, reviewer: str, words: str) -> int:
    """Add the first place of these words in the current article as a claim (c)."""
    article_id = max(a["id"] for a in store.articles())
    text = store.article(article_id).text
    start = text.index(words)
    added = store.add_claim(article_id, reviewer, start, start + len(words), words)
    assert added.outcome == "new"
    return added.claim_id


def exists(store: Store, claim_id: int) -> bool:
    row = store.conn.execute("SELECT 1 FROM claims WHERE id = ?", (claim_id,)).fetchone()
    return row is not None


def undos(store: Store, reviewer: str) -> list[dict[str, object]]:
    return [e for e in store.events(reviewer) if e["action"] == "undo"]


# -- 1. work given in another window ---------------------------------------------------


def test_undoing_an_add_keeps_the_verdict_another_window_gave_it(
    harbour: Store, isolated_db: Path
) -> None:
    """Window A adds a claim, window B (the same reviewer) judges it; ctrl+z in A must not
    hide B's verdict behind a dismissal: it refuses, and takes the add back only once
    none of the reviewer's work is left on it."""
    harbour.start_session()  # window A
    with Store(isolated_db) as window_b:
        window_b.start_session()
        claim_id = add(harbour, ANN, "cargo volumes fell")
        window_b.set_verdict(claim_id, ANN, Verdict.EVIDENCED)
        undone = harbour.undo(ANN)
        assert undone is not None and undone.conflict and undone.action == "claim_add"
        assert "your verdict" in undone.reason and "another window" in undone.reason
        assert not harbour.is_dismissed(claim_id, ANN)
        assert claim_id in harbour.queue_ids(ANN)
        assert harbour.progress(ANN).judged == 1
        assert [r["claim_id"] for r in export_rows(harbour)] == [str(claim_id)]
        assert undos(harbour, ANN) == []  # nothing changed: B may still undo its verdict
        assert window_b.undo(ANN) is not None  # and does
        assert harbour.review(claim_id, ANN).verdict is None
    undone = harbour.undo(ANN)  # none of ann's work is left on it: the add is taken back
    assert undone is not None and not undone.conflict
    assert claim_id not in harbour.queue_ids(ANN)  # (kept, dismissed: the log refers to it)
    assert harbour.undo(ANN) is None


@pytest.mark.parametrize("work", ["flag", "note", "span"])
def test_undoing_an_add_refuses_while_other_work_of_the_reviewer_is_on_it(
    harbour: Store, isolated_db: Path, work: str
) -> None:
    harbour.start_session()
    with Store(isolated_db) as window_b:
        window_b.start_session()
        claim_id = add(harbour, ANN, "cargo volumes fell")
        claim = harbour.claim(claim_id)
        if work == "flag":
            window_b.set_flag(claim_id, ANN, True)
        elif work == "note":
            window_b.set_note(claim_id, ANN, "ask the port")
        else:
            window_b.add_span(claim_id, ANN, claim.start, claim.end, claim.text)
        undone = harbour.undo(ANN)
        assert undone is not None and undone.conflict and f"your {work}" in undone.reason
        assert exists(harbour, claim_id) and claim_id in harbour.queue_ids(ANN)


# -- 2. a reextract that finds the added claim --------------------------------------------


def test_undoing_an_add_that_the_extractor_now_finds_keeps_the_candidate(harbour: Store) -> None:
    """A file from the extractor before (rules-1 stored only the claims at 0.5): the
    reviewer adds a sentence it had not stored; a reextract finds that very sentence.
    ctrl+z then gives the claim back to the extractor instead of deleting it."""
    text = harbour.article(1).text
    sentence = "We hope the weather improves soon."
    start, end = text.index(sentence), text.index(sentence) + len(sentence)
    assert (start, end) in {(c.start, c.end) for c in extract_candidates(text)}
    harbour.conn.execute("DELETE FROM claims WHERE start = ? AND end = ?", (start, end))
    harbour.conn.execute("UPDATE claims SET extractor = 'rules-1'")
    harbour.conn.commit()
    claim_id = add(harbour, ANN, sentence)
    reextract.run(harbour, reextract.prepare(harbour), ANN)
    assert harbour.claim(claim_id).origin == "reviewer"  # still added, now also found

    undone = harbour.undo(ANN)
    assert exists(harbour, claim_id)
    claim = harbour.claim(claim_id)
    assert (claim.origin, claim.start, claim.end) == ("extractor", start, end)
    assert claim.id in {c.id for c in harbour.claims(min_score=None)}
    assert undone is not None and not undone.conflict and "extractor" in undone.reason
    [event] = [e for e in harbour.events(ANN) if e["action"] == "reextract"]
    assert json.loads(str(event["after"]))["found_added"] == [claim_id]  # how undo knew
    again = reextract.run(harbour, reextract.prepare(harbour, every=True), ANN)
    assert again.appeared == 0  # nothing was lost for a later run to bring back
    assert harbour.undo(ANN) is None


def test_undoing_an_add_the_extractor_does_not_find_still_deletes_it(harbour: Store) -> None:
    claim_id = add(harbour, ANN, "cargo volumes fell")
    report = reextract.run(harbour, reextract.prepare(harbour, every=True), ANN)
    assert report.articles == 1
    undone = harbour.undo(ANN)
    assert undone is not None and not undone.conflict
    assert not exists(harbour, claim_id)


# -- 3. nothing sticks ----------------------------------------------------------------


def test_another_reviewers_touch_does_not_block_the_adders_older_undos(harbour: Store) -> None:
    """Bob dismissed and restored ann's added claim: the log holds it for him, so the
    claim stays; ann's undo dismisses it for her, says why, and her next ctrl+z goes on
    to her older actions."""
    first = harbour.queue_ids(ANN)[0]
    harbour.set_verdict(first, ANN, Verdict.EVIDENCED)
    claim_id = add(harbour, ANN, "cargo volumes fell")
    harbour.set_dismissed(claim_id, BOB, True)
    harbour.set_dismissed(claim_id, BOB, False)
    undone = harbour.undo(ANN)
    assert undone is not None and not undone.conflict and "bob" in undone.reason
    assert "dismissed for you" in undone.reason
    assert harbour.is_dismissed(claim_id, ANN) and claim_id not in harbour.queue_ids(ANN)
    assert exists(harbour, claim_id) and claim_id in harbour.queue_ids(BOB)
    undone = harbour.undo(ANN)
    assert undone is not None and undone.claim_id == first
    assert harbour.review(first, ANN).verdict is None
    assert harbour.undo(ANN) is None


def test_an_add_on_a_corrected_article_is_passed_over_once(harbour: Store, article: Path) -> None:
    """The add was made on the version before a correction: it cannot be taken back there,
    so undo says so once, logs that it passed over it, and goes on to older actions."""
    first = harbour.queue_ids(ANN)[0]
    harbour.set_flag(first, ANN, True)
    claim_id = add(harbour, ANN, "cargo volumes fell")
    article.write_text("Updated on Friday with the port's figures.\n\n" + TEXT, "utf-8")
    import_paths(harbour, [article])
    undone = harbour.undo(ANN)
    assert undone is not None and undone.conflict and undone.corrected
    [skip] = undos(harbour, ANN)
    assert json.loads(str(skip["after"])).get("skipped")
    assert [c.text for c in harbour.claims(article_id=2) if c.added] == ["cargo volumes fell"]
    undone = harbour.undo(ANN)  # on to the flag, which continued into the new version
    assert undone is not None and not undone.conflict and undone.action == "flag"
    assert not any(harbour.review(c, ANN).flagged for c in harbour.queue_ids(ANN))
    assert claim_id != undone.claim_id and harbour.undo(ANN) is None


@pytest.mark.parametrize("last", ["dismiss", "restore", "restore after judging"])
def test_undoing_a_dismissal_after_a_correction_follows_the_sentence(
    harbour: Store, article: Path, last: str
) -> None:
    """A dismissal, or a restore, on the version before a correction is undone on the
    same sentence in the new version (dismissals continue with their sentence; so does
    a verdict given before the dismissal, which is no reason to refuse)."""
    target = harbour.claim(harbour.queue_ids(ANN)[-1])
    if last == "restore after judging":
        harbour.set_verdict(target.id, ANN, Verdict.DISPUTED)
    harbour.set_dismissed(target.id, ANN, True)
    if last != "dismiss":
        last = "restore"
        harbour.set_dismissed(target.id, ANN, False)
    article.write_text("Updated on Friday with the port's figures.\n\n" + TEXT, "utf-8")
    import_paths(harbour, [article])
    [moved] = [c for c in harbour.claims(article_id=2) if c.text == target.text]
    assert harbour.is_dismissed(moved.id, ANN) is (last == "dismiss")
    undone = harbour.undo(ANN)
    assert undone is not None and not undone.conflict and undone.claim_id == moved.id
    assert harbour.is_dismissed(moved.id, ANN) is (last == "restore")
    assert harbour.is_dismissed(target.id, ANN) is (last == "dismiss")  # v1 keeps its history


# -- 4. work restores a dismissed claim ---------------------------------------------------


def give(store: Store, claim_id: int, work: str) -> Review:
    claim = store.claim(claim_id)
    if work == "verdict":
        return store.set_verdict(claim_id, ANN, Verdict.DISPUTED)
    if work == "flag":
        return store.set_flag(claim_id, ANN, True)
    if work == "note":
        return store.set_note(claim_id, ANN, "ask the port")
    return store.add_span(claim_id, ANN, claim.start, claim.end, claim.text)


@pytest.mark.parametrize("work", ["verdict", "flag", "note", "span"])
def test_work_on_a_dismissed_claim_restores_it_and_one_undo_takes_both_back(
    harbour: Store, work: str
) -> None:
    queue = list(harbour.queue_ids(ANN))
    claim_id = queue[0]
    harbour.set_dismissed(claim_id, ANN, True)  # then Show dismissed claims, and e / f / m / a
    review = give(harbour, claim_id, work)
    assert review.restored and not review.dismissed
    assert not harbour.is_dismissed(claim_id, ANN)
    assert list(harbour.queue_ids(ANN)) == queue
    assert harbour.progress(ANN).judged == (work == "verdict")
    rows = {r["claim_id"]: r["claim_status"] for r in export_rows(harbour)}
    assert rows == ({str(claim_id): "extracted"} if work == "verdict" else {})
    action = "span_add" if work == "span" else work
    assert [e["action"] for e in harbour.events(ANN)] == ["dismiss", "restore", action]

    undone = harbour.undo(ANN)  # one ctrl+z: the work and the restore
    assert undone is not None and not undone.conflict and undone.action == action
    assert harbour.is_dismissed(claim_id, ANN)
    after = harbour.review(claim_id, ANN)
    assert (after.verdict, after.flagged, after.note, after.spans) == (None, False, "", ())
    assert [e["undoes"] is not None for e in harbour.events(ANN)][-2:] == [True, True]
    undone = harbour.undo(ANN)  # then the dismissal
    assert undone is not None and undone.action == "dismiss"
    assert not harbour.is_dismissed(claim_id, ANN) and harbour.undo(ANN) is None


def test_a_verdict_from_a_window_that_missed_the_dismissal_is_counted_and_exported(
    harbour: Store, isolated_db: Path
) -> None:
    claim_id = harbour.queue_ids(ANN)[0]
    with Store(isolated_db) as stale:
        harbour.set_dismissed(claim_id, ANN, True)  # in this window
        review = stale.set_verdict(claim_id, ANN, Verdict.EVIDENCED)  # in one still showing it
    assert review.restored and claim_id in harbour.queue_ids(ANN)
    assert harbour.progress(ANN).judged == 1
    assert [(r["claim_id"], r["verdict"]) for r in export_rows(harbour)] == [
        (str(claim_id), "evidenced")
    ]


def test_clearing_work_or_judging_a_claim_not_dismissed_restores_nothing(harbour: Store) -> None:
    claim_id = harbour.queue_ids(ANN)[0]
    assert not harbour.set_verdict(claim_id, ANN, Verdict.EVIDENCED).restored
    harbour.set_dismissed(claim_id, ANN, True)  # judged, then dismissed: the reviewer's choice
    assert not harbour.set_verdict(claim_id, ANN, None).restored  # clearing is not work
    assert harbour.is_dismissed(claim_id, ANN)
    assert [e["action"] for e in harbour.events(ANN)] == ["verdict", "dismiss", "verdict"]


def test_undoing_a_restore_never_hides_work_another_window_gave_since(
    harbour: Store, isolated_db: Path
) -> None:
    claim_id = harbour.queue_ids(ANN)[0]
    harbour.start_session()
    harbour.set_dismissed(claim_id, ANN, True)
    harbour.set_dismissed(claim_id, ANN, False)
    with Store(isolated_db) as window_b:
        window_b.start_session()
        window_b.set_note(claim_id, ANN, "ask the port")
        undone = harbour.undo(ANN)  # the restore: dismissing again would hide B's note
        assert undone is not None and undone.conflict
        assert not harbour.is_dismissed(claim_id, ANN)
        assert window_b.undo(ANN) is not None  # B takes its note back
    undone = harbour.undo(ANN)
    assert undone is not None and not undone.conflict and harbour.is_dismissed(claim_id, ANN)


def test_the_dismissed_view_lists_what_it_says(harbour: Store) -> None:
    claim_id = harbour.queue_ids(ANN)[0]
    harbour.set_dismissed(claim_id, ANN, True)
    assert list(harbour.queue_ids(ANN, QueueFilter.DISMISSED)) == [claim_id]
    give(harbour, claim_id, "note")
    assert list(harbour.queue_ids(ANN, QueueFilter.DISMISSED)) == []


# -- in the desk ------------------------------------------------------------------------


def screen(app: FactdeskApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_judging_in_show_dismissed_claims_restores_and_ctrl_z_dismisses_again(
    harbour: Store,
) -> None:
    queue = list(harbour.queue_ids(ANN))
    app = FactdeskApp(harbour, ANN)
    async with app.run_test(size=SIZE) as pilot:
        target = screen(app).queue.claim_id
        assert target is not None
        await pilot.press("delete")
        assert harbour.is_dismissed(target, ANN)
        await pilot.press("ctrl+p", *"Show dismissed claims", "enter")
        await pilot.pause()
        assert list(screen(app).queue.ids) == [target]
        await pilot.press("e")
        assert not harbour.is_dismissed(target, ANN)
        assert harbour.review(target, ANN).verdict is Verdict.EVIDENCED
        assert screen(app).message == f"Marked evidenced; claim {target} restored to your queue"
        assert list(screen(app).queue.ids) == []  # it left the dismissed claims
        assert str(screen(app).progress) == f"1 of {len(queue)} judged"
        await pilot.press("ctrl+z")  # one undo: the verdict and the restore
        assert screen(app).message == f"Undid the verdict on claim {target}; dismissed again"
        assert harbour.is_dismissed(target, ANN)
        assert harbour.review(target, ANN).verdict is None
        assert list(screen(app).queue.ids) == [target]
        assert str(screen(app).progress) == f"0 of {len(queue) - 1} judged"
    assert [e["action"] for e in harbour.events(ANN)] == [
        "dismiss", "restore", "verdict", "undo", "undo",
    ]  # fmt: skip


async def test_ctrl_z_on_an_add_that_cannot_be_taken_back_says_so_and_moves_on(
    harbour: Store, article: Path
) -> None:
    app = FactdeskApp(harbour, ANN)
    async with app.run_test(size=SIZE) as pilot:
        first = screen(app).queue.claim_id
        assert first is not None
        await pilot.press("f")  # flag the first claim
        text = harbour.article(1).text
        start = text.index("cargo volumes fell")
        screen(app).article_view.select_offsets(start, start + len("cargo volumes fell"))
        await pilot.press("c")
        added = screen(app).queue.claim_id
        assert added is not None and harbour.claim(added).origin == "reviewer"
        article.write_text("Updated on Friday with the port's figures.\n\n" + TEXT, "utf-8")
        import_paths(harbour, [article])  # a correction comes in while the desk is open
        await pilot.press("ctrl+z")
        message = screen(app).message
        assert message == (
            "Not undone (the article was corrected since): ctrl+z again undoes the one before"
        )
        assert [n.title for n in app._notifications] == ["Not undone"]
        await pilot.press("ctrl+z")  # on to the flag, in the new version
        assert screen(app).message.startswith("Undid the flag on claim")
        assert not any(harbour.review(c, ANN).flagged for c in harbour.queue_ids(ANN))


# -- other windows' list changes ---------------------------------------------------------


async def test_the_desk_reads_its_queue_again_when_another_window_changes_the_list(
    harbour: Store, isolated_db: Path
) -> None:
    """Another window adds a claim and dismisses the next one: at the next move the queue
    is read again, and the desk lands on the claim after the dismissed one. A verdict
    given elsewhere only redraws rows: the queue is not read again for it."""
    app = FactdeskApp(harbour, ANN)
    async with app.run_test(size=SIZE) as pilot:
        shown = list(screen(app).queue.ids)
        assert len(shown) >= 3
        with Store(isolated_db) as other:
            other.start_session()
            other.set_verdict(shown[2], ANN, Verdict.DISPUTED)
            ids_before = screen(app).queue.ids
            await pilot.press("n", "p")
            assert screen(app).queue.ids is ids_before  # a verdict does not change the list
            assert screen(app).progress.judged == 1
            other.set_dismissed(shown[1], ANN, True)  # the next claim, dismissed elsewhere
            added = add(other, ANN, "cargo volumes fell")
        await pilot.press("n")  # onto where the dismissed claim was
        assert list(screen(app).queue.ids) == list(harbour.queue_ids(ANN))
        assert added in screen(app).queue.ids and shown[1] not in screen(app).queue.ids
        assert screen(app).claim is not None and screen(app).claim.id == shown[2]
        assert str(screen(app).progress) == f"1 of {len(shown)} judged"  # -1 dismissed, +1 added


async def test_the_desk_notices_a_reextract_in_another_process(harbour: Store) -> None:
    """A reextract rescored a claim below the threshold (its old extractor had put it
    above): the desk's queue drops it at the next move, keeping the current claim."""
    low = [c for c in harbour.claims(min_score=None) if c.score < 0.5]
    assert low, "the article should have a candidate below the threshold"
    harbour.conn.execute(
        "UPDATE claims SET score = 0.9, extractor = 'rules-1' WHERE id = ?", (low[0].id,)
    )
    harbour.conn.commit()
    app = FactdeskApp(harbour, ANN)
    async with app.run_test(size=SIZE) as pilot:
        assert low[0].id in screen(app).queue.ids
        first = screen(app).queue.claim_id
        with Store(harbour.path) as other:
            reextract.run(other, reextract.prepare(other), "cli")
        await pilot.press("n", "p")
        assert low[0].id not in screen(app).queue.ids
        assert list(screen(app).queue.ids) == list(harbour.queue_ids(ANN))
        assert screen(app).queue.claim_id == first
