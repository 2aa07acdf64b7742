"""Undoing an added claim costs the same on a large desk as on a small one (it read the
whole clustering index: seconds at 22,000 claims), and the desk says it is undoing and
never takes a ctrl+z pressed meanwhile as a second undo."""

from __future__ import annotations

from pathlib import Path

from textual import events

from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.screens.undo import IGNORED
from tests.big_database import make_database

SIZE = (120, 40)


def clustered_desk(path: Path, claims: int) -> None:
    """A desk of ``claims`` claims, every one indexed for clustering, as an import
    leaves them."""
    make_database(path, claims, articles=max(1, claims // 100), judged=False)
    with Store(path) as store:
        store.conn.execute(
            "INSERT INTO claim_terms (claim_id, terms)"
            " SELECT id, 'officials|hurt people ' || id || '|||2020|' FROM claims"
        )
        store.conn.commit()


def undo_steps(path: Path) -> int:
    """SQLite's virtual machine steps (in hundreds) that undoing an added claim takes."""
    with Store(path) as store:
        store.start_session()
        text = store.article(1).text
        end = text.index(" people")  # "Officials said 0": not a claim of its own
        store.add_claim(1, "ann", 0, end, text[:end])
        steps = [0]

        def count() -> int:
            steps[0] += 1
            return 0

        store.conn.set_progress_handler(count, 100)
        undone = store.undo("ann")
        store.conn.set_progress_handler(None, 0)
        assert undone is not None and undone.action == "claim_add" and not undone.conflict
        assert store.conn.execute("SELECT count(*) FROM claims").fetchone()[0] == len(
            store.queue_ids("ann", min_score=0.0)
        )
        return steps[0]


def test_undoing_an_added_claim_does_not_scale_with_the_desk(tmp_path: Path) -> None:
    small, large = tmp_path / "small.db", tmp_path / "large.db"
    clustered_desk(small, 200)
    clustered_desk(large, 5_000)
    few, many = undo_steps(small), undo_steps(large)
    assert many <= few * 2 + 50, (few, many)  # it read all 5,000 terms: ~25 times more


def desk(app: FactdeskApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_a_ctrl_z_pressed_while_undoing_does_not_undo_the_action_before(
    tmp_path: Path,
) -> None:
    path = tmp_path / "desk.db"
    make_database(path, 30, judged=False)
    with Store(path) as store:
        first, second = list(store.queue_ids("ann"))[:2]
        app = FactdeskApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("home", "e", "n", "d")
            assert store.review(first, "ann").verdict is Verdict.EVIDENCED
            undo = store.undo
            shown: list[str] = []

            def slow_undo(reviewer: str) -> object:
                # The reviewer sees the desk working, and presses ctrl+z again meanwhile.
                shown.append(desk(app).message)
                if len(shown) == 1:
                    app.post_message(events.Key("ctrl+z", None))
                return undo(reviewer)

            store.undo = slow_undo  # type: ignore[method-assign]
            await pilot.press("ctrl+z")
            await pilot.pause()
            store.undo = undo  # type: ignore[method-assign]
            assert shown == ["Undoing…"]  # once: the second ctrl+z did not undo
            assert store.review(second, "ann").verdict is None  # the undo pressed
            assert store.review(first, "ann").verdict is Verdict.EVIDENCED  # not this one
            assert desk(app).message == f"Undid the verdict on claim {second}; {IGNORED}"
            await pilot.press("ctrl+z")  # pressed after it: an undo like any other
            assert store.review(first, "ann").verdict is None
            assert desk(app).message == f"Undid the verdict on claim {first}"


async def test_ctrl_z_undoes_with_the_cursor_in_the_article(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    make_database(path, 30, judged=False)
    with Store(path) as store:
        claim = list(store.queue_ids("ann"))[0]
        app = FactdeskApp(store, "ann")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("home", "v", "ctrl+shift+right", "ctrl+shift+right", "c")
            added = desk(app).claim
            assert added is not None and added.id != claim and added.text == "Officials said"
            assert app.focused is desk(app).article_view
            await pilot.press("ctrl+z")
            assert desk(app).message == f"Undid adding claim {added.id}"
            assert store.conn.execute(
                "SELECT count(*) FROM claims WHERE id = ?", (added.id,)
            ).fetchone() == (0,)
            await pilot.press("v", "e")
            judged = desk(app).claim
            assert judged is not None and store.review(judged.id, "ann").verdict is not None
            assert app.focused is desk(app).article_view
            await pilot.press("ctrl+z")
            assert store.review(judged.id, "ann").verdict is None
