"""Suggested evidence in the store and the CLI, and evidence quoted from another article:
stored, undone, carried, exported (CSV, JSON Lines, ClaimReview) and migrated."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from factdesk.importer import import_paths
from factdesk.models import FactdeskError
from factdesk.store import Store
from tests.helpers import CORPUS, COURIER, GAZETTE, ROOT, claim_in, run, write


@pytest.fixture
def story(store: Store, tmp_path: Path) -> Store:
    import_paths(store, write(tmp_path / "news", gazette=GAZETTE, courier=COURIER))
    return store


def test_a_bare_claim_gets_the_other_outlets_evidence(story: Store) -> None:
    bare = claim_in(story, 1, "Councillor Ruth Okafor said")
    found = story.suggestions(bare)
    assert found, "the Courier's cue should reach the Gazette's claim"
    first = found[0]
    assert (first.article_id, first.cue, first.verdict) == (2, "no-evidence", "unevidenced")
    assert first.quote == "She gave no evidence for the claim"
    assert story.article(2).text[first.start : first.end] == first.quote
    assert first.title == "Mains Dispute"
    assert story.suggestions(claim_in(story, 1, "The city library")) == []


def test_suggestions_on_the_sample_corpus_are_exact_and_found_at_import(store: Store) -> None:
    import_paths(store, [CORPUS])
    count = 0
    for claim in store.claims():
        for s in store.suggestions(claim.id):
            assert store.article(s.article_id).text[s.start : s.end] == s.quote
            count += 1
    assert count > 50
    pompeo = [c for c in store.claims() if c.text.startswith("Pompeo has accused Iran of having")]
    assert store.suggestions(pompeo[0].id)[0].quote == "has not provided concrete evidence"


def test_claims_suggest_in_jsonl_and_table(story: Store) -> None:
    code, out, _ = run("claims", "--format", "jsonl", "--suggest")
    assert code == 0
    rows = {r["text"][:30]: r for r in map(json.loads, out.splitlines())}
    bare = rows["Councillor Ruth Okafor said th"]["suggestions"]
    assert bare[0] == {
        "article_id": 2,
        "start": COURIER.index("She gave"),
        "end": COURIER.index(".\n"),
        "quote": "She gave no evidence for the claim",
        "cue": "no-evidence",
        "verdict": "unevidenced",
    }
    code, out, _ = run("claims", "--format", "jsonl")
    assert "suggestions" not in json.loads(out.splitlines()[0])
    code, out, _ = run("claims", "--suggest")
    assert code == 0 and "↳ no-evidence (article 2): She gave no evidence for the claim" in out


def test_evidence_from_another_article_end_to_end(isolated_db: Path, tmp_path: Path) -> None:
    with Store(isolated_db) as store:
        import_paths(store, write(tmp_path / "news", gazette=GAZETTE, courier=COURIER))
        bare = claim_in(store, 1, "Councillor Ruth Okafor said")
        s = store.suggestions(bare)[0]
        with pytest.raises(FactdeskError, match="does not match the article text of article 2"):
            store.add_span(bare, "ann", s.start, s.end, "not the quote", article_id=2)
        store.add_span(bare, "ann", s.start, s.end, s.quote, article_id=2)
        store.add_span(bare, "ann", 0, 15, "Water Board Row", article_id=1)  # its own
        store.set_verdict(bare, "ann", "unevidenced")
    with Store(isolated_db) as store:  # after a restart
        spans = store.review(bare, "ann").spans
        assert [(x.article_id, x.quote) for x in spans] == [
            (None, "Water Board Row"),
            (2, "She gave no evidence for the claim"),
        ]
    code, out, _ = run("export", "--reviewer", "ann")
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["evidence_spans"] == f"0:15;A2:{s.start}:{s.end}"
    assert row["evidence_text"] == "Water Board Row\nShe gave no evidence for the claim"
    code, out, _ = run("export", "--format", "jsonl", "--reviewer", "ann")
    (obj,) = map(json.loads, out.splitlines())
    assert obj["evidence"] == [
        {"start": 0, "end": 15, "quote": "Water Board Row", "article_id": 1},
        {"start": s.start, "end": s.end, "quote": s.quote, "article_id": 2},
    ]
    code, out, _ = run("export", "--format", "claimreview", "--reviewer", "ann")
    explanation = json.loads(out)[0]["reviewRating"]["ratingExplanation"]
    assert f"“She gave no evidence for the claim” (in “Mains Dispute”, article 2, {s.start}–" in (
        explanation
    )


def test_removing_and_undoing_a_span_of_another_article(story: Store) -> None:
    bare = claim_in(story, 1, "Councillor Ruth Okafor said")
    s = story.suggestions(bare)[0]
    story.add_span(bare, "ann", s.start, s.end, s.quote, article_id=2)
    (span,) = story.review(bare, "ann").spans
    story.remove_span(span.id, "ann")
    assert story.review(bare, "ann").spans == ()
    story.undo("ann")
    assert [(x.article_id, x.quote) for x in story.review(bare, "ann").spans] == [(2, s.quote)]
    story.undo("ann")
    assert story.review(bare, "ann").spans == ()


def test_a_corrected_article_keeps_evidence_from_another_article_in_place(
    story: Store, tmp_path: Path
) -> None:
    bare = claim_in(story, 1, "Councillor Ruth Okafor said")
    s = story.suggestions(bare)[0]
    story.add_span(bare, "ann", s.start, s.end, s.quote, article_id=2)
    import_paths(story, write(tmp_path / "news", gazette="Late News\n\n" + GAZETTE))
    moved = claim_in(story, 3, "Councillor Ruth Okafor said")
    assert [(x.article_id, x.start, x.quote) for x in story.review(moved, "ann").spans] == [
        (2, s.start, s.quote)
    ]


def test_a_schema_5_file_keeps_its_spans_and_gains_suggestions(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript((ROOT / "tests" / "old_schemas" / "schema5.sql").read_text("utf-8"))
    text = COURIER
    conn.execute(
        "INSERT INTO articles (id, source, version, sha256, title, encoding, text, imported_at)"
        " VALUES (1, 'courier', 1, 'x', 'Mains Dispute', 'utf-8', ?, '2026-01-01')",
        (text,),
    )
    start = text.index("Councillor")
    end = text.index(" She gave")
    conn.execute(
        "INSERT INTO claims (id, article_id, start, end, text, score, extractor)"
        " VALUES (1, 1, ?, ?, ?, 0.9, 'old')",
        (start, end, text[start:end]),
    )
    conn.execute(
        "INSERT INTO spans (claim_id, reviewer, start, end, quote, created_at)"
        " VALUES (1, 'ann', ?, ?, ?, '2026-01-01')",
        (end + 1, end + 35, text[end + 1 : end + 35]),
    )
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.migrated and store.backup is not None and store.backup.exists()
        (span,) = store.review(1, "ann").spans
        assert (span.start, span.quote, span.article_id) == (
            end + 1,
            text[end + 1 : end + 35],
            None,
        )
        assert [s.quote for s in store.suggestions(1)][:1] == ["She gave no evidence for the claim"]
