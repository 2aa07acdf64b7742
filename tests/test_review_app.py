"""Pilot tests of the review desk: every binding, asserted on the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from factdesk.importer import import_paths
from factdesk.models import QueueFilter, Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.help_screen import HelpScreen
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.widgets.article_view import ArticleView
from factdesk.ui.widgets.claim_card import ClaimCard
from factdesk.ui.widgets.claim_queue import ClaimQueue
from tests.helpers import ANN, SIZE, current, queue_read, screen

SPAN_ARTICLE = (
    "Minister Denies Report\n\n"
    "The minister said \u201cthe figures \u2014 all of them \u2014\n"
    "were false\u201d\u00a0on Monday, and 40 people were held.\n"
    "Police in Tabriz arrested 12 protesters on Sunday, officials said.\n"
)


@pytest.fixture
def span_desk(store: Store, tmp_path: Path) -> Store:
    path = tmp_path / "minister.txt"
    path.write_text(SPAN_ARTICLE, encoding="utf-8")
    import_paths(store, [path])
    return store


async def test_verdict_keys_set_toggle_and_log(desk: Store) -> None:
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        claim_id = current(app)
        await pilot.press("e")
        assert desk.review(claim_id, ANN).verdict is Verdict.EVIDENCED
        await pilot.press("e")
        assert desk.review(claim_id, ANN).verdict is None
        await pilot.press("u")
        assert desk.review(claim_id, ANN).verdict is Verdict.UNEVIDENCED
        await pilot.press("d")
        assert desk.review(claim_id, ANN).verdict is Verdict.DISPUTED
        assert str(screen(app).progress) == f"1 of {desk.claim_count()} judged"
    actions = [e["action"] for e in desk.events(ANN)]
    assert actions == ["verdict"] * 4


async def test_next_previous_and_position(desk: Store) -> None:
    ids = list(desk.queue_ids(ANN))
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        assert current(app) == ids[0]
        await pilot.press("n", "n", "n", "p")
        assert current(app) == ids[2]
        assert desk.position(ANN) == ids[2]
        await pilot.press("down")  # the queue has focus: arrows move too
        assert current(app) == ids[3] == desk.position(ANN)
        await pilot.press("end")
        assert current(app) == ids[-1]
        await pilot.press("n")
        assert current(app) == ids[-1] and "last claim" in screen(app).message


async def test_stepping_through_every_claim_of_every_article(desk: Store) -> None:
    ids = list(desk.queue_ids(ANN))
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        for expected in ids[1:]:
            await pilot.press("n")
            assert current(app) == expected
        for expected in reversed(ids[-25:-1]):  # back across an article boundary
            await pilot.press("p")
            assert current(app) == expected


async def test_flag_note_and_cancelled_note(desk: Store) -> None:
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        claim_id = current(app)
        await pilot.press("f")
        assert desk.review(claim_id, ANN).flagged
        await pilot.press("m")
        await pilot.press(*"needs a source", "ctrl+s")
        assert desk.review(claim_id, ANN).note == "needs a source"
        await pilot.press("m", "x", "y", "escape")
        assert desk.review(claim_id, ANN).note == "needs a source"
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f")
        assert not desk.review(claim_id, ANN).flagged


async def test_keyboard_span_across_a_line_break(span_desk: Store) -> None:
    app = FactdeskApp(span_desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        claim = span_desk.claim(current(app))
        text = span_desk.article(claim.article_id).text
        await pilot.press("v")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("ctrl+shift+right", "ctrl+shift+right", "shift+down", "shift+end")
        await pilot.press("a")
        [span] = span_desk.review(claim.id, ANN).spans
        assert span.start == claim.start
        assert span.quote == text[span.start : span.end]
        assert "\u201cthe figures \u2014 all of them \u2014\nwere false\u201d\u00a0on" in span.quote
        assert span.quote.endswith("were held.")
        await pilot.press("escape")
        assert isinstance(app.focused, ClaimQueue)


async def test_mouse_drag_selects_a_span(span_desk: Store) -> None:
    app = FactdeskApp(span_desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        claim = span_desk.claim(current(app))
        text = span_desk.article(claim.article_id).text
        view = app.screen.query_one(ArticleView)
        view.scroll_to(y=0, animate=False)
        await pilot.pause()
        # Row 2 is "The minister said “the figures …", row 3 "were false” …"; the view has
        # one column of padding on the left.
        await pilot.mouse_down(view, offset=(1 + 18, 2))
        await pilot.mouse_up(view, offset=(1 + 14, 3))
        await pilot.press("a")
        [span] = span_desk.review(claim.id, ANN).spans
        assert (
            span.quote
            == text[span.start : span.end]
            == "\u201cthe figures \u2014 all of them \u2014\nwere false\u201d\u00a0on"
        )


async def test_spaces_at_the_edges_of_a_selection_are_left_out(span_desk: Store) -> None:
    app = FactdeskApp(span_desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        claim_id = current(app)
        await pilot.press("v", *["shift+right"] * 4, "a")  # "The " ends in a space
        assert [s.quote for s in span_desk.review(claim_id, ANN).spans] == ["The"]


async def test_attach_without_selection_and_remove_span(span_desk: Store) -> None:
    app = FactdeskApp(span_desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        claim_id = current(app)
        await pilot.press("a")
        assert span_desk.review(claim_id, ANN).spans == ()
        assert "Nothing selected" in screen(app).message
        await pilot.press("v", "shift+right", "shift+right", "shift+right", "a")
        assert [s.quote for s in span_desk.review(claim_id, ANN).spans] == ["The"]
        await pilot.press("x")
        assert span_desk.review(claim_id, ANN).spans == ()
        assert [e["action"] for e in span_desk.events(ANN)] == ["span_add", "span_remove"]


async def test_clicking_an_evidence_quote_selects_it(span_desk: Store) -> None:
    app = FactdeskApp(span_desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", *["shift+right"] * 12, "a", "escape")
        [span] = span_desk.review(current(app), ANN).spans
        view = app.screen.query_one(ArticleView)
        view.move_cursor((0, 0))
        card = app.screen.query_one(ClaimCard)
        [row] = card.evidence_rows()
        card.scroll_to(y=row, animate=False)  # below the suggestions: scrolled into view
        await pilot.pause()
        top = card.scrollable_content_region.y - card.region.y  # the card's top border
        await pilot.click(ClaimCard, offset=(6, top + row - round(card.scroll_y)))
        assert view.selected_offsets() == (span.start, span.end)
        assert app.focused is view


async def test_undo_survives_a_restart(desk: Store) -> None:
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        claim_id = current(app)
        await pilot.press("e", "n", "d")
        second = current(app)
    assert desk.review(second, ANN).verdict is Verdict.DISPUTED
    again = FactdeskApp(desk, ANN)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+z")
        assert desk.review(second, ANN).verdict is None
        await pilot.press("ctrl+z")
        assert desk.review(claim_id, ANN).verdict is None
        assert current(again) == claim_id
        await pilot.press("ctrl+z")
        assert "Nothing to undo" in screen(again).message
        assert str(screen(again).progress).startswith("0 of")


async def test_resume_lands_on_the_same_claim(desk: Store) -> None:
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "e", "n", "n", "u", "n")
        where = current(app)
    again = FactdeskApp(desk, ANN)
    async with again.run_test(size=SIZE):
        assert current(again) == where
        assert screen(again).message == f"Resumed — 2 of {desk.claim_count()} judged"
        assert again.screen.query_one(ClaimQueue).claim_id == where
    other = FactdeskApp(desk, "bob")
    async with other.run_test(size=SIZE):  # a new reviewer starts at their first unjudged
        assert current(other) == desk.queue_ids("bob")[0]
        assert screen(other).message == f"Welcome — 0 of {desk.claim_count()} judged"


async def test_search_jumps_to_matching_claims(desk: Store) -> None:
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"Khamenei", "enter")
        first = current(app)
        assert "Khamenei" in desk.claim(first).text
        await pilot.press("slash", "enter")
        assert current(app) > first and "Khamenei" in desk.claim(current(app)).text


async def test_filters_from_the_command_palette(desk: Store) -> None:
    ids = list(desk.queue_ids(ANN))
    desk.set_flag(ids[5], ANN, True)
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Show flagged", "enter")
        await pilot.pause()
        assert screen(app).which is QueueFilter.FLAGGED
        assert list(app.screen.query_one(ClaimQueue).ids) == [ids[5]]
        assert current(app) == ids[5]
        screen(app).apply_filter(QueueFilter.UNJUDGED)
        assert len(app.screen.query_one(ClaimQueue).ids) == len(ids)


async def test_help_lists_every_key(desk: Store) -> None:
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        described = {b.description for b in app.screen.keymap}
        assert {"Evidenced", "Unevidenced", "Disputed", "Attach", "Undo", "Quit"} <= described
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_click_a_claim_in_the_queue(desk: Store) -> None:
    ids = list(desk.queue_ids(ANN))
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(ClaimQueue, offset=(4, 3))
        assert current(app) == ids[3] == desk.position(ANN)


async def test_q_quits(desk: Store) -> None:
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_empty_database_explains_how_to_import(store: Store) -> None:
    app = FactdeskApp(store, ANN)
    async with app.run_test(size=SIZE) as pilot:
        assert not isinstance(app.screen, ReviewScreen)
        svg = app.export_screenshot()
        assert "factdesk review sample_corpus" in svg.replace("&#160;", " ")
        await pilot.press("q")


async def test_small_terminals_and_resizing(desk: Store) -> None:
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "e")
        for width, height in [(60, 20), (40, 12), (41, 13), (120, 40), (40, 12)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            await pilot.press("n", "u", "question_mark", "escape")
        total = desk.claim_count()
        assert str(screen(app).progress) == str(desk.progress(ANN)) == f"6 of {total} judged"


HOSTILE = (
    "Markup Test\n\n"
    "The ministry said [b]40 people[/b] were held [/] in [link=https://x]Tabriz[/link] on "
    "Monday [@click=app.quit]quit[/] \x1b[31mred\x1b[0m\x07 and \u202eevil\u202c in 2020.\n"
)


async def test_markup_and_escape_sequences_show_literally(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    import_paths(store, [path])
    app = FactdeskApp(store, ANN)
    async with app.run_test(size=(160, 40)) as pilot:
        claim = store.claim(current(app))
        assert "[b]40 people[/b]" in claim.text and "\x1b[31m" in claim.text
        svg = app.export_screenshot().replace("&#160;", " ")
        for literal in [
            "[b]40",
            "people[/b]",
            "[link=https://x]Tabriz[/link]",
            "[@click=app.quit]quit[/]",
        ]:
            assert svg.count(literal) >= 2, literal  # in the article and in the card
        assert "\u241b[31mred\u241b[0m\u2407" in svg  # the escape shown as a symbol
        assert "\x1b" not in svg and "\u202e" not in svg
        await pilot.click(ArticleView)
        assert app.is_running  # nothing in the text became an action


def big_database(path: Path, claims: int, per_article: int = 100) -> None:
    """A database with ``claims`` claims, written directly for speed."""
    with Store(path) as store:
        sentence = "Official {n} said on Monday that {n} people were held in 2020. "
        conn = store.conn
        conn.execute("BEGIN")
        for a in range(claims // per_article):
            parts = [sentence.format(n=a * per_article + i) for i in range(per_article)]
            text = "".join(parts)
            article_id = conn.execute(
                "INSERT INTO articles (source, version, sha256, title, encoding, text,"
                " imported_at) VALUES (?, 1, ?, ?, 'utf-8', ?, 'now')",
                (f"/big/{a}.txt", f"sha{a}", f"Article {a}", text),
            ).lastrowid
            rows, start = [], 0
            for part in parts:
                end = start + len(part) - 1
                rows.append((article_id, start, end, 0.7))
                start += len(part)
            conn.executemany(
                "INSERT INTO claims (article_id, start, end, score, extractor)"
                " VALUES (?, ?, ?, ?, 'test')",
                rows,
            )
        conn.execute("COMMIT")


async def test_a_hundred_thousand_claims_open_and_move(tmp_path: Path) -> None:
    path = tmp_path / "big.db"
    big_database(path, 100_000)
    with Store(path) as store:
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=SIZE) as pilot:
            queue = app.screen.query_one(ClaimQueue)
            assert "Official 0 said" in screen(app).claim.text  # type: ignore[union-attr]
            await queue_read(app, pilot)  # a large queue is read behind (test_queue_behind.py)
            assert len(queue.ids) == 100_000
            await pilot.press("n", "n", "e")
            assert "Official 2 said" in store.claim(current(app)).text
            await pilot.press("end")
            assert store.claim(current(app)).text.startswith("Official 99999 said")
            await pilot.press("p", "d")
            assert store.review(current(app), ANN).verdict is Verdict.DISPUTED
            svg = app.export_screenshot().replace("&#160;", " ")
            assert "Official 99998 said" in svg and "2 of 100000 judged" in svg


async def test_import_summary_is_shown_when_the_desk_opens(desk: Store) -> None:
    app = FactdeskApp(desk, ANN, notice="Imported 5 files: 5 new, 0 unchanged")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "Imported 5 files: 5 new" in app.export_screenshot().replace("&#160;", " ")


async def test_export_csv_from_the_command_palette(desk: Store, tmp_path: Path) -> None:
    ids = list(desk.queue_ids(ANN))
    desk.set_verdict(ids[0], ANN, Verdict.EVIDENCED)
    target = tmp_path / "desk export.csv"
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Export CSV", "enter")
        await pilot.pause()
        box = app.screen.query_one("#export-path", Input)
        assert box.value.startswith(str(desk.path.parent / "factdesk-export-"))
        box.value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("claim_id,article_id,") and len(lines) == 2
    assert lines[1].startswith(f"{ids[0]},") and ",evidenced," in lines[1]


async def test_a_key_right_after_n_acts_on_the_claim_moved_to(desk: Store) -> None:
    """Typed fast ("n e"), the verdict key can arrive before the queue's message that the
    cursor moved: it must still judge the claim the queue now shows."""
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        first = current(app)
        queue = app.screen.query_one(ClaimQueue)
        queue.set_cursor(queue.cursor + 1)  # its CursorMoved message is not handled yet
        second = queue.claim_id
        await screen(app).action_verdict("evidenced")
        assert second is not None and second != first
        assert desk.review(second, ANN).verdict is Verdict.EVIDENCED
        assert desk.review(first, ANN).verdict is None
        await pilot.pause()
        assert current(app) == second and screen(app).message == "Marked evidenced"


async def test_judging_where_the_desk_opened_resumes_there(desk: Store) -> None:
    app = FactdeskApp(desk, ANN)
    async with app.run_test(size=SIZE) as pilot:
        first = current(app)
        assert desk.position(ANN) is None  # opening writes nothing
        await pilot.press("e")
    assert desk.position(ANN) == first
    again = FactdeskApp(desk, ANN)
    async with again.run_test(size=SIZE):
        assert current(again) == first and screen(again).message.startswith("Resumed")
