"""A large desk opens at once: its first claim shows while its queue and progress are read
on a thread; a key that needs the queue first reads it there and then."""

from __future__ import annotations

import threading
from array import array

import pytest

from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens import queue_behind
from factdesk.ui.screens.review_screen import ReviewScreen
from tests.helpers import ANN, SIZE, current, queue_read, screen


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Every desk reads its queue behind, and the thread that reads it waits for the
    event (the main thread never does)."""
    release = threading.Event()
    read = ReviewScreen.queue_from

    def waiting(self: ReviewScreen, store: Store) -> array[int]:
        if threading.current_thread() is not threading.main_thread():
            assert release.wait(10)
        return read(self, store)

    monkeypatch.setattr(queue_behind, "BEHIND", 0)
    monkeypatch.setattr(ReviewScreen, "queue_from", waiting)
    return release


async def test_the_first_claim_shows_and_can_be_judged_before_the_queue_arrives(
    desk: Store, held: threading.Event
) -> None:
    total = desk.claim_count()
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk_screen = screen(app)
        first = current(app)
        assert list(desk_screen.queue.ids) == [first]
        header = app.export_screenshot().replace("&#160;", " ")
        assert "counting…" in header and "reading the queue…" in header
        await pilot.press("e")  # judged while the queue is still being read
        assert desk.review(first, ANN).verdict is Verdict.EVIDENCED
        held.set()
        await queue_read(app, pilot)
        assert len(desk_screen.queue.ids) == total
        assert desk_screen.queue.claim_id == first
        assert str(desk_screen.progress) == f"1 of {total} judged"  # the verdict counted


async def test_a_key_that_needs_the_queue_reads_it_there_and_then(
    desk: Store, held: threading.Event
) -> None:
    total = desk.claim_count()
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk_screen = screen(app)
        first = current(app)
        await pilot.press("n")
        assert len(desk_screen.queue.ids) == total and desk_screen.queue.cursor == 1
        second = current(app)
        assert second != first and str(desk_screen.progress) == f"0 of {total} judged"
        held.set()  # the thread's queue comes too late: nothing moves
        await pilot.pause(0.2)
        assert desk_screen.queue.cursor == 1 and current(app) == second
        await pilot.press("down")
        assert desk_screen.queue.cursor == 2


async def test_an_undo_or_a_search_before_the_queue_arrives_still_gets_the_whole_queue(
    desk: Store, held: threading.Event
) -> None:
    """An undo re-reads the progress and goes to the claim it undid, a search looks for
    claims in the queue: both read it there and then (and the desk is never left on the
    one-claim queue of its opening)."""
    total = desk.claim_count()
    last = desk.claim(desk.queue_ids(ANN)[-1])
    word = max(last.text.split(), key=len)
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk_screen = screen(app)
        first = current(app)
        await pilot.press("e", "ctrl+z")
        assert desk.review(first, ANN).verdict is None
        assert len(desk_screen.queue.ids) == total and current(app) == first
        held.set()
        await pilot.pause(0.2)
        assert len(desk_screen.queue.ids) == total
        assert str(desk_screen.progress) == f"0 of {total} judged"
    app = FactdeskApp(desk, ANN)
    held.clear()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *word, "enter")
        await pilot.pause()
        assert len(screen(app).queue.ids) == total
        assert word in screen(app).claim.text  # type: ignore[union-attr]
        held.set()
