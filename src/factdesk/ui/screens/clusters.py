"""The review screen's story keys: the claim's cluster (o), giving its verdict to the
cluster's unjudged claims (g), taking a claim out of its cluster (x in the cluster) or
joining it to another (J), dismissing a conflict (C), and the queue ordered by cluster
(from the palette). Each change is saved through ``ReviewScreen.attempt`` before the
screen shows it, and each is undone by ctrl+z."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from factdesk.cluster.views import Conflict
from factdesk.models import FactdeskError, QueueFilter, plural
from factdesk.ui.screens import queue_behind, queue_scope, suggested
from factdesk.ui.screens.cluster_screen import ClusterScreen
from factdesk.ui.screens.conflict_screen import ConflictScreen
from factdesk.ui.screens.join_screen import JoinScreen
from factdesk.ui.widgets.story import MAX_CONFLICTS, Story

if TYPE_CHECKING:
    from factdesk.ui.screens.review_screen import ReviewScreen

ALONE = "This claim is in no cluster"


def read(screen: ReviewScreen, claim_id: int) -> None:
    """Read the cluster and the conflicts of the claim being opened (indexed lookups).
    A file that cannot tell them leaves the card without them, never without the claim."""
    store = screen.store
    try:
        cluster = store.cluster_of(claim_id, brief=True)
        shown, total = store.card_conflicts(claim_id, MAX_CONFLICTS)
        screen.story = Story(screen.reviewer, cluster, shown, total)
    except (FactdeskError, sqlite3.Error):
        screen.story = Story(screen.reviewer)


def refresh(screen: ReviewScreen) -> None:
    """Read the current claim's cluster and conflicts again and redraw its card."""
    if screen.claim is None or screen.article is None:
        return
    read(screen, screen.claim.id)
    suggested.read(screen, screen.claim.id)  # other articles' suggestions follow the cluster
    screen.show_review(changed=False)


def moved(screen: ReviewScreen) -> None:
    """A claim changed cluster: in a queue ordered by cluster it moves with its new
    cluster (the cursor stays on the current claim); the card says where it is now."""
    if screen.by_cluster:
        queue_scope.reload(screen)
    refresh(screen)


def cannot_read(screen: ReviewScreen, exc: Exception) -> None:
    """Say that the cluster or the conflicts could not be read (a damaged file)."""
    screen.say(f"Cannot read this claim's cluster and conflicts: {exc}")


# -- o: the cluster ------------------------------------------------------------------


def open_cluster(screen: ReviewScreen) -> None:
    """Show the claims of the current claim's cluster side by side."""
    screen.settle()
    if screen.claim is None:
        return
    claim_id = screen.claim.id
    try:
        cluster = screen.store.cluster_of(claim_id)
    except (FactdeskError, sqlite3.Error) as exc:
        cannot_read(screen, exc)
        return
    if cluster is None:
        screen.say(ALONE)
        screen.notify(ALONE, markup=False)
        return

    async def take_out(member: int) -> bool:
        return await take_out_of_cluster(screen, member)

    def chosen(member: int | None) -> None:
        if member is not None:
            open_member(screen, member)

    view = ClusterScreen(screen.store, screen.reviewer, claim_id, cluster, take_out)
    screen.app.push_screen(view, chosen)


def open_member(screen: ReviewScreen, claim_id: int) -> None:
    """Go to a claim chosen in the cluster; when the queue shown does not hold it, say
    why (and, when only the filter hides it, show the whole queue)."""
    store, reviewer = screen.store, screen.reviewer
    queue_behind.read_now(screen)  # the queue may still be being read
    if screen.claim is not None and screen.claim.id == claim_id:
        screen.say(f"Claim {claim_id} is the one you are on")
        return
    if screen.queue.index_of(claim_id) >= 0:
        screen.go_to(claim_id)
        screen.say(f"Claim {claim_id}, from the cluster")
        return
    if screen.which is not QueueFilter.ALL and store.in_queue(claim_id, reviewer, screen.min_score):
        hidden_by = screen.which.value
        screen.which = QueueFilter.ALL
        screen.refresh_bindings()
        queue_scope.reload(screen, claim_id)
        screen.say(f"Claim {claim_id} is not among the {hidden_by} claims: showing all claims")
        return
    if store.is_dismissed(claim_id, reviewer):
        why = "you dismissed it as not check-worthy (ctrl+p Show dismissed claims)"
    elif store.claim(claim_id).score < screen.min_score:
        score = store.claim(claim_id).score
        why = (
            f"it scores {score:.2f}, below your threshold {screen.min_score:g}"
            " (ctrl+p Show more claims)"
        )
    else:
        why = "the list shown does not hold it (ctrl+p Show all claims)"
    text = f"Claim {claim_id} is not in your queue: {why}"
    screen.say(text)
    screen.notify(text, title="Not in your queue", severity="warning", markup=False)


async def take_out_of_cluster(screen: ReviewScreen, claim_id: int) -> bool:
    """Take a claim out of its cluster (x in the cluster); True when saved."""
    store, reviewer = screen.store, screen.reviewer

    def move() -> bool:
        store.move_claim(claim_id, reviewer, None)
        return True

    if await screen.attempt(move) is None:
        return False
    moved(screen)
    screen.say(f"Took claim {claim_id} out of its cluster: ctrl+z puts it back")
    return True


