"""The article view on its own, driven through Pilot as a reviewer drives it: wrapping to
the width, the cursor by cluster, word and row, selections by keys and mouse, marks drawn
in the right cells, a huge paragraph, keys the screens need passed on."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.style import Style
from textual.app import App, ComposeResult

from factdesk.models import Span, Verdict
from factdesk.ui.widgets.article_view import (
    CLAIM_CLASS,
    CURSOR_CLASS,
    SELECTION_CLASS,
    SPAN_CLASSES,
    ArticleView,
    Selection,
)

TCSS = Path(__file__).resolve().parent.parent / "src" / "factdesk" / "ui" / "factdesk.tcss"
THUMB = "\U0001f44d\U0001f3fd"  # 👍🏽
FLAG = "\U0001f1ec\U0001f1e7"  # 🇬🇧
E_ACUTE = "e\u0301"
CJK = "\u4e2d\u56fd\u5916\u4ea4\u90e8"  # 中国外交部
SENTENCE = "Official {n} said on Monday that {n} people were held in 2020. "
PARAGRAPH = "".join(SENTENCE.format(n=n) for n in range(12)).rstrip()


class ViewApp(App[None]):
    """The article view alone, styled as on the desk, with the keys the review screen
    binds that the view must pass on."""

    CSS_PATH = TCSS
    BINDINGS = [
        (key, f"seen('{key}')")
        for key in ("delete", "escape", "ctrl+up", "ctrl+down", "a", "n", "ctrl+z")
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.seen: list[str] = []

    def compose(self) -> ComposeResult:
        yield ArticleView(id="article")

    def on_mount(self) -> None:
        self.view.show_article(1, self.text)
        self.view.focus()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def action_seen(self, key: str) -> None:
        self.seen.append(key)


def row_text(view: ArticleView, y: int) -> str:
    return "".join(segment.text for segment in view.render_line(y))


def style_of(view: ArticleView, offset: int) -> Style:
    """The style of the cell that shows a string offset (which must be in view)."""
    x, y = view.cell_of(offset)
    cells = 0
    for segment in view.render_line(y - view.scroll_offset.y):
        if cells <= x < cells + segment.cell_length:
            assert segment.style is not None
            return segment.style
        cells += segment.cell_length
    raise AssertionError(f"no cell at {x}")


def content(view: ArticleView) -> tuple[int, int]:
    """The offset of the view's content (text) from its corner, for the mouse."""
    return view.content_region.x - view.region.x, view.content_region.y - view.region.y


async def test_a_long_line_wraps_at_words_to_the_width_and_rewraps_on_resize() -> None:
    text = f"Title\n\n{PARAGRAPH}\n"
    app = ViewApp(text)
    async with app.run_test(size=(50, 12)) as pilot:
        view = app.view
        width = view.scrollable_content_region.width
        rows = [row_text(view, y) for y in range(view.scrollable_content_region.height)]
        assert all(cell_len(row) == width for row in rows)  # as wide as the content
        assert rows[0].rstrip() == "Title" and not rows[1].strip()
        wrapped = [row.rstrip() for row in rows[2:]]
        assert wrapped[0] == "Official 0 said on Monday that 0 people were"
        for row in wrapped:
            assert len(row) < width  # a cell kept for the cursor after a line's end
        joined = " ".join(row for row in wrapped if row)
        assert PARAGRAPH.startswith(joined)  # no word was cut
        await pilot.resize_terminal(80, 12)
        await pilot.pause()
        assert row_text(view, 2).rstrip() == (
            "Official 0 said on Monday that 0 people were held in 2020. Official 1 said"
        )


async def test_the_cursor_steps_over_whole_clusters() -> None:
    text = f"x\na{THUMB}b{FLAG}c{E_ACUTE}d"
    app = ViewApp(text)
    async with app.run_test(size=(40, 8)) as pilot:
        view = app.view
        await pilot.press("right", "right")  # over "x" and to the next line
        assert view.cursor_location == (1, 0)
        columns = []
        for _ in range(8):
            await pilot.press("right")
            columns.append(view.cursor_location[1])
        line = text.split("\n")[1]
        assert columns == [1, 3, 4, 6, 7, 9, 10, 10]
        assert line[1:3] == THUMB and line[4:6] == FLAG and line[7:9] == E_ACUTE
        await pilot.press("shift+left", "shift+left")
        assert view.selected_text == f"{E_ACUTE}d"
        assert view.selected_offsets() == (len("x\n") + 7, len(text))
        await pilot.press("left")  # collapses the selection to its start
        assert view.selection == Selection.cursor((1, 7))
        view.selection = Selection((1, 0), (1, 2))  # inside the thumb: snapped to its start
        assert view.selection == Selection((1, 0), (1, 1))


