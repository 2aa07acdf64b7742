"""Every export format from the command palette; the dialog starts in the folder of the
last export, remembered across restarts, with a fresh name and the format's extension."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from factdesk.desk_state import last_export_folder
from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.paths import state_path
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.export_screen import ExportScreen
from factdesk.ui.screens.review_screen import ReviewScreen
from tests.helpers import CORPUS

ANN = "ann"
SIZE = (120, 40)


async def export(app: FactdeskApp, pilot: object, command: str, target: Path | None) -> Path:
    """Run an export from the palette; returns the path the dialog offered."""
    await pilot.press("ctrl+p", *command, "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ExportScreen)
    box = app.screen.query_one("#export-path", Input)
    offered = Path(box.value)
    if target is not None:
        box.value = str(target)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ReviewScreen)
    return offered


async def test_every_format_from_the_palette_and_the_last_folder(
    store: Store, tmp_path: Path
) -> None:
    import_paths(store, [CORPUS])
    ids = list(store.queue_ids(ANN))
    store.set_verdict(ids[0], ANN, Verdict.EVIDENCED)
    store.set_verdict(ids[1], ANN, Verdict.DISPUTED)
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    app = FactdeskApp(store, ANN)
    async with app.run_test(size=SIZE) as pilot:
        first = await export(app, pilot, "Export JSON Lines", outbox / "desk.jsonl")
        assert first.parent == store.path.parent and first.suffix == ".jsonl"
        assert first.name.startswith("factdesk-export-")
        offered = await export(app, pilot, "Export ClaimReview", None)  # the default
        assert offered.parent == outbox and offered.suffix == ".json"
        assert offered.name.startswith("factdesk-export-")
    rows = [json.loads(line) for line in (outbox / "desk.jsonl").read_text().splitlines()]
    assert [(r["claim_id"], r["verdict"]) for r in rows] == [
        (ids[0], "evidenced"),
        (ids[1], "disputed"),
    ]
    reviews = json.loads(offered.read_text(encoding="utf-8"))
    assert [r["@type"] for r in reviews] == ["ClaimReview", "ClaimReview"]
    assert last_export_folder() == outbox.resolve()

    again = FactdeskApp(store, ANN)  # a restart remembers the folder
    async with again.run_test(size=SIZE) as pilot:
        offered = await export(again, pilot, "Export CSV", None)
        assert offered.parent == outbox and offered.suffix == ".csv"
    assert offered.read_text(encoding="utf-8").startswith("claim_id,article_id,")


async def test_a_forgotten_or_damaged_memory_falls_back_beside_the_database(
    store: Store, tmp_path: Path
) -> None:
    import_paths(store, [CORPUS])
    state_path().parent.mkdir(parents=True)
    state_path().write_text("{not json", encoding="utf-8")
    assert last_export_folder() is None
    gone = tmp_path / "gone"
    state_path().write_text(json.dumps({"export_folder": str(gone)}), encoding="utf-8")
    assert last_export_folder() is None  # a folder that no longer exists
    app = FactdeskApp(store, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Export CSV", "enter")
        await pilot.pause()
        box = app.screen.query_one("#export-path", Input)
        assert Path(box.value).parent == store.path.parent
