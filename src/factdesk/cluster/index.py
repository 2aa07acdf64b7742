"""Which stored claim a new claim restates: an inverted index of the claims' terms, read
only through each new claim's rarest terms (blocking: a claim is compared with the few
claims that share a rare term with it, never with every claim), and a similarity that
weighs each shared term by how rare it is.

A claim that restates one already indexed almost word for word is not indexed itself: a
cluster's paraphrases are, its copies are not, so a term's postings stay as short as the
number of distinct wordings."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from factdesk.cluster.terms import Profile, Terms, acronyms, profile

SAME_CLAIM = 0.5  # the similarity at which two claims assert the same thing
SAME_EVENT = 0.3  # ... at which they are about one event (for conflicts)
COPY = 0.9  # ... at which a claim is a copy of one indexed and is not indexed itself
_RARE_TERMS = 6  # how many of a claim's rarest terms find its candidates
_POSTINGS = 100  # the most recent claims read from one term's postings
_COMMON = 100  # a term in more claims than this finds no candidates (unless none is rarer)


class _Weights(dict[str, float]):
    """Each term's weight, worked out when first asked for."""

    def __init__(self, index: ClusterIndex) -> None:
        super().__init__()
        self.df = index.df
        self.n = index.counted + 1

    def __missing__(self, term: str) -> float:
        value = self[term] = math.log(1 + self.n / (self.df[term] + 1))
        return value


@dataclass(slots=True)
class Entry:
    """An indexed claim."""

    claim_id: int
    article_id: int
    profile: Profile
    cluster: int | None


@dataclass(frozen=True, slots=True)
class Match:
    """The indexed claim most like a new one, and how alike they are."""

    claim_id: int
    cluster: int | None
    score: float


