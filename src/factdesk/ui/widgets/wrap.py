"""Soft wrap of article text in terminal cells: where each row of a line (a paragraph)
starts at a given width, and where a cell falls in a row. Pure functions (no Textual), so
the article view wraps a line once per width and draws each row from its own slice.

A row breaks before the word (with the spaces after it) that would not fit; a word wider
than a row is folded between grapheme clusters, so a wide character or an emoji sequence is
never cut at the edge. A tab runs to the next multiple of the tab size from the row's start.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

from factdesk.graphemes import clusters

TAB_SIZE = 4
_CHUNK = re.compile(r"\S+\s*|\s+")  # a word and the spaces after it
_WORD_START_REVERSED = re.compile(r"\S(?=\s)")  # in a reversed row: a word's first character
# Characters one cell wide that never join a neighbour into a grapheme cluster (Latin,
# Greek, Cyrillic, general punctuation, currency): a row of them is measured by its length.
# Most news text, curly quotes and dashes included, is all of them.
_SIMPLE = re.compile(
    r"[\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u048a-\u052f"
    r"\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*"
)


def is_simple(text: str) -> bool:
    """True when every character of ``text`` takes one cell and stands alone."""
    return _SIMPLE.fullmatch(text) is not None


def advance(text: str, x: int, tab_size: int = TAB_SIZE) -> int:
    """The cell column after ``text`` drawn from column ``x`` (a tab to the next stop)."""
    if "\t" not in text:
        return x + cell_len(text)
    for i, piece in enumerate(text.split("\t")):
        if i:
            x += tab_size - x % tab_size
        x += cell_len(piece)
    return x


def expand(text: str, x: int, tab_size: int = TAB_SIZE) -> str:
    """``text`` as drawn from column ``x``: each tab as the spaces to the next stop."""
    if "\t" not in text:
        return text
    out: list[str] = []
    for i, piece in enumerate(text.split("\t")):
        if i:
            spaces = tab_size - x % tab_size
            out.append(" " * spaces)
            x += spaces
        out.append(piece)
        x += cell_len(piece)
    return "".join(out)


def next_row(line: str, start: int, width: int, tab_size: int = TAB_SIZE) -> int:
    """Where the row after the one starting at ``start`` starts (``len(line)`` when the
    rest of the line fits in ``width`` cells)."""
    end = len(line)
    row = line[start : start + width + 1]
    if is_simple(row):  # one cell a character: the row's first ``width`` characters
        if end - start <= width:
            return end
        # The word holding the first character past the edge starts the next row; a row
        # that is all one word is folded at the edge.
        found = _WORD_START_REVERSED.search(row[::-1])
        return start + (width - found.start() if found else width)
    x = 0
    for match in _CHUNK.finditer(line, start):
        chunk = match.group()
        after = advance(chunk, x, tab_size)
        if after <= width:
            x = after
            continue
        if x:  # the word goes to the next row
            return match.start()
        for a, b in clusters(chunk):  # wider than a row: fold it between clusters
            cluster_end = advance(chunk[a:b], x, tab_size)
            if cluster_end > width and x:
                return match.start() + a
            x = cluster_end
    return end


def wrap(line: str, width: int, tab_size: int = TAB_SIZE) -> list[int]:
    """The start of each row of ``line`` wrapped to ``width`` cells, from 0."""
    starts = [0]
    if width <= 0:
        return starts
    end = len(line)
    start = next_row(line, 0, width, tab_size)
    while start < end:
        starts.append(start)
        start = next_row(line, start, width, tab_size)
    return starts


def column_at(row: str, x: int, tab_size: int = TAB_SIZE) -> int:
    """The index in ``row`` of the cluster drawn at cell ``x`` (``len(row)`` past its end)."""
    if x <= 0:
        return 0
    if is_simple(row):
        return min(x, len(row))
    cells = 0
    for a, b in clusters(row):
        cells = advance(row[a:b], cells, tab_size)
        if cells > x:
            return a
    return len(row)
