"""Adjudication: the claims reviewers disagree on, final verdicts (logged, undoable, merged,
carried into a corrected article), `export --final` in each format, and `status`."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from tests.helpers import COURIER, GAZETTE, claim_in, run, write

QUOTE = "She gave no evidence for the claim"


@pytest.fixture
def team(store: Store, tmp_path: Path) -> dict[str, int]:
    """ann and bob's work on three claims: they disagree on two (accused, library) and
    agree on one (said). Returns the claims' ids."""
    import_paths(store, write(tmp_path / "news", gazette=GAZETTE, courier=COURIER))
    said = claim_in(store, 1, "Councillor Ruth Okafor said")
    library = claim_in(store, 1, "The city library")
    accused = claim_in(store, 2, "Councillor Ruth Okafor accused")
    start = COURIER.index(QUOTE)
    store.set_verdict(accused, "ann", Verdict.UNEVIDENCED)
    store.add_span(accused, "ann", start, start + len(QUOTE), QUOTE)
    store.set_verdict(accused, "bob", Verdict.DISPUTED)
    store.set_note(accused, "bob", "the board denies it")
    for name in ("ann", "bob"):
        store.set_verdict(said, name, Verdict.EVIDENCED)
    store.set_verdict(library, "ann", Verdict.EVIDENCED)
    store.set_note(library, "ann", "the mayor said so")
    store.set_verdict(library, "bob", Verdict.UNEVIDENCED)
    store.set_note(library, "bob", "no date given")
    return {"said": said, "library": library, "accused": accused}


def final_csv(*args: str) -> list[dict[str, str]]:
    code, out, err = run("export", "--final", *args)
    assert code == 0, err
    return list(csv.DictReader(io.StringIO(out)))


