"""The threshold is the reviewer's: --min-score on review, claims and export; the palette's
Show more / Show fewer claims, remembered per reviewer across restarts. Scores come from an
extractor that is being rewritten, so every expected count is read from the store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from factdesk.extract import THRESHOLD
from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen
from tests.helpers import CORPUS, immutable_file, run

ANN, BOB = "ann", "bob"
SIZE = (120, 40)
ARTICLE = (
    "Harbour Report\n\n"
    "The harbour authority said on Monday that 14 ships were turned away in 2021. We hope"
    " the weather improves soon. Port officials reported that cargo volumes fell by 12"
    " percent last year. It is a lovely harbour.\n"
)


@pytest.fixture
def small(isolated_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert run("import", str(path))[0] == 0
    return isolated_db


@pytest.fixture
def corpus(store: Store) -> Store:
    import_paths(store, [CORPUS])
    return store


def scored(db: Path, min_score: float) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(
            conn.execute("SELECT count(*) FROM claims WHERE score >= ?", (min_score,)).fetchone()[0]
        )
    finally:
        conn.close()


def screen(app: FactdeskApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def current(app: FactdeskApp) -> int:
    claim = screen(app).claim
    assert claim is not None
    return claim.id


def setting(store: Store, reviewer: str) -> list[tuple[str]]:
    return store.conn.execute(
        "SELECT value FROM settings WHERE reviewer = ? AND name = 'min_score'", (reviewer,)
    ).fetchall()


# -- the commands -------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["review", "claims", "export"])
@pytest.mark.parametrize("value", ["1.5", "-0.1", "abc", "nan"])
def test_a_bad_min_score_is_one_line(small: Path, command: str, value: str) -> None:
    code, out, err = run(command, "--min-score", value)
    assert code == 1 and out == ""
    assert err == f"Error: --min-score must be a number from 0 to 1, not '{value}'\n"


def test_claims_min_score_lists_every_candidate_at_zero(small: Path) -> None:
    total = scored(small, 0)
    assert scored(small, THRESHOLD) < total  # the article has candidates below the line
    for value, expected in [("0", total), ("0.5", scored(small, 0.5)), ("1", scored(small, 1))]:
        code, out, _ = run("claims", "--format", "jsonl", "--min-score", value)
        assert code == 0 and len(out.splitlines()) == expected, value
    code, out, _ = run("claims", "--format", "jsonl")  # the default is the threshold
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == scored(small, THRESHOLD) and all(r["score"] >= THRESHOLD for r in rows)
    code, out, _ = run("claims", "--min-score", "0")  # the table too
    assert code == 0 and sum(line[:6].strip().isdigit() for line in out.splitlines()) == total


def test_claims_status_says_added_and_dismissed_for_the_reviewer(small: Path) -> None:
    with Store(small) as store:
        text = store.article(1).text
        start = text.index("14 ships")
        added = store.add_claim(1, ANN, start, start + 8, "14 ships").claim_id
        low = min(store.claims(min_score=None), key=lambda c: c.score)
        store.set_dismissed(low.id, ANN, True)
    code, out, _ = run("claims", "--format", "jsonl", "--min-score", "0", "--reviewer", ANN)
    status = {r["claim_id"]: r["status"] for r in map(json.loads, out.splitlines())}
    assert status.pop(added) == "added" and status.pop(low.id) == "dismissed"
    assert set(status.values()) == {"extracted"}
    code, out, _ = run("claims", "--format", "jsonl", "--min-score", "1", "--reviewer", BOB)
    rows = [json.loads(line) for line in out.splitlines()]  # added claims: at any threshold
    assert [(r["claim_id"], r["status"]) for r in rows if r["score"] < 1] == [(added, "added")]
    code, out, _ = run("--reviewer", BOB, "claims", "--format", "jsonl", "--min-score", "0")
    assert {json.loads(line)["status"] for line in out.splitlines()} == {"extracted", "added"}


def test_export_min_score_chooses_the_unjudged_claims_of_all(small: Path) -> None:
    with Store(small) as store:
        low = min(store.claims(min_score=None), key=lambda c: c.score)
        store.set_verdict(low.id, ANN, Verdict.DISPUTED)  # judged, below any threshold
    for value in ("0", "0.5", "0.9"):
        code, out, err = run("export", "--all", "--format", "jsonl", "--min-score", value)
        rows = [json.loads(line) for line in out.splitlines()]
        above = scored(small, float(value))
        expected = above if low.score >= float(value) else above + 1  # with the judged one
        assert code == 0 and len(rows) == expected, value
        assert low.id in {r["claim_id"] for r in rows}
        assert "--min-score" not in err
    for value in ("0", "0.9"):  # by default judged claims, whatever their score, and it says so
        code, out, err = run("export", "--format", "jsonl", "--min-score", value)
        assert [json.loads(line)["claim_id"] for line in out.splitlines()] == [low.id]
        assert err.startswith("Note: --min-score chooses the unjudged claims of --all;"), err
    code, _, err = run("export", "--format", "jsonl")
    assert code == 0 and err == ""
    code, out, _ = run("export", "--help")
    assert "Without --all it changes nothing" in " ".join(out.split())


def test_review_min_score_is_for_the_run_only(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[float | None] = []
    monkeypatch.setattr("factdesk.cli.has_terminal", lambda: True)
    monkeypatch.setattr(FactdeskApp, "run", lambda app: opened.append(app.min_score))
    assert run("review", "--reviewer", ANN, "--min-score", "0.25")[0] == 0
    assert run("review", "--reviewer", ANN)[0] == 0
    assert opened == [0.25, None]  # None: the remembered threshold, else the default
    with Store(small) as store:
        store.remember_min_score(ANN, 0.9)
        assert store.min_score(ANN) == 0.9 and store.min_score(BOB) == THRESHOLD


async def test_review_min_score_shapes_the_queue_and_is_not_remembered(small: Path) -> None:
    with Store(small) as store:
        store.remember_min_score(ANN, 0.9)
        app = FactdeskApp(store, ANN, min_score=0.0)
        async with app.run_test(size=SIZE):
            assert screen(app).min_score == 0.0
            assert len(screen(app).queue.ids) == store.candidate_count() == scored(small, 0)
            assert str(screen(app).progress) == f"0 of {scored(small, 0)} judged"
        assert store.min_score(ANN) == 0.9
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=SIZE):
            assert screen(app).min_score == 0.9
            assert list(screen(app).queue.ids) == list(store.queue_ids(ANN, min_score=0.9))


# -- the palette --------------------------------------------------------------------------


async def palette(pilot: object, command: str) -> None:
    await pilot.press("ctrl+p", *command, "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_show_more_and_fewer_claims_are_remembered_per_reviewer(corpus: Store) -> None:
    at_default = list(corpus.queue_ids(ANN))
    app = FactdeskApp(corpus, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n")
        kept = current(app)
        await palette(pilot, "Show more claims")
        assert screen(app).min_score == 0.4
        shown = list(screen(app).queue.ids)
        assert shown == list(corpus.queue_ids(ANN, min_score=0.4))
        assert set(at_default) <= set(shown) and current(app) == kept
        count = f"{len(shown)} claim{'s' if len(shown) != 1 else ''}"
        assert screen(app).message == f"Showing claims scoring 0.4 or more: {count}"
        assert str(screen(app).progress) == f"0 of {len(shown)} judged"
        assert setting(corpus, ANN) == [("0.4",)]
        for _ in range(4):
            await palette(pilot, "Show more claims")
        assert screen(app).min_score == 0.0
        assert len(screen(app).queue.ids) == corpus.candidate_count()  # every candidate
        await palette(pilot, "Show more claims")
        assert screen(app).message.startswith("The threshold is already 0")
        await palette(pilot, "Show fewer claims")
        assert screen(app).min_score == 0.1 and setting(corpus, ANN) == [("0.1",)]
        assert "≥0.1" in app.export_screenshot()  # the header shows a threshold of one's own
    again = FactdeskApp(corpus, ANN)  # a restart remembers it
    async with again.run_test(size=SIZE):
        assert screen(again).min_score == 0.1
        assert list(screen(again).queue.ids) == list(corpus.queue_ids(ANN, min_score=0.1))
    other = FactdeskApp(corpus, BOB)  # another reviewer keeps the default
    async with other.run_test(size=SIZE):
        assert screen(other).min_score == THRESHOLD
        assert list(screen(other).queue.ids) == at_default


async def test_raising_the_threshold_keeps_work_and_moves_to_the_nearest(corpus: Store) -> None:
    ids = list(corpus.queue_ids(ANN))
    judged, target = ids[0], ids[1]
    corpus.set_verdict(judged, ANN, Verdict.EVIDENCED)
    app = FactdeskApp(corpus, ANN)
    async with app.run_test(size=SIZE) as pilot:
        screen(app).go_to(target)
        steps = 0
        while target in corpus.queue_ids(ANN, min_score=round(THRESHOLD + 0.1 * (steps + 1), 3)):
            steps += 1
        assert steps < 5, "the claim scores 1: pick another one"
        for _ in range(steps + 1):
            await palette(pilot, "Show fewer claims")
        value = screen(app).min_score
        assert value == round(THRESHOLD + 0.1 * (steps + 1), 3)
        remaining = set(corpus.queue_ids(ANN, min_score=value))
        assert judged in remaining  # work never drops out of view
        assert target not in remaining and target not in screen(app).queue.ids
        after = [i for i in ids[ids.index(target) :] if i in remaining]
        before = [i for i in ids[: ids.index(target)] if i in remaining]
        assert current(app) == (after or before[-1:])[0]


async def test_a_read_only_database_applies_the_threshold_for_the_session(
    corpus: Store,
) -> None:
    corpus.close()  # checkpoint the WAL into the file
    with immutable_file(corpus.path) as path, Store(path) as store:
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=SIZE) as pilot:
            await palette(pilot, "Show more claims")
            assert screen(app).min_score == 0.4
            assert list(screen(app).queue.ids) == list(store.queue_ids(ANN, min_score=0.4))
            assert screen(app).message.endswith("; not remembered (read-only database)")
        assert store.min_score(ANN) == THRESHOLD and setting(store, ANN) == []


def test_the_queue_size_agrees_with_the_queue_whatever_puts_claims_in_it(
    corpus: Store, tmp_path: Path
) -> None:
    """Progress counts the queue without testing every claim (it is read on every catch-up
    with another window): it must agree with the queue itself at any threshold, for a
    reviewer with work below the threshold, dismissals above and below it, added claims,
    another reviewer's dismissals, and a claim changed since judged."""
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    import_paths(corpus, [path])
    harbour = max(a["id"] for a in corpus.articles())
    judged = [c for c in corpus.claims(article_id=harbour) if c.score >= THRESHOLD][0]
    corpus.set_verdict(judged.id, ANN, Verdict.DISPUTED)
    path.write_text(ARTICLE.replace("14 ships", "15 ships"), encoding="utf-8")
    import_paths(corpus, [path])  # the judged sentence changed: its successor is marked
    every = list(corpus.claims(min_score=None))
    low = [c for c in every if c.score < THRESHOLD]
    high = [c for c in every if c.score >= THRESHOLD]
    assert len(low) >= 6 and len(high) >= 3
    corpus.set_verdict(low[0].id, ANN, Verdict.EVIDENCED)  # work below the threshold
    corpus.set_flag(low[1].id, ANN, True)
    corpus.set_note(low[2].id, ANN, "check the figure")
    corpus.add_span(low[3].id, ANN, low[3].start, low[3].end, low[3].text)
    corpus.set_dismissed(high[0].id, ANN, True)
    corpus.set_verdict(high[1].id, ANN, Verdict.UNEVIDENCED)
    corpus.set_dismissed(high[1].id, ANN, True)  # judged, then dismissed
    corpus.set_dismissed(low[4].id, ANN, True)  # below the threshold, no work
    corpus.set_dismissed(high[2].id, BOB, True)
    revealed = corpus.add_claim(low[5].article_id, BOB, low[5].start, low[5].end, low[5].text)
    assert revealed.outcome == "revealed"
    corpus.set_dismissed(revealed.claim_id, ANN, True)
    words = high[2].text.split(" ")[0]
    new = corpus.add_claim(
        high[2].article_id, ANN, high[2].start, high[2].start + len(words), words
    )
    assert new.outcome == "new"
    for min_score in (0.0, 0.3, THRESHOLD, 0.8, 1.0):
        for reviewer in (ANN, BOB, "carol"):
            expected = len(corpus.queue_ids(reviewer, min_score=min_score))
            assert corpus.claim_count(min_score, reviewer) == expected, (reviewer, min_score)
        everyone = len(list(corpus.claims(min_score=min_score)))
        assert corpus.claim_count(min_score) == everyone, min_score
        assert corpus.progress(ANN, min_score).total == len(
            corpus.queue_ids(ANN, min_score=min_score)
        )


