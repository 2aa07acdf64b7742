"""The review screen: queue, article, claim card; every action saved before it shows."""

from __future__ import annotations

import asyncio
import sqlite3
from array import array
from collections.abc import Callable
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen

from factdesk.evidence.views import Suggestion
from factdesk.models import (
    Article,
    ArticleSuperseded,
    Claim,
    ClaimSuperseded,
    FactdeskError,
    Progress,
    QueueFilter,
    Review,
    Verdict,
)
from factdesk.store import Store, is_busy
from factdesk.ui.screens import (
    claim_list,
    clusters,
    evidence,
    judging,
    queue_behind,
    queue_scope,
    suggested,
    undo,
)
from factdesk.ui.screens.help_screen import HelpScreen
from factdesk.ui.screens.history_screen import HistoryScreen
from factdesk.ui.screens.keymap import REVIEW_KEYS
from factdesk.ui.screens.search_screen import find
from factdesk.ui.widgets.article_view import ArticleView
from factdesk.ui.widgets.claim_card import ClaimCard, Panel
from factdesk.ui.widgets.claim_queue import ClaimQueue
from factdesk.ui.widgets.desk_footer import DeskFooter
from factdesk.ui.widgets.desk_header import DeskHeader
from factdesk.ui.widgets.story import Story

T = TypeVar("T")
BUSY_ATTEMPTS = 40  # with the store's short busy timeout in the desk: about 10 s in all
BUSY_PAUSE = 0.05
CORRECTED = (
    "A corrected version of this article was imported while the desk was open, so nothing"
    " was saved on the old one. "
)
SAME = "This is the same sentence in the new version: press again."
CHANGED = "That sentence changed or is gone: this is what stands in its place now."


