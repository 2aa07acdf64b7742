"""A claim's history, in the desk (h) and as `factdesk history` (issue 22, item 15)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.widgets import Static

from factdesk.history import describe
from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.history_screen import HistoryScreen
from factdesk.ui.screens.review_screen import ReviewScreen
from tests.helpers import run

ANN = "ann"
SIZE = (120, 40)


def judged_then_undone(store: Store) -> tuple[int, str]:
    """Ann gives claim 1 a verdict and a span, then undoes the span; Bob judges it too.
    Returns the claim's id and the span's quote."""
    claim = store.claim(next(iter(store.claims())).id)
    store.start_session()
    store.set_verdict(claim.id, ANN, Verdict.EVIDENCED)
    quote = store.article(claim.article_id).text[claim.start : claim.start + 12]
    store.add_span(claim.id, ANN, claim.start, claim.start + 12, quote)
    store.undo(ANN)
    store.set_verdict(claim.id, "bob", Verdict.DISPUTED)
    return claim.id, quote


def test_history_lists_the_actions_newest_first_with_the_undone_marked(
    harbour: Store, isolated_db: Path
) -> None:
    claim_id, quote = judged_then_undone(harbour)
    code, out, err = run("history", "--db", str(isolated_db), str(claim_id))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith(f"claim {claim_id}: ")
    assert "time (UTC)" in lines[2] and "reviewer" in lines[2]
    rows = lines[3:]
    assert len(rows) == 4
    assert "bob" in rows[0] and rows[0].endswith("verdict given: disputed")
    assert "undo of: evidence span attached" in rows[1]
    assert "ann       undone  evidence span attached" in rows[2]
    assert f"“{quote}”" in rows[2] and "(undone " in rows[2] and rows[2].endswith("by ann)")
    assert "undone" not in rows[3] and rows[3].endswith("verdict given: evidenced")


def test_history_as_json_lines(harbour: Store) -> None:
    claim_id, quote = judged_then_undone(harbour)
    code, out, _ = run("history", str(claim_id), "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["reviewer"], r["action"], r["undone"]) for r in rows] == [
        ("bob", "verdict", False),
        (ANN, "undo", False),
        (ANN, "span_add", True),
        (ANN, "verdict", False),
    ]
    span = rows[2]
    assert span["after"]["span"]["quote"] == quote and span["undone_by"] == ANN
    assert span["undone_at"] == rows[1]["at"]
    assert rows[3]["description"] == "verdict given: evidenced"


def test_history_of_an_unknown_claim_is_one_line(store: Store) -> None:
    code, out, err = run("history", "999")
    assert (code, out) == (1, "")
    assert err == "Error: no claim with id 999; `factdesk claims` lists them\n"
    code, _, err = run("history", "first")
    assert code == 1 and err.count("\n") == 1 and "'first'" in err


@pytest.mark.parametrize(
    "text",
    ["99999999999999999999", "9223372036854775808", "-3", "0", "1.5", "1" * 5000],
    ids=lambda t: t[:22],
)
def test_history_of_a_number_no_claim_can_have_is_one_line(store: Store, text: str) -> None:
    code, out, err = run("history", "--", text)
    assert (code, out) == (1, "")
    assert err.startswith("Error: a claim id is a whole number from 1") and err.count("\n") == 1


def test_an_added_claim_taken_back_keeps_its_history(harbour: Store) -> None:
    text = harbour.article(1).text
    quote = "cargo volumes fell by 12 percent"  # part of a sentence: no candidate
    start = text.index(quote)
    harbour.start_session()
    added = harbour.add_claim(1, ANN, start, start + len(quote), quote)
    harbour.undo(ANN)
    code, out, _ = run("history", str(added.claim_id))
    assert code == 0
    assert "no longer in the database" in out
    assert "undone  claim added by hand" in out and "undo of: claim added by hand" in out


def test_a_reused_claim_id_does_not_show_the_deleted_claims_history(
    harbour: Store, tmp_path: Path
) -> None:
    text = harbour.article(1).text
    quote = "cargo volumes fell by 12 percent"
    start = text.index(quote)
    harbour.start_session()
    added = harbour.add_claim(1, ANN, start, start + len(quote), quote)
    harbour.undo(ANN)  # the row is deleted: its id is free again
    other = tmp_path / "other.txt"
    other.write_text(
        "Other News\n\nThe council said on Friday that 30 schools closed in 2019.\n",
        encoding="utf-8",
    )
    import_paths(harbour, [other])
    reused = harbour.claim(added.claim_id)
    assert reused.article_id != 1  # the id now names another article's claim
    code, out, err = run("history", str(added.claim_id))
    assert code == 0 and "claim added by hand" not in out
    assert out.startswith(f"claim {added.claim_id}: ")
    assert err == "No actions on this claim yet.\n"
    # The same rule in the store, which the desk's history screen reads.
    assert harbour.history.claim_events(added.claim_id) == []
    again = harbour.add_claim(1, ANN, start, start + len(quote), quote)  # a live added claim
    assert [e.action for e in harbour.history.claim_events(again.claim_id)] == ["claim_add"]


def test_a_claims_history_is_read_from_indexes(store: Store) -> None:
    from factdesk.store_history import _EVENTS

    plan = [
        str(row[3]) for row in store.conn.execute(f"EXPLAIN QUERY PLAN {_EVENTS}", {"claim": 3})
    ]
    assert not [step for step in plan if step.startswith("SCAN")], plan
    assert "SEARCH c USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN" in plan


def test_merged_actions_say_so(harbour: Store, tmp_path: Path, harbour_file: Path) -> None:
    other = tmp_path / "bob.db"
    with Store(other) as bob:
        import_paths(bob, [harbour_file])
        claim_id = next(iter(bob.claims())).id
        bob.set_note(claim_id, "bob", "ask the port")
    code, _, _ = run("merge", str(other))
    assert code == 0
    code, out, _ = run("history", str(claim_id))
    assert "bob       " in out and "note written: “ask the port” (merged from another file)" in out


async def test_h_opens_the_claims_history_in_the_desk(harbour: Store) -> None:
    app = FactdeskApp(harbour, ANN)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen) and app.screen.claim is not None
        claim = app.screen.claim
        span = f"{claim.start}:{claim.start + 3} “{claim.text[:3]}”"
        await pilot.press("e", "v", *["shift+right"] * 3, "a")
        assert len(harbour.review(claim.id, ANN).spans) == 1
        await pilot.press("escape", "ctrl+z")
        assert harbour.review(claim.id, ANN).spans == ()
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#history-table", Static)
        strips = table.render_lines(Region(0, 0, table.size.width, table.size.height))
        lines = [strip.text.rstrip() for strip in strips if strip.text.strip()]
        assert "Time (UTC)" in lines[0] and "Reviewer" in lines[0]
        assert lines[1].endswith(f"undo of: evidence span attached: {span}")
        assert f"undone  evidence span attached: {span} (undone " in lines[2]
        # (the rest of that line may wrap)
        assert lines[-1].endswith("verdict given: evidenced") and "undone" not in lines[-1]
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


SPAN = {"id": 3, "start": 4, "end": 9, "quote": "ships\u202e", "article_id": 2}
WORDS = [
    ("verdict", None, {"verdict": "evidenced"}, "verdict given: evidenced"),
    ("verdict", {"verdict": "disputed"}, {"verdict": None}, "verdict cleared (was disputed)"),
    (
        "verdict",
        {"verdict": None},
        {"verdict": "unevidenced", "given": {"from": 4, "count": 2}},
        "verdict given: unevidenced (with g, from claim 4 to 2 claims of its cluster)",
    ),
    (
        "flag",
        {"flagged": False, "restored": 9},
        {"flagged": True},
        "flagged for later (which restored the dismissed claim)",
    ),
    ("note", {"note": ""}, {"note": "a\nb"}, "note written: “a b”"),
    ("note", {"note": "a"}, {"note": ""}, "note removed"),
    ("span_add", None, {"span": SPAN}, "evidence span attached: 4:9 in article 2 “ships⬱”"),
    ("span_remove", {"span": SPAN}, None, "evidence span removed: 4:9 in article 2 “ships⬱”"),
    ("claim_add", None, {"claim": {"id": 5}}, "claim added by hand"),
    ("dismiss", {"dismissed": False}, {"dismissed": True}, "dismissed as not check-worthy"),
    ("restore", {"dismissed": True}, {"dismissed": False}, "restored (no longer dismissed)"),
    ("cluster_move", {"member": {"cluster": 7}}, {"cluster": None}, "taken out of cluster 7"),
    (
        "cluster_move",
        {"member": None},
        {"cluster": 8, "started_with": 2},
        "moved to cluster 8, which it starts with claim 2",
    ),
    (
        "conflict_dismiss",
        {},
        {"conflict": 3, "dismissed_by": "ann"},
        "conflict 3 dismissed as wrong",
    ),
    ("final", {"final": None}, {"final": "disputed"}, "final verdict: disputed"),
    (
        "carry",
        {"claim": 2},
        {"verdict": "evidenced", "note": "", "spans": []},
        "verdict evidenced carried over from claim 2 (the article was corrected)",
    ),
    ("supersede", None, {"successor": 9}, "superseded by claim 9 (the article was corrected)"),
    (
        "merged",
        None,
        {"action": "flag", "after": {"flagged": True}},
        "flagged for later (merged from another file)",
    ),
    ("undo", None, {"skipped": "note"}, "undo passed over the note: it could not be taken back"),
]


@pytest.mark.parametrize(("action", "before", "after", "words"), WORDS)
def test_every_logged_action_on_a_claim_has_words(
    action: str, before: dict[str, Any] | None, after: dict[str, Any] | None, words: str
) -> None:
    assert describe(action, before, after) == words
