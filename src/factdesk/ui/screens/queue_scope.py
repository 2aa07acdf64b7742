"""The review screen's queue, read again when which claims it holds may have changed (a
filter, the threshold, a claim added, dismissed or restored here or in another window),
keeping the current claim, else going to the nearest one still there."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factdesk.ui.screens.review_screen import ReviewScreen


def reload(screen: ReviewScreen, target: int | None = None) -> int:
    """Read the queue again (its filter, the threshold) and the progress. The cursor goes
    to ``target`` if it is in the queue, else stays on the current claim, else goes to
    the nearest one still there. Returns how many claims the queue holds."""
    ids = screen.store.queue_ids(screen.reviewer, screen.which, screen.min_score)
    wanted = set(ids)
    if target is None or target not in wanted:
        target = nearest(screen, wanted)
    screen.progress = screen.store.progress(screen.reviewer, screen.min_score)
    screen.queue.load(ids, target)
    shown = screen.claim.id if screen.claim else None
    if screen.queue.claim_id != shown:
        screen.open_claim(screen.queue.claim_id)
    else:
        screen.refresh_header()
    return len(ids)


def nearest(screen: ReviewScreen, wanted: Collection[int]) -> int | None:
    """The current claim if it is wanted, else the first wanted claim after it in the
    queue shown now, else the last one before it (else None)."""
    if screen.claim is None:
        return None
    if screen.claim.id in wanted:
        return screen.claim.id
    shown, cursor = screen.queue.ids, max(screen.queue.cursor, 0)
    after = (i for i in shown[cursor:] if i in wanted)
    before = (i for i in reversed(shown[:cursor]) if i in wanted)
    return next(after, None) or next(before, None)


def restored(screen: ReviewScreen, claim_id: int) -> None:
    """Work just saved on a claim this reviewer had dismissed restored it (work is never
    hidden by a dismissal): read the queue again, where it is back (in Show dismissed
    claims it leaves the list), and say so."""
    message = screen.message
    reload(screen, claim_id)
    screen.say(f"{message}; claim {claim_id} restored to your queue")
