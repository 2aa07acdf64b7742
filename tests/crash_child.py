"""The victim of test_crash_safety: the real factdesk app, headless, driven by a seeded
auto-pilot doing random review work until it is killed.

Usage: python tests/crash_child.py DB LOG SEED

After every action it reads the reviewer's new events from the app's own connection and
appends each to LOG as a JSON line, flushed and fsynced. The store commits before the
screen updates, and the line is written only after the pilot's pause, so a line in LOG is an
action the app had confirmed to the reviewer."""

from __future__ import annotations

import json
import os
import random
import string
import sys
from typing import Any, TextIO

from textual.pilot import Pilot

from factdesk.store import Store
from factdesk.ui.app import FactdeskApp

REVIEWER = "ann"
SIZE = (120, 40)
MAX_ACTIONS = 20_000
COLUMNS = ("id", "at", "claim_id", "action", "before", "after", "undoes")


def new_events(store: Store, after: int) -> list[dict[str, Any]]:
    cursor = store.conn.execute(
        f"SELECT {', '.join(COLUMNS)} FROM events WHERE reviewer = ? AND id > ? ORDER BY id",
        (REVIEWER, after),
    )
    return [dict(zip(COLUMNS, row, strict=True)) for row in cursor]


def confirm(log: TextIO, events: list[dict[str, Any]], intended: str) -> None:
    for event in events:
        log.write(json.dumps({"event_id": event["id"], "intended": intended, "row": event}))
        log.write("\n")
    log.flush()
    os.fsync(log.fileno())


async def act(pilot: Pilot[None], rng: random.Random) -> str:
    """Do one random thing a reviewer does; return what it was."""
    roll = rng.random()
    if roll < 0.30:
        await pilot.press(rng.choice("eud"))
        return "verdict"
    if roll < 0.42:
        await pilot.press(rng.choice("nnp"))
        return "move"
    if roll < 0.55:
        await pilot.press("f")
        return "flag"
    if roll < 0.70:
        keys = ["shift+right", "ctrl+shift+right", "shift+down", "shift+end"]
        moves = rng.choices(keys, k=rng.randint(1, 3))
        await pilot.press("v", *moves, "a", "escape")
        return "span_add"
    if roll < 0.75:
        await pilot.press("x")
        return "span_remove"
    if roll < 0.85:
        await pilot.press("m")
        if rng.random() < 0.2:  # select everything and delete it: removes the note
            await pilot.press("f7", "backspace")
        else:
            await pilot.press(*rng.choices(string.ascii_lowercase + " ", k=rng.randint(1, 3)))
        await pilot.press("ctrl+s")
        return "note"
    await pilot.press("ctrl+z")
    return "undo"


def main() -> None:
    db, log_path, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    store = Store(db)
    app = FactdeskApp(store, REVIEWER)
    row = store.conn.execute(
        "SELECT max(id) FROM events WHERE reviewer = ?", (REVIEWER,)
    ).fetchone()
    last = int(row[0] or 0)

    async def pilot(pilot: Pilot[None]) -> None:
        nonlocal last
        with open(log_path, "a", encoding="utf-8") as log:
            for _ in range(MAX_ACTIONS):
                intended = await act(pilot, rng)
                await pilot.pause()
                top = store.conn.execute(
                    "SELECT max(id) FROM events WHERE reviewer = ?", (REVIEWER,)
                ).fetchone()[0]
                if top is not None and top > last:
                    confirm(log, new_events(store, last), intended)
                    last = top
        app.exit()  # never reached in the test: the parent kills the app long before

    app.run(headless=True, size=SIZE, auto_pilot=pilot)


if __name__ == "__main__":
    main()
