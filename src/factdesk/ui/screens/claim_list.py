"""The review screen's claim list: which claims the queue holds (the filter and the
reviewer's threshold), and the reviewer's corrections to it: a selection added as a claim
(c) and a claim dismissed as not check-worthy, or restored (delete). Each action is saved
through ``ReviewScreen.attempt`` before the screen shows it."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from factdesk.models import MAX_CLAIM_CHARS, FactdeskError, QueueFilter, plural
from factdesk.ui.screens import evidence
from factdesk.ui.screens.queue_scope import reload

if TYPE_CHECKING:
    from factdesk.ui.screens.review_screen import ReviewScreen

STEP = 0.1  # how far "Show more claims" and "Show fewer claims" move the threshold


def apply_filter(screen: ReviewScreen, which: QueueFilter) -> None:
    """Show only some claims (from the command palette)."""
    screen.which = which
    count = reload(screen)
    screen.refresh_bindings()  # delete is Restore among the dismissed claims
    screen.say(f"Showing {which.value} claims: {count}")


def offers(screen: ReviewScreen, action: str) -> bool:
    """Whether the footer offers this action now: delete is Restore among the dismissed
    claims and Dismiss elsewhere (both toggle, so a claim shown in the wrong list after
    another window's change is still dismissed or restored as it is)."""
    dismissed_view = screen.which is QueueFilter.DISMISSED
    if action == "dismiss_claim":
        return not dismissed_view
    if action == "restore_claim":
        return dismissed_view
    return True


def step_threshold(screen: ReviewScreen, step: float) -> None:
    """Lower (show more) or raise (show fewer) the threshold, change the queue in place
    and remember the threshold for this reviewer."""
    value = round(min(1.0, max(0.0, screen.min_score + step)), 3)
    if value == screen.min_score:
        edge = "every candidate is shown" if step < 0 else "only claims scoring 1 are shown"
        screen.say(f"The threshold is already {value:g}: {edge}")
        return
    screen.min_score = value
    count = reload(screen)
    which = "" if screen.which is QueueFilter.ALL else f"{screen.which.value} "
    shown = f"Showing {which}claims scoring {value:g} or more: {plural(count, 'claim')}"
    if screen.read_only:
        screen.say(f"{shown}; not remembered (read-only database)")
        return
    try:
        screen.store.remember_min_score(screen.reviewer, value)
    except (FactdeskError, sqlite3.Error) as exc:
        screen.say(f"{shown}; not remembered ({exc})")
    else:
        screen.say(shown)


async def add(screen: ReviewScreen) -> None:
    """Make the article's selection (without the spaces at its edges) a claim, and go
    to it in the queue."""
    if screen.claim is None or screen.article is None:
        return
    if screen.looking_at is not None:
        screen.say("This is another article, shown for a suggestion: escape returns to add")
        return
    chosen = evidence.selection(screen, "c")
    if chosen is None:
        return
    start, end, quote = chosen
    if end - start > MAX_CLAIM_CHARS:
        screen.say(
            f"Not added: {end - start} characters selected; a claim is at most {MAX_CLAIM_CHARS}"
        )
        return
    article_id, store, reviewer = screen.article.id, screen.store, screen.reviewer
    min_score = screen.min_score
    added = await screen.attempt(
        lambda: store.add_claim(article_id, reviewer, start, end, quote, min_score),
        working="Adding the claim…",  # its score and suggestions are worked out first
    )
    if added is None:
        return
    claim_id = added.claim_id
    if added.outcome == "dismissed":
        screen.say(f"Not added: you dismissed claim {claim_id} (ctrl+p Show dismissed claims)")
        return
    reload(screen, claim_id)
    if screen.queue.claim_id != claim_id and screen.which is not QueueFilter.ALL:
        screen.which = QueueFilter.ALL  # the filter hides it: show the whole queue
        screen.refresh_bindings()
        reload(screen, claim_id)
    view = screen.article_view
    view.move_cursor(view.selection.end)
    if added.outcome == "existing":
        screen.say(f"That is already claim {claim_id}: here it is")
    elif added.outcome == "revealed":
        score = screen.claim.score if screen.claim else 0.0
        screen.say(f"Added claim {claim_id}: the extractor had scored it {score:.2f}")
    else:
        screen.say(f"Added claim {claim_id} ({start}–{end})")


async def dismiss(screen: ReviewScreen) -> None:
    """Dismiss the current claim as not check-worthy, or restore a dismissed one; either
    way it leaves the list shown, and the cursor goes to the next claim."""
    if screen.claim is None:
        return
    claim_id, dismissed = screen.claim.id, not screen.review.dismissed
    judged = screen.review.verdict is not None
    store, reviewer = screen.store, screen.reviewer
    done = await screen.attempt(lambda: store.set_dismissed(claim_id, reviewer, dismissed))
    if done is None:
        return
    reload(screen)
    if dismissed and judged:  # the reviewer's choice, said: the verdict goes out of sight
        screen.say(f"Dismissed claim {claim_id}, verdict and all: ctrl+p Show dismissed claims")
    elif dismissed:
        screen.say(f"Dismissed claim {claim_id}: ctrl+p Show dismissed claims lists it")
    elif store.in_queue(claim_id, reviewer, screen.min_score):
        screen.say(f"Restored claim {claim_id} to your queue")
    else:
        screen.say(f"Restored claim {claim_id}, below your threshold (ctrl+p Show more claims)")