async def test_shift_arrows_select_and_give_string_offsets() -> None:
    text = f"Headline\n\n{PARAGRAPH}"
    app = ViewApp(text)
    async with app.run_test(size=(60, 12)) as pilot:
        view = app.view
        start = text.index("Official 3")
        view.put_cursor(start)
        await pilot.press(*["shift+right"] * 8)
        assert view.selected_offsets() == (start, start + 8)
        assert view.selected_text == "Official"
        await pilot.press("ctrl+shift+right", "ctrl+shift+right")
        assert view.selected_text == "Official 3 said"
        await pilot.press("ctrl+left")  # moves (and drops the selection) by word
        assert view.selected_offsets() is None
        assert view.offset_of(view.cursor_location) == start + len("Official 3 ")
        await pilot.press("ctrl+left", "ctrl+left")
        assert view.offset_of(view.cursor_location) == start
        await pilot.press("ctrl+shift+left")  # punctuation is a word of its own
        assert view.selected_text == ". "


async def test_up_and_down_move_by_wrapped_row_keeping_the_column() -> None:
    text = f"{PARAGRAPH}\nshort\n{PARAGRAPH}"
    app = ViewApp(text)
    async with app.run_test(size=(50, 24)) as pilot:
        view = app.view
        first_row_end = text.index("held")  # the first row ends before "held"
        view.put_cursor(text.index("said"))  # cell 11 of row 0
        await pilot.press("down")
        assert view.cell_of(view.offset_of(view.cursor_location)) == (11, 1)
        second = view.offset_of(view.cursor_location)
        assert text[first_row_end:second] == "held in 202"
        await pilot.press("up")
        assert view.offset_of(view.cursor_location) == text.index("said")
        rows = view.cell_of(text.index("\nshort"))[1]
        await pilot.press(*["down"] * (rows + 1))  # onto "short", which is narrower
        assert view.cursor_location == (1, 5)
        await pilot.press("down")  # the column is kept through the short line
        assert view.cell_of(view.offset_of(view.cursor_location))[0] == 11
        await pilot.press("shift+up")
        assert view.selected_text.startswith("\n")
        await pilot.press("home")
        assert view.cursor_location == (1, 0)
        view.put_cursor(text.index("said"))
        await pilot.press("end")  # the end of the wrapped row, not of the paragraph
        assert view.offset_of(view.cursor_location) == first_row_end - 1
        await pilot.press("shift+home")
        assert view.selected_text == text[: first_row_end - 1]
        await pilot.press("pagedown")
        assert view.cell_of(view.offset_of(view.cursor_location))[1] > 10
        await pilot.press("pageup", "pageup")
        assert view.cursor_location == (0, 0)


async def test_a_mouse_drag_selects_and_snaps_to_clusters() -> None:
    text = f"Title\nThe minister said {CJK} had {THUMB} people"
    app = ViewApp(text)
    async with app.run_test(size=(60, 8)) as pilot:
        view = app.view
        x0, y0 = content(view)
        line = text.split("\n")[1]
        await pilot.mouse_down(view, offset=(x0 + 4, y0 + 1))
        await pilot.hover(view, offset=(x0 + 12, y0 + 1))
        await pilot.mouse_up(view, offset=(x0 + 12, y0 + 1))
        assert view.selected_text == "minister"
        assert view.selected_offsets() == (len("Title\n") + 4, len("Title\n") + 12)
        cjk = line.index(CJK)
        await pilot.mouse_down(view, offset=(x0 + cjk, y0 + 1))
        await pilot.mouse_up(view, offset=(x0 + cjk + 3, y0 + 1))  # the second cell of 国
        assert view.selected_text == CJK[0]
        thumb_cell = cjk + 10 + len(" had ")
        await pilot.click(view, offset=(x0 + thumb_cell + 1, y0 + 1))  # its second cell
        assert view.cursor_location == (1, line.index(THUMB))
        await pilot.click(view, offset=(x0 + 3, y0), shift=True)  # shift+click extends
        assert view.selected_text == f"le\nThe minister said {CJK} had "
        await pilot.click(view, offset=(x0 + 50, y0 + 5))  # below the text: its end
        assert view.cursor_location == (1, len(line))


async def test_marks_are_drawn_in_their_cells_and_follow_a_new_highlight() -> None:
    text = f"Headline\n\n{PARAGRAPH}"
    app = ViewApp(text)
    async with app.run_test(size=(60, 16)) as pilot:
        view = app.view
        claim = (text.index("Official 2"), text.index("Official 3") - 1)
        evidence = Span(1, text.index("Official 5"), text.index("Official 5") + 8, "Official")
        view.highlight(claim, [evidence], Verdict.DISPUTED)
        app.set_focus(None)
        await pilot.pause()
        tint = view.get_component_rich_style(CLAIM_CLASS).bgcolor
        disputed = view.get_component_rich_style(SPAN_CLASSES[Verdict.DISPUTED]).bgcolor
        plain = style_of(view, 0).bgcolor
        assert len({tint, disputed, plain}) == 3
        assert style_of(view, claim[0]).bgcolor == tint
        assert style_of(view, claim[1] - 1).bgcolor == tint
        assert style_of(view, claim[1]).bgcolor == plain
        assert style_of(view, evidence.start + 7).bgcolor == disputed
        assert style_of(view, evidence.end).bgcolor == plain
        view.highlight(None, [evidence], Verdict.EVIDENCED)
        await pilot.pause()
        assert style_of(view, claim[0]).bgcolor == plain
        evidenced = view.get_component_rich_style(SPAN_CLASSES[Verdict.EVIDENCED]).bgcolor
        assert style_of(view, evidence.start).bgcolor == evidenced
        view.select_offsets(claim[0], claim[0] + 4)
        selection = view.get_component_rich_style(SELECTION_CLASS).bgcolor
        assert style_of(view, claim[0] + 3).bgcolor == selection
        cursor = view.get_component_rich_style(CURSOR_CLASS).bgcolor
        assert style_of(view, claim[0] + 4).bgcolor != cursor  # not focused: no cursor
        view.focus()
        await pilot.pause()
        assert style_of(view, claim[0] + 4).bgcolor == cursor


