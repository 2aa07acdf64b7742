"""The review screen's judging actions: verdicts, flags and notes, each saved through
``ReviewScreen.attempt`` before the screen shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factdesk.models import Verdict
from factdesk.ui.screens import queue_scope
from factdesk.ui.screens.note_screen import NoteScreen

if TYPE_CHECKING:
    from factdesk.ui.screens.review_screen import ReviewScreen


async def verdict(screen: ReviewScreen, value: Verdict) -> None:
    """Give the claim this verdict, or clear it when it already has it."""
    if screen.claim is None:
        return
    claim_id, before = screen.claim.id, screen.review.verdict
    after = None if before is value else value
    review = await screen.attempt(lambda: screen.save_verdict(claim_id, after))
    if review is None:
        return
    screen.review = review
    counted = screen.progress
    screen.catch_up()
    # Another window's commit since the last look makes catch_up read the counts again,
    # this verdict with them: counting it once more on top would be wrong. Without one,
    # the claim shown is as this window last read it, so the change is what it shows.
    if screen.progress is counted:
        screen.progress.change(before, after)
    if screen.adjudicating:
        screen.message = f"Final verdict: {after.value}" if after else "Final verdict taken back"
    else:
        screen.message = f"Marked {after.value}" if after else "Verdict cleared"
    screen.show_review()
    if review.restored:
        queue_scope.restored(screen, claim_id)


async def flag(screen: ReviewScreen) -> None:
    """Flag the claim for later, or take the flag off."""
    if screen.claim is None:
        return
    claim_id, flagged = screen.claim.id, not screen.review.flagged
    store, reviewer = screen.store, screen.reviewer
    review = await screen.attempt(lambda: store.set_flag(claim_id, reviewer, flagged))
    if review is not None:
        screen.review = review
        screen.message = "Flagged for later" if flagged else "Flag removed"
        screen.show_review()
        if review.restored:
            queue_scope.restored(screen, claim_id)


def note(screen: ReviewScreen) -> None:
    """Open the note editor; it stays open with the text when a save fails."""
    if screen.claim is None:
        return
    claim_id, before, sentence = screen.claim.id, screen.review.note, screen.claim.text
    store, reviewer = screen.store, screen.reviewer

    async def save(text: str) -> str | None:
        if text == before:
            return None
        # The editor blocks moving, so the claim shown changes only when a corrected
        # version of the article comes in: the note follows the same sentence there, and
        # is never put on another one.
        target = screen.claim.id if screen.claim else claim_id
        if target != claim_id and (screen.claim is None or screen.claim.text != sentence):
            return (
                "Not saved: this sentence changed in the corrected article. Copy your note,"
                " press escape and add it to the claim it belongs to."
            )
        review = await screen.attempt(lambda: store.set_note(target, reviewer, text))
        if review is None:
            return screen.message  # "Not saved: …", said by attempt()
        if screen.claim and screen.claim.id == target:
            screen.review = review
            screen.message = "Note saved" if text else "Note removed"
            screen.show_review()
        if review.restored:
            queue_scope.restored(screen, target)
        return None

    screen.app.push_screen(NoteScreen(before, f"claim {claim_id}", save))
