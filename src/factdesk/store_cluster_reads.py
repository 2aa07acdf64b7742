"""The reading half of the clusters in the Store: a claim's cluster (in full for the
cluster screen, in brief for the card), every cluster, and the conflicts between claims,
each in a few indexed reads however many times an article repeats a claim."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from factdesk.cluster.views import Cluster, Conflict, Member
from factdesk.store_suggest import OTHER_ARTICLES, SuggestQueries

# Claims of current articles in clusters, with the size of each cluster among them.
_SIZES = (
    "SELECT m.cluster_id, count(*) AS size FROM cluster_members m"
    " JOIN claims c ON c.id = m.claim_id JOIN articles a ON a.id = c.article_id"
    " WHERE a.is_current = 1 GROUP BY m.cluster_id"
)
_BRIEF_ARTICLES = 4  # the other articles whose claims the card's brief view reads


class ClusterReads(SuggestQueries):
    """Mixed into Store: reading clusters and conflicts."""

    def cluster_map(self) -> dict[int, tuple[int, int]]:
        """For each claim of a current article in a cluster of two or more: the cluster's
        id and size."""
        return {
            int(claim_id): (int(cluster), int(size))
            for claim_id, cluster, size in self.conn.execute(
                f"WITH sizes AS ({_SIZES}) SELECT m.claim_id, m.cluster_id, s.size"
                " FROM cluster_members m JOIN sizes s ON s.cluster_id = m.cluster_id"
                " JOIN claims c ON c.id = m.claim_id JOIN articles a ON a.id = c.article_id"
                " WHERE a.is_current = 1 AND s.size >= 2"
            )
        }

    def cluster_of(self, claim_id: int, brief: bool = False) -> Cluster | None:
        """The cluster a claim is in, with its claims of current articles (None when the
        claim is alone). ``brief``, for the claim card: the claim and one claim for each of
        its own article's copies and of the first few other articles, with the cluster's
        totals (a few indexed queries, as cheap for a cluster of a thousand claims, or
        an article that repeats one, as for two)."""
        row = self.conn.execute(
            "SELECT m.cluster_id, c.article_id FROM cluster_members m"
            " JOIN claims c ON c.id = m.claim_id WHERE m.claim_id = ?",
            (claim_id,),
        ).fetchone()
        if row is None:
            return None
        if not brief:
            return next(iter(self._clusters("m.cluster_id = ?", (row[0],))), None)
        return self._brief(claim_id, row[0], row[1])

    def _brief(self, claim_id: int, cluster: int, article: int) -> Cluster | None:
        """The card's view of a claim's cluster: the claim, and one claim standing for
        each of its article's copies and of the first few other articles' claims, with
        how many each article holds and the verdicts given on them. Copies are counted
        and their verdicts found in indexes, their text never read: an article that says a
        thing four thousand times costs what one that says it twice does."""
        params: dict[str, int | None] = {"cluster": cluster, "article": article}
        params.update(claim=claim_id, shown=_BRIEF_ARTICLES)
        others = self.conn.execute(OTHER_ARTICLES, params).fetchall()
        shown = f"(:article, {', '.join(f':a{i}' for i in range(_BRIEF_ARTICLES))})"
        params.update({f"a{i}": None for i in range(_BRIEF_ARTICLES)})
        params.update({f"a{i}": int(found[0]) for i, found in enumerate(others)})
        copies: dict[int, int] = {article: 1}
        standing = [claim_id]  # the claim, then one claim for the rest of each article
        for article_id, first, count in self.conn.execute(
            "SELECT article_id, min(claim_id), count(*) FROM cluster_members"
            f" WHERE cluster_id = :cluster AND article_id IN {shown} AND claim_id <> :claim"
            " GROUP BY article_id",
            params,
        ):
            copies[article_id] = count + (article_id == article)
            standing.append(first)
        total, articles = sum(copies.values()), len(copies)
        if total < 2:
            return None
        if len(others) == _BRIEF_ARTICLES:  # there may be more articles: count them all
            total, articles = self.conn.execute(
                "SELECT count(*), count(DISTINCT article_id) FROM cluster_members"
                " WHERE cluster_id = :cluster",
                params,
            ).fetchone()
        verdicts: dict[int, dict[str, str]] = {}  # article → each reviewer's first verdict
        for article_id, reviewer, verdict, _ in self.conn.execute(
            # The verdict on the first claim (the first extracted) each reviewer judged:
            # SQLite takes a bare column from the row that min() chose.
            "SELECT m.article_id, v.reviewer, v.verdict, min(m.claim_id)"
            " FROM cluster_members m CROSS JOIN verdicts v ON v.claim_id = m.claim_id"
            f" WHERE m.cluster_id = :cluster AND m.article_id IN {shown}"
            " AND m.claim_id <> :claim AND v.verdict IS NOT NULL"
            " GROUP BY m.article_id, v.reviewer ORDER BY v.reviewer",
            params,
        ):
            verdicts.setdefault(article_id, {})[reviewer] = verdict
        found = self._clusters(f"m.claim_id IN ({', '.join('?' * len(standing))})", standing)
        if not found:
            return None
        members = tuple(
            m if m.claim_id == claim_id else replace(m, verdicts=verdicts.get(m.article_id, {}))
            for m in found[0].members
        )
        return Cluster(cluster, members, total, articles, copies)

    def clusters(self, min_size: int = 2) -> list[Cluster]:
        """Every cluster of at least ``min_size`` claims of current articles, in the order
        of their first claim in the queue."""
        return [c for c in self._clusters("1", ()) if len(c.members) >= max(2, min_size)]

    def _clusters(self, where: str, params: Sequence[Any] | dict[str, Any]) -> list[Cluster]:
        members: dict[int, list[Member]] = {}
        verdicts: dict[int, dict[str, str]] = {}
        rows = self.conn.execute(
            "SELECT m.cluster_id, c.id, c.article_id, a.title, c.start, c.end, a.sha256,"
            " c.speaker"
            " FROM cluster_members m JOIN claims c ON c.id = m.claim_id"
            f" JOIN articles a ON a.id = c.article_id WHERE a.is_current = 1 AND {where}"
            " ORDER BY a.slot, c.start, c.end, c.id",
            params,
        ).fetchall()
        ids = [r[1] for r in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for claim_id, reviewer, verdict in self.conn.execute(
                "SELECT claim_id, reviewer, verdict FROM verdicts WHERE verdict IS NOT NULL"
                f" AND claim_id IN ({marks}) ORDER BY reviewer",
                chunk,
            ):
                verdicts.setdefault(claim_id, {})[reviewer] = verdict
        for cluster, claim_id, article_id, title, start, end, sha256, speaker in rows:
            text = self.article_text(article_id, sha256)[start:end]  # one read an article
            members.setdefault(cluster, []).append(
                Member(claim_id, article_id, title, text, speaker, verdicts.get(claim_id, {}))
            )
        return [
            Cluster(cluster, tuple(found)) for cluster, found in members.items() if len(found) > 1
        ]

    def _store_held(self) -> None:
        """Store the cluster rows held for a batch, if any (see ClusterQueries)."""

    def _saying(self, claim_id: int) -> int:
        """The claim whose conflicts are this one's: the first claim in a cluster of its
        article with its very text (a sentence an article says again has the conflicts of
        its first saying, found at import), else the claim itself. Found by its text: the
        first place the article says it that is a claim, by the claims' (article, start,
        end) index, however many claims come before."""
        self._store_held()
        row = self.conn.execute(
            "SELECT c.article_id, c.start, c.end, a.sha256 FROM cluster_members m"
            " JOIN claims c ON c.id = m.claim_id JOIN articles a ON a.id = c.article_id"
            " WHERE m.claim_id = ?",
            (claim_id,),
        ).fetchone()
        if row is None:
            return claim_id
        article_id, start, end, sha256 = row
        text = self.article_text(article_id, sha256)
        said = text[start:end]
        at = text.find(said)
        while 0 <= at < start:  # (a place inside a longer claim is passed over)
            found = self.conn.execute(
                "SELECT c.id FROM claims c JOIN cluster_members m ON m.claim_id = c.id"
                " WHERE c.article_id = ? AND c.start = ? AND c.end = ?",
                (article_id, at, at + len(said)),
            ).fetchone()
            if found is not None:
                return int(found[0])
            at = text.find(said, at + 1)
        return claim_id

    def card_conflicts(self, claim_id: int, limit: int) -> tuple[list[Conflict], int]:
        """A claim's first ``limit`` conflicts (not dismissed) and how many it has: the
        card's, with its first saying found once."""
        saying = self._saying(claim_id)
        return self._conflicts(claim_id, saying, False, limit), self._conflict_total(saying)

    def conflict_total(self, claim_id: int) -> int:
        """How many conflicts a claim has, not dismissed (two indexed counts)."""
        return self._conflict_total(self._saying(claim_id))

    def _conflict_total(self, saying: int) -> int:
        return sum(
            self.conn.execute(
                f"SELECT count(*) FROM conflicts WHERE {column} = ? AND dismissed_by IS NULL",
                (saying,),
            ).fetchone()[0]
            for column in ("claim_a", "claim_b")
        )

    def conflicts(
        self, claim_id: int | None = None, include_dismissed: bool = False, limit: int = -1
    ) -> list[Conflict]:
        """The conflicts between claims of current articles (of one claim, when given),
        without the dismissed ones unless asked; the first ``limit`` of them, if given
        (for one claim, the first found)."""
        saying = None if claim_id is None else self._saying(claim_id)
        return self._conflicts(claim_id, saying, include_dismissed, limit)

    def _conflicts(
        self, claim_id: int | None, saying: int | None, include_dismissed: bool, limit: int
    ) -> list[Conflict]:
        where = "" if include_dismissed else " AND k.dismissed_by IS NULL"
        if claim_id is not None:
            kept = "" if include_dismissed else " AND dismissed_by IS NULL"
            where += (
                f" AND k.id IN (SELECT id FROM conflicts WHERE claim_a = :claim{kept}"
                f" UNION ALL SELECT id FROM conflicts WHERE claim_b = :claim{kept}"
                " ORDER BY id LIMIT :limit)"
            )
        rows = self.conn.execute(
            "SELECT k.id, k.claim_a, k.claim_b, k.kind, k.value_a, k.value_b, ca.article_id,"
            " cb.article_id, aa.title, ab.title, k.dismissed_by FROM conflicts k"
            " JOIN claims ca ON ca.id = k.claim_a JOIN articles aa ON aa.id = ca.article_id"
            " JOIN claims cb ON cb.id = k.claim_b JOIN articles ab ON ab.id = cb.article_id"
            f" WHERE aa.is_current = 1 AND ab.is_current = 1{where}"
            " ORDER BY aa.slot, ca.start, ab.slot, cb.start, k.id LIMIT :limit",
            {"claim": saying, "limit": limit},
        )
        here = {saying: claim_id} if claim_id is not None and saying is not None else {}
        # (a repeated sentence's conflicts, told as its own)
        return [
            Conflict(
                r[0],
                (here.get(r[1], r[1]), here.get(r[2], r[2])),
                r[3],
                (r[4], r[5]),
                (r[6], r[7]),
                (r[8], r[9]),
                r[10],
            )
            for r in rows
        ]
