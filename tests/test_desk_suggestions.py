"""Suggested evidence in the desk: the card's list, the dim marks in the article, 1 2 3
attaching a suggestion (from this article or another) and ctrl+z, s showing one (another
article's until escape), and a selection in that other article attached as evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from factdesk.importer import import_paths
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.widgets.article_view import SUGGESTED_CLASS
from factdesk.ui.widgets.claim_card import ClaimCard
from tests.helpers import COURIER, GAZETTE, claim_in, write

ANN = "ann"
SIZE = (120, 40)
QUOTE = "She gave no evidence for the claim"


@pytest.fixture
def story(store: Store, tmp_path: Path) -> Store:
    import_paths(store, write(tmp_path / "news", gazette=GAZETTE, courier=COURIER))
    return store


def desk(app: FactdeskApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def spans(store: Store, claim_id: int) -> list[tuple[int | None, str]]:
    return [(s.article_id, s.quote) for s in store.review(claim_id, ANN).spans]


async def test_1_attaches_another_articles_suggestion_and_ctrl_z_takes_it_back(
    story: Store,
) -> None:
    bare = claim_in(story, 1, "Councillor Ruth Okafor said")
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(bare)
        await pilot.pause()
        card = desk(app).query_one(ClaimCard).plain
        assert "Suggested evidence — suggests: unevidenced" in card
        assert f"1 no-evidence → unevidenced  “{QUOTE}”  in Mains Dispute" in card
        await pilot.press("1")
        await pilot.pause()
        assert spans(story, bare) == [(2, QUOTE)]
        assert "✓ attached" in desk(app).query_one(ClaimCard).plain
        assert "Attached suggestion 1 (no-evidence) from Mains Dispute" in desk(app).message
        await pilot.press("1")
        assert "attached already" in desk(app).message and spans(story, bare) == [(2, QUOTE)]
        await pilot.press("2")
        assert desk(app).message == "No suggestion 2 for this claim"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert spans(story, bare) == []


async def test_s_shows_a_suggestion_of_this_article_marked_dimly(story: Store) -> None:
    claim = claim_in(story, 2, "Councillor Ruth Okafor accused")
    start = COURIER.index(QUOTE)
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(claim)
        await pilot.pause()
        view = desk(app).article_view
        assert (start, start + len(QUOTE), SUGGESTED_CLASS) in view._ranges
        await pilot.press("s")
        assert view.article_id == 2 and view.selected_offsets() == (start, start + len(QUOTE))
        await pilot.press("1")
        await pilot.pause()
        assert spans(story, claim) == [(None, QUOTE)]


async def test_s_shows_another_article_until_escape_and_a_attaches_from_it(
    story: Store,
) -> None:
    bare = claim_in(story, 1, "Councillor Ruth Okafor said")
    start = COURIER.index(QUOTE)
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(bare)
        await pilot.pause()
        view = desk(app).article_view
        await pilot.press("s")
        await pilot.pause()
        assert view.article_id == 2 and view.text == COURIER
        assert view.selected_offsets() == (start, start + len(QUOTE))
        assert "escape returns" in desk(app).message
        await pilot.press("c")  # a claim of the other article: not from here
        assert "escape returns" in desk(app).message
        await pilot.press("a")  # the selection shown, attached from the other article
        await pilot.pause()
        assert spans(story, bare) == [(2, QUOTE)]
        await pilot.press("escape")
        await pilot.pause()
        assert view.article_id == 1 and view.text == GAZETTE
        assert desk(app).message == "Back to the claim's article"
        await pilot.press("s")
        await pilot.press("n")  # moving on returns to the next claim's own article
        await pilot.pause()
        assert view.article_id == desk(app).claim.article_id  # type: ignore[union-attr]


async def test_clicking_a_suggestion_shows_it(story: Store) -> None:
    bare = claim_in(story, 1, "Councillor Ruth Okafor said")
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(bare)
        await pilot.pause()
        card = desk(app).query_one(ClaimCard)
        row = card.suggestion_rows()[0]  # its first line (a long one wraps)
        top = card.scrollable_content_region.y - card.region.y
        await pilot.click(ClaimCard, offset=(6, top + row - round(card.scroll_y)))
        await pilot.pause()
        view = desk(app).article_view
        start = COURIER.index(QUOTE)
        assert view.article_id == 2 and view.selected_offsets() == (start, start + len(QUOTE))


async def test_evidence_from_another_article_shows_there_and_x_removes_it_there(
    story: Store,
) -> None:
    bare = claim_in(story, 1, "Councillor Ruth Okafor said")
    start = COURIER.index(QUOTE)
    story.add_span(bare, ANN, start, start + len(QUOTE), QUOTE, article_id=2)
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        desk(app).go_to(bare)
        await pilot.pause()
        view = desk(app).article_view
        assert not any(name != SUGGESTED_CLASS and a == start for a, _, name in view._ranges)
        await pilot.press("x")  # nothing of the claim's own article to remove
        assert spans(story, bare) == [(2, QUOTE)]
        card = desk(app).query_one(ClaimCard)
        row = card.evidence_rows()[0]
        card.scroll_to(y=row, animate=False)
        await pilot.pause()
        top = card.scrollable_content_region.y - card.region.y
        await pilot.click(ClaimCard, offset=(6, top + row - round(card.scroll_y)))
        await pilot.pause()
        assert view.article_id == 2 and view.selected_offsets() == (start, start + len(QUOTE))
        assert any(a == start and name != SUGGESTED_CLASS for a, _, name in view._ranges)
        await pilot.press("x")
        await pilot.pause()
        assert spans(story, bare) == []