class ClusterIndex:
    """The claims read so far, by term."""

    def __init__(self) -> None:
        self.entries: dict[int, Entry] = {}
        self.postings: dict[str, list[int]] = {}
        self.df: Counter[str] = Counter()
        self.aliases: dict[str, str] = {}
        self.counted = 0  # claims whose terms are in df
        # An indexed claim for each set of terms: a claim with the same terms (a copy, as
        # syndicated reports are) is placed by one lookup.
        self.copies: dict[frozenset[str], int] = {}
        self._weights = _Weights(self)
        self._totals: dict[frozenset[str], float] = {}
        self._weighed_at = 0

    def count(self, claim: Profile) -> None:
        """Count a claim's terms into the document frequencies (before placing a batch,
        so that a term's weight knows the whole batch, not the claims before it)."""
        self.counted += 1
        self.df.update(claim.full.all)

    def learn_acronyms(self, text: str) -> None:
        """Remember the acronyms an article defines ("… Plan of Action (JCPOA)")."""
        self.aliases.update(acronyms(text))

    def profile(self, text: str) -> Profile:
        """A claim's profile, with the acronyms learnt so far."""
        return profile(text, self.aliases)

    def weight(self, term: str) -> float:
        """How much sharing ``term`` says: rare terms say more (smoothed IDF)."""
        return self._weighed()[term]

    def _weighed(self) -> _Weights:
        """The weights of terms, kept until the claims counted grow by a tenth (they drift
        slowly, and a log per term of every comparison would be most of the work)."""
        if self.counted > self._weighed_at * 1.1 + 10:
            self._weights = _Weights(self)
            self._totals = {}
            self._weighed_at = self.counted
        return self._weights

    def _total(self, terms: frozenset[str]) -> float:
        found = self._totals.get(terms)
        if found is None:
            found = self._totals[terms] = sum(map(self._weighed().__getitem__, terms))
        return found

    def similarity(self, a: Profile, b: Profile) -> float:
        """How alike two claims are, from 0 to 1: the weighted Dice of their terms, or of
        their main clauses' if more alike; less when one places its event in the past and
        the other now, or when one denies what the other asserts."""
        score = max(self.dice(a.full, b.full), self.dice(a.core, b.core))
        if a.when and b.when and a.when != b.when:
            score *= 0.8
        if a.negated != b.negated:
            score *= 0.85
        return score

    def dice(self, a: Terms, b: Terms) -> float:
        """Weighted Dice of two claims' terms: 1 for the same terms, 0 for none shared;
        0 unless they share two terms, one of them an act or a thing, not only names."""
        shared = a.all & b.all
        if len(shared) < 2 or not (shared & a.words):
            return 0.0
        both = sum(map(self._weighed().__getitem__, shared))
        total = self._total(a.all) + self._total(b.all)
        return 2 * both / total if total else 0.0

    def candidates(self, claim: Profile) -> set[int]:
        """The indexed claims sharing one of this claim's rarest terms."""
        rare = sorted(claim.full.all, key=lambda t: (self.df[t], t))[:_RARE_TERMS]
        rare = [t for t in rare if self.df[t] <= _COMMON] or rare[:2]
        found: set[int] = set()
        for term in rare:
            found.update(self.postings.get(term, ())[-_POSTINGS:])
        return found

    def matches(self, claim: Profile, floor: float, skip: int | None = None) -> list[Match]:
        """The indexed claims at least ``floor`` alike, most alike first."""
        result = []
        for other in self.candidates(claim):
            entry = self.entries.get(other)
            if other == skip or entry is None:  # itself, or forgotten
                continue
            score = self.similarity(claim, entry.profile)
            if score >= floor:
                result.append(Match(other, entry.cluster, score))
        result.sort(key=lambda m: (-m.score, m.claim_id))
        return result

    def add(self, claim_id: int, article_id: int, claim: Profile, cluster: int | None) -> None:
        """Index a claim."""
        self.entries[claim_id] = Entry(claim_id, article_id, claim, cluster)
        self.copies.setdefault(claim.full.all, claim_id)
        for term in claim.full.all:
            self.postings.setdefault(term, []).append(claim_id)

    def forget(self, claim_ids: Iterable[int]) -> None:
        """Stop matching these claims (their article has a new version)."""
        for claim_id in claim_ids:
            entry = self.entries.pop(claim_id, None)
            if entry is not None and self.copies.get(entry.profile.full.all) == claim_id:
                del self.copies[entry.profile.full.all]

    def set_cluster(self, claim_ids: Iterable[int], cluster: int | None) -> None:
        """Record the cluster indexed claims now belong to."""
        for claim_id in claim_ids:
            entry = self.entries.get(claim_id)
            if entry is not None:
                entry.cluster = cluster


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a new claim goes: the cluster it joins (None: alone so far), the indexed claim
    it matched, and whether it starts that cluster with the match (a claim alone until
    now, which then joins too)."""

    cluster: int | None
    match: Match | None = None
    starts: bool = False
    near: tuple[Match, ...] = ()  # the indexed claims about the same event (conflicts)


def place(
    index: ClusterIndex,
    claim_id: int,
    article_id: int,
    claim: Profile,
    new_cluster: Callable[[], int],
) -> Placement:
    """Put a new claim (counted already) in the cluster of the indexed claim it restates
    (``new_cluster`` gives the id for a cluster it starts with a claim alone until now),
    and index it unless it is a copy of one indexed."""
    twin = index.copies.get(claim.full.all)
    if twin is not None and index.entries[twin].profile == claim:
        near = [Match(twin, index.entries[twin].cluster, 1.0)]
    else:
        near = index.matches(claim, SAME_EVENT)
    best = near[0] if near and near[0].score >= SAME_CLAIM else None
    if best is None:
        index.add(claim_id, article_id, claim, None)
        return Placement(None, near=tuple(near))
    starts = best.cluster is None
    cluster = new_cluster() if starts else best.cluster
    assert cluster is not None
    if starts:
        index.set_cluster([best.claim_id], cluster)
    if best.score < COPY:
        index.add(claim_id, article_id, claim, cluster)
    return Placement(cluster, best, starts, tuple(near))
