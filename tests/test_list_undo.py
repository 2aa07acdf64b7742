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
from tests.helpers import HARBOUR as TEXT
from tests.helpers import add, export_rows

ANN, BOB = "ann", "bob"


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


def test_an_add_on_a_corrected_article_is_passed_over_once(
    harbour: Store, harbour_file: Path
) -> None:
    """The add was made on the version before a correction: it cannot be taken back there,
    so undo says so once, logs that it passed over it, and goes on to older actions."""
    first = harbour.queue_ids(ANN)[0]
    harbour.set_flag(first, ANN, True)
    claim_id = add(harbour, ANN, "cargo volumes fell")
    harbour_file.write_text("Updated on Friday with the port's figures.\n\n" + TEXT, "utf-8")
    import_paths(harbour, [harbour_file])
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
    harbour: Store, harbour_file: Path, last: str
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
    harbour_file.write_text("Updated on Friday with the port's figures.\n\n" + TEXT, "utf-8")
    import_paths(harbour, [harbour_file])
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
