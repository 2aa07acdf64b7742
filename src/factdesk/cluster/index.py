"""Which stored claim a new claim restates: an inverted index of the claims' terms, read
only through each new claim's rarest terms (blocking: a claim is compared with the few
claims that share a rare term with it, never with every claim), and a similarity that
weighs each shared term by how rare it is.

A claim with the very terms of one already indexed (a copy, as syndicated reports are) is
kept as its twin's copy, out of the postings, so a term's postings stay as short as the
number of distinct wordings; conflicts still weigh each copy (a copy may give another year),
and when the twin is forgotten its first copy takes its place.

The index holds the latest claims only (WINDOW of them, a story's claims arrive close
together): the oldest are forgotten as new ones come, so that its memory stays flat however
many claims the file holds."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass

from factdesk.cluster.lexicon import ACTS
from factdesk.cluster.terms import Profile, Terms, Word, is_name, parsed, vocabulary

SAME_CLAIM = 0.5  # the similarity at which two claims assert the same thing
SAME_EVENT = 0.3  # ... at which they are about one event (for conflicts)
SAME_STORY = 0.4  # ... the average similarity to a cluster's claims at which one joins it
_COPIES = 12  # the most recent copies of a claim that conflicts are looked for in
_RARE_TERMS = 4  # how many of a claim's rarest terms find its candidates
_RARE_CORE = 3  # ... and of its main clause's
_POSTINGS = 50  # the most recent claims read from one term's postings
_NEAR = 12  # the most alike claims a new claim is weighed against (cluster, conflicts)
_COMMON = 100  # a term in more claims than this finds no candidates (unless none is rarer)
# What is left of the similarity of two claims that each name an act, none in common
# (killed / kidnapped); of a plan or forecast and an act; of an act said to be past and
# one said to be now; and of a statement and its denial (kept above the others: a denial
# of a claim is often reported with it as one story).
_ANOTHER_ACT = 0.6
_PLANNED = 0.45
_THEN = 0.6
_DENIED = 0.85
_COHESION = 20  # the most recent claims of a cluster a new claim is compared with
WINDOW = 50_000  # the most claims indexed: older ones are forgotten (about 1 KB each)


@dataclass(frozen=True, slots=True)
class _Names:
    """The words the articles read so far write as names."""

    capital: Counter[str]
    lower: Counter[str]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and is_name(word, self.capital, self.lower)


# Acronyms with the name terms they stand for, and the counts of words written capitalised
# inside sentences and in lower case (see terms.vocabulary).
Vocabulary = tuple[dict[str, str], Counter[str], Counter[str]]


class _Weights(dict[str, float]):
    """Each term's weight at one count of the claims, worked out when first asked for."""

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
    said: int = 0  # the hash of its text, when placed in this process (0: not known)


@dataclass(frozen=True, slots=True)
class Match:
    """The indexed claim most like a new one, and how alike they are."""

    claim_id: int
    cluster: int | None
    score: float


