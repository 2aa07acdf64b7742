"""Terminal input in which a bracketed paste arrives whole, whatever bytes it holds."""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser
from textual.drivers import linux_driver
from textual.message import Message

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class WholePasteParser(XTermParser):
    """Textual's terminal parser, except that everything between the bracketed-paste marks
    is one Paste event. Textual's own reads an escape byte inside a paste as the start of a
    key sequence: it types the rest as keys (the escape as "^") and delivers the paste
    after them, so "a \\x1b[31mb" was saved as "^[31mba " (and, outside the note editor,
    the typed keys would have been taken as commands)."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._paste: str | None = None  # the paste so far, while one is arriving
        self._tail = ""  # the end of what Textual's parser was given, where a mark may begin
        self._mark_parsed = False  # the paste's start mark went to Textual's parser

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input
            yield from super().feed(data)
            return
        while data:
            if self._paste is None:
                start = (self._tail + data).find(PASTE_START)
                if start < 0:
                    yield from self._parse(data)
                    return
                start -= len(self._tail)  # where the mark begins in data (< 0: before it)
                after = start + len(PASTE_START)
                # A mark split across reads is partly with Textual's parser already: give
                # it the rest, and the end mark later, so that it leaves its paste mode.
                self._mark_parsed = start < 0
                yield from self._parse(data[:after] if start < 0 else data[:start])
                self._paste, self._tail, data = "", "", data[after:]
            else:
                held = self._paste + data
                end = held.find(PASTE_END, max(len(self._paste) - len(PASTE_END) + 1, 0))
                if end < 0:
                    self._paste = held
                    return
                self._paste, data = None, held[end + len(PASTE_END) :]
                if self._mark_parsed:  # it says so with an empty paste, which goes
                    for token in super().feed(PASTE_END):
                        if not isinstance(token, events.Paste):
                            yield token
                # As Textual does: some terminals send NUL in a paste (textual issue 1661).
                yield events.Paste(held[:end].replace("\x00", ""))

    def _parse(self, data: str) -> Iterable[Message]:
        """Give data to Textual's parser."""
        if data:
            self._tail = (self._tail + data)[-len(PASTE_START) + 1 :]
            yield from super().feed(data)


def take_pastes_whole() -> None:
    """Make the terminal driver read input with ``WholePasteParser``. The driver builds its
    parser from this module-level name, and offers no other way to choose it."""
    linux_driver.XTermParser = WholePasteParser  # type: ignore[attr-defined]
