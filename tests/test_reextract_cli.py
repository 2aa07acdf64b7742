"""``factdesk reextract`` as a user runs it, ``factdesk status`` and the desk saying when
claims were found by another extractor version."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

import factdesk.extract
import factdesk.reextract
from factdesk.extract import EXTRACTOR_VERSION, THRESHOLD, extract_candidates
from factdesk.importer import import_paths
from factdesk.models import ExtractedClaim, Verdict
from factdesk.reextract import other_extractors
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.widgets.desk_header import DeskHeader
from tests.helpers import CORPUS, immutable_file, run

OLD = "rules-0"


def corpus_from_an_older_extractor(db: Path) -> dict[str, int]:
    """The sample corpus, judged a little, as if an older extractor had found its claims;
    returns per article source how many candidates the current extractor finds there."""
    with Store(db) as store:
        import_paths(store, [CORPUS])
        ids = list(store.queue_ids("ann"))
        store.set_verdict(ids[0], "ann", Verdict.EVIDENCED)
        store.set_flag(ids[1], "ann", True)
        store.set_note(ids[2], "bob", "check the date")
        with store._write():
            store.conn.execute("UPDATE claims SET extractor = ?", (OLD,))
        return {
            str(source): len(extract_candidates(text))
            for source, text in store.conn.execute(
                "SELECT source, text FROM articles WHERE is_current = 1"
            )
        }


def work(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT c.id, c.start, c.end, substr(a.text, c.start + 1, c.end - c.start),"
            " v.verdict, v.flagged, n.text FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN verdicts v ON v.claim_id = c.id LEFT JOIN notes n ON n.claim_id = c.id"
            " WHERE v.claim_id IS NOT NULL OR n.claim_id IS NOT NULL ORDER BY c.id"
        ).fetchall()
    finally:
        conn.close()


def claim_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM claims").fetchone()[0])
    finally:
        conn.close()


def test_reextract_reports_and_a_second_run_changes_nothing(isolated_db: Path) -> None:
    candidates = corpus_from_an_older_extractor(isolated_db)
    before, judged = claim_count(isolated_db), work(isolated_db)
    code, out, err = run("reextract", "--reviewer", "ed")
    assert code == 0 and out == ""
    total = sum(candidates.values())
    with Store(isolated_db) as store:
        scores = [c.score for c in store.claims(min_score=None)]
    assert len(scores) == total == claim_count(isolated_db)
    checkworthy = sum(score >= THRESHOLD for score in scores)
    assert err == (
        f"Re-extracted 5 articles with {EXTRACTOR_VERSION} (claims were from {OLD}):"
        f" {total - before} claims appeared, 0 went, 0 kept for their review work,"
        f" {before} still found (0 with a new score); {checkworthy} of the {total} claims in"
        " them score 0.5 or more.\n"
    )
    assert work(isolated_db) == judged
    with Store(isolated_db) as store:
        logged = store.conn.execute(
            "SELECT reviewer, claim_id FROM events WHERE action = 'reextract'"
        ).fetchall()
    assert logged == [("ed", None)] * 5
    code, out, err = run("reextract")
    assert (code, out) == (0, "")
    assert err == f"Nothing to re-extract: every claim is already from {EXTRACTOR_VERSION}.\n"


def test_status_says_when_claims_came_from_another_extractor(isolated_db: Path) -> None:
    corpus_from_an_older_extractor(isolated_db)
    code, out, _ = run("status")
    assert code == 0
    line = (
        f"{claim_count(isolated_db)} claims were found by another extractor version ({OLD})"
        f" than this factdesk's ({EXTRACTOR_VERSION}): run factdesk reextract"
    )
    assert line in out.splitlines()
    assert run("reextract")[0] == 0
    code, out, _ = run("status")
    assert code == 0 and "another extractor" not in out


def test_a_dry_run_says_what_would_change_and_changes_nothing(isolated_db: Path) -> None:
    corpus_from_an_older_extractor(isolated_db)
    before = dump(isolated_db)
    code, _, err = run("reextract", "--dry-run")
    assert code == 0
    assert err.startswith(
        f"Dry run, nothing written. Re-extracting 5 articles with {EXTRACTOR_VERSION}"
        f" (claims were from {OLD}): "
    )
    assert dump(isolated_db) == before


def dump(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return [
            *conn.execute("SELECT * FROM claims ORDER BY id"),
            *conn.execute("SELECT * FROM events ORDER BY id"),
        ]
    finally:
        conn.close()


def test_reextract_on_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "desk.db"
    code, out, err = run("reextract", "--db", str(db))
    assert code == 1 and out == ""
    assert err == (
        f"Error: no database at {db}; start one with: factdesk import --db {db} FOLDER\n"
    )
    assert not db.parent.exists()


def test_reextract_on_a_read_only_database(isolated_db: Path) -> None:
    corpus_from_an_older_extractor(isolated_db)
    with Store(isolated_db):
        pass  # checkpointed and closed: the file holds everything
    data = isolated_db.read_bytes()
    with immutable_file(isolated_db):
        code, out, err = run("reextract")
    assert code == 1 and out == ""
    assert err == f"Error: {isolated_db} is read-only: nothing was re-extracted\n"
    assert isolated_db.read_bytes() == data


def test_a_read_only_database_already_up_to_date_is_fine(isolated_db: Path) -> None:
    run("import", str(CORPUS))
    with immutable_file(isolated_db):
        code, _, err = run("reextract")
    assert code == 0
    assert err.startswith("Nothing to re-extract")


def test_an_interrupted_run_says_how_far_it_got(
    isolated_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus_from_an_older_extractor(isolated_db)
    seen: list[str] = []

    def interrupted(text: str) -> list[ExtractedClaim]:
        seen.append(text)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return extract_candidates(text)

    monkeypatch.setattr(factdesk.extract, "extract_candidates", interrupted)
    code, _, err = run("reextract")
    assert code == 130
    assert err == (
        "Interrupted: the run stopped after 2 of 5 articles; run factdesk reextract again to"
        " finish.\n"
    )
    with Store(isolated_db) as store:
        assert sum(store.other_extractors(EXTRACTOR_VERSION).values()) > 0
    monkeypatch.setattr(factdesk.extract, "extract_candidates", extract_candidates)
    code, _, err = run("reextract")
    assert code == 0 and err.startswith("Re-extracted 3 articles")


def test_an_extractor_giving_wrong_offsets_is_one_line(
    isolated_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus_from_an_older_extractor(isolated_db)

    def shifted(text: str) -> list[ExtractedClaim]:
        return [ExtractedClaim(c.start + 1, c.end + 1, c.text, None, None, c.score)
                for c in extract_candidates(text)]  # fmt: skip

    monkeypatch.setattr(factdesk.extract, "extract_candidates", shifted)
    code, _, err = run("reextract")
    assert code == 1
    assert re.fullmatch(
        r"Error: the extractor gave offsets \d+:\d+ that do not match the text of article 1;"
        r" nothing of it was stored; the run stopped after 0 of 5 articles; run factdesk"
        r" reextract again to finish\n",
        err,
    )


def test_many_articles_reextracted_with_no_progress_when_piped(
    isolated_db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(25):
        (folder / f"{n}.txt").write_text(
            f"Report {n}\n\nOfficials said {n + 2} people were hurt in 2020.\n", encoding="utf-8"
        )
    run("import", str(folder))
    conn = sqlite3.connect(isolated_db)
    with conn:
        conn.execute("UPDATE claims SET extractor = ?", (OLD,))
    conn.close()
    code, _, err = run("reextract")
    assert code == 0
    assert err.startswith("Re-extracted 25 articles")  # no progress when piped (test_progress)


SIZE = (120, 40)


async def test_the_desk_says_when_claims_came_from_another_extractor(
    isolated_db: Path,
) -> None:
    corpus_from_an_older_extractor(isolated_db)
    with Store(isolated_db) as store:
        with store._write():  # one article's claims from yet another version
            store.conn.execute("UPDATE claims SET extractor = 'rules-00' WHERE article_id = 2")
        per_version = dict(
            store.conn.execute("SELECT extractor, count(*) FROM claims GROUP BY extractor")
        )
        app = FactdeskApp(store, "ann")
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            for _ in range(100):  # the check runs on a thread once the desk is drawn
                await pilot.pause(0.05)
                if app._notifications:
                    break
            messages = [n.message for n in app._notifications]
            header = app.screen.query_one(DeskHeader)._shown
    versions = ", ".join(sorted(per_version, key=lambda v: -per_version[v]))
    assert messages == [
        f"{sum(per_version.values())} claims were found by another extractor version"
        f" ({versions}) than this factdesk's ({EXTRACTOR_VERSION}): run factdesk reextract"
    ]
    assert header is not None and f"claims by {versions}: reextract" in header.plain


async def test_the_desk_says_nothing_when_the_extractor_is_current(
    isolated_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[dict[str, int]] = []

    def spied(store: Store) -> dict[str, int]:
        checked.append(other_extractors(store))
        return checked[-1]

    monkeypatch.setattr(factdesk.reextract, "other_extractors", spied)
    with Store(isolated_db) as store:
        import_paths(store, [CORPUS])
        app = FactdeskApp(store, "ann")
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if checked:
                    break
            await app.workers.wait_for_complete()
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            header = app.screen.query_one(DeskHeader)._shown
    assert checked == [{}] and messages == []
    assert header is not None and "judged" in header.plain and "claims by" not in header.plain


async def test_a_desk_open_during_a_reextract_never_judges_another_claim(
    isolated_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A claim the re-extraction removed under an open desk: at the next move the desk
    reads its queue again (a reextract changes which claims it holds), so it never opens
    the removed claim, and a verdict falls on the claim shown."""
    with Store(isolated_db) as store:
        import_paths(store, [CORPUS])
        ids = list(store.queue_ids("ann"))
        gone = store.claim(ids[1]).text
        app = FactdeskApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            monkeypatch.setattr(factdesk.extract, "EXTRACTOR_VERSION", "rules-x")
            monkeypatch.setattr(
                factdesk.extract,
                "extract_candidates",
                lambda text: [c for c in extract_candidates(text) if c.text != gone],
            )
            with Store(isolated_db) as other:  # as from another terminal
                report = factdesk.reextract.run(other, factdesk.reextract.prepare(other), "ed")
            assert report.went == 1
            await pilot.press("n")
            screen = app.screen
            assert isinstance(screen, ReviewScreen) and screen.claim is not None
            shown, queue = screen.claim.id, list(screen.queue.ids)
            await pilot.press("e")
            after = store.conn.execute("SELECT claim_id, verdict FROM verdicts").fetchall()
    assert ids[1] not in queue and shown == ids[2]
    assert after == [(ids[2], "evidenced")]


async def test_a_claim_gone_behind_the_desks_back_is_never_judged_in_its_place(
    isolated_db: Path,
) -> None:
    """A claim deleted with nothing logged (a damaged or hand-edited file): moving onto it
    says it cannot be read, and a verdict then is saved nowhere (not on the claim shown
    before)."""
    with Store(isolated_db) as store:
        import_paths(store, [CORPUS])
        ids = list(store.queue_ids("ann"))
        app = FactdeskApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            with Store(isolated_db) as other:
                other.conn.execute("DELETE FROM claims WHERE id = ?", (ids[1],))
                other.conn.commit()
            await pilot.press("n", "e")
            message = app.screen.message
            judged = store.conn.execute("SELECT count(*) FROM verdicts").fetchone()[0]
            await pilot.press("n", "e")  # the next claim is there, and is judged
            after = store.conn.execute("SELECT claim_id, verdict FROM verdicts").fetchall()
    assert message == f"Cannot read claim {ids[1]}: no claim with id {ids[1]}"
    assert judged == 0
    assert after == [(ids[2], "evidenced")]
