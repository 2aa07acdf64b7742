"""The cluster half of the Store: placing each new claim in the cluster of the claims that
assert the same thing (at import, never on a keypress), finding the conflicts between
reports of one event. (Reading both is in store_cluster_reads.py, the reviewer's
corrections in store_cluster_edits.py.)"""

from __future__ import annotations

from collections.abc import Container, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from factdesk.store_cluster_reads import ClusterReads
from factdesk.store_review import CLAIM_TEXT

if TYPE_CHECKING:  # (imported where used: the desk starts without clustering's modules)
    from factdesk.cluster.facts import Facts, Prepared
    from factdesk.cluster.index import ClusterIndex, Match, Vocabulary
    from factdesk.cluster.terms import Profile, Terms

_FACTS_KEPT = 30_000  # the most claims whose facts are kept for comparisons (~250 B each)
# Tables the import fills (clustering, suggestions): derived, not review work (a claim is not
# kept for being in one; a reviewer's move is, through its event).
DERIVED = ("cluster_members", "claim_terms", "conflicts", "suggestions")
# Only a claim of a current article version is a member (the older versions' members go
# when a new version is stored), so a cluster's claims are counted without the articles.
_PUT_MEMBER = (
    "INSERT INTO cluster_members (claim_id, cluster_id, article_id, score, placed_by)"
    " SELECT ?1, ?2, c.article_id, round(?3, 3), ?4 FROM claims c JOIN articles a"
    " ON a.id = c.article_id WHERE c.id = ?1 AND a.is_current = 1"
    " ON CONFLICT (claim_id) DO UPDATE SET"
    " cluster_id = excluded.cluster_id, score = excluded.score, placed_by = excluded.placed_by"
)
_PUT_TERMS = "INSERT OR REPLACE INTO claim_terms (claim_id, terms) VALUES (?, ?)"
# How alike two claims must be for one's denial to contradict the other's assertion.
_SAME_FACT = 0.5
# The most claims a dated claim is compared with for a date conflict, those sharing most
# of its dated clause's terms first (a common actor and act must not cost a scan).
_DATED_CANDIDATES = 50
_INHERITED = 4  # the most conflicts a copy takes from its twin
_COMPARED = 64  # the most claims (and their copies) a new claim is compared with for conflicts


def _encode(profile: Profile) -> str:
    parts = [profile.full.names, profile.full.words, profile.core.names, profile.core.words]
    fields = [" ".join(sorted(p)) for p in parts]
    return "|".join([*fields, profile.when or "", "1" if profile.negated else ""])


def _terms(names: str, words: str) -> Terms:
    from factdesk.cluster.terms import Terms

    n, w = frozenset(names.split()), frozenset(words.split())
    return Terms(n, w, n | w)


def _decode(row: str) -> Profile:
    from factdesk.cluster.terms import Profile

    names, words, core_names, core_words, when, negated = row.split("|")
    full = _terms(names, words)
    core = _terms(core_names, core_words) if (core_names or core_words) else full
    return Profile(full, core, when or None, bool(negated))


