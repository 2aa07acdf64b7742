"""Two windows on one file, an export alongside, and a database held by someone else."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
from pathlib import Path

import pytest

from factdesk.export import ExportOptions, write_file
from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens import review_screen as review_module
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.widgets.desk_header import DeskHeader
from tests.helpers import CORPUS

SIZE = (120, 40)


@pytest.fixture
def desk_path(isolated_db: Path) -> Path:
    with Store(isolated_db) as store:
        import_paths(store, [CORPUS])
    return isolated_db


def review_screen(app: FactdeskApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_two_windows_see_each_other_and_lose_nothing(desk_path: Path) -> None:
    with Store(desk_path) as first, Store(desk_path) as second:
        ids = list(first.queue_ids("ann"))
        a, b = FactdeskApp(first, "ann"), FactdeskApp(second, "ann")
        async with a.run_test(size=SIZE) as pa, b.run_test(size=SIZE) as pb:
            await pa.press("e")  # window A: first claim evidenced
            await pb.press("n", "p")  # window B moves away and back: it shows A's verdict
            assert review_screen(b).review.verdict is Verdict.EVIDENCED
            await pb.press("n", "d")  # window B: second claim disputed
            await pa.press("n")
            assert review_screen(a).review.verdict is Verdict.DISPUTED
            # Interleave many actions from both windows on the same claims.
            for step in range(8):
                await pa.press("n", "u")
                await pb.press("n", "e" if step % 2 else "u")
    with Store(desk_path) as store:
        assert store.review(ids[0], "ann").verdict is Verdict.EVIDENCED
        events = list(store.events("ann"))
        assert len(events) == 2 + 16  # every keypress that changed something is logged
        # The last word on each claim is the last event about it: no update was lost.
        last = {event["claim_id"]: json.loads(event["after"])["verdict"] for event in events}
        for claim_id, verdict in last.items():
            assert store.review(claim_id, "ann").verdict == verdict


async def test_two_reviewers_keep_their_own_work(desk_path: Path) -> None:
    with Store(desk_path) as first, Store(desk_path) as second:
        ids = list(first.queue_ids("ann"))
        ann, bob = FactdeskApp(first, "ann"), FactdeskApp(second, "bob")
        async with ann.run_test(size=SIZE) as pa, bob.run_test(size=SIZE) as pb:
            await pa.press("e", "n", "n")
            await pb.press("d", "n")
    with Store(desk_path) as store:
        assert store.review(ids[0], "ann").verdict is Verdict.EVIDENCED
        assert store.review(ids[0], "bob").verdict is Verdict.DISPUTED
        assert store.position("ann") == ids[2] and store.position("bob") == ids[1]
        assert str(store.progress("ann")).startswith("1 of")


async def test_an_export_alongside_two_windows(desk_path: Path, tmp_path: Path) -> None:
    results: list[int] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def export_loop() -> None:
        try:
            with Store(desk_path) as store:
                while not stop.is_set():
                    results.append(write_file(store, ExportOptions(), tmp_path / "alongside.csv"))
                    stop.wait(0.05)  # an export now and then, as a person would run one
        except BaseException as exc:  # reported below: the test must see it
            errors.append(exc)

    worker = threading.Thread(target=export_loop)
    worker.start()
    try:
        with Store(desk_path) as first, Store(desk_path) as second:
            a, b = FactdeskApp(first, "ann"), FactdeskApp(second, "bob")
            async with a.run_test(size=SIZE) as pa, b.run_test(size=SIZE) as pb:
                for _ in range(6):
                    await pa.press("e", "n")
                    await pb.press("u", "n")
                assert "Not saved" not in review_screen(a).message
                assert "Not saved" not in review_screen(b).message
    finally:
        stop.set()
        worker.join()
    assert errors == [] and results
    with Store(desk_path) as store:
        assert str(store.progress("ann")).startswith("6 of")
        assert str(store.progress("bob")).startswith("6 of")


async def test_a_held_database_shows_a_retry_then_saves(desk_path: Path) -> None:
    blocker = sqlite3.connect(desk_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    with Store(desk_path) as store:
        claim_id = store.queue_ids("ann")[0]
        app = FactdeskApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            seen: list[str] = []

            async def release_later() -> None:
                while "retrying" not in review_screen(app).message:
                    await asyncio.sleep(0.05)
                seen.append(review_screen(app).message)
                blocker.execute("COMMIT")

            releaser = asyncio.create_task(release_later())
            await pilot.press("e")
            await releaser
            assert seen and seen[0].startswith("Database busy")
            assert review_screen(app).message == "Marked evidenced"
        assert store.review(claim_id, "ann").verdict is Verdict.EVIDENCED
    blocker.close()


async def test_a_database_held_too_long_saves_nothing_and_says_so(
    desk_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(review_module, "BUSY_ATTEMPTS", 4)  # about a second, not ten
    blocker = sqlite3.connect(desk_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with Store(desk_path) as store:
            claim_id = store.queue_ids("ann")[0]
            app = FactdeskApp(store, "ann")
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("e")
                assert review_screen(app).message == "Not saved: database is locked"
                assert review_screen(app).review.verdict is None
            assert store.review(claim_id, "ann").verdict is None
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


async def test_undo_reverts_only_this_windows_actions(desk_path: Path) -> None:
    """Two windows, one reviewer, one claim: A marks it disputed, B evidenced. ctrl+z in A
    must not undo B's verdict: it says so, changes nothing, and shows B's verdict."""
    with Store(desk_path) as first, Store(desk_path) as second:
        last = list(first.queue_ids("ann"))[-1]
        a, b = FactdeskApp(first, "ann"), FactdeskApp(second, "ann")
        async with a.run_test(size=SIZE) as pa, b.run_test(size=SIZE) as pb:
            await pa.press("end", "d")
            await pb.press("end", "e")
            assert first.review(last, "ann").verdict is Verdict.EVIDENCED
            await pa.press("ctrl+z")
            assert first.review(last, "ann").verdict is Verdict.EVIDENCED  # unchanged
            assert "another window changed claim" in review_screen(a).message
            assert review_screen(a).review.verdict is Verdict.EVIDENCED  # A now shows B's
            await pb.press("ctrl+z")  # B undoes its own verdict: back to A's
            assert first.review(last, "ann").verdict is Verdict.DISPUTED
            await pa.press("ctrl+z")  # and now A's undo applies
            assert first.review(last, "ann").verdict is None
            await pb.press("ctrl+z")  # B has nothing left of its own; A is still open
            assert "Nothing to undo" in review_screen(b).message
            events = [e["action"] for e in first.events("ann")]
            assert events == ["verdict", "verdict", "undo", "undo"]


async def test_a_closed_windows_actions_are_undoable_from_another(desk_path: Path) -> None:
    with Store(desk_path) as first, Store(desk_path) as second:
        claim = list(first.queue_ids("ann"))[0]
        b = FactdeskApp(second, "ann")
        async with b.run_test(size=SIZE) as pb:
            a = FactdeskApp(first, "ann")
            async with a.run_test(size=SIZE) as pa:
                await pa.press("home", "u")
                await pb.press("ctrl+z")
                assert first.review(claim, "ann").verdict is Verdict.UNEVIDENCED  # A is open
            await pb.press("ctrl+z")  # A has closed: its last action is B's to undo now
            assert first.review(claim, "ann").verdict is None


async def test_the_header_counts_follow_the_other_window(desk_path: Path) -> None:
    with Store(desk_path) as first, Store(desk_path) as second:
        a, b = FactdeskApp(first, "ann"), FactdeskApp(second, "ann")
        async with a.run_test(size=SIZE) as pa, b.run_test(size=SIZE) as pb:
            await pa.press("home", "u")
            await pb.press("home", "n", "e")  # B judges another claim after A's verdict
            assert str(review_screen(b).progress) == str(second.progress("ann"))
            assert review_screen(b).progress.judged == 2
            await pa.press("n", "n", "d")
            await pb.press("n")  # B only moves: its header catches up too
            assert review_screen(b).progress.judged == 3


async def test_the_header_after_a_verdict_is_the_databases_count(desk_path: Path) -> None:
    """One reviewer, two windows on one claim: e in A, e in B. B's header must count the
    claim once (it said "3 judged ✔2": A's verdict, read with the other window's work,
    and B's own counted again on top)."""
    with Store(desk_path) as first, Store(desk_path) as second:
        ids = list(first.queue_ids("ann"))
        first.set_verdict(ids[-1], "ann", Verdict.DISPUTED)  # judged before the windows
        a, b = FactdeskApp(first, "ann"), FactdeskApp(second, "ann")
        async with a.run_test(size=SIZE) as pa, b.run_test(size=SIZE) as pb:
            await pa.press("home")
            await pb.press("home")
            await pa.press("e")
            await pb.press("e")  # B still shows the claim unjudged: it marks it evidenced
            assert second.review(ids[0], "ann").verdict is Verdict.EVIDENCED
            truth = second.progress("ann")
            assert (truth.judged, truth.counts[Verdict.EVIDENCED]) == (2, 1)
            for app in (a, b):
                shown = review_screen(app).progress
                assert shown.judged == 2 and shown.counts == truth.counts
            header = str(review_screen(b).query_one(DeskHeader).content)
            assert f"{truth} ✔1 ?0 ✘1" in header