async def test_tabs_and_wide_characters_take_their_cells() -> None:
    text = f"\tIndented\tline\n{CJK}{THUMB}|\nend"
    app = ViewApp(text)
    async with app.run_test(size=(40, 8)) as pilot:
        view = app.view
        width = view.scrollable_content_region.width
        assert row_text(view, 0) == "    Indented    line".ljust(width)
        assert row_text(view, 1).startswith(f"{CJK}{THUMB}|")
        assert cell_len(row_text(view, 1)) == width
        view.put_cursor(text.index("line"))
        assert view.cell_of(text.index("line")) == (16, 0)
        await pilot.press("down")  # row 1 is 13 cells wide: to its end
        assert view.offset_of(view.cursor_location) == text.index("|") + 1
        await pilot.press("left", "left")
        assert view.offset_of(view.cursor_location) == text.index(THUMB)
        await pilot.press("up")  # the thumb's cell 10 is in "Indented"
        assert view.offset_of(view.cursor_location) == text.index("Indented") + 6
        for y in range(3, view.scrollable_content_region.height):  # below the text: blank
            assert row_text(view, y) == " " * width


async def test_keys_the_screens_bind_are_passed_on() -> None:
    app = ViewApp(PARAGRAPH)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.press("shift+right", "delete", "escape", "ctrl+up", "ctrl+down", "a")
        await pilot.press("n", "ctrl+z")
        assert app.seen == ["delete", "escape", "ctrl+up", "ctrl+down", "a", "n", "ctrl+z"]
        assert app.view.selected_text == "O"  # none of them changed the text or selection
        assert app.view.text == PARAGRAPH


async def test_a_250_kb_paragraph_is_drawn_and_navigated() -> None:
    text = "".join(SENTENCE.format(n=n) for n in range(4000))
    assert len(text) > 250_000
    app = ViewApp(text)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.view
        late = text.index("Official 3990 ")
        view.select_offsets(late, late + len("Official 3990"))
        await pilot.pause()
        top = view.scroll_offset.y
        assert top > 2000
        rows = range(view.scrollable_content_region.height)
        shown = " ".join(row_text(view, y).rstrip() for y in rows)
        assert "Official 3990 said" in shown
        await pilot.press("shift+down", "shift+down")
        offsets = view.selected_offsets()
        assert offsets is not None and offsets[0] == late and offsets[1] > late + 200
        await pilot.press("left")  # the selection collapses to its start
        view.highlight((late, late + 50), [], None)
        await pilot.pause()
        assert (
            style_of(view, late + 1).bgcolor == view.get_component_rich_style(CLAIM_CLASS).bgcolor
        )


async def test_a_new_article_resets_the_view_without_a_layout() -> None:
    app = ViewApp(f"First\n\n{PARAGRAPH}\n" * 10)
    async with app.run_test(size=(60, 14)) as pilot:
        view = app.view
        view.highlight((7, 20), [], None)
        view.select_offsets(400, 420)
        view.show_claim(400)
        await pilot.pause()
        assert view.scroll_offset.y > 0 and view.claim_start == 400
        layouts: list[bool] = []
        refresh = view.refresh

        def record(*regions: object, **flags: bool) -> ArticleView:
            layouts.append(flags.get("layout", False))
            return refresh(*regions, **flags)  # type: ignore[arg-type]

        view.refresh = record  # type: ignore[method-assign]
        view.show_article(2, "Second\n\nA short one.")
        await pilot.pause()
        assert layouts and not any(layouts)  # redrawn, never laid out
        assert view.article_id == 2 and view.stored == view.text == "Second\n\nA short one."
        assert view.selection == Selection() and view.claim_start is None
        assert view.scroll_offset.y == 0 and view.virtual_size.height == 3
        assert row_text(view, 0).startswith("Second")
        assert style_of(view, 8).bgcolor != view.get_component_rich_style(CLAIM_CLASS).bgcolor
        view.show_article(3, "a\u202eb\x1b")  # shown inert, offsets one for one
        assert view.text == "a\u2b31b\u241b" and view.stored == "a\u202eb\x1b"