async def test_a_higher_min_score_resumes_at_the_nearest_claim(corpus: Store) -> None:
    """The reviewer's saved place scores under this run's --min-score: the desk still says
    Resumed, and opens the first claim of the queue after that place."""
    every = list(corpus.claims(min_score=0.0))
    high = [i for i, c in enumerate(every) if c.score >= 0.8]
    # A place under 0.8 with claims of the queue before it (so not the first unjudged).
    place = next(i for i in range(high[1], high[-1]) if every[i].score < 0.8)
    corpus.save_position(ANN, every[place].id)
    expected = next(c.id for c in every[place:] if c.score >= 0.8)
    app = FactdeskApp(corpus, ANN, min_score=0.8)
    async with app.run_test(size=(120, 40)):
        assert screen(app).claim is not None and screen(app).claim.id == expected
        assert screen(app).message.startswith("Resumed at the nearest claim")
        assert str(screen(app).progress) in screen(app).message
    last = max((c for c in every if c.score >= 0.8), key=lambda c: every.index(c))
    after = every[every.index(last) + 1 :]
    if after:  # a place after the queue's last claim: the nearest is before it
        corpus.save_position(ANN, after[0].id)
        app = FactdeskApp(corpus, ANN, min_score=0.8)
        async with app.run_test(size=(120, 40)):
            assert screen(app).claim is not None and screen(app).claim.id == last.id
            assert screen(app).message.startswith("Resumed")
