"""The adjudication desk (``factdesk review --adjudicate``): the review screen over the
claims reviewers disagree on, each reviewer's verdict, evidence and note side by side on
the card, where e/u/d give the final verdict in the adjudicator's name. Evidence and notes
are the adjudicator's own, as in review."""

from __future__ import annotations

from array import array

from factdesk.inert import one_line
from factdesk.models import Progress, Review, Verdict
from factdesk.store import Store
from factdesk.ui.screens import judging
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.widgets.claim_card import Panel

# What the review desk offers that has no place in adjudication: the queue is the claims
# reviewers disagree on, and an adjudicator's verdict is final, not one more reviewer's.
NOT_HERE = frozenset({"add_claim", "dismiss_claim", "restore_claim", "give"})


class AdjudicationScreen(ReviewScreen):
    """Settle the claims reviewers disagree on."""

    adjudicating = True
    reads_behind = False  # the claims reviewers disagree on: a short queue, read at once
    help_intro = (
        "Adjudicating: the claims reviewers gave different verdicts. The card shows each"
        " reviewer's verdict, evidence and note side by side (their evidence is marked dimly"
        " in the article); e, u and d give the final verdict in your name, and factdesk"
        " export --final writes it. Evidence, notes and flags you give are your own."
    )

    def __init__(self, store: Store, adjudicator: str) -> None:
        super().__init__(store, adjudicator)
        self.by_cluster = False
        self.work: list[tuple[str, Review]] = []  # each reviewer's, on the current claim
        self.decided_by: str | None = None  # who gave the current claim's final verdict
        self.first: int | None = None  # the first claim without a final verdict

    def read_queue(self) -> array[int]:
        return self.store.adjudication_ids()

    def read_progress(self) -> Progress:
        return self.store.adjudication_progress()

    def read_review(self, claim_id: int) -> Review:
        """The adjudicator's work with the final verdict; the reviewers' work beside it
        (the adjudicator's own column only when they judged the claim as a reviewer)."""
        self.work = [
            (name, review)
            for name, review in self.store.reviewers_work(claim_id)
            if name != self.reviewer or review.verdict is not None
        ]
        review, final = self.store.adjudicated_review(claim_id, self.reviewer)
        self.decided_by = final.adjudicator if final else None
        return review

    async def action_verdict(self, value: str) -> None:
        """Give the final verdict (the same key again takes back one's own). Another
        adjudicator's same verdict stands; a different one is replaced, and said so."""
        self.settle()
        if self.claim is None:
            return
        final = self.store.final(self.claim.id)
        other = final is not None and final.verdict and final.adjudicator != self.reviewer
        if other and final is not None and final.verdict == value:
            self.say(f"Final verdict already {value}, given by {one_line(final.adjudicator)}")
            return
        await judging.verdict(self, Verdict(value))
        if other and final is not None and self.review.verdict == value:
            self.say(f"{self.message} (was {final.verdict}, by {one_line(final.adjudicator)})")

    def save_verdict(self, claim_id: int, verdict: Verdict | None) -> Review:
        review = self.store.set_final(claim_id, self.reviewer, verdict)
        self.decided_by = self.reviewer
        return review

    def panel(self) -> Panel:
        return Panel(self.work, self.decided_by)

    def marked(self) -> list[tuple[int, int]]:
        """The reviewers' evidence in the claim's article, marked dimly (with suggestions)."""
        found = super().marked()
        for _, review in self.work:
            found += [(s.start, s.end) for s in review.spans if s.article_id is None]
        return found

    def starting_point(self) -> int | None:
        """The first claim without a final verdict, else the first claim."""
        self.first = self.store.first_unadjudicated()
        return self.first

    def greet(self) -> None:
        if not self.progress.total:
            self.message = "Nothing to adjudicate: no claim has different verdicts"
        elif self.first is None:
            self.message = f"Every disagreement is adjudicated — {self.progress}"
        else:
            self.message = f"Adjudicating — {self.progress}: e/u/d give the final verdict"

    def save_position(self) -> None:
        """An adjudicator's place is not kept (the desk opens on the first claim still to
        settle): their own review's place, if they review too, stays where it was."""
        self.position_saved = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NOT_HERE:
            return False
        return super().check_action(action, parameters)
