"""A failed save keeps what the reviewer typed: the note editor and the export dialog stay
open with the text and the error, so the reviewer can retry; a read-only database says so
when the desk opens."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens import review_screen
from factdesk.ui.screens.export_screen import ExportScreen
from factdesk.ui.screens.note_screen import NoteScreen
from factdesk.ui.screens.review_screen import ReviewScreen
from tests.helpers import CORPUS, immutable_file

ANN = "ann"
SIZE = (120, 40)


@pytest.fixture
def desk(store: Store) -> Store:
    import_paths(store, [CORPUS])
    return store


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give up on a busy database after three tries (about a second) instead of ten."""
    monkeypatch.setattr(review_screen, "BUSY_ATTEMPTS", 3)


@pytest.fixture
def write_lock(desk: Store) -> Iterator[sqlite3.Connection]:
    """Another connection that can take the database's write lock, as a second window
    in the middle of a long write would."""
    other = sqlite3.connect(desk.path, isolation_level=None, timeout=0)
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def current(app: FactdeskApp) -> int:
    assert isinstance(app.screen, ReviewScreen) and app.screen.claim is not None
    return app.screen.claim.id


async def saved(pilot: object, app: FactdeskApp) -> None:
    """Wait until the note editor is no longer saving (retries take a moment)."""
    while isinstance(app.screen, NoteScreen) and app.screen.saving:
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.usefixtures("quick_retries")
async def test_a_note_that_cannot_be_saved_stays_in_the_editor(
    desk: Store, write_lock: sqlite3.Connection
) -> None:
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        claim_id = current(app)
        await pilot.press("m", *"needs a source")
        write_lock.execute("BEGIN IMMEDIATE")  # another window holds the database
        await pilot.press("ctrl+s")
        await saved(pilot, app)
        editor = app.screen
        assert isinstance(editor, NoteScreen)  # still open, with the text and the error
        assert editor.query_one(TextArea).text == "needs a source"
        assert "Not saved: database is locked" in editor.error
        assert desk.review(claim_id, ANN).note == ""
        await pilot.press(*" (Reuters)")  # the reviewer can keep typing
        write_lock.execute("ROLLBACK")
        await pilot.press("ctrl+s")  # and retry
        await saved(pilot, app)
        assert isinstance(app.screen, ReviewScreen)
        assert desk.review(claim_id, ANN).note == "needs a source (Reuters)"
        assert app.screen.review.note == "needs a source (Reuters)"
        assert app.screen.message == "Note saved"


@pytest.mark.usefixtures("quick_retries")
async def test_escape_still_cancels_after_a_failed_save(
    desk: Store, write_lock: sqlite3.Connection
) -> None:
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        claim_id = current(app)
        write_lock.execute("BEGIN IMMEDIATE")
        await pilot.press("m", *"draft", "ctrl+s")
        await saved(pilot, app)
        assert isinstance(app.screen, NoteScreen) and app.screen.error
        write_lock.execute("ROLLBACK")
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        assert desk.review(claim_id, ANN).note == "" and app.screen.review.note == ""
        assert [e["action"] for e in desk.events(ANN)] == []


@pytest.fixture
def immutable(desk: Store) -> Iterator[Path]:
    """The database made read-only at the file-system level (root ignores chmod)."""
    desk.set_verdict(desk.queue_ids(ANN)[0], ANN, Verdict.DISPUTED)
    desk.close()  # checkpoint the WAL into the file first
    with immutable_file(desk.path) as path:
        yield path


async def test_a_read_only_database_says_so_and_keeps_the_note(immutable: Path) -> None:
    with Store(immutable) as store:
        assert store.is_read_only()
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            assert screen.message.startswith("Read-only database: nothing can be saved")
            shown = app.export_screenshot().replace("&#160;", " ")
            assert "READ-ONLY" in shown and "Read-only database: nothing" in shown
            await pilot.press("n", "n")  # moving is not an error at every step
            assert screen.message == "" and not app._notifications
            claim_id = current(app)
            await pilot.press("m", *"keep me", "ctrl+s")
            await saved(pilot, app)
            assert isinstance(app.screen, NoteScreen)
            assert "readonly" in app.screen.error
            assert app.screen.query_one(TextArea).text == "keep me"
            await pilot.press("escape")
            assert isinstance(app.screen, ReviewScreen)
            shown = app.export_screenshot()
            assert "READ-ONLY" in shown  # the mark stays after other messages
        assert store.review(claim_id, ANN).note == ""


def test_a_writable_database_is_not_read_only(desk: Store, write_lock: sqlite3.Connection) -> None:
    assert not desk.is_read_only()
    write_lock.execute("BEGIN IMMEDIATE")  # busy is not read-only
    desk.set_busy_timeout(50)
    assert not desk.is_read_only()
    write_lock.execute("ROLLBACK")
    assert desk.set_note(desk.queue_ids(ANN)[0], ANN, "still writable").note == "still writable"


async def test_a_failed_export_asks_again_with_the_path(desk: Store, tmp_path: Path) -> None:
    claim_id = desk.queue_ids(ANN)[0]
    desk.set_verdict(claim_id, ANN, Verdict.EVIDENCED)
    bad = tmp_path / "no such folder" / "ann.jsonl"
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Export JSON Lines", "enter")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(bad)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)  # asked again, with what was typed
        assert dialog.query_one("#export-path", Input).value == str(bad)
        assert dialog.error.startswith(f"Export failed: cannot write {bad}")
        assert "no such folder" in " ".join(
            str(s.content) for s in dialog.query("#export-error").results(Static)
        )
        good = tmp_path / "ann.jsonl"
        dialog.query_one("#export-path", Input).value = str(good)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    [line] = good.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["claim_id"] == claim_id and not bad.parent.exists()
