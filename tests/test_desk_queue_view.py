"""The queue shows where the reviewer is: after Show all claims from a filter it scrolls
to the current claim, after the last dismissed claim is restored it stays on it, and
home, end and page moves see claims another process imported since the desk opened."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.widgets.claim_queue import ClaimQueue
from tests.big_database import make_database

ANN = "ann"
SIZE = (120, 40)


def desk(app: FactdeskApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def palette(pilot: Pilot[None], command: str) -> None:
    """Run a command from the palette, typed as a reviewer types it."""
    await pilot.press("ctrl+p", *("space" if c == " " else c for c in command))
    await pilot.pause(0.3)  # the palette searches on a worker
    await pilot.press("enter")
    await pilot.pause()


def in_view(queue: ClaimQueue) -> bool:
    """Whether the cursor's row is among the rows the queue shows."""
    top = round(queue.scroll_y)
    return top <= queue.cursor < top + queue.scrollable_content_region.height


async def test_show_all_after_a_filter_scrolls_to_the_current_claim(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    make_database(path, 300, articles=3, judged=False)
    with Store(path) as store:
        target = list(store.queue_ids(ANN))[250]
        store.set_verdict(target, ANN, Verdict.EVIDENCED)
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=SIZE) as pilot:
            desk(app).go_to(target)
            await palette(pilot, "Show evidenced claims")  # one claim: the queue's top
            assert len(desk(app).queue.ids) == 1
            await palette(pilot, "Show all claims")
            queue = desk(app).queue
            assert len(queue.ids) == 300
            assert queue.claim_id == target and in_view(queue)


async def test_show_all_after_restoring_the_last_dismissed_claim_stays_on_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "desk.db"
    make_database(path, 300, articles=3, judged=False)
    with Store(path) as store:
        target = list(store.queue_ids(ANN))[200]
        store.set_dismissed(target, ANN, True)
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=SIZE) as pilot:
            await palette(pilot, "Show dismissed claims")
            assert desk(app).queue.claim_id == target
            await pilot.press("delete")  # restored: the list of dismissed claims is empty
            assert not store.is_dismissed(target, ANN) and desk(app).claim is None
            await palette(pilot, "Show all claims")
            claim = desk(app).claim
            assert claim is not None and claim.id == target
            assert in_view(desk(app).queue)


async def test_end_goes_to_a_claim_imported_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    make_database(path, 40, articles=2, judged=False)
    later = tmp_path / "later.txt"
    later.write_text(
        "Officials said on Monday that 14 ships were turned away in 2020.\n\n"
        "The harbour authority reported that cargo fell by 12 percent last year.\n",
        encoding="utf-8",
    )
    with Store(path) as store:
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("home")
            with Store(path) as other:  # another shell's import, while the desk is open
                import_paths(other, [later])
                last = list(other.queue_ids(ANN))[-1]
                first = list(other.queue_ids(ANN))[0]
            assert store.claim(last).article_id == 3
            await pilot.press("end")
            claim = desk(app).claim
            assert claim is not None and claim.id == last
            assert desk(app).queue.claim_id == last
            await pilot.press("home")
            claim = desk(app).claim
            assert claim is not None and claim.id == first
