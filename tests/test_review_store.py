"""The store's review actions: each one committed, logged, and undoable across restarts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factdesk.importer import import_paths
from factdesk.models import FactdeskError, QueueFilter, Verdict
from factdesk.store import Store
from tests.helpers import CORPUS

ANN = "ann"


@pytest.fixture
def desk(store: Store) -> Store:
    import_paths(store, [CORPUS])
    return store


def first_claims(store: Store, n: int) -> list[int]:
    return list(store.queue_ids(ANN))[:n]


def test_verdicts_flags_notes_and_their_events(desk: Store) -> None:
    c1, c2 = first_claims(desk, 2)
    assert desk.set_verdict(c1, ANN, Verdict.EVIDENCED).verdict is Verdict.EVIDENCED
    assert desk.set_verdict(c1, ANN, None).verdict is None
    assert desk.set_flag(c2, ANN, True).flagged
    assert desk.set_note(c2, ANN, 'check, with "quotes"\nand lines').note.endswith("lines")
    assert desk.review(c2, "bob").note == ""  # each reviewer has their own
    actions = [(e["claim_id"], e["action"]) for e in desk.events(ANN)]
    assert actions == [(c1, "verdict"), (c1, "verdict"), (c2, "flag"), (c2, "note")]
    assert [e["after"] for e in desk.events(ANN)][:2] == [
        '{"verdict": "evidenced"}',
        '{"verdict": null}',
    ]


def test_spans_store_exact_quotes(desk: Store) -> None:
    claim = desk.claim(first_claims(desk, 1)[0])
    text = desk.article(claim.article_id).text
    start = text.index("no official intelligence records")
    end = start + len("no official intelligence records have been cited")
    review = desk.add_span(claim.id, ANN, start, end, text[start:end])
    [span] = review.spans
    assert (span.start, span.end, span.quote) == (start, end, text[start:end])
    with pytest.raises(FactdeskError, match="does not match"):
        desk.add_span(claim.id, ANN, start, end, "something else")
    with pytest.raises(FactdeskError):
        desk.add_span(claim.id, ANN, end, start, "")
    assert desk.remove_span(span.id, ANN).spans == ()


def test_undo_reverts_each_action_in_reverse_order(desk: Store) -> None:
    c1, c2 = first_claims(desk, 2)
    claim = desk.claim(c1)
    text = desk.article(claim.article_id).text
    desk.set_verdict(c1, ANN, Verdict.DISPUTED)
    desk.set_verdict(c1, ANN, Verdict.EVIDENCED)
    desk.set_flag(c2, ANN, True)
    desk.set_note(c2, ANN, "first")
    desk.set_note(c2, ANN, "second")
    span = desk.add_span(c1, ANN, 0, 5, text[0:5]).spans[0]
    desk.remove_span(span.id, ANN)

    assert desk.undo(ANN) is not None and desk.review(c1, ANN).spans == (span,)
    assert desk.undo(ANN) is not None and desk.review(c1, ANN).spans == ()
    desk.undo(ANN)
    assert desk.review(c2, ANN).note == "first"
    desk.undo(ANN)
    assert desk.review(c2, ANN).note == ""
    desk.undo(ANN)
    assert not desk.review(c2, ANN).flagged
    undone = desk.undo(ANN)
    assert undone is not None and (undone.claim_id, undone.action) == (c1, "verdict")
    assert desk.review(c1, ANN).verdict is Verdict.DISPUTED
    desk.undo(ANN)
    assert desk.review(c1, ANN).verdict is None
    assert desk.undo(ANN) is None
    assert sum(e["action"] == "undo" for e in desk.events(ANN)) == 7


def test_undo_survives_a_restart_and_is_per_reviewer(desk: Store, isolated_db: Path) -> None:
    c1 = first_claims(desk, 1)[0]
    desk.set_verdict(c1, ANN, Verdict.UNEVIDENCED)
    desk.set_verdict(c1, "bob", Verdict.EVIDENCED)
    desk.close()
    with Store(isolated_db) as again:
        assert again.undo(ANN) is not None
        assert again.review(c1, ANN).verdict is None
        assert again.review(c1, "bob").verdict is Verdict.EVIDENCED


def test_positions_progress_and_first_unjudged(desk: Store) -> None:
    ids = first_claims(desk, 3)
    assert desk.position(ANN) is None
    assert desk.first_unjudged(ANN) == ids[0]
    desk.set_verdict(ids[0], ANN, Verdict.EVIDENCED)
    desk.set_verdict(ids[1], ANN, Verdict.DISPUTED)
    assert desk.first_unjudged(ANN) == ids[2]
    desk.save_position(ANN, ids[1])
    desk.save_position(ANN, ids[2])
    assert desk.position(ANN) == ids[2] and desk.position("bob") is None
    progress = desk.progress(ANN)
    assert str(progress) == f"2 of {len(desk.queue_ids(ANN))} judged"
    assert progress.counts[Verdict.DISPUTED] == 1


def test_queue_filters_rows_and_search(desk: Store) -> None:
    ids = first_claims(desk, 3)
    desk.set_verdict(ids[0], ANN, Verdict.EVIDENCED)
    desk.set_flag(ids[1], ANN, True)
    everything = desk.queue_ids(ANN)
    assert list(desk.queue_ids(ANN, QueueFilter.EVIDENCED)) == [ids[0]]
    assert list(desk.queue_ids(ANN, QueueFilter.FLAGGED)) == [ids[1]]
    assert len(desk.queue_ids(ANN, QueueFilter.UNJUDGED)) == len(everything) - 1
    assert list(desk.queue_ids("bob", QueueFilter.UNJUDGED)) == list(everything)
    rows = desk.queue_rows(ANN, ids)
    assert rows[ids[0]].verdict is Verdict.EVIDENCED and rows[ids[1]].flagged
    assert rows[ids[2]].article == "Pompeo Claims Iran is Supporting Al Qaeda"
    hits = desk.search("khamenei")
    assert hits and all("Khamenei" in desk.claim(i).text + str(desk.claim(i).speaker) for i in hits)
    assert any("Khamenei" not in desk.claim(i).text for i in hits)  # found by speaker
    assert desk.search("100%_") == []


def test_search_treats_any_space_as_a_space_and_ignores_case(desk: Store) -> None:
    # The article writes "warned\xa0that" with a no-break space.
    hits = desk.search("WARNED that renegotiating")
    assert any("warned\u00a0that renegotiating" in desk.claim(hit).text for hit in hits)
    assert desk.search("  ") == []


def test_undo_skips_the_actions_of_a_window_open_in_another_process(desk: Store) -> None:
    import socket
    import subprocess
    import sys

    c1, c2 = first_claims(desk, 2)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    host = socket.gethostname()
    desk.session = f"{host}/{gone}/dead"  # a window whose process has ended
    desk.set_verdict(c1, ANN, Verdict.EVIDENCED)
    desk.session = f"{host}/{os.getppid()}/live"  # a window of a process that still runs
    desk.set_verdict(c2, ANN, Verdict.DISPUTED)
    desk.session = None
    desk.start_session()
    undone = desk.undo(ANN)
    assert undone is not None and undone.claim_id == c1  # the live window's is left alone
    assert desk.review(c2, ANN).verdict is Verdict.DISPUTED
    assert desk.undo(ANN) is None
