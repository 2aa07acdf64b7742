"""A large desk opens at once: it shows its first claim while its queue (every claim id, in
order: about two seconds at a million claims) and its progress are read on a thread of their
own, with a connection of their own. A key that needs the whole queue before they arrive
(n, p, a move in the queue, a search) reads it there and then."""

from __future__ import annotations

import sqlite3
from array import array
from typing import TYPE_CHECKING

from factdesk.models import FactdeskError, Progress
from factdesk.store import Store

if TYPE_CHECKING:
    from factdesk.ui.screens.review_screen import ReviewScreen

BEHIND = 20_000  # claims in the file (by the highest claim id) above which it is read behind
READING = "reading the queue…"


def open_at_once(screen: ReviewScreen) -> bool:
    """On a large desk, put the claim it opens on in a queue of its own and read the real
    queue behind. False on a small one (its queue is read now, as it takes no time)."""
    if not screen.reads_behind or screen.store.claim_bound() <= BEHIND:
        return False
    start = screen.starting_point()
    placeholder = array("q", [] if start is None else [start])
    screen.queue.load(placeholder, start)
    screen.placeholder = placeholder
    screen.progress = Progress(0, counting=True)
    screen.message = f"{screen.greeting} — {READING}"
    actions = screen.actions
    path = screen.store.path

    def read() -> None:
        try:
            with Store(path, create=False) as store:
                ids, progress = screen.queue_from(store), screen.progress_from(store)
        except (FactdeskError, sqlite3.Error):
            ids, progress = None, None  # read_now says what is wrong, on the desk
        screen.app.call_from_thread(arrived, screen, placeholder, actions, ids, progress)

    screen.run_worker(read, thread=True, exclusive=True, group="queue", exit_on_error=False)
    return True


def waiting(screen: ReviewScreen) -> bool:
    """Whether the queue shown is still the one-claim queue of the opening (whatever has
    read the progress since: a catch-up, an undo)."""
    return screen.placeholder is not None and screen.queue.ids is screen.placeholder


def arrived(
    screen: ReviewScreen,
    placeholder: array[int],
    actions: int,
    ids: array[int] | None,
    progress: Progress | None,
) -> None:
    """The queue read behind: show it (unless it was read since, or reading failed)."""
    if not waiting(screen) or screen.placeholder is not placeholder:
        return  # a key needed it first, or a filter read another
    if ids is None or progress is None:
        read_now(screen)
        return
    if screen.actions != actions:  # the reviewer judged while it was read: count again
        progress = screen.read_progress()
    show(screen, ids, progress)


def read_now(screen: ReviewScreen) -> None:
    """Read the whole queue now, if it is still being read behind."""
    if waiting(screen):
        show(screen, screen.read_queue(), screen.read_progress())


def show(screen: ReviewScreen, ids: array[int], progress: Progress) -> None:
    screen.placeholder = None
    screen.progress = progress
    current = screen.claim.id if screen.claim else None
    screen.queue.load(ids, current)
    if screen.queue.claim_id != current:  # it left the queue meanwhile (another window)
        screen.open_claim(screen.queue.claim_id)
    if screen.message.endswith(READING):
        screen.greet()
    screen.refresh_header()