class ClusterIndex:
    """The claims read so far, by term."""

    window = WINDOW

    def __init__(self) -> None:
        self.entries: dict[int, Entry] = {}
        self.postings: dict[str, list[int]] = {}
        self.df: Counter[str] = Counter()
        self.aliases: dict[str, str] = {}
        self.capital: Counter[str] = Counter()  # words capitalised inside sentences
        self.lower: Counter[str] = Counter()  # words in lower case
        self.counted = 0  # claims whose terms are in df
        self.members: dict[int, list[int]] = {}  # cluster → its indexed claims
        self._weights = _Weights(self)  # term → weight, until the next count
        self._totals: dict[frozenset[str], float] = {}  # terms → their weight, likewise
        # An indexed claim for each set of terms: a claim with the same terms (a copy, as
        # syndicated reports are) is placed by one lookup.
        self.copies: dict[frozenset[str], int] = {}
        self.twins: dict[int, list[int]] = {}  # an indexed claim → its copies
        self.copy_of: dict[int, int] = {}  # a copy → its indexed twin
        self.conflicted: set[int] = set()  # the claims read or placed that have conflicts

    def count(self, claim: Profile) -> None:
        """Count a claim's terms into the document frequencies (before placing a batch,
        so that a term's weight knows the whole batch, not the claims before it)."""
        self.counted += 1
        self.df.update(claim.full.all)
        self._weights = _Weights(self)  # weights and totals change with each count
        if self._totals:
            self._totals = {}

    def learn_acronyms(self, text: str) -> None:
        """Remember the acronyms an article defines ("… Plan of Action (JCPOA)") and the
        words it writes as names."""
        self.aliases.update(vocabulary(text, self.capital, self.lower))

    def vocabulary(self) -> Vocabulary:
        """What the articles read so far taught: acronyms, and how each word is written."""
        return self.aliases, self.capital, self.lower

    def learn(self, vocabulary: Vocabulary) -> None:
        """Add what another index learnt (a worker's share of the articles)."""
        aliases, capital, lower = vocabulary
        self.aliases.update(aliases)
        self.capital.update(capital)
        self.lower.update(lower)

    def names(self) -> Container[str]:
        """The words the articles read so far write as names."""
        return _Names(self.capital, self.lower)

    def profile(self, text: str) -> Profile:
        """A claim's profile, with the acronyms and names learnt so far."""
        return parsed(text, self.aliases, self.names())[0]

    def parse(self, text: str) -> tuple[Profile, list[Word], list[Word]]:
        """A claim's profile and tokens (see ``terms.parsed``), for its facts."""
        return parsed(text, self.aliases, self.names())

    def weight(self, term: str) -> float:
        """How much sharing ``term`` says: rare terms say more (smoothed IDF)."""
        return self._weights[term]

    def _total(self, terms: frozenset[str]) -> float:
        """The weight of a claim's terms (kept until the next count)."""
        found = self._totals.get(terms)
        if found is None:
            found = self._totals[terms] = sum(map(self._weights.__getitem__, terms))
        return found

    def similarity(self, a: Profile, b: Profile) -> float:
        """How alike two claims are, from 0 to 1: the weighted Dice of their terms, or of
        their main clauses' if more alike; less when one places its event in the past and
        the other now, when one plans or forecasts what the other reports done, when each
        names an act and none is shared (killed / kidnapped), or when one denies what the
        other asserts."""
        score = self.dice(a.full, b.full)
        if a.core is not a.full or b.core is not b.full:
            score = max(score, self.dice(a.core, b.core))
        if not score:
            return 0.0
        acts_a, acts_b = a.full.words & ACTS, b.full.words & ACTS
        if acts_a and acts_b and not acts_a & acts_b:
            score *= _ANOTHER_ACT
        if a.when != b.when and "future" in (a.when, b.when):
            score *= _PLANNED
        elif a.when and b.when and a.when != b.when:
            score *= _THEN
        if a.negated != b.negated:
            score *= _DENIED
        return score

    def dice(self, a: Terms, b: Terms) -> float:
        """Weighted Dice of two claims' terms: 1 for the same terms, 0 for none shared;
        0 unless they share two terms, one of them an act or a thing, not only names."""
        shared = a.all & b.all
        if len(shared) < 2 or not (shared & a.words):
            if not any(t[0] == "=" for t in shared):
                return 0.0  # but one wording of a claim too short for terms is enough
        both = sum(map(self._weights.__getitem__, shared))
        total = self._total(a.all) + self._total(b.all)
        return 2 * both / total if total else 0.0

    def candidates(self, claim: Profile) -> set[int]:
        """The indexed claims sharing one of this claim's rarest terms, or one of the
        rarest of its main clause (a long claim's rarest terms may all be in its framing)."""
        found = self.sharing(claim.full.all, _RARE_TERMS)
        if claim.core is not claim.full:
            found |= self.sharing(claim.core.all, _RARE_CORE)
        return found

    def sharing(self, terms: Iterable[str], count: int = 3) -> set[int]:
        """The indexed claims sharing one of the ``count`` rarest of these terms (of those
        some indexed claim has: a term no other claim has finds nothing)."""
        postings = self.postings
        rare = sorted((t for t in terms if t in postings), key=lambda t: (self.df[t], t))
        # A term in many claims blocks nothing (unless the claim has no rarer one).
        rare = [t for t in rare[:count] if self.df[t] <= _COMMON] or rare[:2]
        found: set[int] = set()
        for term in rare:
            found.update(postings[term][-_POSTINGS:])
        return found

    def matches(self, claim: Profile, floor: float, skip: int | None = None) -> list[Match]:
        """The indexed claims at least ``floor`` alike, most alike first."""
        entries = self.entries
        found = [entries[i] for i in self.candidates(claim) if i != skip and i in entries]
        # Most candidates share one rare term and nothing else: a set intersection tells
        # that their similarity is 0 without weighing a term (see dice); what two main
        # clauses share is looked at only for the rest.
        full, core = claim.full.all, claim.core.all
        worded = any(t[0] == "=" for t in full)  # one wording too short for terms
        alike = [
            e
            for e in found
            if len(full & e.profile.full.all) >= 2
            or len(core & e.profile.core.all) >= 2
            or (worded and _short(full & e.profile.full.all))
        ]
        result = []
        for entry in alike:
            score = self.similarity(claim, entry.profile)
            if score >= floor:
                result.append(Match(entry.claim_id, entry.cluster, score))
        result.sort(key=lambda m: (-m.score, m.claim_id))
        return result

    def add(self, claim_id: int, article_id: int, claim: Profile, cluster: int | None) -> None:
        """Index a claim."""
        self.entries[claim_id] = Entry(claim_id, article_id, claim, cluster)
        self.copies.setdefault(claim.full.all, claim_id)
        for term in claim.full.all:
            self.postings.setdefault(term, []).append(claim_id)
        if cluster is not None:
            self._join(cluster, claim_id)

    def _join(self, cluster: int, claim_id: int) -> None:
        """Add an indexed claim to its cluster's members (the most recent only are kept:
        those :meth:`cohesion` reads)."""
        ids = self.members.setdefault(cluster, [])
        ids.append(claim_id)
        if len(ids) > 2 * _COHESION:
            del ids[:-_COHESION]

    def add_copy(self, claim_id: int, article_id: int, twin: int, cluster: int | None) -> None:
        """Keep a claim as a copy of the indexed claim ``twin`` (the same terms)."""
        self.entries[claim_id] = Entry(claim_id, article_id, self.entries[twin].profile, cluster)
        self.twins.setdefault(twin, []).append(claim_id)
        self.copy_of[claim_id] = twin

    def with_copies(self, claim_ids: Iterable[int]) -> dict[int, int]:
        """These indexed claims and the latest copies of each, each → the indexed one."""
        found = {}
        for claim_id in claim_ids:
            found[claim_id] = claim_id
            for copy in self.twins.get(claim_id, ())[-_COPIES:]:
                found[copy] = claim_id
        return found

    def oldest(self) -> list[int]:
        """The claims to forget for the index to hold no more than its window (a tenth of
        it more at once, so that forgetting is seldom): none while it holds fewer."""
        limit = self.window
        if len(self.entries) <= limit:
            return []
        excess = len(self.entries) - limit + limit // 10
        return [claim_id for claim_id, _ in zip(self.entries, range(excess), strict=False)]

    def forget(self, claim_ids: Iterable[int]) -> list[tuple[int, list[int]]]:
        """Stop matching these claims (their article has a new version, or they are the
        oldest indexed). A forgotten claim's first copy left is indexed in its place;
        returns each such copy with the copies that are now its own."""
        gone = set(claim_ids)
        self.conflicted -= gone
        terms = {t for i in gone if i in self.entries for t in self.entries[i].profile.full.all}
        for twin in {self.copy_of.pop(i) for i in gone & self.copy_of.keys()}:
            self.twins[twin] = [i for i in self.twins[twin] if i not in gone]
        promoted = []
        for claim_id in sorted(gone):
            entry = self.entries.pop(claim_id, None)
            if entry is None:
                continue
            if self.copies.get(entry.profile.full.all) == claim_id:
                del self.copies[entry.profile.full.all]
            ids = self.members.get(entry.cluster) if entry.cluster is not None else None
            if ids is not None and claim_id in ids:
                ids.remove(claim_id)
                if not ids:
                    del self.members[entry.cluster]  # type: ignore[arg-type]
            copies = self.twins.pop(claim_id, [])
            if copies:
                heir, rest = copies[0], copies[1:]
                kept = self.entries.pop(heir)
                del self.copy_of[heir]
                self.add(heir, kept.article_id, kept.profile, kept.cluster)
                self.entries[heir].said = kept.said
                for copy in rest:
                    self.copy_of[copy] = heir
                if rest:
                    self.twins[heir] = rest
                promoted.append((heir, rest))
        for term in terms:  # their postings go (a promoted copy has its own)
            kept_ids = [i for i in self.postings.get(term, ()) if i not in gone]
            if kept_ids:
                self.postings[term] = kept_ids
            else:
                self.postings.pop(term, None)
        return promoted

    def set_cluster(self, claim_ids: Iterable[int], cluster: int | None) -> None:
        """Record the cluster indexed claims now belong to."""
        for claim_id in claim_ids:
            entry = self.entries.get(claim_id)
            if entry is not None:
                if entry.cluster is not None and claim_id in self.members.get(entry.cluster, ()):
                    self.members[entry.cluster].remove(claim_id)
                entry.cluster = cluster
                if cluster is not None:
                    self._join(cluster, claim_id)

    def cohesion(self, claim: Profile, cluster: int) -> float:
        """How alike a claim is to a cluster's indexed claims on average (its most recent
        ones, so that a big cluster costs no more than a small one)."""
        ids = self.members.get(cluster, [])[-_COHESION:]
        if not ids:
            return 0.0
        entries = self.entries
        return sum(self.similarity(claim, entries[i].profile) for i in ids) / len(ids)


