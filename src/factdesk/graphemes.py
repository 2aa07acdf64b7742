"""Grapheme clusters (what a reader sees as one character: 👍🏽, 👩‍👩‍👧, 🇬🇧, é) over code
point offsets, so a cursor or a selection never cuts one in two."""

from __future__ import annotations

from collections.abc import Iterator

import regex

_CLUSTER = regex.compile(r"\X")  # an extended grapheme cluster (Unicode UAX #29)
# Where a word starts or ends; a letter's combining marks belong to its word (regex's \w
# includes them, the standard library's does not: "Zoë" in NFD would be two words).
_WORD_EDGE = regex.compile(r"(?<=\W)(?=\w)|(?<=\w)(?=\W)")


def _plain(char: str) -> bool:
    """A character that never joins the one before or after it into a cluster: ASCII
    (but CR and LF, which pair) and CJK ideographs."""
    return (char < "\x80" and char not in "\r\n") or "\u4e00" <= char <= "\u9fff"


def _anchor(line: str, column: int) -> int:
    """A position at or before ``column`` where a cluster certainly starts, found a few
    characters back, so a 250 KB paragraph is not segmented from its start at each step."""
    i = min(column, len(line) - 1)
    while i > 0 and not (_plain(line[i]) and _plain(line[i - 1])):
        i -= 1
    return max(i, 0)


def _clusters(line: str, column: int) -> Iterator[tuple[int, int]]:
    for match in _CLUSTER.finditer(line, _anchor(line, column)):
        yield match.span()


def cluster_start(line: str, column: int) -> int:
    """The start of the cluster that ``column`` falls in (``column`` itself at a boundary)."""
    if column <= 0 or column >= len(line):
        return max(0, min(column, len(line)))
    for start, end in _clusters(line, column):
        if end > column:
            return start
    return len(line)  # pragma: no cover - the clusters cover the whole line


def next_boundary(line: str, column: int) -> int:
    """The end of the cluster that ``column`` falls in: one step right."""
    if column >= len(line):
        return len(line)
    for _start, end in _clusters(line, max(column, 0)):
        if end > column:
            return end
    return len(line)  # pragma: no cover


def previous_boundary(line: str, column: int) -> int:
    """The start of the cluster before ``column``: one step left."""
    if column <= 0:
        return 0
    return cluster_start(line, min(column, len(line)) - 1)


def clusters(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each cluster of a text, in order."""
    for match in _CLUSTER.finditer(text):
        yield match.span()


def boundaries(text: str) -> list[int]:
    """Every cluster boundary of a text, from 0 to ``len(text)``."""
    return [0] + [match.end() for match in _CLUSTER.finditer(text)]


def word_left(line: str, column: int) -> int:
    """The start of the word before ``column`` (0 if there is none), on a cluster boundary."""
    edges = list(_WORD_EDGE.finditer(line[:column].rstrip()))
    return cluster_start(line, edges[-1].start()) if edges else 0


def word_right(line: str, column: int) -> int:
    """The next word edge after ``column`` (the line's end if there is none), rounded on
    to the end of a cluster so that a step always moves forward."""
    rest = line[column:]
    stripped = rest.lstrip()
    edge = _WORD_EDGE.search(stripped)
    if edge is None:
        return len(line)
    target = column + len(rest) - len(stripped) + edge.start()
    return target if cluster_start(line, target) == target else next_boundary(line, target)
