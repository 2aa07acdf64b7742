"""Damaged, foreign, read-only and full databases: one clear message, nothing saved shown as
saved, nothing already saved harmed."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import TextArea

from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen
from tests.helpers import CORPUS, immutable_file, run

SIZE = (120, 40)


@pytest.fixture
def judged(isolated_db: Path) -> Path:
    """A database with the sample corpus and one verdict, closed (WAL checkpointed)."""
    with Store(isolated_db) as store:
        import_paths(store, [CORPUS])
        store.set_verdict(store.queue_ids("ann")[0], "ann", Verdict.DISPUTED)
    return isolated_db


def one_line_error(err: str) -> bool:
    return err.startswith("Error: ") and err.count("\n") == 1 and "Traceback" not in err


def test_truncated_database_is_one_line_everywhere(judged: Path) -> None:
    os.truncate(judged, judged.stat().st_size // 2)
    for args in (["status"], ["claims"], ["export"], ["import", str(CORPUS)]):
        code, out, err = run(*args)
        assert code == 1 and out == "" and one_line_error(err), args
        assert "malformed" in err


def test_a_folder_that_cannot_hold_a_database(tmp_path: Path) -> None:
    code, _, err = run("status", "--db", "/proc/factdesk/desk.db")
    assert code == 1 and one_line_error(err) and "/proc/factdesk/desk.db" in err


@pytest.fixture
def immutable(judged: Path) -> Iterator[Path]:
    """The database file made read-only at the file-system level (root ignores chmod)."""
    with immutable_file(judged):
        yield judged


def test_read_only_database_reads_but_refuses_writes(immutable: Path, tmp_path: Path) -> None:
    code, out, _ = run("status")
    assert code == 0 and "disputed: 1" in out
    code, out, _ = run("export")
    assert code == 0 and out.count("\n") == 2
    new = tmp_path / "new.txt"
    new.write_text("Officials said on Monday that 12 people were held in Tabriz.\n")
    code, _, err = run("import", str(new))
    assert code == 1 and one_line_error(err) and "readonly" in err


async def test_read_only_database_in_the_desk(immutable: Path) -> None:
    with Store(immutable) as store:
        first = store.queue_ids("ann")[0]
        app = FactdeskApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            await pilot.press("home")  # the first claim, disputed earlier
            assert screen.claim is not None and screen.claim.id == first
            await pilot.press("e")
            assert screen.message.startswith("Not saved: attempt to write a readonly database")
            assert screen.review.verdict is Verdict.DISPUTED  # not shown as saved
        assert store.review(first, "ann").verdict is Verdict.DISPUTED


async def test_a_full_disk_saves_nothing_it_shows_and_harms_nothing(judged: Path) -> None:
    with Store(judged) as store:
        first = store.queue_ids("ann")[0]
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow
        app = FactdeskApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            saved, failed = 0, ""
            for _ in range(60):  # notes fill the last free pages, then one must fail
                await pilot.press("m")
                app.screen.query_one(TextArea).load_text("a long note " * 100)
                await pilot.press("ctrl+s")
                if screen.message.startswith("Not saved"):
                    failed = screen.message
                    break
                saved += 1
                await pilot.press("n")
            assert failed == "Not saved: database or disk is full"
            assert screen.review.note == ""  # the failed note is not shown as saved
        notes = store.conn.execute("SELECT count(*) FROM notes").fetchone()[0]
        assert notes == saved
        assert store.review(first, "ann").verdict is Verdict.DISPUTED
    check = sqlite3.connect(judged)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