class ReviewScreen(Screen[None]):
    """Step through claims, judge them, attach evidence, take notes."""

    BINDINGS = REVIEW_KEYS

    def __init__(self, store: Store, reviewer: str, min_score: float | None = None) -> None:
        super().__init__()
        self.store = store
        self.reviewer = reviewer
        self.which = QueueFilter.ALL
        # The queue's threshold: given for this run, else the one this reviewer chose.
        self.min_score = store.min_score(reviewer) if min_score is None else min_score
        self.progress = Progress(0)
        self.claim: Claim | None = None
        self.article: Article | None = None
        self.review = Review()
        self.message = ""
        self.last_search = ""
        self.read_only = False
        self.position_saved = True
        self.queue_version = (0, 0)  # when it moves, the queue may hold other claims
        self.old_extractors = ""  # other extractor versions that found claims (see the app)
        self.by_cluster = store.orders_by_cluster(reviewer)  # else by article (palette)
        self.story = Story(reviewer)  # the current claim's cluster and conflicts
        self.suggested: list[Suggestion] = []  # the current claim's suggested evidence
        self.shown_suggestion = 0  # the one `s` showed last (from 1)
        self.looking_at: int | None = None  # another article shown for a suggestion
        self.actions = 0  # saved by this desk (the progress read behind may predate one)
        self.greeting = "Welcome"  # how the desk greets the reviewer (see starting_point)
        self.placeholder: array[int] | None = None  # the queue shown while it is read behind
        self.undoing = False  # an undo is running (see undo.undo_last)
        self.undo_ended = 0.0  # when the last undo finished, on Textual's clock
        self.left_at: int | None = None  # the claim shown before the queue became empty

    def compose(self) -> ComposeResult:
        yield DeskHeader(id="header")
        with Horizontal(id="desk"):
            yield ClaimQueue(self.store, self.reviewer, final=self.adjudicating, id="queue")
            with Vertical(id="reading"):
                yield ArticleView(id="article")
                yield ClaimCard(id="card")
        yield DeskFooter()

    @property
    def queue(self) -> ClaimQueue:
        return self.query_one(ClaimQueue)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self.read_only = self.store.is_read_only()
        if not queue_behind.open_at_once(self):  # a large desk shows its first claim now
            self.progress = self.read_progress()
            self.queue.load(self.read_queue(), self.starting_point())
            self.greet()
        if self.read_only:
            self.message = "Read-only database: nothing can be saved"
        self.queue_version = self.store.queue_version()
        self.store.data_changed_elsewhere()  # from now on, notice other windows' commits
        self.queue.before_move = self.before_move
        # No write at start-up: the first action, the first move or quitting saves it.
        self.open_claim(self.queue.claim_id, save=False)
        self.position_saved = False
        self.queue.focus()

    # -- what this desk reviews (the adjudication desk reads and saves finals) ---------

    adjudicating = False
    help_intro = ""  # what the help screen says first (the adjudication desk's mode)
    reads_behind = True  # a large queue is read on a thread while the first claim shows

    def read_queue(self) -> array[int]:
        """The ids of the queue the screen shows: its filter, threshold and order."""
        return self.queue_from(self.store)

    def queue_from(self, store: Store) -> array[int]:
        return store.queue_ids(
            self.reviewer, self.which, self.min_score, by_cluster=self.by_cluster
        )

    def read_progress(self) -> Progress:
        return self.progress_from(self.store)

    def progress_from(self, store: Store) -> Progress:
        return store.progress(self.reviewer, self.min_score)

    def read_review(self, claim_id: int) -> Review:
        """This reviewer's work on a claim, as the card shows it."""
        return self.store.review(claim_id, self.reviewer)

    def save_verdict(self, claim_id: int, verdict: Verdict | None) -> Review:
        return self.store.set_verdict(claim_id, self.reviewer, verdict)

    def marked(self) -> list[tuple[int, int]]:
        """What the article marks dimly besides the claim and evidence: suggestions."""
        return suggested.own(self)

    def panel(self) -> Panel | None:
        """The reviewers' work the card shows side by side (adjudication only)."""
        return None

    def starting_point(self) -> int | None:
        """The claim the desk opens on (where this reviewer left off, else the first
        unjudged one); :meth:`greet` says which in the header."""
        store, reviewer, min_score = self.store, self.reviewer, self.min_score
        position = store.position(reviewer, min_score)
        near = None if position else store.near_position(reviewer, min_score)
        self.greeting = "Resumed" if position else "Welcome"
        if near:  # the place is out of this queue (under --min-score, dismissed)
            self.greeting = "Resumed at the nearest claim to where you were"
        return position or near or store.first_unjudged(reviewer, min_score)

    def greet(self) -> None:
        """Say in the header where the desk opened, with the progress."""
        self.message = f"{self.greeting} — {self.progress}"
        if not self.progress.total:
            self.message = f"No claims score {self.min_score:g} or more: ctrl+p Show more claims"

    # -- showing -------------------------------------------------------------------

    def open_claim(self, claim_id: int | None, save: bool = True) -> None:
        """Show a claim in the article and the card, and remember the position."""
        if claim_id is None:
            if self.claim is not None:  # a filter or threshold that shows it brings it back
                self.left_at = self.claim.id
            self.claim = None
            self.refresh_header()
            return
        try:
            claim = self.store.claim(claim_id)
            if not claim.current:  # an import replaced its article since the queue loaded
                self.catch_up(force=True, target=claim_id)
                return
            if self.article is None or self.article.id != claim.article_id:
                self.article = self.store.article(claim.article_id)
            self.article_view.show_article(self.article.id, self.article.text)  # if not shown
            self.looking_at = None
            review = self.read_review(claim_id)
        except (FactdeskError, sqlite3.Error) as exc:  # a damaged database, a reextract
            self.claim = None  # no action may fall on the claim shown before
            self.say(f"Cannot read claim {claim_id}: {exc}")
            return
        self.claim, self.review = claim, review
        clusters.read(self, claim_id)
        suggested.read(self, claim_id)
        self.article_view.show_claim(claim.start)
        self.show_review(changed=False)
        if save:
            self.save_position()

    def save_position(self) -> None:
        """Remember where the reviewer is. Quietly: a busy or read-only database only
        means the place is saved at the next move (or at quit) instead."""
        if self.claim is None or self.read_only:
            return
        try:
            self.store.save_position(self.reviewer, self.claim.id)
        except (FactdeskError, sqlite3.Error):
            self.position_saved = False
        else:
            self.position_saved = True

    def catch_up(self, force: bool = False, target: int | None = None) -> bool:
        """Catch up with what other windows and imports have committed: progress, the
        queue's rows, and (after an import, a claim added, dismissed or restored, a
        reextract) the queue itself, keeping the current claim or, if its article was
        corrected, the claim now in its place. True when the queue was reloaded (on
        ``target``, the claim being opened, else the current one, else the nearest)."""
        if not self.store.data_changed_elsewhere() and not force:
            return False
        self.progress = self.read_progress()
        version = self.store.queue_version()
        if version == self.queue_version and not force:
            self.queue.forget_rows()
            self.refresh_header()
            return False
        imported, self.queue_version = version[0] != self.queue_version[0], version
        if not imported and not force:  # another window changed the list: read it again
            return queue_scope.caught_up(self, target)
        current = target or (self.claim.id if self.claim else self.queue.claim_id)
        if current is not None and not self.store.claim(current).current:
            current = self.store.successor_of(current)
            self.message = "A corrected version of this article was imported: showing it"
        self.queue.load(self.read_queue(), current)
        self.open_claim(self.queue.claim_id)
        return True

    def show_review(self, changed: bool = True) -> None:
        """Redraw what depends on this reviewer's work on the current claim (and, when it
        changed, the claim's row in the queue)."""
        assert self.claim is not None and self.article is not None
        if self.looking_at is None:
            here = [s for s in self.review.spans if s.article_id is None]
            claim = (self.claim.start, self.claim.end)
            self.article_view.highlight(claim, here, self.review.verdict, self.marked())
        else:  # another article is shown, for a suggestion or evidence from it
            suggested.mark_other(self)
        card = self.query_one(ClaimCard)
        card.show(self.claim, self.article, self.review, self.story, self.suggested, self.panel())
        if changed:
            self.queue.invalidate(self.claim.id)
        self.refresh_header()

    def refresh_header(self) -> None:
        self.query_one(DeskHeader).show(
            self.reviewer,
            str(self.store.path),
            self.progress,
            self.which,
            self.message,
            read_only=self.read_only,
            old_extractors=self.old_extractors,
            min_score=self.min_score,
            by_cluster=self.by_cluster,
            adjudicating=self.adjudicating,
        )

    def say(self, message: str) -> None:
        """Show a message in the header until the next one."""
        self.message = message
        self.refresh_header()

    async def attempt(self, action: Callable[[], T], working: str = "") -> T | None:
        """Run a reviewer's action. While another window or an export holds the database,
        say so and retry (the screen stays live); any other failure shows as not saved.
        An action that may take a while says ``working`` on the screen before it starts."""
        if working:
            self.say(working)
            await self.wait_for_refresh()  # drawn before the work holds the event loop
        for attempt in range(1, BUSY_ATTEMPTS + 1):
            try:
                result = action()
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or attempt == BUSY_ATTEMPTS:
                    self.not_saved(exc)
                    return None
                self.say(f"Database busy (another window or an export?) — retrying {attempt}…")
                await asyncio.sleep(BUSY_PAUSE)
            except ClaimSuperseded as exc:  # a desk opened before a corrected version came in
                before = self.store.claim(exc.claim_id).text
                self.catch_up(force=True)
                same = self.claim is not None and self.claim.text == before
                self.say("Not saved: the article was corrected since; now showing the new version")
                self.notify(
                    CORRECTED + (SAME if same else CHANGED),
                    title="Not saved",
                    severity="warning",
                    markup=False,
                )
                return None
            except ArticleSuperseded:  # a claim added in an article corrected since
                self.catch_up(force=True)
                self.say("Not saved: the article was corrected since; select again in this one")
                return None
            except (FactdeskError, sqlite3.Error) as exc:
                self.not_saved(exc)
                return None
            else:
                self.actions += 1
                if not self.position_saved:  # judged where the desk opened: resume here
                    self.save_position()
                return result
        return None

    def not_saved(self, exc: Exception) -> None:
        """Tell the reviewer an action was not saved, and why."""
        self.say(f"Not saved: {exc}")
        self.notify(f"Not saved: {exc}", severity="error", markup=False)

    # -- queue movement --------------------------------------------------------------

    @on(ClaimQueue.CursorMoved)
    def cursor_moved(self, event: ClaimQueue.CursorMoved) -> None:
        if self.claim is not None and self.claim.id == event.claim_id:
            return  # already opened by settle()
        if event.claim_id != self.queue.claim_id:
            return  # stale: the cursor moved on (or the queue was read again) since
        self.message = ""
        if not self.catch_up(target=event.claim_id):  # other windows' and imports' work
            self.open_claim(event.claim_id)

    def settle(self) -> None:
        """Open the claim under the queue's cursor now, if its message has not arrived yet:
        a key pressed right after n (say "n e" typed fast) acts on the claim moved to."""
        claim_id = self.queue.claim_id
        if claim_id is not None and (self.claim is None or self.claim.id != claim_id):
            self.message = ""
            if not self.catch_up(target=claim_id):
                self.open_claim(claim_id)

    # n and p open the claim in the same handler, so that the queue's cursor, the article
    # and the card change in one frame (through the queue's message, the article and the
    # card waited for the frame after the cursor's: 33 ms where a frame takes 6).

    def before_move(self) -> None:
        """Before a move in the queue: the whole queue, as it is now (a move by home, end
        or a page counts the claims another window or process has added since)."""
        queue_behind.read_now(self)
        self.catch_up()

    def action_next(self) -> None:
        self.before_move()
        if self.queue.cursor >= len(self.queue.ids) - 1:
            self.say("This is the last claim")
        self.queue.set_cursor(self.queue.cursor + 1, announce=False)
        self.settle()

    def action_previous(self) -> None:
        self.before_move()
        if self.queue.cursor == 0:
            self.say("This is the first claim")
        self.queue.set_cursor(self.queue.cursor - 1, announce=False)
        self.settle()

    def action_scroll_card(self, lines: int) -> None:
        """Scroll the claim card (its evidence and note may be below its fold)."""
        self.query_one(ClaimCard).scroll_relative(y=lines * 3, animate=False)

    def action_to_queue(self) -> None:
        if suggested.back(self):  # from another article's suggestion, to the claim's
            self.say("Back to the claim's article")
            return
        self.queue.focus()
        self.say("")

    def apply_filter(self, which: QueueFilter) -> None:
        """Show only some claims (from the command palette)."""
        claim_list.apply_filter(self, which)

    def show_more(self, step: float = claim_list.STEP) -> None:
        """Lower the threshold (from the palette; a negative step raises it)."""
        claim_list.step_threshold(self, -step)

    # -- judging ---------------------------------------------------------------------

    async def action_verdict(self, value: str) -> None:
        self.settle()
        await judging.verdict(self, Verdict(value))

    async def action_flag(self) -> None:
        self.settle()
        await judging.flag(self)

    def action_note(self) -> None:
        self.settle()
        judging.note(self)

    # -- evidence ----------------------------------------------------------------------

    def action_select_span(self) -> None:
        self.settle()
        suggested.back(self)  # the claim is in its own article
        evidence.select(self)

    async def action_attach(self) -> None:
        await evidence.attach(self)

    async def action_remove_span(self) -> None:
        self.settle()
        await evidence.remove(self)

    async def action_attach_suggestion(self, number: int) -> None:
        self.settle()
        await suggested.attach(self, number)

    def action_show_suggestion(self) -> None:
        self.settle()
        suggested.show(self)

    @on(ClaimCard.SuggestionClicked)
    def suggestion_clicked(self, event: ClaimCard.SuggestionClicked) -> None:
        suggested.show(self, event.number)

    # -- the claim list: add, dismiss ---------------------------------------------------

    async def action_add_claim(self) -> None:
        await claim_list.add(self)

    async def action_dismiss_claim(self) -> None:
        self.settle()
        await claim_list.dismiss(self)

    action_restore_claim = action_dismiss_claim  # the same toggle, named for the footer

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """delete is Restore in Show dismissed claims, Dismiss elsewhere."""
        return claim_list.offers(self, action)

    @on(ClaimCard.EvidenceClicked)
    def evidence_clicked(self, event: ClaimCard.EvidenceClicked) -> None:
        suggested.show_span(self, event.span)

    # -- the story across outlets: cluster and conflicts (clusters.py) -------------------

    def action_open_cluster(self) -> None:
        clusters.open_cluster(self)

    async def action_give(self) -> None:
        await clusters.give(self)

    def action_join(self) -> None:
        clusters.ask_join(self)

    async def action_dismiss_conflict(self) -> None:
        await clusters.dismiss_conflict(self)

    # -- undo, search, help ------------------------------------------------------------

    async def action_undo(self) -> None:
        await undo.undo_last(self)

    def action_search(self) -> None:
        find(self)

    def action_history(self) -> None:
        if self.claim is not None:
            self.app.push_screen(HistoryScreen(self.store, self.claim.id))

    def go_to(self, claim_id: int) -> None:
        """Move the queue's cursor to a claim and open it."""
        queue_behind.read_now(self)
        self.queue.set_cursor(self.queue.index_of(claim_id), announce=False)
        self.open_claim(claim_id)

    def action_help(self) -> None:
        palette = Binding(
            self.app.COMMAND_PALETTE_BINDING,
            "command_palette",
            "Commands: filters, order by cluster, show more or fewer claims, export",
        )
        offered = [
            b
            for b in self.BINDINGS
            if not isinstance(b, Binding) or self.check_action(b.action.split("(")[0], ())
        ]  # delete is Dismiss or Restore; the adjudication desk offers fewer keys
        keys = [*offered, *ClaimQueue.BINDINGS, palette, *self.app.BINDINGS]
        self.app.push_screen(HelpScreen(keys, self.help_intro))

    def action_quit(self) -> None:
        if not self.position_saved:  # the database was busy at the last move: try again
            self.save_position()
        self.app.exit()