# -- g: give the verdict to the cluster --------------------------------------------------


async def give(screen: ReviewScreen) -> None:
    """Give the current claim's verdict to its cluster's claims this reviewer has not
    judged, each as its own verdict; one ctrl+z takes them all back."""
    screen.settle()
    if screen.claim is None:
        return
    claim_id, verdict = screen.claim.id, screen.review.verdict
    store, reviewer = screen.store, screen.reviewer
    if verdict is None:
        tell(screen, "Judge this claim first: g gives its verdict to the cluster's other claims")
        return
    if screen.story.cluster is None:  # read when the claim opened, and after each change
        tell(screen, ALONE)
        return
    given = await screen.attempt(
        lambda: store.give_verdict(claim_id, reviewer), working="Giving the verdict…"
    )
    if given is None:
        return
    if not given:
        tell(screen, "No unjudged claims in this cluster")
        return
    # Judged claims below the threshold join the queue: read it again (marks, progress).
    queue_scope.reload(screen)
    refresh(screen)
    text = f"Gave {verdict.value.upper()} to {plural(len(given), 'claim')} of this cluster"
    screen.say(f"{text}: ctrl+z takes {'it' if len(given) == 1 else 'them'} back")
    screen.notify(text, markup=False)


def tell(screen: ReviewScreen, text: str) -> None:
    """Say why nothing was done, in the header and a notification."""
    screen.say(text)
    screen.notify(text, severity="warning", markup=False)


# -- J: join another cluster ------------------------------------------------------------


def ask_join(screen: ReviewScreen) -> None:
    """Ask for a claim whose cluster the current claim should join."""
    screen.settle()
    if screen.claim is None:
        return
    claim_id = screen.claim.id
    store, reviewer = screen.store, screen.reviewer

    async def join(other: int) -> str | None:
        if other == claim_id:
            return "That is this claim: give another claim's number"
        try:
            target = store.claim(other)
        except FactdeskError:
            return f"There is no claim {other}"
        if not target.current:
            return f"Claim {other} is in an old version of its article"
        mine, theirs = store.cluster_of(claim_id), store.cluster_of(other)
        if mine is not None and theirs is not None and mine.cluster_id == theirs.cluster_id:
            return f"Claim {claim_id} is in the cluster of claim {other} already"
        if await screen.attempt(lambda: store.move_claim(claim_id, reviewer, other)) is None:
            return screen.message  # "Not saved: …", said by attempt()
        return None

    def joined(other: int | None) -> None:
        if other is None:
            return
        moved(screen)
        cluster = screen.story.cluster
        size = cluster.size if cluster else 0
        screen.say(
            f"Claim {claim_id} joined the cluster of claim {other} ({plural(size, 'claim')}):"
            " ctrl+z takes it back"
        )

    screen.app.push_screen(JoinScreen(claim_id, join), joined)


# -- C: dismiss a conflict ----------------------------------------------------------------


async def dismiss_conflict(screen: ReviewScreen) -> None:
    """Dismiss the conflict shown on the card (choosing one when there are several)."""
    screen.settle()
    if screen.claim is None:
        return
    claim_id = screen.claim.id
    try:
        conflicts = screen.store.conflicts(claim_id)
    except (FactdeskError, sqlite3.Error) as exc:
        cannot_read(screen, exc)
        return
    if not conflicts:
        screen.say("This claim shows no conflict")
        return
    if len(conflicts) == 1:
        await dismiss_one(screen, conflicts[0])
        return

    async def chosen(conflict_id: int | None) -> None:
        found = [c for c in conflicts if c.conflict_id == conflict_id]
        if found:
            await dismiss_one(screen, found[0])

    screen.app.push_screen(ConflictScreen(claim_id, conflicts), chosen)


async def dismiss_one(screen: ReviewScreen, conflict: Conflict) -> None:
    """Dismiss one conflict as wrong; ctrl+z brings it back."""
    store, reviewer = screen.store, screen.reviewer

    def dismiss() -> bool:
        store.set_conflict_dismissed(conflict.conflict_id, reviewer, True)
        return True

    if await screen.attempt(dismiss) is None:
        return
    refresh(screen)
    screen.say(f"Dismissed the {conflict.kind} conflict: ctrl+z brings it back")


# -- the queue's order (palette) -------------------------------------------------------


def order_by_cluster(screen: ReviewScreen, by_cluster: bool) -> None:
    """Order the queue by cluster (one story across outlets, then the next) or by
    article, keeping the current claim; remembered for this reviewer's next desk."""
    screen.by_cluster = by_cluster
    count = queue_scope.reload(screen)
    order = "by cluster: each story across outlets together" if by_cluster else "by article"
    shown = f"Queue ordered {order} ({plural(count, 'claim')})"
    if screen.read_only:
        screen.say(f"{shown}; not remembered (read-only database)")
        return
    try:
        screen.store.remember_order(screen.reviewer, by_cluster)
    except (FactdeskError, sqlite3.Error) as exc:
        screen.say(f"{shown}; not remembered ({exc})")
    else:
        screen.say(shown)
