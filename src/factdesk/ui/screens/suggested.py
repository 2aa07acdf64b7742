"""The review screen's suggested evidence: read with the claim (worked out at import), `1`
`2` `3` attach suggestion N (checked like any span, undone by ctrl+z), `s` shows the next
one in the article view: for a suggestion in another article, that article, until the
reviewer moves on or presses escape."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from factdesk.models import Article, FactdeskError, Span
from factdesk.ui.screens import queue_scope
from factdesk.ui.widgets.story import short_title
from factdesk.ui.widgets.suggested_lines import attached

if TYPE_CHECKING:
    from factdesk.ui.screens.review_screen import ReviewScreen


def read(screen: ReviewScreen, claim_id: int) -> None:
    """Read the suggestions of the claim being opened (a few indexed reads); a file that
    cannot tell them leaves the card without them, never without the claim."""
    try:
        screen.suggested = screen.store.suggestions(claim_id)
    except (FactdeskError, sqlite3.Error):
        screen.suggested = []
    screen.shown_suggestion = 0


def own(screen: ReviewScreen) -> list[tuple[int, int]]:
    """The offsets of the suggestions in the claim's own article (marked in it)."""
    if screen.claim is None:
        return []
    article = screen.claim.article_id
    return [(s.start, s.end) for s in screen.suggested if s.article_id == article]


async def attach(screen: ReviewScreen, number: int) -> None:
    """Attach suggestion ``number`` as evidence, as `a` attaches a selection."""
    if screen.claim is None:
        return
    if not 1 <= number <= len(screen.suggested):
        screen.say(f"No suggestion {number} for this claim" if screen.suggested else NONE)
        return
    found = screen.suggested[number - 1]
    claim = screen.claim
    if attached(found, screen.review.spans, claim.article_id):
        screen.say(f"Suggestion {number} is attached already (x removes evidence)")
        return
    store, reviewer = screen.store, screen.reviewer

    def save() -> object:
        other = found.article_id if found.article_id != claim.article_id else None
        return store.add_span(claim.id, reviewer, found.start, found.end, found.quote, other)

    review = await screen.attempt(save)
    if review is None:
        return
    screen.review = review  # type: ignore[assignment]
    where = f" from {short_title(found.title)}" if found.article_id != claim.article_id else ""
    screen.message = f"Attached suggestion {number} ({found.cue}){where}: ctrl+z takes it back"
    screen.show_review()
    if screen.review.restored:
        queue_scope.restored(screen, claim.id)


NONE = "No evidence is suggested for this claim"


def show(screen: ReviewScreen, number: int | None = None) -> None:
    """Show suggestion ``number`` (else the next one) in the article view, selected; one in
    another article shows that article until the reviewer returns (escape, a move)."""
    if screen.claim is None or screen.article is None:
        return
    if not screen.suggested:
        screen.say(NONE)
        return
    if number is None:
        number = screen.shown_suggestion % len(screen.suggested) + 1
    screen.shown_suggestion = number
    found = screen.suggested[number - 1]
    view = screen.article_view
    if found.article_id != screen.article.id:
        other = _show_other(screen, found.article_id)
        if other is None:
            return
        where = f" in “{short_title(other.title, 40)}” (escape returns)"
    else:
        back(screen)
        where = ""
    view.select_offsets(found.start, found.end)
    more = " · s: the next one" if len(screen.suggested) > 1 else ""
    screen.say(f"Suggestion {number}: {found.cue}{where} · {number} attaches it{more}")


def back(screen: ReviewScreen) -> bool:
    """Show the claim's own article again after another article's suggestion; True when
    there was one to leave."""
    if screen.looking_at is None or screen.article is None or screen.claim is None:
        return False
    screen.looking_at = None
    screen.article_view.show_article(screen.article.id, screen.article.text)
    screen.article_view.show_claim(screen.claim.start)
    screen.show_review(changed=False)
    return True


def mark_other(screen: ReviewScreen) -> None:
    """Mark, in the other article shown, the evidence attached from it and its
    suggestions."""
    shown = screen.looking_at
    spans = [span for span in screen.review.spans if span.article_id == shown]
    hints = [(x.start, x.end) for x in screen.suggested if x.article_id == shown]
    screen.article_view.highlight(None, spans, screen.review.verdict, hints)


def show_span(screen: ReviewScreen, span: Span) -> None:
    """Select an evidence span in its article: the claim's, or the other one it quotes."""
    view = screen.article_view
    if span.article_id is None:
        back(screen)
    elif span.article_id != screen.looking_at:
        other = _show_other(screen, span.article_id)
        if other is None:
            return
        screen.say(f"Evidence in “{short_title(other.title, 40)}” (escape returns)")
    view.select_offsets(span.start, span.end)
    view.focus()


def _show_other(screen: ReviewScreen, article_id: int) -> Article | None:
    """Show another article in the article view, marked, until the reviewer returns;
    None, said, when it cannot be read."""
    try:
        other = screen.store.article(article_id)
    except (FactdeskError, sqlite3.Error) as exc:
        screen.say(f"Cannot read article {article_id}: {exc}")
        return None
    screen.article_view.show_article(other.id, other.text)
    screen.looking_at = other.id
    mark_other(screen)
    return other
