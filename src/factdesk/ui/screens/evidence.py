"""The review screen's evidence actions: put the cursor at the claim, attach the selection
(offsets and quote, checked against the article shown: the claim's, or another one shown
for a suggestion), remove a span."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factdesk.inert import inert
from factdesk.ui.screens import queue_scope

if TYPE_CHECKING:
    from factdesk.ui.screens.review_screen import ReviewScreen


def select(screen: ReviewScreen) -> None:
    """Put the cursor in the article at the start of the claim, to select from there."""
    if screen.claim is None:
        return
    screen.article_view.put_cursor(screen.claim.start)
    screen.article_view.focus()
    screen.say("Select with shift+arrows or the mouse, then a (evidence) or c (a claim)")


def selection(screen: ReviewScreen, key: str) -> tuple[int, int, str] | None:
    """The article's selection without the spaces at its edges, as (start, end, quote),
    checked against the text shown; None, with the reason said, when there is none."""
    if screen.article is None:
        return None
    view = screen.article_view
    offsets = view.selected_offsets()
    if offsets is None:
        screen.say(f"Nothing selected: press v, select with shift+arrows or the mouse, then {key}")
        return None
    start, end = offsets
    text = view.stored  # the claim's article, or another one shown for a suggestion
    while start < end and text[start].isspace():  # spaces at the edges never count
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        screen.say("Only spaces selected: nothing saved")
        return None
    quote = text[start:end]
    if view.get_text_range(view.location_of(start), view.location_of(end)) != inert(quote):
        screen.say("Not saved: the selection does not match the article text")
        return None
    return start, end, quote


async def attach(screen: ReviewScreen) -> None:
    """Attach the article's selection, without the spaces at its edges, as evidence."""
    if screen.claim is None:
        return
    chosen = selection(screen, "a")
    if chosen is None:
        return
    start, end, quote = chosen
    view = screen.article_view
    claim_id, store, reviewer = screen.claim.id, screen.store, screen.reviewer
    shown = view.article_id
    review = await screen.attempt(
        lambda: store.add_span(claim_id, reviewer, start, end, quote, shown)
    )
    if review is not None:
        screen.review = review
        screen.message = f"Attached evidence {start}–{end}"
        view.move_cursor(view.selection.end)
        screen.show_review()
        if review.restored:
            queue_scope.restored(screen, claim_id)


async def remove(screen: ReviewScreen) -> None:
    """Remove the evidence span under the article's cursor, else the latest one."""
    if screen.claim is None:
        return
    spans = screen.review.spans
    if not spans:
        screen.say("No evidence to remove")
        return
    cursor = screen.article_view.offset_of(screen.article_view.selection.end)
    shown = [s for s in spans if s.article_id == screen.looking_at]  # in the article shown
    if not shown:
        screen.say("No evidence in the article shown (escape returns to the claim's)")
        return
    under = [s for s in shown if s.start <= cursor <= s.end]
    span = under[0] if under else max(shown, key=lambda s: s.id)
    store, reviewer = screen.store, screen.reviewer
    review = await screen.attempt(lambda: store.remove_span(span.id, reviewer))
    if review is not None:
        screen.review = review
        screen.message = f"Removed evidence {span.start}–{span.end}"
        screen.show_review()
