"""The export half of the Store: streaming queries for verdict exports and status."""

from __future__ import annotations

import sqlite3
from collections.abc import Generator, Iterator, Sequence
from typing import Any

from factdesk.models import THRESHOLD, Verdict

# Every (claim, reviewer) pair with any work on it: a verdict or flag, a note, a span, a
# dismissal.
_WORK = """
WITH work AS (
    SELECT claim_id, reviewer FROM verdicts
    UNION SELECT claim_id, reviewer FROM notes
    UNION SELECT claim_id, reviewer FROM spans
    UNION SELECT claim_id, reviewer FROM dismissals
)"""
# The row's reviewer dismissed the claim (a row with no reviewer: nobody's dismissal).
_DISMISSED = (
    "EXISTS (SELECT 1 FROM dismissals d WHERE d.claim_id = c.id AND d.reviewer = w.reviewer)"
)

_SUPERSEDED = (
    "EXISTS (SELECT 1 FROM superseded x WHERE x.claim_id = c.id AND x.reviewer = w.reviewer)"
)


class ExportQueries:
    """Mixed into Store; relies on its connection."""

    conn: sqlite3.Connection

    def _export_where(
        self, reviewer: str | None, verdict: Verdict | None, every_claim: bool, min_score: float
    ) -> tuple[str, str, list[Any]]:
        join_on = "w.claim_id = c.id"
        params: list[Any] = []
        if reviewer is not None:
            join_on += " AND w.reviewer = ?"
            params.append(reviewer)
        if every_claim:
            # With every claim: those at the threshold, the added ones and any with work
            # (a dismissal too), also work kept on earlier versions of corrected articles
            # because the sentence changed under it (see the superseded table).
            where = (
                f"(a.is_current = 1 OR {_SUPERSEDED}) AND (c.score >= ?"
                " OR c.origin = 'reviewer' OR w.reviewer IS NOT NULL)"
            )
            params.append(min_score)
        else:  # judged claims, at any score, unless the row's reviewer dismissed them
            where = f"a.is_current = 1 AND NOT {_DISMISSED}"
        if verdict is not None:
            where += " AND v.verdict = ?"
            params.append(verdict.value)
        elif not every_claim:
            where += " AND v.verdict IS NOT NULL"
        return join_on, where, params

    def export_rows(
        self,
        reviewer: str | None,
        verdict: Verdict | None,
        every_claim: bool,
        min_score: float = THRESHOLD,
    ) -> Iterator[dict[str, Any]]:
        """One row per claim and reviewer, in claim order, streamed from the database.
        By default only judged claims; ``every_claim`` adds the rest at the threshold
        (with no reviewer), the added ones and the dismissed ones."""
        join_on, where, params = self._export_where(reviewer, verdict, every_claim, min_score)
        cursor = self.conn.execute(
            f"""{_WORK}
            SELECT c.id AS claim_id, a.id AS article_id, a.source AS article_source,
                   a.title AS article_title, a.url AS article_url,
                   a.published AS article_published, a.sha256 AS article_sha256,
                   a.version AS article_version, c.start AS claim_start, c.end AS claim_end,
                   '' AS claim_text, c.speaker, c.score, w.reviewer, v.verdict,
                   v.updated_at AS reviewed_at, n.text AS note, v.flagged,
                   CASE WHEN {_DISMISSED} THEN 'dismissed'
                        WHEN c.origin = 'reviewer' THEN 'added'
                        ELSE 'extracted' END AS claim_status
            FROM claims c JOIN articles a ON a.id = c.article_id
            LEFT JOIN work w ON {join_on}
            LEFT JOIN verdicts v ON v.claim_id = c.id AND v.reviewer = w.reviewer
            LEFT JOIN notes n ON n.claim_id = c.id AND n.reviewer = w.reviewer
            WHERE {where}
            ORDER BY c.id, w.reviewer""",
            params,
        )
        keys = [d[0] for d in cursor.description]
        for row in cursor:  # (claim_text: from the article, by the export's Checked)
            yield dict(zip(keys, row, strict=True))

    def export_spans(
        self, reviewer: str | None, every_claim: bool = False
    ) -> Generator[tuple[int, str, int, int, str, int | None], None, None]:
        """Evidence spans as (claim_id, reviewer, start, end, quote, article_id: None for
        the claim's article), in the order of :meth:`export_rows`, so the two can be merged
        while streaming."""
        extra, params = ("AND s.reviewer = ?", (reviewer,)) if reviewer is not None else ("", ())
        current = "a.is_current = 1"
        if every_claim:
            current = f"({current} OR {_SUPERSEDED.replace('w.reviewer', 's.reviewer')})"
        cursor = self.conn.execute(
            "SELECT s.claim_id, s.reviewer, s.start, s.end, s.quote, s.article_id FROM spans s"
            " JOIN claims c ON c.id = s.claim_id JOIN articles a ON a.id = c.article_id"
            f" WHERE {current} {extra} ORDER BY s.claim_id, s.reviewer,"
            " s.article_id IS NOT NULL, s.start, s.id",
            params,
        )
        yield from cursor

    def progress_by_reviewer(self) -> list[tuple[str, dict[str, int]]]:
        """For each reviewer: judged claims of the current queue, per verdict, and flags
        (not counting the claims they dismissed)."""
        result: dict[str, dict[str, int]] = {}
        for reviewer, verdict, flagged, n in self.conn.execute(
            "SELECT v.reviewer, v.verdict, v.flagged, count(*) FROM verdicts v"
            " JOIN claims c ON c.id = v.claim_id JOIN articles a ON a.id = c.article_id"
            " WHERE a.is_current = 1 AND NOT EXISTS (SELECT 1 FROM dismissals d"
            " WHERE d.claim_id = v.claim_id AND d.reviewer = v.reviewer)"
            " GROUP BY v.reviewer, v.verdict, v.flagged ORDER BY v.reviewer"
        ):
            counts = result.setdefault(
                reviewer, {"judged": 0, "flagged": 0} | dict.fromkeys(Verdict, 0)
            )
            if verdict:
                counts[verdict] += n
                counts["judged"] += n
            if flagged:
                counts["flagged"] += n
        return list(result.items())

    def dismissed_by_reviewer(self) -> dict[str, int]:
        """For each reviewer: the claims of current articles they dismissed."""
        return dict(
            self.conn.execute(
                "SELECT d.reviewer, count(*) FROM dismissals d JOIN claims c ON c.id = d.claim_id"
                " JOIN articles a ON a.id = c.article_id WHERE a.is_current = 1"
                " GROUP BY d.reviewer"
            ).fetchall()
        )

    def progress_by_article(self) -> Iterator[tuple[int, str, str, int, int]]:
        """For each current article: id, source, title, claims (at the default threshold,
        and the added ones), and claims judged by anyone (at any score)."""
        yield from self.conn.execute(
            "SELECT a.id, a.source, a.title,"
            " count(DISTINCT CASE WHEN c.score >= ? OR c.origin = 'reviewer' THEN c.id END),"
            " count(DISTINCT CASE WHEN v.verdict IS NOT NULL THEN c.id END)"
            " FROM articles a LEFT JOIN claims c ON c.article_id = a.id"
            " LEFT JOIN verdicts v ON v.claim_id = c.id"
            " WHERE a.is_current = 1 GROUP BY a.id ORDER BY a.id",
            (THRESHOLD,),
        )

    def verdict_rows(self) -> list[tuple[int, int, str, str, str]]:
        """Every verdict on a claim of a current article: (claim_id, article_id, article
        title, reviewer, verdict), by article and claim."""
        return self.conn.execute(
            "SELECT v.claim_id, c.article_id, a.title, v.reviewer, v.verdict FROM verdicts v"
            " JOIN claims c ON c.id = v.claim_id JOIN articles a ON a.id = c.article_id"
            " WHERE a.is_current = 1 AND v.verdict IS NOT NULL"
            " ORDER BY a.slot, c.start, c.id, v.reviewer"
        ).fetchall()

    def span_rows(self, claim_ids: Sequence[int]) -> list[tuple[int, str, int, int, int]]:
        """The evidence spans of these claims: (claim_id, reviewer, article_id, start, end),
        the article being the one the span quotes."""
        found: list[tuple[int, str, int, int, int]] = []
        for first in range(0, len(claim_ids), 500):
            chunk = claim_ids[first : first + 500]
            marks = ", ".join("?" * len(chunk))
            found += self.conn.execute(
                "SELECT s.claim_id, s.reviewer, coalesce(s.article_id, c.article_id), s.start,"
                " s.end FROM spans s JOIN claims c ON c.id = s.claim_id"
                f" WHERE s.claim_id IN ({marks})",
                chunk,
            ).fetchall()
        return found
