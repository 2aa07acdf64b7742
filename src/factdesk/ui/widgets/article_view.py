"""The article, read-only, with the claim and its evidence spans highlighted; the reviewer
moves a cursor and selects a span with the keyboard or the mouse."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from factdesk.graphemes import next_boundary
from factdesk.inert import inert
from factdesk.models import Span, Verdict
from factdesk.ui.widgets.wrap import advance, expand
from factdesk.ui.widgets.wrapped_text import Location, Selection, WrappedText

# Component classes, styled from the theme's variables in factdesk.tcss, so that the claim
# and the evidence read in dark and light themes alike.
CLAIM_CLASS = "article-view--claim"
SUGGESTED_CLASS = "article-view--suggested"  # evidence suggested, not attached
SPAN_CLASSES = {
    None: "article-view--evidence",
    Verdict.EVIDENCED: "article-view--evidenced",
    Verdict.UNEVIDENCED: "article-view--unevidenced",
    Verdict.DISPUTED: "article-view--disputed",
}
CURSOR_CLASS = "article-view--cursor"
SELECTION_CLASS = "article-view--selection"


# (key, action): each moves the cursor; with shift (ctrl+shift for ctrl+) it selects.
MOVES = [
    ("left", "cursor_left"),
    ("right", "cursor_right"),
    ("up", "cursor_up"),
    ("down", "cursor_down"),
    ("ctrl+left", "cursor_word_left"),
    ("ctrl+right", "cursor_word_right"),
    ("home", "cursor_line_start"),
    ("end", "cursor_line_end"),
    ("pageup", "cursor_page_up"),
    ("pagedown", "cursor_page_down"),
]


def _selecting(key: str) -> str:
    return key.replace("ctrl+", "ctrl+shift+") if key.startswith("ctrl+") else f"shift+{key}"


class ArticleView(ScrollView, can_focus=True):
    """The article on Textual's line API: each line of the text (a paragraph) is wrapped
    once per width into rows, and each row is drawn from its own slice. Locations are
    (line, column) in code points, mapped to string offsets through the lines' starts;
    the text shown is the stored text with unsafe characters replaced one for one, so
    offsets agree."""

    ALLOW_SELECT = False  # the view's own selection, not the screen's text selection
    COMPONENT_CLASSES = {CLAIM_CLASS, SUGGESTED_CLASS, CURSOR_CLASS, SELECTION_CLASS}
    COMPONENT_CLASSES |= set(SPAN_CLASSES.values())
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(key, action, show=False, id=f"article.{action}") for key, action in MOVES),
        *(
            Binding(_selecting(key), f"{action}(True)", show=False, id=f"article.select.{action}")
            for key, action in MOVES
        ),
        Binding("ctrl+a", "cursor_line_start", show=False, id="article.home"),
        Binding("ctrl+e", "cursor_line_end", show=False, id="article.end"),
        Binding("f6", "select_line", show=False, id="article.select_line"),
        Binding("f7", "select_all", show=False, id="article.select_all"),
        Binding("ctrl+c", "copy", show=False, id="article.copy"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article_id: int | None = None
        self.stored = ""  # the article's text as stored
        self.claim_start: int | None = None  # what a resize keeps in view
        self._doc = WrappedText()  # the text as shown, in rows
        self._selection = Selection()
        self._goal_x: int | None = None  # the cell column up and down keep to
        self._dragging = False
        self._ranges: set[tuple[int, int, str]] = set()  # (start, end, component class)
        self._marks: dict[int, list[tuple[int, int, str]]] = {}  # by line, in its columns

    def show_article(self, article_id: int, text: str) -> None:
        """Load an article (a no-op if it is already shown)."""
        if article_id == self.article_id:
            return
        self.article_id, self.stored = article_id, text
        self.claim_start = None
        self._ranges, self._marks = set(), {}  # they were the previous article's
        self._doc = WrappedText(inert(text))
        self._selection, self._goal_x = Selection(), None
        self._rewrap()
        if self.is_mounted:
            self.scroll_to(y=0, animate=False)
            self.refresh()

    # -- rows: each line wrapped once per width ---------------------------------------

    @property
    def text(self) -> str:
        """The text shown: the stored text made inert."""
        return self._doc.text

    def _rewrap(self) -> None:
        """Wrap every line to the view's width, if the width changed. The height is set
        without a layout: the view's size never depends on its text (its scrollbar is
        always there, see factdesk.tcss), so a new text redraws only the view."""
        # A cell is kept after a line's end, for the cursor to rest there.
        width = max(0, self.scrollable_content_region.width - 1) if self.is_mounted else 0
        if self._doc.wrap(width):
            self.set_reactive(ArticleView.virtual_size, Size(0, self._doc.height))
            if self.is_mounted:
                self.vertical_scrollbar.window_virtual_size = self._doc.height

    def cell_of(self, offset: int) -> tuple[int, int]:
        """The (x, y) cell of a string offset in the whole wrapped text."""
        self._rewrap()
        location = self.location_of(offset)
        return self._doc.x_of(location), self._doc.row_of(location)

    def render_line(self, y: int) -> Strip:
        """One row, drawn from its own slice of its line: marks, selection and cursor."""
        self._rewrap()
        width = self.scrollable_content_region.width
        base = self.visual_style.rich_style
        row = y + self.scroll_offset.y
        if row >= self._doc.height:  # below the text
            return Strip.blank(width, base)
        line, start, end = self._doc.row(row)
        text = self._doc.lines[line]
        layers = [
            (max(a, start), min(b, end), style)
            for a, b, style in self._layers(line, text)
            if a < end and b > start
        ]
        cuts = sorted({start, end, *(a for a, _, _ in layers), *(b for _, b, _ in layers)})
        tabs = "\t" in text[start:end]
        segments, x = [], 0
        for a, b in zip(cuts, cuts[1:], strict=False):
            style = base
            for first, last, layer in layers:
                if first <= a and b <= last:
                    style += layer
            piece = text[a:b]
            if tabs:
                piece = expand(piece, x)
                x = advance(piece, x)
            segments.append(Segment(piece, style))
        top, bottom = sorted(self._selection)
        cursor_line, cursor_column = self._selection.end
        if cursor_line == line and cursor_column == end == len(text) and self.has_focus:
            segments.append(Segment(" ", base + self.get_component_rich_style(CURSOR_CLASS)))
        elif not text and top != bottom and top[0] <= line <= bottom[0] and line != cursor_line:
            selected = self.get_component_rich_style(SELECTION_CLASS)
            segments.append(Segment("▌", base + Style(color=selected.bgcolor)))
        return Strip(segments).adjust_cell_length(width, base)

    def _layers(self, line: int, text: str) -> Iterable[tuple[int, int, Style]]:
        """What colours a line's columns, each drawn over the ones before: the claim, the
        suggestions, the evidence, the selection, the cursor (when focused)."""
        for a, b, name in self._marks.get(line, ()):
            yield a, b, self.get_component_rich_style(name)
        top, bottom = sorted(self._selection)
        if top != bottom and top[0] <= line <= bottom[0]:
            a = top[1] if line == top[0] else 0
            b = bottom[1] if line == bottom[0] else len(text)
            yield a, b, self.get_component_rich_style(SELECTION_CLASS)
        cursor_line, column = self._selection.end
        if cursor_line == line and column < len(text) and self.has_focus:
            yield column, next_boundary(text, column), self.get_component_rich_style(CURSOR_CLASS)

    def _refresh_rows(self, first: int, last: int) -> None:
        """Redraw the rows ``first`` to ``last`` that are in view."""
        top = self.scroll_offset.y
        first, last = max(first, top), min(last, top + self.scrollable_content_region.height - 1)
        if first <= last:
            self.refresh_lines(first, last - first + 1)

    # -- offsets <-> locations -----------------------------------------------------

    def location_of(self, offset: int) -> Location:
        """The (line, column) of a string offset."""
        return self._doc.location_of(offset)

    def offset_of(self, location: Location) -> int:
        """The string offset of a (line, column) location."""
        return self._doc.offset_of(location)

    def get_text_range(self, start: Location, end: Location) -> str:
        """The text shown between two locations."""
        a, b = sorted((self.offset_of(start), self.offset_of(end)))
        return self.text[a:b]

    # -- the cursor and the selection ---------------------------------------------
    # Both ends of a selection only ever rest between clusters of the text shown, so
    # 👍🏽, 👩‍👩‍👧, 🇬🇧 or a letter with its accents are never cut in two, by keys or mouse.

    @property
    def selection(self) -> Selection:
        return self._selection

    @selection.setter
    def selection(self, selection: Selection) -> None:
        new = Selection(self._doc.clamp(selection.start), self._doc.clamp(selection.end))
        old, self._selection = self._selection, new
        if new == old or not self.is_mounted:
            return
        self._rewrap()
        row_of = self._doc.row_of
        if old.is_empty and new.is_empty:  # the cursor alone: its two rows
            self._refresh_rows(row_of(old.end), row_of(old.end))
            self._refresh_rows(row_of(new.end), row_of(new.end))
        else:  # the rows between the ends that moved
            moved = [old.end, new.end] if old.start == new.start else [*old, *new]
            rows = [row_of(location) for location in moved]
            self._refresh_rows(min(rows), max(rows))
        self.scroll_cursor_visible()

    @property
    def cursor_location(self) -> Location:
        return self._selection.end

    @property
    def selected_text(self) -> str:
        return self.get_text_range(*self._selection)

    def move_cursor(self, location: Location, select: bool = False, center: bool = False) -> None:
        """Move the cursor, extending the selection or not, and bring it into view."""
        self._goal_x = None
        self.selection = Selection(self._selection.start if select else location, location)
        if center:
            self.scroll_cursor_visible(center=True)

    def scroll_cursor_visible(self, center: bool = False) -> None:
        """Scroll so that the cursor is in view (in the middle, when ``center``)."""
        if not self.is_mounted:
            return
        self._rewrap()
        row = self._doc.row_of(self._selection.end)
        top, height = round(self.scroll_y), self.scrollable_content_region.height
        if center:
            self.scroll_to(y=max(0, row - height // 2), animate=False)
        elif not top <= row < top + height:
            self.scroll_to(y=row if row < top else row - height + 1, animate=False)

    def selected_offsets(self) -> tuple[int, int] | None:
        """The selection as (start, end) offsets, or None when nothing is selected."""
        start, end = sorted(self._selection)
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

    def on_focus(self) -> None:  # the cursor is drawn only in a focused view
        row = self._doc.row_of(self._selection.end)
        self._refresh_rows(row, row)

    on_blur = on_focus

    # -- keys: by cluster, by word, by wrapped row --------------------------------

    def action_cursor_left(self, select: bool = False) -> None:
        start, end = self._selection
        collapse = not select and start != end  # a selection collapses to its start
        self.move_cursor(min(start, end) if collapse else self._doc.left(end), select)

    def action_cursor_right(self, select: bool = False) -> None:
        start, end = self._selection
        collapse = not select and start != end
        self.move_cursor(max(start, end) if collapse else self._doc.right(end), select)

    def action_cursor_word_left(self, select: bool = False) -> None:
        self.move_cursor(self._doc.word_left(self._selection.end), select)

    def action_cursor_word_right(self, select: bool = False) -> None:
        self.move_cursor(self._doc.word_right(self._selection.end), select)

    def action_cursor_line_start(self, select: bool = False) -> None:
        """To the start of the cursor's wrapped row."""
        self._rewrap()
        self.move_cursor(self._doc.row_start(self._selection.end), select)

    def action_cursor_line_end(self, select: bool = False) -> None:
        """To the end of the cursor's wrapped row."""
        self._rewrap()
        self.move_cursor(self._doc.row_end(self._selection.end), select)

    def action_cursor_up(self, select: bool = False) -> None:
        self._move_rows(-1, select)

    def action_cursor_down(self, select: bool = False) -> None:
        self._move_rows(1, select)

    def action_cursor_page_up(self, select: bool = False) -> None:
        height = self.scrollable_content_region.height
        self.scroll_to(y=self.scroll_y - height, animate=False)
        self._move_rows(-height, select)

    def action_cursor_page_down(self, select: bool = False) -> None:
        height = self.scrollable_content_region.height
        self.scroll_to(y=self.scroll_y + height, animate=False)
        self._move_rows(height, select)

    def _move_rows(self, rows: int, select: bool) -> None:
        """Move the cursor by wrapped rows, keeping to the cell column it started in."""
        self._rewrap()
        location = self._selection.end
        goal = self._doc.x_of(location) if self._goal_x is None else self._goal_x
        self.move_cursor(self._doc.rows_away(location, rows, goal), select)
        self._goal_x = goal

    def action_select_line(self) -> None:
        line = self._selection.end[0]
        self.selection = Selection((line, 0), (line, len(self._doc.lines[line])))

    def action_select_all(self) -> None:
        self.selection = Selection((0, 0), self._doc.end())

    def action_copy(self) -> None:
        if not self.selected_text:
            raise SkipAction()
        self.app.copy_to_clipboard(self.selected_text)

    # -- the mouse: click places the cursor, drag selects, shift+click extends -------

    def _location_of_event(self, event: events.MouseEvent) -> Location:
        self._rewrap()
        x, y = event.get_content_offset_capture(self)
        return self._doc.location_at(max(0, x), y + self.scroll_offset.y)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        target = self._location_of_event(event)
        self._goal_x = None
        self.selection = Selection(self._selection.start if event.shift else target, target)
        self._dragging = True
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._drag_to(event)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._drag_to(event)
            self._dragging = False
            self.release_mouse()

    def _drag_to(self, event: events.MouseEvent) -> None:
        if self._dragging:
            self.selection = Selection(self._selection.start, self._location_of_event(event))

    # -- keeping the claim in view ----------------------------------------------

    def on_resize(self) -> None:
        # Re-wrapping moves text around: once the new layout is in place, keep in view
        # what the reviewer is looking at: the cursor and selection while they work in
        # the article, else the current claim (the cursor may be far from it).
        self._rewrap()
        self.vertical_scrollbar.window_virtual_size = self._doc.height  # if drawn before
        self.call_after_refresh(self._keep_in_view)

    def _keep_in_view(self) -> None:
        start, end = self._selection
        if self.claim_start is None or self.has_focus or start != end:
            self.scroll_cursor_visible(center=True)
        else:
            self.show_claim(self.claim_start)

    def show_claim(self, start: int) -> None:
        """Bring a claim into view, a third of the way down, without moving the cursor."""
        self.claim_start = start
        height = self.scrollable_content_region.height if self.is_mounted else 0
        if not height:
            self.call_after_refresh(self.show_claim, start)
            return
        self._rewrap()
        y = self._doc.row_of(self.location_of(start))
        top = round(self.scroll_y)
        if not top <= y < top + height - 2:
            self.scroll_to(y=max(0, y - height // 3), animate=False)

    # -- highlighting --------------------------------------------------------------

    def highlight(
        self,
        claim: tuple[int, int] | None,
        spans: Sequence[Span],
        verdict: Verdict | None,
        suggested: Sequence[tuple[int, int]] = (),
    ) -> None:
        """Tint the claim, mark the suggested evidence dimly and colour each evidence span
        in its verdict's colour (each drawn over the ones before); redraw only the rows
        whose marks changed."""
        ranges = [(claim[0], claim[1], CLAIM_CLASS)] if claim else []
        ranges += [(start, end, SUGGESTED_CLASS) for start, end in suggested]
        ranges += [(s.start, s.end, SPAN_CLASSES[verdict]) for s in spans]
        changed = self._ranges ^ set(ranges)
        self._ranges, self._marks = set(ranges), self._doc.marks(ranges)
        if not self.is_mounted:
            return
        self._rewrap()
        for start, end, _ in changed:
            first = self._doc.row_of(self.location_of(start))
            self._refresh_rows(first, self._doc.row_of(self.location_of(end)))
