"""Soft wrap in cells, and an article's text in rows (no Textual): rows break before the
word that would not fit, never inside a grapheme cluster, and locations, offsets and cells
map to each other."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from factdesk.graphemes import boundaries, clusters
from factdesk.ui.widgets.wrap import advance, column_at, expand, wrap
from factdesk.ui.widgets.wrapped_text import WrappedText

THUMB = "\U0001f44d\U0001f3fd"  # 👍🏽
FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467"  # 👩‍👩‍👧
FLAG = "\U0001f1ec\U0001f1e7"  # 🇬🇧
E_ACUTE = "e\u0301"
CJK = "\u4e2d\u56fd\u5916\u4ea4\u90e8"  # 中国外交部
WORDS = [
    "a",
    "said",
    "Monday",
    "\u201cquoted\u201d",
    "\u2014",
    "40\u00a0people",
    "supercalifragilisticexpialidocious",
    THUMB,
    FAMILY,
    FLAG,
    f"caf{E_ACUTE}",
    CJK,
    CJK * 6,
    f"{THUMB}{FAMILY}{FLAG}" * 3,
]


def reference(line: str, width: int) -> list[int]:
    """The rule, slowly: each row takes the next word (with its spaces) while it fits; a
    word wider than a row starts a row and is cut between clusters."""
    starts, x = [0], 0
    for match in re.finditer(r"\S+\s*|\s+", line):
        chunk = match.group()
        if x + cell_len(chunk) <= width:
            x += cell_len(chunk)
            continue
        if x:
            starts.append(match.start())
            x = 0
            if cell_len(chunk) <= width:
                x = cell_len(chunk)
                continue
        for a, b in clusters(chunk):
            if x + cell_len(chunk[a:b]) > width and x:
                starts.append(match.start() + a)
                x = 0
            x += cell_len(chunk[a:b])
    return starts


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(
        st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", " ", "  ", ""])), max_size=40
    ),
    width=st.integers(min_value=2, max_value=70),
)
def test_rows_follow_the_rule_and_never_cut_a_cluster(
    words: list[tuple[str, str]], width: int
) -> None:
    line = "".join(word + space for word, space in words)
    starts = wrap(line, width)
    assert starts == reference(line, width)
    cuts = set(boundaries(line))
    rows = [line[a:b] for a, b in zip(starts, [*starts[1:], len(line)], strict=False)]
    assert "".join(rows) == line
    for start, row in zip(starts, rows, strict=False):
        assert start in cuts, (start, row)
        assert cell_len(row) <= width or len(list(clusters(row))) == 1, row


def test_a_long_plain_paragraph_wraps_at_word_starts() -> None:
    line = "Official 12 said on Monday that 12 people were held in 2020. " * 50
    starts = wrap(line, 37)
    rows = [line[a:b] for a, b in zip(starts, [*starts[1:], len(line)], strict=False)]
    assert all(len(row) <= 37 for row in rows)
    assert all(line[start - 1] == " " and line[start] != " " for start in starts[1:])
    assert rows[0] == "Official 12 said on Monday that 12 "  # "people " would not fit
    assert wrap(line, 0) == [0] and wrap("", 10) == [0]


def test_tabs_run_to_the_next_stop_and_wide_characters_take_two_cells() -> None:
    assert advance("ab\tc", 0, 4) == 5 and advance("\t", 3, 4) == 4
    assert expand("ab\tc", 0, 4) == "ab  c" and expand("\tx", 1, 4) == "   x"
    assert advance(CJK, 0) == 10 and advance(THUMB + FLAG, 0) == 4
    row = f"a{CJK}b"
    assert [column_at(row, x) for x in range(13)] == [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7]
    assert column_at("a\tb", 2, 4) == 1 and column_at("a\tb", 4, 4) == 2


def test_locations_offsets_and_cells() -> None:
    text = f"Title\n\nOfficials said {THUMB} that {CJK} were held on Monday.\nEnd"
    doc = WrappedText(text)
    for offset in range(len(text) + 1):
        assert doc.offset_of(doc.location_of(offset)) == offset
    assert doc.height == 4  # unwrapped: a row a line
    assert doc.wrap(21) and not doc.wrap(21)
    line = doc.lines[2]
    starts = doc.row_starts[2]
    assert [line[a:b] for a, b in zip(starts, [*starts[1:], None], strict=True)] == [
        f"Officials said {THUMB} ",
        f"that {CJK} were ",
        "held on Monday.",
    ]
    assert doc.height == 6 and doc.row(3) == (2, line.index("that"), line.index("held"))
    that = (2, line.index("that"))
    assert doc.row_of(that) == 3 and doc.x_of(that) == 0
    assert doc.x_of((2, line.index("were"))) == len("that ") + 10 + 1
    assert doc.location_at(6, 3) == (2, line.index(CJK))  # the second cell of 中
    assert doc.location_at(99, 3) == (2, line.index("held") - 1)  # not the next row's start
    assert doc.location_at(99, 99) == doc.end() == (3, 3)
    assert doc.clamp((2, line.index(THUMB) + 1)) == (2, line.index(THUMB))
    assert doc.rows_away(that, -1, 16) == (2, line.index(THUMB))
    assert doc.rows_away(that, 1, 3) == (2, line.index("held") + 3)
    assert doc.rows_away(that, -9, 3) == (0, 0) and doc.rows_away(that, 9, 3) == doc.end()
    assert doc.row_end(that) == (2, line.index("held") - 1) and doc.row_start(that) == that
    marks = doc.marks([(3, text.index("said"), "x")])
    assert marks == {0: [(3, 5, "x")], 1: [(0, 0, "x")], 2: [(0, line.index("said"), "x")]}
