"""Suggested evidence in the store: worked out when an article's claims are stored (or
re-extracted, or one is added by hand), read by the card and ``claims --suggest``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from factdesk.evidence.views import FLOOR, KEPT, OTHER_ARTICLE, SHOWN, Suggestion
from factdesk.models import ExtractedClaim
from factdesk.store_review import ReviewQueries

if TYPE_CHECKING:
    from factdesk.evidence.suggest import Suggested

_OTHER_ARTICLES = 4  # the other articles of a claim's cluster whose suggestions it reads
_PER_CLAIM = 2  # ... the best suggestions of each of their claims
_CLAIMS_READ = 5  # ... of the first few of their claims in the cluster
# The first :shown articles of cluster :cluster other than :article, each found by one
# seek in the (cluster_id, article_id) index, not by walking the claims of each.
OTHER_ARTICLES = (
    "WITH RECURSIVE found(article_id) AS (SELECT min(article_id) FROM cluster_members"
    " WHERE cluster_id = :cluster UNION ALL SELECT (SELECT min(article_id)"
    " FROM cluster_members WHERE cluster_id = :cluster AND article_id > found.article_id)"
    " FROM found WHERE found.article_id IS NOT NULL LIMIT :shown + 2)"
    " SELECT article_id FROM found WHERE article_id IS NOT NULL"
    " AND article_id <> :article LIMIT :shown"
)
_PUT = "INSERT INTO suggestions (claim_id, rank, start, end, cue, score) VALUES (?, ?, ?, ?, ?, ?)"


class SuggestQueries(ReviewQueries):
    """Mixed into Store: suggested evidence."""

    def _suggest_article(
        self,
        article_id: int,
        text: str,
        ready: dict[tuple[int, int], list[Suggested]],
        new: bool = False,
        rows: Sequence[tuple[int, int, int, str | None, str | None, float]] | None = None,
        put: list[tuple[int, int, int, int, str, float]] | None = None,
    ) -> None:
        """Store the suggestions of an article's claims (inside the caller's transaction):
        those worked out beside the extraction (``ready``, by offsets), the others here.
        ``new``: the article was just stored, so it has none to replace. ``rows``: its
        claims (id, start, end, speaker, verb, score), when the caller knows them; ``put``:
        where to add the rows to insert, for a caller that stores many articles' at once."""
        from factdesk.evidence.suggest import read_article, suggest  # (not at the desk's start)
        from factdesk.extract import split_sentences

        if rows is None:
            rows = self.conn.execute(
                "SELECT id, start, end, speaker, verb, score FROM claims WHERE article_id = ?",
                (article_id,),
            ).fetchall()
        article = None
        found = []
        for claim_id, start, end, speaker, verb, score in rows:
            ranked = ready.get((start, end))
            if ranked is None:
                if article is None:
                    article = read_article(text, split_sentences(text))
                claim = ExtractedClaim(start, end, text[start:end], speaker, verb, score)
                ranked = suggest(article, claim)
            found += [
                (claim_id, rank, s.start, s.end, s.cue, s.score)
                for rank, s in enumerate(ranked[:KEPT], start=1)
            ]
        if not new:
            self._forget_suggestions(article_id)
        if put is not None:
            put += found
        else:
            self.conn.executemany(_PUT, found)

    def _put_suggestions(self, claim_id: int, ranked: Sequence[Suggested]) -> None:
        """Store one claim's suggestions (a claim added by hand)."""
        self.conn.executemany(
            _PUT, [(claim_id, r, s.start, s.end, s.cue, s.score) for r, s in enumerate(ranked, 1)]
        )

    def _forget_suggestions(self, article_id: int) -> None:
        """The suggestions of an article's claims go (it has a new version, or they are
        worked out again)."""
        self.conn.execute(
            "DELETE FROM suggestions WHERE claim_id IN"
            " (SELECT id FROM claims WHERE article_id = ?)",
            (article_id,),
        )

    def suggest_all(self) -> None:
        """Work out the suggestions of every current article (a file from before them)."""
        for article_id, text in self.conn.execute(
            "SELECT id, text FROM articles WHERE is_current = 1 ORDER BY id"
        ).fetchall():
            self._suggest_article(article_id, text, {})

    def suggestions(self, claim_id: int, limit: int = SHOWN) -> list[Suggestion]:
        """The best suggestions for a claim, from its article and from the other articles
        of its cluster (the best of each of their claims there, worth a little less), each
        with its quote, exact at its offsets. A few indexed reads."""
        params: dict[str, object] = {
            "claim": claim_id,
            "per": _PER_CLAIM,
            "copies": _CLAIMS_READ,
            "worth": OTHER_ARTICLE,
        }
        own = self.conn.execute(
            "SELECT c.article_id, s.start, s.end, s.cue, s.score FROM suggestions s"
            " JOIN claims c ON c.id = s.claim_id WHERE s.claim_id = :claim ORDER BY s.rank",
            params,
        ).fetchall()
        others: list[tuple[int, int, int, str, float]] = []
        mine = self.conn.execute(
            "SELECT cluster_id, article_id FROM cluster_members WHERE claim_id = :claim", params
        ).fetchone()
        if mine is not None:
            params.update(cluster=mine[0], article=mine[1], shown=_OTHER_ARTICLES)
            for (article,) in self.conn.execute(OTHER_ARTICLES, params).fetchall():
                # Its first few claims in the cluster: an article that repeats the claim a
                # thousand times has the same suggestions a thousand times.
                others += self.conn.execute(
                    "SELECT m.article_id, s.start, s.end, s.cue, s.score * :worth"
                    " FROM cluster_members m"
                    " JOIN suggestions s ON s.claim_id = m.claim_id AND s.rank <= :per"
                    " WHERE m.cluster_id = :cluster AND m.article_id = :other"
                    " AND m.claim_id IN (SELECT claim_id FROM cluster_members"
                    " WHERE cluster_id = :cluster AND article_id = :other"
                    " ORDER BY claim_id LIMIT :copies)",
                    {**params, "other": article},
                ).fetchall()
        best: dict[tuple[int, int, int], tuple[int, int, int, str, float]] = {}
        for row in [*own, *others]:
            if row[4] < FLOOR:
                continue  # another article's suggestion, too weak once weighed
            key = (row[0], row[1], row[2])
            if key not in best or best[key][4] < row[4]:
                best[key] = row
        chosen = sorted(best.values(), key=lambda r: (-r[4], r[0], r[1]))
        return [self._suggestion(*row) for row in chosen[:limit]]

    def _suggestion(
        self, article_id: int, start: int, end: int, cue: str, score: float
    ) -> Suggestion:
        sha256, title = self.conn.execute(
            "SELECT sha256, title FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        quote = self.article_text(article_id, sha256)[start:end]  # the article's, kept
        return Suggestion(article_id, start, end, quote, cue, round(score, 3), str(title))
