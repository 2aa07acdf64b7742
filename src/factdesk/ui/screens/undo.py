"""The review screen's undo (ctrl+z): revert this window's last action, saved through
``ReviewScreen.attempt``, and say what was undone, or why nothing was."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from textual._time import get_time  # the clock Textual stamps each key with (pinned)

from factdesk.ui.screens import clusters, queue_behind, queue_scope

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
    "cluster_move": "the cluster move",
    "conflict_dismiss": "dismissing the conflict",
    "final": "the final verdict",
}
# Actions that change which claims the queue holds: it is read again after their undo.
LIST_ACTIONS = ("claim_add", "dismiss", "restore")
# Actions that change what the card says of other claims (clusters, conflicts).
STORY_ACTIONS = ("give", "cluster_move", "conflict_dismiss")


IGNORED = "ctrl+z pressed meanwhile ignored"
IGNORED_DETAIL = (
    "ctrl+z was pressed while an undo was running. It was not taken as a second undo,"
    " which would take back the action before without showing it: press ctrl+z again"
    " to undo that one."
)
SKIPPED = (
    "Your last action was on the version of this article before a correction was imported,"
    " and cannot be taken back there. It was passed over: ctrl+z again undoes the action"
    " before it."
)


def warn(screen: ReviewScreen, text: str, conflict: bool = True) -> None:
    """Explain in a notification what the header says in short."""
    if conflict:
        screen.notify(text, title="Not undone", severity="warning", markup=False)
    else:
        screen.notify(text, title="Undone", markup=False)


async def undo_last(screen: ReviewScreen) -> None:
    """Undo this window's last action (after a restart, that of a closed window). A
    ctrl+z pressed while an undo was running is not taken as a second one: it would undo
    the action before, which the reviewer never saw and did not mean."""
    if screen.undoing or key_time(screen) < screen.undo_ended:
        if not screen.message.endswith(IGNORED):  # what the undo said stays in view
            screen.say(f"{screen.message}; {IGNORED}" if screen.message else IGNORED)
            screen.notify(IGNORED_DETAIL, title="Not undone", markup=False)
        return
    screen.undoing = True
    try:
        await _undo(screen)
    finally:
        screen.undoing = False
        screen.undo_ended = get_time()


def key_time(screen: ReviewScreen) -> float:
    """When the key being handled was pressed, on Textual's clock (see FactdeskApp)."""
    return float(getattr(screen.app, "key_time", math.inf))


async def _undo(screen: ReviewScreen) -> None:
    store, reviewer = screen.store, screen.reviewer
    queue_behind.read_now(screen)  # it goes to the claim undone: the queue must hold it
    caught_up = store.queue_version() == screen.queue_version
    undone = await screen.attempt(lambda: store.undo(reviewer), working="Undoing…")
    if undone is None:
        if not screen.message.startswith("Not saved"):
            screen.say("Nothing to undo")
        return
    if caught_up:  # the undo's own event need not make this window read its queue again
        screen.queue_version = store.queue_version()
    screen.progress = screen.read_progress()
    claim_id = undone.claim_id
    what = UNDO_WORDS.get(undone.action, undone.action)
    done = f"{what} claim" if undone.action in LIST_ACTIONS else f"{what} on claim"
    if undone.skipped:  # never undoable: passed over, so the next ctrl+z goes on
        reason = undone.reason or "Not undone (the article was corrected since)"
        screen.message = f"{reason}: ctrl+z again undoes the one before"
        warn(screen, SKIPPED if undone.corrected else undone.detail or screen.message)
    elif undone.reason:
        screen.message = undone.reason
        if undone.detail:
            warn(screen, undone.detail, conflict=undone.conflict)
    elif undone.conflict:
        screen.message = f"Not undone: another window changed claim {claim_id} since"
        warn(
            screen,
            f"Another window changed claim {claim_id} after this window's last action on it"
            f" ({what}), so nothing was undone. Undo it in that window, or change it here.",
        )
    else:
        screen.message = f"Undid {done} {claim_id}"
        if undone.list_changed and undone.action not in LIST_ACTIONS:
            screen.message += "; dismissed again"  # the work had restored it
    if undone.list_changed or undone.action in LIST_ACTIONS:
        queue_scope.reload(screen, claim_id)
        return
    # g's undo changed several claims' rows and counts; a claim moved back between
    # clusters moves in a queue ordered by cluster.
    if undone.action == "give" or (undone.action == "cluster_move" and screen.by_cluster):
        queue_scope.reload(screen)
    screen.queue.invalidate(claim_id)
    if screen.queue.index_of(claim_id) >= 0:
        screen.go_to(claim_id)
    elif undone.action in STORY_ACTIONS:  # the claim shown may be in that cluster
        clusters.refresh(screen)
    screen.refresh_header()
