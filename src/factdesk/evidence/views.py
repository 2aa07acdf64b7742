"""What the store gives the desk and the CLI of suggested evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

NO_EVIDENCE, DENIAL, DOUBT, CONFIRMATION, SOURCE = (
    "no-evidence", "denial", "doubt", "confirmation", "source",
)  # fmt: skip
VERDICT = {
    NO_EVIDENCE: "unevidenced",
    DENIAL: "disputed",
    DOUBT: "disputed",
    CONFIRMATION: "evidenced",
    SOURCE: "evidenced",
}
KEPT = 5  # suggestions stored for a claim (the desk shows three)
SHOWN = 3
OTHER_ARTICLE = 0.6  # what a suggestion from another article of the cluster is worth
FLOOR = 0.35  # a weaker suggestion is left out


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A span suggested as evidence for a claim: in its own article, or in another article
    of its cluster (``article_id`` tells, with that article's title)."""

    article_id: int
    start: int
    end: int
    quote: str
    cue: str
    score: float
    title: str

    @property
    def verdict(self) -> str:
        """The verdict the cue points to."""
        return VERDICT[self.cue]


def suggested_verdict(scored: Sequence[tuple[str, float]]) -> str | None:
    """The verdict the first suggestions point to, weighed by their scores (their cues'
    verdicts, ``(cue, score)`` best first)."""
    totals: dict[str, float] = {}
    for cue, score in scored[:SHOWN]:
        totals[VERDICT[cue]] = totals.get(VERDICT[cue], 0.0) + score
    return max(totals, key=lambda v: totals[v]) if totals else None
