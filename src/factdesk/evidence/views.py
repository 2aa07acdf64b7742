"""What the store gives the desk and the CLI of suggested evidence."""

from __future__ import annotations

from dataclasses import dataclass

from factdesk.evidence.cues import VERDICT


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
