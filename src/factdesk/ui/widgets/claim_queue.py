"""The queue of claims: a lazily rendered list that reads a page of rows at a time."""

from __future__ import annotations

import sqlite3
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice
from operator import lt

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from factdesk.graphemes import clusters
from factdesk.inert import one_line
from factdesk.models import QueueRow, Verdict
from factdesk.store import Store

PAGE = 64
# Each verdict's mark and its component class (coloured from the theme in factdesk.tcss).
MARKS = {
    None: ("·", "claim-queue--unjudged"),
    Verdict.EVIDENCED: ("✔", "claim-queue--evidenced"),
    Verdict.UNEVIDENCED: ("?", "claim-queue--unevidenced"),
    Verdict.DISPUTED: ("✘", "claim-queue--disputed"),
}
FLAG = ("⚑", Style(color="magenta", bold=True))
CHANGED = ("Δ", "claim-queue--changed")  # changed since judged: judge it again


def crop_cells(text: str, cells: int) -> str:
    """The longest start of ``text`` that fits in ``cells`` terminal cells, cut between
    grapheme clusters (a wide character or an emoji sequence is never cut in two)."""
    used = 0
    for start, end in clusters(text):
        used += cell_len(text[start:end])
        if used > cells:
            return text[:start]
    return text


class ClaimQueue(ScrollView, can_focus=True):
    """One line per claim: flag, verdict, text and article. Only the visible rows are
    read from the store, a page at a time, so 100,000 claims open instantly. Colours come
    from the theme (component classes), so light themes are light here too."""

    COMPONENT_CLASSES = {
        "claim-queue--cursor",
        "claim-queue--cursor-blurred",
        *(name for _, name in (*MARKS.values(), CHANGED)),
    }

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    @dataclass
    class CursorMoved(Message):
        """The reviewer moved to another claim in the queue."""

        queue: ClaimQueue
        claim_id: int

    def __init__(
        self, store: Store, reviewer: str, *, final: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.store = store
        self.reviewer = reviewer
        self.final = final  # marks show the final verdicts (the adjudication desk)
        self.ids: array[int] = array("q")
        self.cursor = 0
        self._pages: dict[int, dict[int, QueueRow]] = {}
        self._strips: dict[tuple[int, int, bool, bool], Strip] = {}
        self._sorted: tuple[array[int], array[int] | None] | None = None
        # Called before a key or a click moves the cursor: the screen reads the whole
        # queue then if it is still being read behind (see queue_behind).
        self.before_move: Callable[[], None] = lambda: None

    # -- data ----------------------------------------------------------------------

    def load(self, ids: array[int], claim_id: int | None = None) -> None:
        """Show these claims (in queue order), with the cursor on ``claim_id`` (else the
        first)."""
        self.ids = ids
        self._sorted = None
        self._pages.clear()
        self._strips.clear()
        self.virtual_size = Size(self.size.width, len(ids))
        self.cursor = max(self.index_of(claim_id), 0) if claim_id else 0
        # A queue that fitted its view (a filter's few claims) has no scrollbar until the
        # next layout, and Textual drops a scroll asked for before then unless forced.
        self.scroll_to_cursor(force=True)
        self.refresh()

    def index_of(self, claim_id: int) -> int:
        """The row of a claim, or -1 when it is not in this queue."""
        if self._sorted is None:
            self._sorted = _id_index(self.ids)
        ids, rows = self._sorted
        index = bisect_left(ids, claim_id)
        if index == len(ids) or ids[index] != claim_id:
            return -1
        return index if rows is None else rows[index]

    @property
    def claim_id(self) -> int | None:
        """The claim under the cursor."""
        return self.ids[self.cursor] if self.ids else None

    def forget_rows(self) -> None:
        """Read every row again when next drawn (another window changed some)."""
        self._pages.clear()
        self._strips.clear()
        self.refresh()

    def invalidate(self, claim_id: int) -> None:
        """Re-read a claim's row after its verdict or flag changed, and redraw just it."""
        index = self.index_of(claim_id)
        if index < 0:
            return
        page = self._pages.get(index // PAGE)
        if page is not None and claim_id in page:
            page.update(self._read([claim_id]))
        for key in [k for k in self._strips if k[0] == index]:
            del self._strips[key]
        top = round(self.scroll_y)
        self.refresh(Region(0, index - top, self.size.width, 1))

    def _row(self, index: int) -> QueueRow | None:
        page = index // PAGE
        rows = self._pages.get(page)
        if rows is None:
            if len(self._pages) > 64:
                self._pages.clear()
            ids = self.ids[page * PAGE : (page + 1) * PAGE]
            rows = self._pages[page] = self._read(ids)
        return rows.get(self.ids[index])

    def _read(self, ids: Sequence[int]) -> dict[int, QueueRow]:
        if self.final:
            return self.store.final_rows(ids)
        return self.store.queue_rows(self.reviewer, ids)

    # -- movement ------------------------------------------------------------------

    def set_cursor(self, index: int, *, announce: bool = True) -> None:
        """Move the cursor to a row, scroll it into view, and tell the screen."""
        if not self.ids:
            return
        index = max(0, min(index, len(self.ids) - 1))
        changed, old = index != self.cursor, self.cursor
        self.cursor = index
        top = round(self.scroll_y)
        self.scroll_to_cursor()
        if round(self.scroll_y) == top:  # only two rows changed: redraw just those
            width = self.size.width
            self.refresh(Region(0, old - top, width, 1), Region(0, index - top, width, 1))
        else:
            self.refresh()
        if announce and changed:
            self.post_message(self.CursorMoved(self, self.ids[index]))

    def scroll_to_cursor(self, force: bool = False) -> None:
        """Keep the cursor row on screen. When it leaves the view, the view jumps to put
        it a third of the way down, so that stepping on redraws the list once a page
        rather than at every step."""
        height = self.scrollable_content_region.height
        if not height:
            return  # not laid out yet: on_resize scrolls once it is
        top = round(self.scroll_y)
        if not top <= self.cursor < top + height:
            y = max(0, self.cursor - height // 3)
            self.scroll_to(y=y, animate=False, force=force, immediate=force)

    def action_move(self, delta: int) -> None:
        self.before_move()
        self.set_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.before_move()
        self.set_cursor(self.cursor + direction * max(self.scrollable_content_region.height, 1))

    def action_jump(self, index: int) -> None:
        self.before_move()
        self.set_cursor(index if index >= 0 else len(self.ids) - 1)

    def on_click(self, event: events.Click) -> None:
        self.before_move()
        offset = event.get_content_offset(self)
        if offset is not None:
            self.set_cursor(round(self.scroll_y) + offset.y)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.ids))
        self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        # A new theme (or focus, which changes the cursor's colours): draw rows anew.
        self._strips.clear()
        super().notify_style_update()

    # -- rendering -----------------------------------------------------------------

    def _note(self, text: str, width: int) -> Strip:
        return Strip([Segment(text, Style(dim=True))]).crop_extend(0, width, self.rich_style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_y) + y
        if index >= len(self.ids):
            return Strip.blank(width, self.rich_style)
        key = (index, width, index == self.cursor, self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 1000:
                self._strips.clear()
            strip = self._strips[key] = self._render_row(index, width)
        return strip

    def _render_row(self, index: int, width: int) -> Strip:
        base = self.rich_style
        try:
            row = self._row(index)
        except sqlite3.Error as exc:  # a damaged database: say so on the row, do not crash
            return self._note(f"  (cannot read this claim: {exc})", width)
        if row is None:  # deleted since the queue was loaded
            return self._note("  (no longer in the queue)", width)
        mark, mark_class = CHANGED if row.changed and not row.verdict else MARKS[row.verdict]
        mark_style = self.get_component_rich_style(mark_class, partial=True)
        flag, flag_style = FLAG if row.flagged else (" ", Style())
        article = crop_cells(one_line(row.article), max(0, min(14, width // 4)))
        segments = [
            Segment(flag, flag_style),
            Segment(mark, mark_style),
            Segment(" "),
            Segment(one_line(row.text)),
        ]
        text_width = width - 3 - cell_len(article) - 2
        strip = Strip(segments).crop_extend(0, max(text_width + 3, 3), None)
        strip = Strip([*strip, Segment("  "), Segment(article, Style(dim=True))])
        strip = strip.crop_extend(0, width, None)
        if index == self.cursor:
            cursor = "claim-queue--cursor" if self.has_focus else "claim-queue--cursor-blurred"
            strip = strip.apply_style(self.get_component_rich_style(cursor))
        return strip.apply_style(base)


def _id_index(ids: array[int]) -> tuple[array[int], array[int] | None]:
    """The ids sorted, with the row of each (None when the queue is already in id order,
    as it is until an article gets a new version): a compact lookup, even at 100,000."""
    if all(map(lt, ids, islice(ids, 1, None))):
        return ids, None
    rows = sorted(range(len(ids)), key=ids.__getitem__)
    return array("q", (ids[row] for row in rows)), array("q", rows)
