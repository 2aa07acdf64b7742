"""Snapshot tests, one per screen, with fixed data at a fixed size and a fixed path."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from tests.helpers import CORPUS, import_story

# The header shows the database path, so snapshots use one fixed path.
SNAPSHOT_DIR = Path("/tmp/factdesk-snapshots")
SIZE = (120, 40)


@pytest.fixture
def fixed_store() -> Iterator[Store]:
    shutil.rmtree(SNAPSHOT_DIR, ignore_errors=True)
    with Store(SNAPSHOT_DIR / "factdesk.db") as store:
        yield store
    shutil.rmtree(SNAPSHOT_DIR, ignore_errors=True)


@pytest.fixture
def reviewed(fixed_store: Store) -> Store:
    """The sample corpus with a small fixed review: a verdict, a span, a note, a flag."""
    import_paths(fixed_store, [CORPUS])
    ids = list(fixed_store.queue_ids("ann"))
    claim = fixed_store.claim(ids[1])
    text = fixed_store.article(claim.article_id).text
    quote = "no official intelligence records have been cited"
    start = text.index(quote)
    fixed_store.set_verdict(ids[0], "ann", Verdict.EVIDENCED)
    fixed_store.add_span(claim.id, "ann", start, start + len(quote), quote)
    fixed_store.set_verdict(claim.id, "ann", Verdict.UNEVIDENCED)
    fixed_store.set_note(claim.id, "ann", "Asserted without evidence; compare Reuters.")
    fixed_store.set_flag(ids[2], "ann", True)
    fixed_store.save_position("ann", claim.id)
    return fixed_store


async def steady(pilot: Pilot[Any]) -> None:
    """Stop cursors blinking so that the picture does not depend on timing."""
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def test_review_screen(snap_compare: Any, reviewed: Store) -> None:
    assert snap_compare(FactdeskApp(reviewed, "ann"), terminal_size=SIZE, run_before=steady)


def test_help_screen(snap_compare: Any, reviewed: Store) -> None:
    app = FactdeskApp(reviewed, "ann")
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE, run_before=steady)


def test_note_modal(snap_compare: Any, reviewed: Store) -> None:
    app = FactdeskApp(reviewed, "ann")
    assert snap_compare(app, press=["m"], terminal_size=SIZE, run_before=steady)


def test_empty_database_screen(snap_compare: Any, fixed_store: Store) -> None:
    assert snap_compare(FactdeskApp(fixed_store, "ann"), terminal_size=SIZE, run_before=steady)


def test_review_screen_light_theme(snap_compare: Any, reviewed: Store) -> None:
    async def light(pilot: Pilot[Any]) -> None:
        pilot.app.theme = "textual-light"
        await steady(pilot)

    assert snap_compare(FactdeskApp(reviewed, "ann"), terminal_size=SIZE, run_before=light)


def test_cluster_screen(snap_compare: Any, fixed_store: Store) -> None:
    """o on a claim restated in three articles (word for word, so it always clusters),
    with verdicts from two reviewers."""
    story = import_story(fixed_store, SNAPSHOT_DIR / "story")
    first, second, _ = [
        i for i in story.queue_ids("ann") if story.claim(i).text.startswith("Mayor Helen")
    ]
    story.set_verdict(first, "ann", Verdict.EVIDENCED)
    story.set_verdict(second, "bob", Verdict.DISPUTED)
    story.save_position("ann", first)
    app = FactdeskApp(story, "ann")
    assert snap_compare(app, press=["o"], terminal_size=SIZE, run_before=steady)
