"""The desk on real screens: the claim's tint, resizing, a narrow footer, the light theme,
and a huge single-paragraph article."""

from __future__ import annotations

from pathlib import Path

from rich.color import Color as RichColor
from rich.style import Style
from textual.color import Color

from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.widgets.article_view import CLAIM_CLASS, ArticleView
from factdesk.ui.widgets.claim_queue import ClaimQueue
from factdesk.ui.widgets.desk_footer import DeskFooter
from tests.helpers import screen_lines

ANN = "ann"
SENTENCE = "Official {n} said on Monday that {n} people were held in 2020. "


def article_database(path: Path, claims: int, per_paragraph: int) -> None:
    """One article of ``claims`` one-sentence claims, in paragraphs of ``per_paragraph``."""
    text, rows = "", []
    for i in range(claims):
        if i and i % per_paragraph == 0:
            text = text.rstrip(" ") + "\n\n"
        sentence = SENTENCE.format(n=i)
        rows.append((len(text), len(text) + len(sentence) - 1))
        text += sentence
    with Store(path) as store:
        conn = store.conn
        conn.execute("BEGIN")
        article_id = conn.execute(
            "INSERT INTO articles (source, version, sha256, title, encoding, text, imported_at)"
            " VALUES ('/long.txt', 1, 'sha', 'Long', 'utf-8', ?, 'now')",
            (text,),
        ).lastrowid
        conn.executemany(
            "INSERT INTO claims (article_id, start, end, score, extractor)"
            " VALUES (?, ?, ?, 0.7, 'test')",
            [(article_id, s, e) for s, e in rows],
        )
        conn.execute("COMMIT")


