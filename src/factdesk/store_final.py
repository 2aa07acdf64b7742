"""The adjudication half of the Store: the claims reviewers disagree on, each reviewer's
work on one side by side, and the final verdict an adjudicator gives (an event like any
other: undoable, merged, exported with ``export --final``)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from factdesk.models import Progress, QueueRow, Review, Verdict
from factdesk.store_review import _CURRENT, CLAIM_TEXT, QUEUE_ORDER, ReviewQueries

# The claims two or more reviewers gave different verdicts.
DISAGREED = (
    "SELECT claim_id FROM verdicts WHERE verdict IS NOT NULL"
    " GROUP BY claim_id HAVING count(DISTINCT verdict) > 1"
)
# The adjudication queue: the claims reviewers disagree on, and those adjudicated (whose
# reviewers may agree since), of current articles.
_ADJUDICATED = f"c.id IN ({DISAGREED} UNION SELECT claim_id FROM finals)"


@dataclass(frozen=True, slots=True)
class Final:
    """An adjudicator's final verdict on a claim (None: taken back)."""

    verdict: Verdict | None
    adjudicator: str
    updated_at: str


class FinalQueries(ReviewQueries):
    """Mixed into Store: the adjudication queue, reviewers' work side by side, finals."""

    def adjudication_ids(self) -> array[int]:
        """The claims to adjudicate, in queue order (articles, then place)."""
        return array(
            "q",
            (r[0] for r in self.conn.execute(
                f"SELECT c.id {_CURRENT} AND {_ADJUDICATED} ORDER BY {QUEUE_ORDER}"
            )),
        )  # fmt: skip

    def adjudication_progress(self) -> Progress:
        """How many of those claims have a final verdict, per verdict."""
        progress = Progress(0, word="adjudicated")
        for verdict, count in self.conn.execute(
            "SELECT f.verdict, count(*) FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN finals f ON f.claim_id = c.id"
            f" WHERE a.is_current = 1 AND {_ADJUDICATED} GROUP BY f.verdict"
        ):
            progress.total += count
            if verdict:
                progress.counts[Verdict(verdict)] = count
        return progress

    def first_unadjudicated(self) -> int | None:
        """The first claim of the queue without a final verdict."""
        row = self.conn.execute(
            f"SELECT c.id {_CURRENT} AND {_ADJUDICATED} AND NOT EXISTS (SELECT 1 FROM finals f"
            f" WHERE f.claim_id = c.id AND f.verdict IS NOT NULL) ORDER BY {QUEUE_ORDER} LIMIT 1"
        ).fetchone()
        return int(row[0]) if row else None

    def final(self, claim_id: int) -> Final | None:
        """The final verdict on a claim, if one was ever given."""
        row = self.conn.execute(
            "SELECT verdict, adjudicator, updated_at FROM finals WHERE claim_id = ?", (claim_id,)
        ).fetchone()
        return Final(Verdict(row[0]) if row[0] else None, row[1], row[2]) if row else None

    def final_rows(self, ids: Sequence[int]) -> dict[int, QueueRow]:
        """What the adjudication queue shows for these claims: the final verdict."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT c.id, f.verdict, {CLAIM_TEXT}, a.title FROM claims c"
            " JOIN articles a ON a.id = c.article_id LEFT JOIN finals f ON f.claim_id = c.id"
            f" WHERE c.id IN ({marks})",
            tuple(ids),
        )
        return {
            r[0]: QueueRow(r[0], Verdict(r[1]) if r[1] else None, False, r[2], r[3]) for r in rows
        }

    def reviewers_work(self, claim_id: int) -> list[tuple[str, Review]]:
        """Each reviewer's work on a claim (verdict, evidence, note), by name: what an
        adjudicator weighs."""
        names = [
            row[0]
            for row in self.conn.execute(
                "SELECT reviewer FROM verdicts WHERE claim_id = ?1 AND verdict IS NOT NULL"
                " UNION SELECT reviewer FROM spans WHERE claim_id = ?1"
                " UNION SELECT reviewer FROM notes WHERE claim_id = ?1 ORDER BY 1",
                (claim_id,),
            )
        ]
        return [(name, self.review(claim_id, name)) for name in names]

    def adjudicated_review(self, claim_id: int, adjudicator: str) -> tuple[Review, Final | None]:
        """The adjudicator's work on a claim, with the final verdict as its verdict; and
        the final verdict, with who gave it."""
        final = self.final(claim_id)
        review = self.review(claim_id, adjudicator)
        return replace(review, verdict=final.verdict if final else None), final

    def set_final(self, claim_id: int, adjudicator: str, verdict: Verdict | None) -> Review:
        """Give (or with None, take back) the final verdict on a claim, logged as a
        ``final`` event that undo reverts."""
        with self._write():
            self._check_current(claim_id)
            before = self.final(claim_id)
            self._put_final(claim_id, adjudicator, verdict)
            self._log(
                adjudicator, claim_id, "final",
                {"final": before.verdict if before else None,
                 "adjudicator": before.adjudicator if before else None},
                {"final": verdict},
            )  # fmt: skip
        return self.adjudicated_review(claim_id, adjudicator)[0]

    def _put_final(self, claim_id: int, adjudicator: str | None, verdict: str | None) -> None:
        """Write a final verdict (adjudicator None, with no verdict: no final at all)."""
        if adjudicator is None:
            self.conn.execute("DELETE FROM finals WHERE claim_id = ?", (claim_id,))
            return
        self.conn.execute(
            "INSERT INTO finals (claim_id, verdict, adjudicator, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (claim_id) DO UPDATE SET verdict = excluded.verdict,"
            " adjudicator = excluded.adjudicator, updated_at = excluded.updated_at",
            (claim_id, verdict, adjudicator, self._now()),
        )

    def final_claims(self) -> Iterator[list[dict[str, Any]]]:
        """For ``export --final``: each claim of a current article that a reviewer judged
        or an adjudicator decided, in claim order, as its reviewers' rows (one per
        reviewer with a verdict, each with the final verdict's columns)."""
        cursor = self.conn.execute(
            "SELECT c.id AS claim_id, a.id AS article_id, a.source AS article_source,"
            " a.title AS article_title, a.url AS article_url,"
            " a.published AS article_published, a.sha256 AS article_sha256,"
            " a.version AS article_version, c.start AS claim_start, c.end AS claim_end,"
            " '' AS claim_text, c.speaker, c.score,"  # (the export's Checked fills it)
            " CASE WHEN c.origin = 'reviewer' THEN 'added' ELSE 'extracted' END"
            " AS claim_status, v.reviewer, v.verdict,"
            " v.updated_at AS reviewed_at, v.flagged, n.text AS note,"
            " f.verdict AS final, f.adjudicator, f.updated_at AS decided_at,"
            " (SELECT text FROM notes WHERE claim_id = c.id AND reviewer = f.adjudicator)"
            " AS final_note FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN verdicts v ON v.claim_id = c.id AND v.verdict IS NOT NULL"
            " LEFT JOIN notes n ON n.claim_id = c.id AND n.reviewer = v.reviewer"
            " LEFT JOIN finals f ON f.claim_id = c.id AND f.verdict IS NOT NULL"
            " WHERE a.is_current = 1 AND c.id IN (SELECT claim_id FROM verdicts"
            " WHERE verdict IS NOT NULL UNION SELECT claim_id FROM finals"
            " WHERE verdict IS NOT NULL) ORDER BY c.id, v.reviewer"
        )
        keys = [d[0] for d in cursor.description]
        group: list[dict[str, Any]] = []
        for row in cursor:
            item = dict(zip(keys, row, strict=True))
            if group and group[0]["claim_id"] != item["claim_id"]:
                yield group
                group = []
            group.append(item)
        if group:
            yield group
