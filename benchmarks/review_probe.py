"""Run in a child process: open the review (or a bare Textual app) headless, report when the
first claim is shown, then time keys. Prints one JSON line.

    python -m benchmarks.review_probe DB MOVES     # the review desk
    python -m benchmarks.review_probe --bare       # baseline: header, footer, one Static
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any

STARTED = time.perf_counter()  # before textual or factdesk is imported

from textual.app import App, ComposeResult  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Footer, Header, Static  # noqa: E402

from benchmarks.memory import peak_rss_mb  # noqa: E402

SIZE = (120, 40)
FRAME = 0.025  # seconds: longer than one frame at 60 Hz


class BareApp(App[None]):
    """The baseline: a header, a footer and one static widget."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("ready", id="ready")
        yield Footer()


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"p50_ms": pick(0.50) * 1000, "p95_ms": pick(0.95) * 1000}


async def timed_keys(pilot: Pilot[Any], keys: list[str]) -> list[float]:
    """CPU time this process spends on each key: handling it, then drawing the frames it
    asked for (the sleep outlasts one frame at 60 Hz; sleeping costs no CPU time)."""
    samples = []
    for key in keys:
        before = time.process_time()
        await pilot.press(key)
        await asyncio.sleep(FRAME)
        samples.append(time.process_time() - before)
    return samples


def bare() -> None:
    result: dict[str, Any] = {}

    async def pilot(pilot: Pilot[Any]) -> None:
        await pilot.pause(0)  # its messages handled (pause() would wait for the CPU's idle)
        result["ready_s"] = time.perf_counter() - STARTED
        pilot.app.exit()

    BareApp().run(headless=True, size=SIZE, auto_pilot=pilot)
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


def review(db: str, moves: int) -> None:
    from factdesk.store import Store
    from factdesk.ui.app import FactdeskApp
    from factdesk.ui.screens.review_screen import ReviewScreen

    result: dict[str, Any] = {}

    async def pilot(pilot: Pilot[Any]) -> None:
        app = pilot.app
        while not (isinstance(app.screen, ReviewScreen) and app.screen.claim is not None):
            await pilot.pause(0.001)
        await pilot.pause(0)  # as the bare app's
        result["ready_s"] = time.perf_counter() - STARTED  # the first claim is shown
        while app.screen.progress.counting:  # a large queue is read behind
            await pilot.pause(0.001)
        result["queue_s"] = time.perf_counter() - STARTED
        result["claims"] = len(app.screen.queue.ids)
        screen = app.screen
        start = screen.queue.cursor
        result["next"] = percentiles(await timed_keys(pilot, ["n"] * moves))
        verdict_times: list[float] = []
        for i in range(moves):
            verdict_times += await timed_keys(pilot, ["eud"[i % 3]])
            await pilot.press("n")
        result["verdict"] = percentiles(verdict_times)
        # The figures only count if the desk really did the work.
        result["moved"] = screen.queue.cursor - start
        result["judged"] = screen.progress.judged
        app.exit()

    with Store(db) as store:
        FactdeskApp(store, "bench").run(headless=True, size=SIZE, auto_pilot=pilot)
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1:] == ["--bare"]:
        bare()
    else:
        review(sys.argv[1], int(sys.argv[2]))
