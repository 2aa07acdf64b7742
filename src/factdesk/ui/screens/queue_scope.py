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
    found = screen.read_queue()
    wanted = set(found)
    if target is None and screen.claim is None:  # the list shown was empty: where it was
        target = screen.left_at
    if target is None or target not in wanted:
        target = nearest(screen, wanted, target)
    screen.progress = screen.read_progress()
    screen.queue_version = screen.store.queue_version()  # this window's changes are read
    screen.queue.load(found, target)
    shown = screen.claim.id if screen.claim else None
    if screen.queue.claim_id != shown:
        screen.open_claim(screen.queue.claim_id)
    else:
        screen.refresh_header()
    return len(found)


def nearest(screen: ReviewScreen, wanted: Collection[int], around: int | None = None) -> int | None:
    """The current claim if it is wanted, else the first wanted claim after it (or after
    ``around``, a claim no longer wanted) in the queue shown now, else the last one
    before it (else None)."""
    if screen.claim is None and around is None:
        return None
    if around is None and screen.claim is not None and screen.claim.id in wanted:
        return screen.claim.id
    shown = screen.queue.ids
    place = screen.queue.index_of(around) if around is not None else -1
    cursor = place if place >= 0 else max(screen.queue.cursor, 0)
    after = (i for i in shown[cursor:] if i in wanted)
    before = (i for i in reversed(shown[:cursor]) if i in wanted)
    return next(after, None) or next(before, None)


def caught_up(screen: ReviewScreen, target: int | None) -> bool:
    """Another window changed which claims the queue holds (added, dismissed or restored
    a claim, undid one of those, re-extracted): read it again, on ``target`` (the claim
    being opened) or the current claim, else the nearest one still there. True: the
    queue was read again."""
    if target is None and screen.claim is not None:
        target = screen.claim.id
    reload(screen, target)
    return True


def restored(screen: ReviewScreen, claim_id: int) -> None:
    """Work just saved on a claim this reviewer had dismissed restored it (work is never
    hidden by a dismissal): read the queue again, where it is back (in Show dismissed
    claims it leaves the list), and say so."""
    message = screen.message
    reload(screen, claim_id)
    screen.say(f"{message}; claim {claim_id} restored to your queue")
