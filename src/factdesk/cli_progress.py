"""Progress on stderr for long commands: one line redrawn in place while the work runs,
with what is done and the time taken, and nothing at all when stderr is not a terminal
(a pipe, a log file), so that output stays clean."""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from rich.cells import cell_len, set_cell_size

from factdesk.inert import one_line

TICK = 0.5  # seconds between redraws while nothing advances (the clock still moves)


class Progress:
    """A progress line: ``label: done of total unit · doing · detail · 0:12``, drawn on a
    terminal only (and not when ``quiet``: the output itself goes there), cleared when
    the work ends. ``advance`` counts, ``say`` tells what is
    being done; ``detail`` is asked at each draw (say, for the articles stored so far)."""

    def __init__(
        self,
        label: str,
        total: int | None = None,
        unit: str = "",
        detail: Callable[[Progress], str] | None = None,
        stream: TextIO | None = None,
        quiet: bool = False,
    ) -> None:
        self.label, self.total, self.unit, self.detail = label, total, unit, detail
        self.stream = stream if stream is not None else sys.stderr
        self.shown = _is_terminal(self.stream) and not quiet
        self.done = 0
        self.doing = ""
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._drawn = 0.0
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> Progress:
        if self.shown:
            self.draw()
            self._ticker = threading.Thread(target=self._tick, daemon=True, name="progress")
            self._ticker.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        if self.shown:
            with self._lock:
                self.stream.write("\r\x1b[K")  # the summary that follows takes the line
                self.stream.flush()

    def advance(self, steps: int = 1) -> None:
        """Count steps done (redrawn at most ten times a second)."""
        self.done += steps
        if self.shown and time.monotonic() - self._drawn >= 0.1:
            self.draw()

    def say(self, doing: str) -> None:
        """Say what is being done now (shown after the count)."""
        self.doing = doing
        self.advance(0)

    def line(self) -> str:
        """The line as drawn now."""
        parts = [self.label]
        if self.total is not None:
            unit = self.unit[:-1] if self.total == 1 and self.unit.endswith("s") else self.unit
            count = f"{self.done:,} of {self.total:,}" + (f" {unit}" if unit else "")
            if self.total:
                count += f" ({100 * self.done // self.total}%)"
            parts.append(count)
        elif self.done:
            parts.append(f"{self.done:,}" + (f" {self.unit}" if self.unit else ""))
        for said in (self.doing, self.detail(self) if self.detail else ""):
            if said:
                parts.append(said)
        seconds = int(time.monotonic() - self.started)
        parts.append(f"{seconds // 60}:{seconds % 60:02}")
        return parts[0] + ": " + " · ".join(parts[1:])

    def draw(self) -> None:
        """Redraw the line in place: inert (a file name may hold an escape byte) and cut
        to the terminal's width in cells, short of the last column, so that it never
        wraps (``\r\x1b[K`` clears one row only)."""
        width = _columns(self.stream)
        text = one_line(self.line())
        if cell_len(text) >= width:
            text = set_cell_size(text, max(1, width - 2)) + "…"
        with self._lock:
            self.stream.write("\r\x1b[K" + text)
            self.stream.flush()
            self._drawn = time.monotonic()

    def _tick(self) -> None:
        while not self._stop.wait(TICK):
            self.draw()


def _columns(stream: TextIO) -> int:
    """The width of the terminal ``stream`` is on (not stdout's, which may be a file)."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):  # no descriptor, or not a terminal
        columns = 0
    return columns or shutil.get_terminal_size((80, 24)).columns  # 0: a size never set


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or stand-in stream
        return False
