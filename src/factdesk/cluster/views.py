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

    @property
    def articles(self) -> list[int]:
        """The articles its claims come from, in order of first appearance."""
        return list(dict.fromkeys(m.article_id for m in self.members))


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


@dataclass(frozen=True, slots=True)
class Summary:
    """What the claim card says of a claim's cluster, read in a few indexed queries
    whatever the cluster's size: how many claims and articles, the other articles' titles
    (the first few), and the verdicts given to its other claims, per verdict."""

    cluster_id: int
    size: int
    other_articles: int
    titles: tuple[str, ...]
    verdicts: dict[str, int]
