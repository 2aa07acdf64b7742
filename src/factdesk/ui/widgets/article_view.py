"""The article, read-only, with the claim and its evidence spans highlighted; the reviewer
moves a cursor and selects a span with the keyboard or the mouse."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.widgets import TextArea
from textual.widgets.text_area import Location, Selection

from factdesk.graphemes import (
    cluster_start,
    next_boundary,
    previous_boundary,
    word_left,
    word_right,
)
from factdesk.inert import inert
from factdesk.models import Span, Verdict

CLAIM_STYLE = Style(underline=True, bold=True)
SPAN_STYLES = {
    None: Style(bgcolor="dark_blue"),
    Verdict.EVIDENCED: Style(bgcolor="dark_green"),
    Verdict.UNEVIDENCED: Style(bgcolor="dark_goldenrod", color="black"),
    Verdict.DISPUTED: Style(bgcolor="dark_red"),
}


class ArticleView(TextArea):
    """A read-only TextArea over the article. Locations are (row, column) in code points,
    mapped to string offsets through the article's line starts; the text shown is the
    stored text with unsafe characters replaced one for one, so offsets agree."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "",
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,  # a line is a paragraph: it would hide the spans
            id=id,
            tab_behavior="focus",
        )
        self.article_id: int | None = None
        self.stored = ""
        self._line_starts: list[int] = [0]
        self._marks: dict[int, list[tuple[int, int, Style]]] = {}

    def show_article(self, article_id: int, text: str) -> None:
        """Load an article (a no-op if it is already shown)."""
        if article_id == self.article_id:
            return
        shown = inert(text)
        self.load_text(shown)
        if self.text != shown:  # the widget changed the text: offsets would be wrong
            raise ValueError("the article view altered the article text")
        self.article_id = article_id
        self.stored = text
        self._marks = {}  # they were rows of the previous article
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    # -- offsets <-> locations -----------------------------------------------------

    def location_of(self, offset: int) -> tuple[int, int]:
        """The (row, column) of a string offset."""
        row = bisect_right(self._line_starts, offset) - 1
        return row, offset - self._line_starts[row]

    def offset_of(self, location: tuple[int, int]) -> int:
        """The string offset of a (row, column) location."""
        row, column = location
        return self._line_starts[row] + column

    def selected_offsets(self) -> tuple[int, int] | None:
        """The selection as (start, end) offsets, or None when nothing is selected."""
        start, end = sorted(self.selection)
        if start == end:
            return None
        return self.offset_of(start), self.offset_of(end)

    def select_offsets(self, start: int, end: int) -> None:
        """Select a span of the article and bring it into view."""
        self.selection = Selection(self.location_of(start), self.location_of(end))
        self.scroll_cursor_visible(center=True)

    def put_cursor(self, offset: int) -> None:
        """Move the cursor (without selecting) and centre it."""
        self.move_cursor(self.location_of(offset), center=True)

    def on_resize(self) -> None:
        # Re-wrapping moves text around: keep the cursor (the claim, or the selection)
        # in view once the new layout is in place.
        self.call_after_refresh(self.scroll_cursor_visible, center=True)

    # -- highlighting --------------------------------------------------------------

    def show_claim(self, start: int) -> None:
        """Bring a claim into view, a third of the way down, without moving the cursor
        (moving it would make the TextArea redraw every line)."""
        if not self.scrollable_content_region.height:
            self.call_after_refresh(self.show_claim, start)
            return
        y = self.wrapped_document.location_to_offset(self.location_of(start)).y
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if not top <= y < top + height - 2:
            self.scroll_to(y=max(0, y - height // 3), animate=False)

    def highlight(
        self, claim: tuple[int, int] | None, spans: tuple[Span, ...], verdict: Verdict | None
    ) -> None:
        """Underline the claim and colour each evidence span in its verdict's colour."""
        marks: dict[int, list[tuple[int, int, Style]]] = defaultdict(list)
        ranges = [(s.start, s.end, SPAN_STYLES[verdict]) for s in spans]
        if claim:
            ranges.append((claim[0], claim[1], CLAIM_STYLE))
        for start, end, style in ranges:
            first, _ = self.location_of(start)
            last, _ = self.location_of(end)
            for row in range(first, last + 1):
                line_start = self._line_starts[row]
                a = max(start, line_start) - line_start
                b = end - line_start
                marks[row].append((a, b, style))
        changed = {
            row for row in set(marks) | set(self._marks) if marks.get(row) != self._marks.get(row)
        }
        self._marks = dict(marks)
        self._forget(changed)

    def _forget(self, rows: set[int]) -> None:
        """Drop the cached rendering of these document lines. The TextArea caches a line
        by its position, cursor and scroll, not by our marks; dropping only the changed
        lines keeps moving between claims cheap. (Textual is pinned: this relies on the
        cache key's third item being the wrapped line's y.)"""
        if not rows:
            return
        wrapped = self.wrapped_document
        ys: set[int] = set()
        for row in rows:
            end = len(self.document.get_line(row))
            first = wrapped.location_to_offset((row, 0)).y
            last = wrapped.location_to_offset((row, end)).y
            ys.update(range(first, last + 1))
        cache = self._line_cache
        for key in [k for k in cache.keys() if k[2] in ys]:
            cache.discard(key)
        top, width = round(self.scroll_y), self.size.width
        self.refresh(*(Region(0, y - top, width, 1) for y in sorted(ys)))

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        for start, end, style in self._marks.get(line_index, ()):
            line.stylize(style, start, min(end, len(line)))
        return line

    # -- movement by grapheme cluster ---------------------------------------------
    # Locations stay code points; the cursor and both ends of a selection only ever rest
    # between clusters of the text shown, so 👍🏽, 👩‍👩‍👧, 🇬🇧 or a letter with its
    # accents are never cut in two, by keys or by the mouse.

    def clamp_visitable(self, location: Location) -> Location:
        """A location inside a cluster is not visitable: snap it to the cluster's start.
        (Every selection, however made, passes through here.)"""
        row, column = super().clamp_visitable(location)
        return row, cluster_start(self.document[row], column)

    def get_cursor_left_location(self) -> Location:
        row, column = self.cursor_location
        if column == 0:
            return super().get_cursor_left_location()
        return row, previous_boundary(self.document[row], column)

    def get_cursor_right_location(self) -> Location:
        row, column = self.cursor_location
        line = self.document[row]
        if column >= len(line):
            return super().get_cursor_right_location()
        return row, next_boundary(line, column)

    def get_cursor_word_left_location(self) -> Location:
        row, column = self.cursor_location
        if row > 0 and column == 0:
            return super().get_cursor_word_left_location()
        return row, word_left(self.document[row], column)

    def get_cursor_word_right_location(self) -> Location:
        row, column = self.cursor_location
        line = self.document[row]
        if column == len(line):
            return super().get_cursor_word_right_location()
        return row, word_right(line, column)
