"""An article's text as the article view shows it: its lines (paragraphs) wrapped into
rows at one width, the ways between string offsets, (line, column) locations and cells,
and where the cursor goes for each key, always between grapheme clusters. No Textual
here: the view draws and routes keys, this decides."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple

import regex

from factdesk.graphemes import (
    cluster_start,
    next_boundary,
    previous_boundary,
    word_left,
    word_right,
)
from factdesk.ui.widgets.wrap import advance, column_at, wrap

Location = tuple[int, int]  # (line, column): a line of the text, a code point in it
_WORD_CHAR = regex.compile(r"\w")
# A sentence's end after its last word: full stops, then closing quotes or brackets, then
# a space or the line's end ("U.S" and "3.5" go on: no space after their dot).
_SENTENCE_END = regex.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")


class Selection(NamedTuple):
    """The selection: from ``start`` (the anchor) to ``end`` (the cursor)."""

    start: Location = (0, 0)
    end: Location = (0, 0)

    @classmethod
    def cursor(cls, location: Location) -> Selection:
        """An empty selection: the cursor alone."""
        return cls(location, location)

    @property
    def is_empty(self) -> bool:
        return self.start == self.end


class WrappedText:
    """A text's lines (paragraphs) wrapped into rows at one width, and the ways between
    string offsets, (line, column) locations and (x, row) cells. Each line is wrapped
    once per width; a row is a slice of its line."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.lines = text.split("\n")
        self.line_starts = [0, *accumulate(len(line) + 1 for line in self.lines[:-1])]
        self.width: int | None = None  # the width the rows are for
        self.row_starts: list[list[int]] = [[0] for _ in self.lines]  # by first column
        self.first_rows = list(range(len(self.lines) + 1))  # each line's, then the total

    def wrap(self, width: int) -> bool:
        """Wrap every line to ``width`` cells (no wrap at 0); True if the width changed."""
        if width == self.width:
            return False
        self.width = width
        self.row_starts = [wrap(line, width) for line in self.lines]
        self.first_rows = [0, *accumulate(len(starts) for starts in self.row_starts)]
        return True

    @property
    def height(self) -> int:
        """The number of rows."""
        return self.first_rows[-1]

    def location_of(self, offset: int) -> Location:
        """The (line, column) of a string offset."""
        line = bisect_right(self.line_starts, offset) - 1
        return line, offset - self.line_starts[line]

    def offset_of(self, location: Location) -> int:
        """The string offset of a (line, column) location."""
        line, column = location
        return self.line_starts[line] + column

    def clamp(self, location: Location) -> Location:
        """The nearest location in the text, at the start of its grapheme cluster."""
        line = max(0, min(location[0], len(self.lines) - 1))
        text = self.lines[line]
        return line, cluster_start(text, max(0, min(location[1], len(text))))

    def end(self) -> Location:
        """The location after the last character."""
        return len(self.lines) - 1, len(self.lines[-1])

    def row_of(self, location: Location) -> int:
        """The row a location is drawn in (a row's end is the next row's start)."""
        line, column = location
        return self.first_rows[line] + bisect_right(self.row_starts[line], column) - 1

    def row(self, row: int) -> tuple[int, int, int]:
        """The line a row shows, and the row's first column and end in it."""
        line = bisect_right(self.first_rows, row) - 1
        starts = self.row_starts[line]
        index = row - self.first_rows[line]
        end = starts[index + 1] if index + 1 < len(starts) else len(self.lines[line])
        return line, starts[index], end

    def x_of(self, location: Location) -> int:
        """The cell column a location is drawn at, in its row."""
        line, start, _ = self.row(self.row_of(location))
        return advance(self.lines[line][start : location[1]], 0)

    def location_at(self, x: int, row: int) -> Location:
        """The location drawn at cell ``x`` of a row (both clamped to the text)."""
        line, start, end = self.row(max(0, min(row, self.height - 1)))
        text = self.lines[line]
        column = start + column_at(text[start:end], x)
        if column >= end and end < len(text):  # the row's end is the next row's start
            column = previous_boundary(text, end)
        return line, column

    # -- where the cursor goes: by cluster, by word, by wrapped row --------------------

    def left(self, location: Location) -> Location:
        """One cluster left (from a line's start, to the end of the line before)."""
        line, column = location
        if column:
            return line, previous_boundary(self.lines[line], column)
        return (line - 1, len(self.lines[line - 1])) if line else location

    def right(self, location: Location) -> Location:
        """One cluster right (from a line's end, to the start of the line after)."""
        line, column = location
        if column < len(self.lines[line]):
            return line, next_boundary(self.lines[line], column)
        return (line + 1, 0) if line + 1 < len(self.lines) else location

    def word_left(self, location: Location) -> Location:
        """To the start of the word before (from a line's start, the line before's end)."""
        line, column = location
        if line and not column:
            return line - 1, len(self.lines[line - 1])
        return line, word_left(self.lines[line], column)

    def word_right(self, location: Location) -> Location:
        """To the next word edge (from a line's end, the line after's start). A word that
        ends a sentence ends after its full stop (and closing quote), as in a text
        editor, so a span selected by word keeps the sentence's punctuation."""
        line, column = location
        text = self.lines[line]
        if column == len(text) and line + 1 < len(self.lines):
            return line + 1, 0
        edge = word_right(text, column)
        if 0 < edge < len(text) and _WORD_CHAR.match(text, edge - 1):
            ending = _SENTENCE_END.match(text, edge)
            if ending is not None:
                return line, ending.end()
        return line, edge

    def row_start(self, location: Location) -> Location:
        """The start of the location's row."""
        line, start, _ = self.row(self.row_of(location))
        return line, start

    def row_end(self, location: Location) -> Location:
        """The end of the location's row: its last cluster, when the line goes on."""
        line, _, end = self.row(self.row_of(location))
        text = self.lines[line]
        return line, end if end == len(text) else previous_boundary(text, end)

    def rows_away(self, location: Location, rows: int, x: int) -> Location:
        """The location at cell ``x`` of the row ``rows`` below (above, if negative);
        past the first row, the start; past the last, the end."""
        row = self.row_of(location) + rows
        if row < 0:
            return 0, 0
        if row >= self.height:
            return self.end()
        return self.location_at(x, row)

    def marks(self, ranges: list[tuple[int, int, str]]) -> dict[int, list[tuple[int, int, str]]]:
        """Ranges of offsets, named, as ranges of columns of each line they cover."""
        marks: dict[int, list[tuple[int, int, str]]] = {}
        for start, end, name in ranges:
            first, _ = self.location_of(start)
            last, _ = self.location_of(end)
            for line in range(first, last + 1):
                line_start, length = self.line_starts[line], len(self.lines[line])
                a, b = max(start - line_start, 0), min(end - line_start, length)
                marks.setdefault(line, []).append((a, b, name))
        return marks
