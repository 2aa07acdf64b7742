"""The review screen's undo (ctrl+z): revert this window's last action, saved through
``ReviewScreen.attempt``, and say what was undone, or why nothing was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factdesk.ui.screens import queue_scope

if TYPE_CHECKING:
    from factdesk.ui.screens.review_screen import ReviewScreen

UNDO_WORDS = {
    "verdict": "the verdict",
    "flag": "the flag",
    "note": "the note",
    "span_add": "attaching evidence",
    "span_remove": "removing evidence",
    "claim_add": "adding",
    "dismiss": "dismissing",
    "restore": "restoring",
}
# Actions that change which claims the queue holds: it is read again after their undo.
LIST_ACTIONS = ("claim_add", "dismiss", "restore")


async def undo_last(screen: ReviewScreen) -> None:
    """Undo this window's last action (after a restart, that of a closed window)."""
    store, reviewer = screen.store, screen.reviewer
    caught_up = store.queue_version() == screen.queue_version
    undone = await screen.attempt(lambda: store.undo(reviewer))
    if undone is None:
        if not screen.message.startswith("Not saved"):
            screen.say("Nothing to undo")
        return
    if caught_up:  # the undo's own event need not make this window read its queue again
        screen.queue_version = store.queue_version()
    screen.progress = store.progress(reviewer, screen.min_score)
    claim_id = undone.claim_id
    what = UNDO_WORDS.get(undone.action, undone.action)
    done = f"{what} claim" if undone.action in LIST_ACTIONS else f"{what} on claim"
    screen.message = undone.reason or (
        "Not undone: your last action was on the version before this article was corrected"
        if undone.corrected
        else f"Not undone: another window changed claim {claim_id} since"
        if undone.conflict
        else f"Undid {done} {claim_id}"
    )
    if undone.skipped:
        screen.message += "; ctrl+z again undoes the action before it"
    if undone.conflict and not undone.skipped and not undone.reason:
        screen.notify(
            f"Another window changed claim {claim_id} after this window's last"
            f" action on it ({what}), so nothing was undone. Undo it in that window, or"
            " change it here.",
            title="Not undone",
            severity="warning",
            markup=False,
        )
    if undone.list_changed or undone.action in LIST_ACTIONS:
        queue_scope.reload(screen, claim_id)
        return
    screen.queue.invalidate(claim_id)
    if screen.queue.index_of(claim_id) >= 0:
        screen.go_to(claim_id)
    screen.refresh_header()
