"""The desk's side of the claim list's corrections: judging in Show dismissed claims
restores a claim and one ctrl+z dismisses it again; an undo that can never be done is said
once and passed over; the queue follows another window's (or a reextract's) list changes."""

from __future__ import annotations

from pathlib import Path

from factdesk import reextract
from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen
from tests.helpers import HARBOUR as TEXT
from tests.helpers import add

ANN = "ann"
SIZE = (120, 40)


def screen(app: FactdeskApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_judging_in_show_dismissed_claims_restores_and_ctrl_z_dismisses_again(
    harbour: Store,
) -> None:
    queue = list(harbour.queue_ids(ANN))
    app = FactdeskApp(harbour, ANN)
    async with app.run_test(size=SIZE) as pilot:
        target = screen(app).queue.claim_id
        assert target is not None
        await pilot.press("delete")
        assert harbour.is_dismissed(target, ANN)
        await pilot.press("ctrl+p", *"Show dismissed claims", "enter")
        await pilot.pause()
        assert list(screen(app).queue.ids) == [target]
        await pilot.press("e")
        assert not harbour.is_dismissed(target, ANN)
        assert harbour.review(target, ANN).verdict is Verdict.EVIDENCED
        assert screen(app).message == f"Marked evidenced; claim {target} restored to your queue"
        assert list(screen(app).queue.ids) == []  # it left the dismissed claims
        assert str(screen(app).progress) == f"1 of {len(queue)} judged"
        await pilot.press("ctrl+z")  # one undo: the verdict and the restore
        assert screen(app).message == f"Undid the verdict on claim {target}; dismissed again"
        assert harbour.is_dismissed(target, ANN)
        assert harbour.review(target, ANN).verdict is None
        assert list(screen(app).queue.ids) == [target]
        assert str(screen(app).progress) == f"0 of {len(queue) - 1} judged"
    assert [e["action"] for e in harbour.events(ANN)] == [
        "dismiss", "restore", "verdict", "undo", "undo",
    ]  # fmt: skip


async def test_ctrl_z_on_an_add_that_cannot_be_taken_back_says_so_and_moves_on(
    harbour: Store, harbour_file: Path
) -> None:
    app = FactdeskApp(harbour, ANN)
    async with app.run_test(size=SIZE) as pilot:
        first = screen(app).queue.claim_id
        assert first is not None
        await pilot.press("f")  # flag the first claim
        text = harbour.article(1).text
        start = text.index("cargo volumes fell")
        screen(app).article_view.select_offsets(start, start + len("cargo volumes fell"))
        await pilot.press("c")
        added = screen(app).queue.claim_id
        assert added is not None and harbour.claim(added).origin == "reviewer"
        harbour_file.write_text("Updated on Friday with the port's figures.\n\n" + TEXT, "utf-8")
        import_paths(harbour, [harbour_file])  # a correction comes in while the desk is open
        await pilot.press("ctrl+z")
        message = screen(app).message
        assert message == (
            "Not undone (the article was corrected since): ctrl+z again undoes the one before"
        )
        assert [n.title for n in app._notifications] == ["Not undone"]
        await pilot.press("ctrl+z")  # on to the flag, in the new version
        assert screen(app).message.startswith("Undid the flag on claim")
        assert not any(harbour.review(c, ANN).flagged for c in harbour.queue_ids(ANN))


# -- other windows' list changes ---------------------------------------------------------


async def test_the_desk_reads_its_queue_again_when_another_window_changes_the_list(
    harbour: Store, isolated_db: Path
) -> None:
    """Another window adds a claim and dismisses the next one: at the next move the queue
    is read again, and the desk lands on the claim after the dismissed one. A verdict
    given elsewhere only redraws rows: the queue is not read again for it."""
    app = FactdeskApp(harbour, ANN)
    async with app.run_test(size=SIZE) as pilot:
        shown = list(screen(app).queue.ids)
        assert len(shown) >= 3
        with Store(isolated_db) as other:
            other.start_session()
            other.set_verdict(shown[2], ANN, Verdict.DISPUTED)
            ids_before = screen(app).queue.ids
            await pilot.press("n", "p")
            assert screen(app).queue.ids is ids_before  # a verdict does not change the list
            assert screen(app).progress.judged == 1
            other.set_dismissed(shown[1], ANN, True)  # the next claim, dismissed elsewhere
            added = add(other, ANN, "cargo volumes fell")
        await pilot.press("n")  # onto where the dismissed claim was
        assert list(screen(app).queue.ids) == list(harbour.queue_ids(ANN))
        assert added in screen(app).queue.ids and shown[1] not in screen(app).queue.ids
        assert screen(app).claim is not None and screen(app).claim.id == shown[2]
        assert str(screen(app).progress) == f"1 of {len(shown)} judged"  # -1 dismissed, +1 added


async def test_the_desk_notices_a_reextract_in_another_process(harbour: Store) -> None:
    """A reextract rescored a claim below the threshold (its old extractor had put it
    above): the desk's queue drops it at the next move, keeping the current claim."""
    low = [c for c in harbour.claims(min_score=None) if c.score < 0.5]
    assert low, "the article should have a candidate below the threshold"
    harbour.conn.execute(
        "UPDATE claims SET score = 0.9, extractor = 'rules-1' WHERE id = ?", (low[0].id,)
    )
    harbour.conn.commit()
    app = FactdeskApp(harbour, ANN)
    async with app.run_test(size=SIZE) as pilot:
        assert low[0].id in screen(app).queue.ids
        first = screen(app).queue.claim_id
        with Store(harbour.path) as other:
            reextract.run(other, reextract.prepare(other), "cli")
        await pilot.press("n", "p")
        assert low[0].id not in screen(app).queue.ids
        assert list(screen(app).queue.ids) == list(harbour.queue_ids(ANN))
        assert screen(app).queue.claim_id == first