def test_the_queue_holds_the_disagreements_and_a_final_verdict_is_undoable(
    store: Store, team: dict[str, int]
) -> None:
    assert list(store.adjudication_ids()) == [team["library"], team["accused"]]
    assert str(store.adjudication_progress()) == "0 of 2 adjudicated"
    assert store.first_unadjudicated() == team["library"]
    review = store.set_final(team["library"], "cat", Verdict.UNEVIDENCED)
    assert review.verdict is Verdict.UNEVIDENCED
    progress = store.adjudication_progress()
    assert str(progress) == "1 of 2 adjudicated" and progress.counts[Verdict.UNEVIDENCED] == 1
    assert store.first_unadjudicated() == team["accused"]
    # the reviewers' own verdicts are left as they were
    assert store.review(team["library"], "ann").verdict is Verdict.EVIDENCED
    event = store.conn.execute(
        "SELECT reviewer, action, before, after FROM events ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert event[:2] == ("cat", "final")
    assert json.loads(event[3]) == {"final": "unevidenced"}
    undone = store.undo("cat")
    assert undone is not None and undone.action == "final" and not undone.conflict
    assert store.final(team["library"]) is None
    assert str(store.adjudication_progress()) == "0 of 2 adjudicated"


def test_undo_leaves_a_final_verdict_another_adjudicator_changed_since(
    store: Store, team: dict[str, int]
) -> None:
    store.set_final(team["accused"], "cat", Verdict.DISPUTED)
    store.set_final(team["accused"], "dan", Verdict.UNEVIDENCED)
    undone = store.undo("cat")
    assert undone is not None and undone.conflict
    final = store.final(team["accused"])
    assert final is not None and (final.verdict, final.adjudicator) == ("unevidenced", "dan")
    undone = store.undo("dan")  # dan's undo gives cat's verdict back
    final = store.final(team["accused"])
    assert final is not None and (final.verdict, final.adjudicator) == ("disputed", "cat")


def test_export_final_gives_one_row_per_claim(store: Store, team: dict[str, int]) -> None:
    store.set_final(team["accused"], "cat", Verdict.DISPUTED)
    start = COURIER.index("accused the water board")
    store.add_span(team["accused"], "cat", start, start + 23, "accused the water board")
    rows = {int(r["claim_id"]): r for r in final_csv()}
    assert sorted(rows) == sorted(team.values())
    accused, said, library = rows[team["accused"]], rows[team["said"]], rows[team["library"]]
    # adjudicated: the adjudicator's verdict and evidence (ann's evidence was for another)
    assert (accused["verdict"], accused["reviewer"], accused["claim_status"]) == (
        "disputed", "cat", "extracted",
    )  # fmt: skip
    assert accused["evidence_text"] == "accused the water board"
    # unanimous: the verdict every reviewer gave
    assert (said["verdict"], said["reviewer"], said["claim_status"]) == (
        "evidenced", "ann, bob", "extracted",
    )  # fmt: skip
    # a conflict: no verdict, no evidence, each reviewer's note
    assert (library["verdict"], library["claim_status"]) == ("", "conflict")
    assert library["evidence_spans"] == "" and library["reviewer"] == "ann, bob"
    assert library["note"] == "ann: the mayor said so\nbob: no date given"
    assert [r["claim_id"] for r in final_csv("--verdict", "disputed")] == [str(team["accused"])]


def test_export_final_evidence_comes_from_the_reviewers_who_gave_that_verdict(
    store: Store, team: dict[str, int]
) -> None:
    store.set_final(team["accused"], "cat", Verdict.UNEVIDENCED)  # ann's verdict: her evidence
    (row,) = [r for r in final_csv() if r["claim_id"] == str(team["accused"])]
    assert row["evidence_text"] == QUOTE and row["verdict"] == "unevidenced"


def test_export_final_jsonl_and_claimreview(store: Store, team: dict[str, int]) -> None:
    store.set_final(team["accused"], "cat", Verdict.DISPUTED)
    code, out, _ = run("export", "--final", "--format", "jsonl")
    objects = {o["claim_id"]: o for o in map(json.loads, out.splitlines())}
    accused = objects[team["accused"]]
    assert accused["reviewers"] == {"ann": "unevidenced", "bob": "disputed"}
    assert accused["adjudicator"] == "cat" and accused["verdict"] == "disputed"
    assert objects[team["library"]]["adjudicator"] is None
    code, out, _ = run("export", "--final", "--format", "claimreview")
    reviews = {r["claimReviewed"][:30]: r["reviewRating"]["alternateName"] for r in json.loads(out)}
    assert reviews == {
        "Councillor Ruth Okafor accused": "Disputed",
        "Councillor Ruth Okafor said th": "Evidenced",
    }  # the conflict has no final verdict: no review


def test_export_final_refuses_a_reviewer_or_all(team: dict[str, int]) -> None:
    code, _, err = run("export", "--final", "--reviewer", "ann")
    assert code == 1 and "leave out --reviewer" in err
    code, _, err = run("export", "--final", "--all")
    assert code == 1 and "leave out --all" in err


def test_status_counts_the_adjudicated(store: Store, team: dict[str, int]) -> None:
    store.set_final(team["accused"], "cat", Verdict.DISPUTED)
    code, out, _ = run("status")
    assert code == 0
    assert (
        "agreement: 3 claims judged by two or more reviewers, 1 agree, 2 disagree,"
        " 1 adjudicated (factdesk agreement for kappa and alpha; factdesk review"
        " --adjudicate settles the rest)"
    ) in out


def test_review_adjudicate_with_nothing_to_adjudicate_says_so(store: Store, tmp_path: Path) -> None:
    import_paths(store, write(tmp_path / "news", gazette=GAZETTE))
    code, _, err = run("review", "--adjudicate")
    assert code == 0 and "Nothing to adjudicate: no claim has different verdicts" in err


def test_final_verdicts_merge_the_later_wins_and_twice_changes_nothing(
    store: Store, team: dict[str, int], tmp_path: Path
) -> None:
    store.set_final(team["accused"], "cat", Verdict.DISPUTED)
    other = tmp_path / "dan.db"
    copy = sqlite3.connect(other)
    store.conn.backup(copy)  # dan's file: a copy of this one, where dan adjudicates
    copy.close()
    with Store(other) as theirs:
        theirs.set_final(team["accused"], "dan", Verdict.UNEVIDENCED)
        theirs.set_final(team["library"], "dan", Verdict.EVIDENCED)
    with sqlite3.connect(other) as conn:  # dan's are the later (times are to the second)
        conn.execute("UPDATE finals SET updated_at = '2099-01-01T00:00:00+00:00'")
    conn.close()
    code, out, err = run("merge", str(other))
    assert code == 0, err
    assert "2 final verdicts" in out
    assert f"claim {team['accused']}: adjudicated differently there; kept unevidenced by dan" in out
    accused, library = store.final(team["accused"]), store.final(team["library"])
    assert accused is not None and (accused.verdict, accused.adjudicator) == ("unevidenced", "dan")
    assert library is not None and library.verdict is Verdict.EVIDENCED
    merged = store.conn.execute(
        "SELECT count(*) FROM events WHERE action = 'merged' AND after LIKE '%\"final\"%'"
    ).fetchone()[0]
    assert merged == 2  # both of dan's final-verdict events, kept as history
    code, out, _ = run("merge", str(other))
    assert code == 0 and "nothing new" in out


def test_a_final_verdict_continues_into_a_corrected_article(
    store: Store, team: dict[str, int], tmp_path: Path
) -> None:
    store.set_final(team["accused"], "cat", Verdict.DISPUTED)
    corrected = COURIER.replace("She gave no evidence for the claim.", "She gave no proof.")
    import_paths(store, write(tmp_path / "news", courier=corrected))
    new = claim_in(store, 3, "Councillor Ruth Okafor accused")
    final = store.final(new)
    assert final is not None and (final.verdict, final.adjudicator) == ("disputed", "cat")
    assert new in store.adjudication_ids() and team["accused"] not in store.adjudication_ids()


def test_judge_from_refuses_a_final_export_row(
    store: Store, team: dict[str, int], tmp_path: Path
) -> None:
    store.set_final(team["accused"], "cat", Verdict.DISPUTED)
    code, out, _ = run("export", "--final", "--format", "jsonl")
    path = tmp_path / "final.jsonl"
    path.write_text(out, encoding="utf-8")
    code, out, err = run("judge", "--from", str(path))
    assert code == 1
    assert f"{path}:1: a row of export --final (the team's verdict" in out + err
    assert store.review(team["accused"], "cat").verdict is None
