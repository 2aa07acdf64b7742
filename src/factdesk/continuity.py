"""Follow claims and evidence from one version of an article to the next: where each
old sentence and quote now stands, so that review work survives a corrected article."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

# Where a paragraph ends: after a line break (and any blank lines) before more text.
_PARAGRAPH = re.compile(r"(?<=\n)(?=[^\n])")


@dataclass(frozen=True, slots=True)
class _Block:
    """A stretch of the old text and where it went: equal stretches map one for one,
    replaced ones proportionally."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


class Relocator:
    """Maps offsets of an old article text onto a new one and finds old quotes there.

    The texts are compared line by line (a line is a paragraph in a news article), after
    setting aside the whole lines they share at the start and the end; where lines were
    replaced, the characters they share at both ends map one for one, so a word changed in
    a long paragraph moves nothing else."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        prefix = _common_prefix(old, new)
        suffix = _common_prefix(old[prefix:][::-1], new[prefix:][::-1])
        prefix = old.rfind("\n", 0, prefix) + 1  # back to whole lines
        old_to, new_to = len(old) - suffix, len(new) - suffix
        line_end = old.find("\n", old_to)
        if line_end == -1 or line_end + 1 > len(old):
            old_to, new_to = len(old), len(new)
        else:
            new_to += line_end + 1 - old_to
            old_to = line_end + 1
        blocks = [_Block(0, prefix, 0, prefix)]
        for block in _paragraph_blocks(old, new, prefix, old_to, new_to):
            blocks += _refine(old, new, block)
        blocks.append(_Block(old_to, len(old), new_to, len(new)))
        self._blocks = [b for b in blocks if b.old_end > b.old_start or b.new_end > b.new_start]
        self._starts = [b.old_start for b in self._blocks]

    def expected(self, offset: int) -> int:
        """Where an old offset would be in the new text."""
        if not self._blocks:
            return 0
        block = self._blocks[max(0, bisect_right(self._starts, offset) - 1)]
        old_len = block.old_end - block.old_start
        new_len = block.new_end - block.new_start
        inside = min(max(offset - block.old_start, 0), old_len)
        if old_len == new_len:
            return block.new_start + inside
        return block.new_start + (inside * new_len // old_len if old_len else 0)

    def find(
        self, quote: str, old_start: int, taken: Container[tuple[int, int]] = ()
    ) -> int | None:
        """Where an old quote stands in the new text: its only occurrence, else the one
        nearest its old place; None when the new text no longer holds it. Places (start,
        end) in ``taken`` are passed over, so two equal sentences keep two places."""
        if not quote:
            return None
        target = self.expected(old_start)
        best: int | None = None
        for start in _occurrences(self.new, quote):
            if (start, start + len(quote)) in taken:
                continue
            if best is None or abs(start - target) < abs(best - target):
                best = start
        return best

    def nearest(self, ranges: Sequence[tuple[int, int]], old: tuple[int, int]) -> int | None:
        """Which of the new ranges stands where the old range stood: the one overlapping
        its expected place the most, by at least half of the shorter of the two; None when
        there is none (the old text was deleted, so its expected place is empty)."""
        start, end = self.expected(old[0]), self.expected(old[1])
        best, best_overlap = None, 0
        for index, (a, b) in enumerate(ranges):
            overlap = min(b, end) - max(a, start)
            if overlap > best_overlap and 2 * overlap >= min(b - a, end - start):
                best, best_overlap = index, overlap
        return best


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of two strings (bisection over slices: fast in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _paragraph_blocks(
    old: str, new: str, old_from: int, old_to: int, new_to: int
) -> Iterable[_Block]:
    """Blocks for the middle of the texts (between the whole lines shared at both ends),
    found by comparing paragraphs (a line with the blank lines after it). Where several
    paragraphs were replaced, each old one is paired with the most similar new one, in
    order, so that a deleted paragraph is told apart from an edited one."""
    new_from = old_from  # the common prefix has the same length in both
    old_parts = _PARAGRAPH.split(old[old_from:old_to])
    new_parts = _PARAGRAPH.split(new[new_from:new_to])
    old_at = _starts(old_parts, old_from)
    new_at = _starts(new_parts, new_from)
    matcher = SequenceMatcher(None, old_parts, new_parts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or (i2 - i1 == 1 and j2 - j1 == 1) or (i2 - i1) * (j2 - j1) > 400:
            yield _Block(old_at[i1], old_at[i2], new_at[j1], new_at[j2])
            continue
        j = j1
        for i in range(i1, i2):
            best, best_ratio = None, 0.5
            for k in range(j, j2):
                ratio = SequenceMatcher(None, old_parts[i], new_parts[k]).ratio()
                if ratio > best_ratio:
                    best, best_ratio = k, ratio
            if best is None:  # deleted: it maps to an empty stretch where it stood
                yield _Block(old_at[i], old_at[i + 1], new_at[j], new_at[j])
                continue
            yield _Block(old_at[i], old_at[i], new_at[j], new_at[best])  # inserted before
            yield _Block(old_at[i], old_at[i + 1], new_at[best], new_at[best + 1])
            j = best + 1
        yield _Block(old_at[i2], old_at[i2], new_at[j], new_at[j2])


def _refine(old: str, new: str, block: _Block) -> list[_Block]:
    """A replaced stretch as the characters its two sides share at the start, the part
    that differs, and the characters they share at the end."""
    a, b = old[block.old_start : block.old_end], new[block.new_start : block.new_end]
    if a == b or not a or not b:
        return [block]
    head = _common_prefix(a, b)
    tail = _common_prefix(a[head:][::-1], b[head:][::-1])
    o, n = block.old_start, block.new_start
    return [
        _Block(o, o + head, n, n + head),
        _Block(o + head, block.old_end - tail, n + head, block.new_end - tail),
        _Block(block.old_end - tail, block.old_end, block.new_end - tail, block.new_end),
    ]


def _starts(lines: list[str], first: int) -> list[int]:
    starts = [first]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _occurrences(text: str, quote: str) -> Iterable[int]:
    start = text.find(quote)
    while start != -1:
        yield start
        start = text.find(quote, start + 1)
