"""The article, read-only, with the claim and its evidence spans highlighted; the reviewer
moves a cursor and selects a span with the keyboard or the mouse."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from typing import Self

from rich.style import Style
from rich.text import Text
from textual.actions import SkipAction
from textual.document._document_navigator import DocumentNavigator
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import expand_text_tabs_from_widths
from textual.geometry import Region
from textual.strip import Strip
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


class SlicedWrappedDocument(WrappedDocument):
    """A wrapped document whose sections (the wrapped rows of a line) are slices of the
    line, kept until the next wrap. The stock one builds a rich Text of the whole line and
    divides it for every lookup: for a 250 KB paragraph, a large fraction of a second
    each time the cursor or the claim is placed."""

    _sections: dict[int, list[str]]

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        self._sections = {}
        super().wrap(width, tab_width)

    def wrap_range(self, *args: object, **kwargs: object) -> None:  # edits (never, here)
        self._sections = {}
        super().wrap_range(*args, **kwargs)  # type: ignore[arg-type]

    def get_sections(self, line_index: int) -> list[str]:
        sections = self._sections.get(line_index)
        if sections is None:
            line = self.document[line_index]
            bounds = [0, *self._wrap_offsets[line_index], len(line)]
            sections = [line[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            self._sections[line_index] = sections
        return sections


class ArticleView(TextArea):
    """A read-only TextArea over the article. Locations are (row, column) in code points,
    mapped to string offsets through the article's line starts; the text shown is the
    stored text with unsafe characters replaced one for one, so offsets agree."""

    COMPONENT_CLASSES = TextArea.COMPONENT_CLASSES | {
        CLAIM_CLASS,
        SUGGESTED_CLASS,
        *SPAN_CLASSES.values(),
    }

    _loading = False  # a text is being loaded (see refresh)

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
        self.match_cursor_bracket = False  # brackets in prose are not code
        self.article_id: int | None = None
        self.stored = ""
        self.claim_start: int | None = None  # what a resize keeps in view
        self._line_starts: list[int] = [0]
        self._ranges: set[tuple[int, int, str]] = set()  # (start, end, component class)
        self._marks: dict[int, list[tuple[int, int, str]]] = {}

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, language)
        self.wrapped_document = SlicedWrappedDocument(self.document, tab_width=self.indent_width)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self._rewrap_and_refresh_virtual_size()

    def show_article(self, article_id: int, text: str) -> None:
        """Load an article (a no-op if it is already shown)."""
        if article_id == self.article_id:
            return
        shown = inert(text)
        self._loading = True  # a new text's height is no layout change here (see refresh)
        try:
            self.load_text(shown)
        finally:
            self._loading = False
        if self.is_mounted:  # the scrollbar's thumb, for the new height
            self.vertical_scrollbar.window_virtual_size = self.virtual_size.height
        if self.text != shown:  # the widget changed the text: offsets would be wrong
            raise ValueError("the article view altered the article text")
        self.article_id = article_id
        self.stored = text
        self.claim_start = None
        self._ranges, self._marks = set(), {}  # they were rows of the previous article
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        """A new text changes the view's virtual height, which Textual takes as a layout
        change of the whole screen (laid out and drawn again: about 29 ms of CPU for each
        article opened). The view's size never depends on its text (its scrollbar is always
        there, see factdesk.tcss), so while a text loads only the view is drawn again."""
        if layout and self._loading:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def action_delete_right(self) -> None:
        """The text is read-only: delete is the screen's key (dismiss the claim). Skipping
        passes it on in order, where a priority binding would jump ahead of keys typed
        before it."""
        raise SkipAction()

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
        # Re-wrapping moves text around: once the new layout is in place, keep in view
        # what the reviewer is looking at: the cursor and selection while they work in
        # the article, else the current claim (the cursor may be far from it).
        self.call_after_refresh(self._keep_in_view)

    def _keep_in_view(self) -> None:
        start, end = self.selection
        if self.claim_start is None or self.has_focus or start != end:
            self.scroll_cursor_visible(center=True)
        else:
            self.show_claim(self.claim_start)

    # -- highlighting --------------------------------------------------------------

    def show_claim(self, start: int) -> None:
        """Bring a claim into view, a third of the way down, without moving the cursor
        (moving it would make the TextArea redraw every line)."""
        self.claim_start = start
        if not self.scrollable_content_region.height:
            self.call_after_refresh(self.show_claim, start)
            return
        y = self.wrapped_document.location_to_offset(self.location_of(start)).y
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if not top <= y < top + height - 2:
            self.scroll_to(y=max(0, y - height // 3), animate=False)

    def highlight(
        self,
        claim: tuple[int, int] | None,
        spans: Sequence[Span],
        verdict: Verdict | None,
        suggested: Sequence[tuple[int, int]] = (),
    ) -> None:
        """Tint the claim, mark the suggested evidence dimly and colour each evidence span
        in its verdict's colour (each drawn over the ones before)."""
        ranges = [(claim[0], claim[1], CLAIM_CLASS)] if claim else []
        ranges += [(start, end, SUGGESTED_CLASS) for start, end in suggested]
        ranges += [(s.start, s.end, SPAN_CLASSES[verdict]) for s in spans]
        marks: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for start, end, name in ranges:
            first, _ = self.location_of(start)
            last, _ = self.location_of(end)
            for row in range(first, last + 1):
                line_start = self._line_starts[row]
                a = max(start, line_start) - line_start
                b = end - line_start
                marks[row].append((a, b, name))
        changed = self._ranges ^ set(ranges)
        self._ranges, self._marks = set(ranges), dict(marks)
        self._forget(changed)

    def _forget(self, ranges: set[tuple[int, int, str]]) -> None:
        """Drop the cached rendering of the wrapped rows these ranges cover, and redraw
        the visible ones. The TextArea caches a row by its position, cursor and scroll,
        not by our marks; dropping only the changed rows keeps moving between claims
        cheap, even within one huge paragraph. (Textual is pinned: this relies on the
        cache key's third item being the wrapped row's y.)"""
        if not ranges:
            return
        wrapped = self.wrapped_document
        ys: set[int] = set()
        for start, end, _ in ranges:
            first = wrapped.location_to_offset(self.location_of(start)).y
            last = wrapped.location_to_offset(self.location_of(end)).y
            ys.update(range(first, last + 1))
        cache = self._line_cache
        for key in [k for k in cache.keys() if k[2] in ys]:
            cache.discard(key)
        top, width, height = round(self.scroll_y), self.size.width, self.size.height
        self.refresh(*(Region(0, y - top, width, 1) for y in sorted(ys) if top <= y < top + height))

    def get_line(self, line_index: int) -> Text:
        return self.line_section(line_index, 0, len(self.document[line_index]))

    def line_section(self, line_index: int, start: int, end: int) -> Text:
        """Columns ``start:end`` of a document line, with the claim and evidence marks."""
        text = Text(self.document[line_index][start:end], end="", no_wrap=True)
        for a, b, name in self._marks.get(line_index, ()):
            a, b = max(a, start), min(b, end)
            if a < b:
                text.stylize(self.get_component_rich_style(name), a - start, b - start)
        return text

    def _render_line(self, y: int) -> Strip:
        """Render one wrapped row from its own section of the line. The stock renderer
        styles the whole document line and divides it into every wrapped row, for each
        row drawn: for one 250 KB paragraph that is most of a second per frame. This
        draws the same row (marks, selection, cursor, tabs) from the section alone; for
        anything this view does not use it falls back to the stock renderer."""
        if (
            not self.soft_wrap
            or self.show_line_numbers
            or self.highlight_cursor_line
            or self.match_cursor_bracket
            or self.suggestion
            or self._highlights
        ):
            return super()._render_line(y)
        theme = self._theme
        base_style = theme.base_style if theme and theme.base_style is not None else self.rich_style
        wrapped = self.wrapped_document
        y_offset = y + self.scroll_offset.y
        if y_offset >= wrapped.height:  # below the text: as wide as a row of it
            return Strip.blank(self.scrollable_content_region.size.width, base_style)
        line_index, section = wrapped._offset_to_line_info[y_offset]
        line = self.document[line_index]
        offsets = wrapped.get_offsets(line_index)
        last = section == len(offsets)
        start = offsets[section - 1] if section else 0
        end = len(line) if last else offsets[section]
        text = self.line_section(line_index, start, end)
        if last:
            text.set_length(end - start + 1)  # a cell for the cursor after the line's end

        top, bottom = sorted(self.selection)
        if top != bottom and top[0] <= line_index <= bottom[0]:
            style = theme.selection_style if theme else None
            if style and not line and line_index != self.selection.end[0]:
                text.plain = "▌"  # an empty line inside the selection
                text.stylize(Style(color=style.bgcolor))
            elif style:
                a = top[1] if line_index == top[0] else 0
                b = bottom[1] if line_index == bottom[0] else len(line)
                a, b = max(a, start), min(b, end)
                if a < b:
                    text.stylize(style, a - start, b - start)

        cursor_row, cursor_column = self.selection.end
        if cursor_row == line_index and self._draw_cursor and theme and theme.cursor_style:
            if start <= cursor_column < end + last:
                column = cursor_column - start
                text.stylize(theme.cursor_style, column, column + 1)

        widths = wrapped.get_tab_widths(line_index)
        if offsets and widths:  # (counting tabs before a row of a huge line costs: skip it)
            tabs_before = line.count("\t", 0, start)
            text = expand_text_tabs_from_widths(
                text, widths[tabs_before : tabs_before + text.plain.count("\t")]
            )
        elif not offsets:
            text.expand_tabs(self.indent_width)
        strip = Strip(text.render(self.app.console), cell_length=text.cell_len)
        width = self.scrollable_content_region.size.width - self.gutter_width
        strip = strip.extend_cell_length(width, theme.base_style if theme else None)
        return strip.apply_style(base_style)

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