def screen(app: FactdeskApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def wrapped_row(view: ArticleView, offset: int) -> int:
    """The wrapped (visual) row of the document that shows a string offset."""
    return view.cell_of(offset)[1]


def style_at(view: ArticleView, offset: int) -> Style:
    """The style the article view draws one character with."""
    x, y = view.cell_of(offset)
    top = round(view.scroll_y)
    assert top <= y < top + view.scrollable_content_region.height, "not on screen"
    cells = 0
    for segment in view.render_line(y - top):
        if cells <= x < cells + segment.cell_length:
            assert segment.style is not None
            return segment.style
        cells += segment.cell_length
    raise AssertionError(f"no cell at x={x}")


def luminance(color: RichColor | None) -> float:
    assert color is not None
    triplet = color.get_truecolor()
    return Color(*triplet).brightness


async def test_the_claim_has_a_background_tint(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    article_database(path, 40, 4)
    with Store(path) as store:
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.screen.query_one(ArticleView)
            claim = screen(app).claim
            assert claim is not None
            plain = style_at(view, claim.end + 1)  # the next sentence
            tinted = style_at(view, claim.start + 3)
            assert tinted.bgcolor is not None and tinted.bgcolor != plain.bgcolor
            assert tinted.bgcolor == view.get_component_rich_style(CLAIM_CLASS).bgcolor
            for theme in ("textual-light", "textual-dark"):  # the tint follows the theme
                app.theme = theme
                await pilot.pause()
                tinted, plain = style_at(view, claim.start + 3), style_at(view, claim.end + 1)
                assert tinted.bgcolor != plain.bgcolor
                # light on light, dark on dark: the tint never inverts the page
                assert abs(luminance(tinted.bgcolor) - luminance(plain.bgcolor)) < 0.35


async def test_resizing_keeps_the_claim_in_view(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    article_database(path, 400, 4)
    with Store(path) as store:
        ids = list(store.queue_ids(ANN))
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=(140, 45)) as pilot:
            screen(app).go_to(ids[350])
            await pilot.pause()
            view = app.screen.query_one(ArticleView)
            claim = store.claim(ids[350])
            for width, height in [(100, 45), (140, 45), (80, 24), (160, 50)]:
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                await pilot.pause()
                top, rows = round(view.scroll_y), view.scrollable_content_region.height
                assert top > 0, (width, height)
                assert top <= wrapped_row(view, claim.start) < top + rows, (width, height)
                assert any(SENTENCE.format(n=350)[:30] in line for line in screen_lines(app))


async def test_resizing_keeps_the_selection_in_view(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    article_database(path, 400, 4)
    with Store(path) as store:
        ids = list(store.queue_ids(ANN))
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=(140, 45)) as pilot:
            screen(app).go_to(ids[300])
            await pilot.press("v", *["shift+right"] * 8)
            view = app.screen.query_one(ArticleView)
            await pilot.resize_terminal(100, 45)
            await pilot.pause()
            await pilot.pause()
            top, rows = round(view.scroll_y), view.scrollable_content_region.height
            assert top <= wrapped_row(view, view.offset_of(view.selection.end)) < top + rows


async def test_the_footer_keeps_help_and_quit_at_80_columns(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    article_database(path, 40, 4)
    with Store(path) as store:
        for size in [(80, 24), (100, 30), (120, 40), (160, 40)]:
            app = FactdeskApp(store, ANN)
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                footer = screen_lines(app)[-1]
                assert "? Help" in footer and "q Quit" in footer, (size, footer)
                assert "e Evidenced" in footer and "n Next" in footer, (size, footer)
                assert "▏" not in footer.split("?")[0], footer  # nothing cut in half
                if size[0] >= 120:
                    assert "a Attach" in footer and "c Add claim" in footer, footer
                    assert "del Dismiss" in footer, footer
                if size[0] >= 160:
                    assert "f Flag" in footer and "^p palette" in footer, footer
                await pilot.press("question_mark")
                assert "Flag" in " ".join(screen_lines(app))  # hidden keys are in the help
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=(120, 40)) as pilot:  # the footer follows a resize
            for width, height, attach in [(80, 24, False), (120, 40, True), (80, 24, False)]:
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                await pilot.pause()
                footer = screen_lines(app)[-1]
                assert "? Help" in footer and "q Quit" in footer, footer
                assert ("a Attach" in footer) is attach, footer


async def test_the_light_theme_reaches_the_queue(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    article_database(path, 60, 4)
    with Store(path) as store:
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=(120, 40)) as pilot:
            queue = app.screen.query_one(ClaimQueue)
            await pilot.press("e", "n", "d", "n")
            for theme, light in [("textual-light", True), ("textual-dark", False)]:
                app.theme = theme
                await pilot.pause()
                for focused in (True, False):
                    if focused:
                        queue.focus()
                    else:
                        app.screen.query_one(ArticleView).focus()
                    await pilot.pause()
                    cursor_row = queue.cursor - round(queue.scroll_y)
                    variable = "block-cursor-" + ("background" if focused else "blurred-background")
                    for y in range(6):  # judged rows, the cursor row, plain rows
                        for segment in queue.render_line(y):
                            style = segment.style
                            assert style is not None and style.bgcolor is not None
                            assert not style.reverse
                            if y == cursor_row:  # the theme's own cursor colours
                                cursor = Color.parse(app.theme_variables[variable])
                                background = Color.parse(app.theme_variables["background"])
                                expected = background.blend(cursor, cursor.a).rich_color
                                assert style.bgcolor.triplet == expected.triplet, (theme, y)
                            else:
                                brightness = luminance(style.bgcolor)
                                assert (brightness > 0.5) is light, (theme, y, segment)


async def test_stepping_through_a_huge_paragraph_keeps_highlights_right(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    article_database(path, 4000, 4000)  # about 250 KB in one paragraph
    with Store(path) as store:
        ids = list(store.queue_ids(ANN))
        assert len(store.article(store.claim(ids[0]).article_id).text) > 250_000
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.screen.query_one(ArticleView)
            tint = view.get_component_rich_style(CLAIM_CLASS).bgcolor
            screen(app).go_to(ids[2000])
            await pilot.pause()
            for step, key in enumerate(["n"] * 40 + ["p"] * 15):
                before = store.claim(screen(app).claim.id)  # type: ignore[union-attr]
                await pilot.press(key)
                claim = store.claim(screen(app).claim.id)  # type: ignore[union-attr]
                assert claim.id == before.id + (1 if key == "n" else -1), step
                for offset in (claim.start, (claim.start + claim.end) // 2, claim.end - 1):
                    assert style_at(view, offset).bgcolor == tint, (step, offset)
                for offset in (before.start, before.end - 1):  # the old claim lost its tint
                    assert style_at(view, offset).bgcolor != tint, (step, offset)
            await pilot.press("e", "v", *["shift+right"] * 7, "a")  # evidence, drawn too
            [span] = store.review(claim.id, ANN).spans
            assert span.quote == "Officia"
            span_style = style_at(view, span.start + 1)
            assert span_style.bgcolor not in (tint, style_at(view, claim.end + 2).bgcolor)


async def test_moving_the_focus_leaves_the_footer_as_it_was(tmp_path: Path) -> None:
    """v and escape move the focus between the queue and the article: the keys the footer
    shows do not change, so it is not composed again (that cost about 80 ms a key)."""
    path = tmp_path / "desk.db"
    article_database(path, 6, 3)
    with Store(path) as store:
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            footer = app.screen.query_one(DeskFooter)
            keys = list(footer.children)
            shown = screen_lines(app)[-1]
            await pilot.press("v")
            await pilot.pause()
            assert app.focused is screen(app).article_view
            await pilot.press("escape")
            await pilot.pause()
            assert list(footer.children) == keys and screen_lines(app)[-1] == shown
            assert len(keys) > 8  # the keys themselves, not an empty footer


async def test_the_keys_for_a_selection_and_for_dismissed_claims_are_named(
    tmp_path: Path,
) -> None:
    """After v the header names both keys for a selection (a for evidence, c for a claim);
    in Show dismissed claims the footer offers del Restore, elsewhere del Dismiss; the help
    says what c and delete do."""
    path = tmp_path / "desk.db"
    article_database(path, 6, 3)
    with Store(path) as store:
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("v")
            hint = screen(app).message
            assert " a " in f" {hint} " and " c " in f" {hint} ", hint
            await pilot.press("escape", "delete")
            await pilot.pause()
            assert "del Dismiss" in screen_lines(app)[-1]
            await pilot.press("ctrl+p", *"Show dismissed claims", "enter")
            await pilot.pause()
            await pilot.pause()
            footer = screen_lines(app)[-1]
            assert "del Restore" in footer and "Dismiss" not in footer, footer
            await pilot.press("delete")  # the key still restores there
            assert not store.is_dismissed(store.queue_ids(ANN)[0], ANN)
            await pilot.press("ctrl+p", *"Show all claims", "enter")
            await pilot.pause()
            await pilot.pause()
            assert "del Dismiss" in screen_lines(app)[-1]
            await pilot.press("question_mark")
            await pilot.pause()
            help_text = " ".join(" ".join(screen_lines(app)).split())
            assert "Add the article's selection as a claim" in help_text, help_text
            assert "Dismiss the claim as not check-worthy, or restore a dismissed one" in help_text