class ClusterQueries(ClusterReads):
    """Mixed into Store: clusters and conflicts."""

    _cluster_index: ClusterIndex | None = None
    _index_version = 0  # the file's data_version when the index was read
    _writing_articles = False  # inside add_articles' transaction: no one else writes
    # The members and terms of claims placed, not stored yet (see hold_cluster_rows).
    _held: tuple[list[tuple[int, int, float | None, str | None]], list[tuple[int, str]]] | None = (
        None
    )
    _facts: dict[int, Facts]  # of the claims compared lately, by id

    # -- at import ------------------------------------------------------------------

    def _index(self) -> ClusterIndex:
        """The latest claims indexed (read from the file once per Store, and again when
        another connection has written to it since): at most WINDOW of them."""
        if self._cluster_index is not None and self._writing_articles:
            return self._cluster_index  # (checked when the transaction began)
        version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        if self._cluster_index is None or version != self._index_version:
            self._index_version = version
            self._cluster_index = self._read_index()
            self._facts = {}
        return self._cluster_index

    def _read_index(self) -> ClusterIndex:
        from factdesk.cluster.index import ClusterIndex

        index = ClusterIndex()
        rows = self.conn.execute(
            "SELECT t.claim_id, c.article_id, t.terms, m.cluster_id FROM claim_terms t"
            " JOIN claims c ON c.id = t.claim_id JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN cluster_members m ON m.claim_id = t.claim_id"
            " WHERE a.is_current = 1 ORDER BY t.claim_id DESC LIMIT ?",
            (ClusterIndex.window,),
        ).fetchall()
        rows.reverse()
        if rows:  # the claims read that have conflicts (a copy of one takes them)
            oldest = rows[0][0]
            index.conflicted.update(
                row[0]
                for row in self.conn.execute(
                    "SELECT claim_a FROM conflicts WHERE claim_a >= ?1"
                    " UNION SELECT claim_b FROM conflicts WHERE claim_b >= ?1",
                    (oldest,),
                )
            )
        copies = []
        for claim_id, article_id, encoded, cluster in rows:
            if encoded.startswith("="):  # a copy of the indexed claim named
                copies.append((claim_id, article_id, int(encoded[1:]), cluster))
                continue
            profile = _decode(encoded)
            index.count(profile)
            index.add(claim_id, article_id, profile, cluster)
        # A copy whose twin is older than those read takes the twin's terms (the first
        # such copy is indexed in its place, as when a twin is forgotten).
        older = sorted({twin for _, _, twin, _ in copies if twin not in index.entries})
        terms: dict[int, Profile] = {}
        for part in range(0, len(older), 500):
            ids = older[part : part + 500]
            terms.update(
                (int(twin), _decode(encoded))
                for twin, encoded in self.conn.execute(
                    "SELECT claim_id, terms FROM claim_terms WHERE claim_id IN"
                    f" ({','.join('?' * len(ids))}) AND terms NOT LIKE '=%'",
                    ids,
                )
            )
        heirs: dict[int, int] = {}
        for claim_id, article_id, twin, cluster in copies:
            twin = heirs.get(twin, twin)
            if twin in index.entries:
                index.count(index.entries[twin].profile)
                index.add_copy(claim_id, article_id, twin, cluster)
                continue
            profile = terms.get(twin) or index.profile(self.claim(claim_id).text)
            index.count(profile)
            index.add(claim_id, article_id, profile, cluster)
            heirs[twin] = claim_id
        return index

    def _cluster_article(
        self,
        article_id: int,
        previous: int | None,
        text: str,
        prepared: dict[tuple[int, int], Prepared] | None = None,
        rows: Sequence[tuple[int, int, int]] | None = None,
    ) -> None:
        """Place the claims of a newly stored article version (inside its transaction).
        A sentence the previous version had keeps its cluster (and a reviewer's move);
        every other claim joins the cluster of the stored claim it restates, if any.
        ``prepared`` holds profiles worked out beside the extraction, by offsets;
        ``rows`` the claims (id, start, end) in that order, when the caller knows them."""
        index = self._index()
        if not prepared:  # else the extraction's workers learnt the article's words
            index.learn_acronyms(text)
        if previous is not None:
            old = self.conn.execute("SELECT id FROM claims WHERE article_id = ?", (previous,))
            self._forget_indexed([row[0] for row in old])
        if rows is None:
            rows = self.conn.execute(
                "SELECT id, start, end FROM claims WHERE article_id = ? ORDER BY start, end, id",
                (article_id,),
            ).fetchall()
        prepared = prepared or {}
        profiles = []
        for claim_id, start, end in rows:
            ready = prepared.get((start, end))
            if ready is None:
                profiles.append(index.profile(text[start:end]))
            else:
                profiles.append(ready[0])
                self._keep_facts(claim_id, ready[1])
        claims = [(claim_id, text[start:end]) for claim_id, start, end in rows]
        self._cluster_claims(article_id, claims, previous, profiles)
        if previous is not None:  # what clustering kept of the old version goes
            old_claims = "(SELECT id FROM claims WHERE article_id = :previous)"
            for table, where in (
                ("cluster_members", f"claim_id IN {old_claims}"),
                ("claim_terms", f"claim_id IN {old_claims}"),
                ("conflicts", f"claim_a IN {old_claims} OR claim_b IN {old_claims}"),
            ):
                self.conn.execute(f"DELETE FROM {table} WHERE {where}", {"previous": previous})

    def _cluster_claims(
        self,
        article_id: int,
        rows: Sequence[tuple[int, str]],
        previous: int | None = None,
        profiles: Sequence[Profile] | None = None,
    ) -> None:
        from factdesk.cluster.index import SAME_EVENT, place

        index = self._index()
        if profiles is None:
            profiles = [index.profile(text) for _, text in rows]
        for profile in profiles:
            index.count(profile)
        inherited: dict[str, tuple[int, float | None, str | None]] = {}
        if previous is not None:
            inherited = {
                str(text): (int(cluster), score, placed_by)
                for text, cluster, score, placed_by in self.conn.execute(
                    f"SELECT {CLAIM_TEXT}, m.cluster_id, m.score, m.placed_by FROM claims c"
                    " JOIN articles a ON a.id = c.article_id"
                    " JOIN cluster_members m ON m.claim_id = c.id WHERE c.article_id = ?",
                    (previous,),
                )
            }
        members: list[tuple[int, int, float | None, str | None]] = []
        indexed: list[tuple[int, str]] = []
        said: set[str] = set()  # sentences of this article whose conflicts were looked for
        for (claim_id, text), profile in zip(rows, profiles, strict=True):
            kept = inherited.get(text)
            near: Sequence[Match] = ()
            if kept is not None:
                members.append((claim_id, *kept))
                index.add(claim_id, article_id, profile, kept[0])
                near = index.matches(profile, SAME_EVENT, skip=claim_id)
                cluster: int | None = kept[0]
            else:
                placed = place(index, claim_id, article_id, profile, self._new_cluster)
                if placed.cluster is not None and placed.match is not None:
                    members.append((claim_id, placed.cluster, placed.match.score, None))
                    if placed.starts:
                        members.append((placed.match.claim_id, placed.cluster, None, None))
                near, cluster = placed.near, placed.cluster
            twin = index.copy_of.get(claim_id)
            if twin is not None:
                indexed.append((claim_id, f"={twin}"))
            elif claim_id in index.entries:
                indexed.append((claim_id, _encode(profile)))
            if claim_id in index.entries:
                index.entries[claim_id].said = hash(text)
            if text in said:  # a sentence said again: its first saying's conflicts
                continue  # stand for it (one per article, however often repeated)
            said.add(text)
            if twin is not None and self._same_facts(claim_id, text, twin, index):
                if twin in index.conflicted:  # (else there is nothing to take)
                    self._inherit_conflicts(claim_id, article_id, twin, index)
            else:
                self._find_conflicts(claim_id, article_id, text, profile, index, near, cluster)
        if self._held is not None:  # stored with the batch's (see hold_cluster_rows)
            self._held[0].extend(members)
            self._held[1].extend(indexed)
        else:
            self.conn.executemany(_PUT_MEMBER, members)
            self.conn.executemany(_PUT_TERMS, indexed)
        self._forget_indexed(index.oldest())  # the index holds the latest claims only

    def hold_cluster_rows(self) -> None:
        """Until :meth:`store_cluster_rows`, keep the members and terms of the claims
        placed, to store them in one statement each (a batch of new articles): what reads
        them first stores those held."""
        self._held = ([], [])

    def store_cluster_rows(self, keep_holding: bool = False) -> None:
        """Store the members and terms held (and hold no more, unless asked)."""
        held, self._held = self._held, ([], []) if keep_holding else None
        if held is not None:
            self.conn.executemany(_PUT_MEMBER, held[0])
            self.conn.executemany(_PUT_TERMS, held[1])

    def _store_held(self) -> None:
        if self._held is not None:
            self.store_cluster_rows(keep_holding=True)

    def learn_vocabulary(self, vocabulary: Vocabulary) -> None:
        """Learn the acronyms and names of articles about to be stored, from the workers
        that extracted them (so the index knows how every article writes each word)."""
        self._index().learn(vocabulary)

    def _new_cluster(self) -> int:
        cursor = self.conn.execute("INSERT INTO clusters (created_at) VALUES (?)", (self._now(),))
        return int(cursor.lastrowid or 0)

    def _put_member(
        self, claim_id: int, cluster: int, score: float | None, placed_by: str | None = None
    ) -> None:
        self.conn.execute(_PUT_MEMBER, (claim_id, cluster, score, placed_by))

    def _find_conflicts(
        self,
        claim_id: int,
        article_id: int,
        text: str,
        profile: Profile,
        index: ClusterIndex,
        near: Sequence[Match],
        cluster: int | None,
    ) -> None:
        """Store where a new claim disagrees with a claim of another article about the
        same event. A date: when a clause of each tells of one event (the same actor and
        act) at a different time; those claims are found through the terms of the dated
        clause. A number or polarity: when the two claims share an actor and are alike
        (``near``: the indexed claims alike enough to be about one event; polarity, one
        saying what the other denies, asks them to be one claim, or in one cluster)."""
        from factdesk.cluster.facts import disagreements
        from factdesk.cluster.index import SAME_EVENT

        names = index.names()
        mine = self._facts_of(claim_id, text, names)
        scores = {m.claim_id: m.score for m in near if m.claim_id != claim_id}
        dated: dict[int, int] = {}  # claims sharing a dated clause's rare terms → overlap
        for date in mine.dates:
            clause = date.names | date.words
            for other_id in index.sharing(clause):
                entry = index.entries.get(other_id)
                if entry is not None:
                    overlap = len(clause & entry.profile.full.all)
                    dated[other_id] = max(dated.get(other_id, 0), overlap)
        nearest = sorted(dated, key=lambda i: (-dated[i], -i))[:_DATED_CANDIDATES]
        # claim → the one indexed: the most alike first, then the dated, a bounded number
        found = index.with_copies([*scores, *nearest])
        if len(found) > _COMPARED:
            found = dict(islice(found.items(), _COMPARED))
        # One conflict per sentence of another article and values, held by the sentence's
        # first saying there (whose conflicts its copies show): a sentence it says again
        # (a copy, a repeated paragraph) is the same conflict, another sentence its own.
        stored: set[tuple[int, str, str, str]] = set()
        for other_id in sorted(found):
            other = index.entries.get(other_id)
            if other is None or other_id == claim_id or other.article_id == article_id:
                continue
            if not (mine.dates or mine.numbers) and other.profile.negated == profile.negated:
                continue  # only polarity could differ, and it does not
            terms = other.profile.full.all
            score = scores.get(found[other_id], 0.0)
            actors = bool(profile.full.names & other.profile.full.names)
            event = any(d.names & terms and d.words & terms for d in mine.dates)
            if not event and not (actors and score >= SAME_EVENT):
                continue
            together = cluster is not None and other.cluster == cluster
            theirs = self._facts_of(other_id, None, names)
            first: int | None = None  # the other claim's first saying, found if it disagrees
            for kind, value_a, value_b in disagreements(theirs, mine):
                if kind != "date" and not actors:
                    continue
                if kind == "number" and score < SAME_EVENT:
                    continue
                if kind == "polarity" and score < _SAME_FACT and not together:
                    continue  # a denial of something else
                first = self._saying(other_id) if first is None else first
                if (first, kind, value_a, value_b) in stored:
                    continue
                stored.add((first, kind, value_a, value_b))
                self.conn.execute(
                    "INSERT OR IGNORE INTO conflicts (claim_a, claim_b, kind, value_a, value_b)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (first, claim_id, kind, value_a, value_b),
                )
                index.conflicted.update((first, other_id, claim_id))

    def _same_facts(self, claim_id: int, text: str, twin: int, index: ClusterIndex) -> bool:
        """Whether a copy (the terms of the indexed claim ``twin``) also says its dates,
        numbers and polarity: a sentence syndicated as it was, not one that gives another
        figure. (The very text of its twin says the same, without reading either.)"""
        said = index.entries[twin].said
        if said and said == hash(text):
            return True
        names = index.names()
        return self._facts_of(claim_id, text, names) == self._facts_of(twin, None, names)

    def _inherit_conflicts(
        self, claim_id: int, article_id: int, twin: int, index: ClusterIndex
    ) -> None:
        """A copy that says what its twin says has the twin's first conflicts not dismissed
        (with the claims of other articles than its own): found by one statement, not by
        comparisons, and a few only, so that a sentence syndicated a thousand times costs
        a thousand times a few rows, not a square."""
        self.conn.execute(
            "INSERT OR IGNORE INTO conflicts (claim_a, claim_b, kind, value_a, value_b)"
            " SELECT other, :copy, kind, mine, theirs FROM ("
            " SELECT * FROM (SELECT k.claim_a AS other, k.kind, k.value_a AS mine,"
            " k.value_b AS theirs FROM conflicts k WHERE k.claim_b = :twin"
            " AND k.dismissed_by IS NULL ORDER BY k.id"
            " LIMIT :most) UNION ALL SELECT * FROM (SELECT k.claim_b, k.kind, k.value_b,"
            " k.value_a FROM conflicts k WHERE k.claim_a = :twin"
            " AND k.dismissed_by IS NULL ORDER BY k.claim_b"
            " LIMIT :most)) JOIN claims c ON c.id = other WHERE c.article_id <> :article"
            " LIMIT :most",
            {"copy": claim_id, "twin": twin, "article": article_id, "most": _INHERITED},
        )
        index.conflicted.add(claim_id)

    def _facts_of(self, claim_id: int, text: str | None, names: Container[str]) -> Facts:
        """A claim's facts, kept for the claims compared lately (a bounded number: those
        least lately compared go first, so that a story's first report, which each later
        copy is compared with, stays)."""
        from factdesk.cluster.facts import facts

        found = self._facts.pop(claim_id, None)
        if found is None:
            if text is None:
                text = self.claim(claim_id).text
            return self._keep_facts(claim_id, facts(text, names))
        self._facts[claim_id] = found  # (now the latest)
        return found

    def _keep_facts(self, claim_id: int, found: Facts) -> Facts:
        if len(self._facts) >= _FACTS_KEPT:  # the older half goes
            for old in list(islice(self._facts, _FACTS_KEPT // 2)):
                del self._facts[old]
        self._facts[claim_id] = found
        return found

    def _forget_indexed(self, claim_ids: Sequence[int]) -> None:
        """Stop matching these claims; a copy of one is indexed in its place (in the file
        too, so that the index read back later holds it)."""
        index = self._index()
        if claim_ids:
            self._store_held()  # (the rows it updates are stored first)
        for heir, copies in index.forget(claim_ids):
            terms = [(_encode(index.entries[heir].profile), heir)]
            terms += [(f"={heir}", copy) for copy in copies]
            self.conn.executemany("UPDATE claim_terms SET terms = ? WHERE claim_id = ?", terms)

    def _forget_claims(self, claim_ids: Sequence[int]) -> None:
        """Claims are about to be deleted: their copies take their place, what clustering
        stored of them goes with them (ON DELETE CASCADE), and the index is read again
        from the file when next used."""
        # A claim with no terms row (one a reviewer added) was never indexed and has no
        # copies: it costs a key lookup, not a read of the whole index (seconds on a
        # large desk, on every undo of an added claim).
        indexed = [
            claim_id
            for claim_id in claim_ids
            if self.conn.execute(
                "SELECT 1 FROM claim_terms WHERE claim_id = ?", (claim_id,)
            ).fetchone()
        ]
        if indexed:
            self._forget_indexed(indexed)
            self._cluster_index = None
