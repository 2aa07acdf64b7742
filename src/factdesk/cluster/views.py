"""What the Store tells of clusters and conflicts: plain records for the CLI and the desk."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Member:
    """One claim of a cluster, with its article and the verdicts given so far."""

    claim_id: int
    article_id: int
    title: str
    text: str
    speaker: str | None
    verdicts: dict[str, str] = field(default_factory=dict)  # reviewer → verdict


@dataclass(frozen=True, slots=True)
class Cluster:
    """Claims of current articles that assert the same thing."""

    cluster_id: int
    members: tuple[Member, ...]
    # When only some of its claims are in members (the card's brief view): how many
    # claims and articles it has in all.
    total: int = 0
    article_total: int = 0
    # In the brief view, one member stands for the other claims of each article read,
    # with the verdicts given on any of them (each reviewer's first); this tells how
    # many claims of the cluster each of those articles holds.
    copies: dict[int, int] = field(default_factory=dict)

    def claims_in(self, article_id: int) -> int:
        """How many of its claims an article holds."""
        return self.copies.get(article_id) or sum(
            1 for m in self.members if m.article_id == article_id
        )

    @property
    def articles(self) -> list[int]:
        """The articles of the claims in members, in order of first appearance."""
        return list(dict.fromkeys(m.article_id for m in self.members))

    @property
    def size(self) -> int:
        """How many claims it has."""
        return self.total or len(self.members)

    @property
    def article_count(self) -> int:
        """How many articles its claims come from."""
        return self.article_total or len(self.articles)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two claims about one event that disagree: on a date, a number, or polarity."""

    conflict_id: int
    claim_ids: tuple[int, int]
    kind: str
    values: tuple[str, str]
    article_ids: tuple[int, int]
    titles: tuple[str, str]
    dismissed_by: str | None = None