def _short(shared: frozenset[str]) -> bool:
    """Whether the one term two claims share is a wording too short for terms ('=…'),
    which is enough for :meth:`ClusterIndex.dice` to weigh them."""
    return len(shared) == 1 and next(iter(shared))[0] == "="


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
    and index it (as a copy, when it has the very terms of the claim it matched)."""
    best = None
    twin = index.copies.get(claim.full.all)
    if twin is not None and index.entries[twin].profile == claim:  # a copy: no search
        best = Match(twin, index.entries[twin].cluster, 1.0)
        near = [best]
    else:
        near = index.matches(claim, SAME_EVENT)[:_NEAR]
        joined = 0.0
        seen: set[int] = set()
        for match in near:
            if match.score < SAME_CLAIM:
                break
            # Average link: a claim joins the cluster it is most like as a whole, and none
            # that only one of its claims resembles (a chain of near matches is no story).
            # Each cluster is weighed once, at its best match.
            score = match.score
            if match.cluster is not None:
                if match.cluster in seen:
                    continue
                seen.add(match.cluster)
                score = index.cohesion(claim, match.cluster)
            if score >= SAME_STORY and score > joined:
                best, joined = match, score
    if best is None:
        index.add(claim_id, article_id, claim, None)
        return Placement(None, near=tuple(near))
    starts = best.cluster is None
    cluster = new_cluster() if starts else best.cluster
    assert cluster is not None
    if starts:
        index.set_cluster([best.claim_id], cluster)
    if index.entries[best.claim_id].profile == claim:
        index.add_copy(claim_id, article_id, best.claim_id, cluster)
    else:
        index.add(claim_id, article_id, claim, cluster)
    return Placement(cluster, best, starts, tuple(near))
