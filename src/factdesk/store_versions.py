"""The version half of the Store: when an article gets a new version, review work on
claims whose sentence is still there continues in the new version; work that cannot
continue stays on the old version and its successor is marked "changed since judged"."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from factdesk.continuity import Relocator
from factdesk.store_review import ReviewQueries

Place = tuple[int, int]  # start, end
# A reviewer's rows that continue into a new version as they are (spans are re-located).
_COPIED = {"verdicts": "verdict, flagged, updated_at", "notes": "text, updated_at"}


@dataclass
class Continuation:
    """What a new version did with the review work of the version before it, counted in
    (claim, reviewer) pairs."""

    continued: int = 0
    changed: int = 0  # the sentence changed: its successor is marked
    removed: int = 0  # the sentence is gone: the work stays on the old version only


class VersionQueries(ReviewQueries):
    """Mixed into Store; runs inside the import's write transaction."""

    def _continue_work(
        self, old_article: int, new_article: int, extractor: str | None = None
    ) -> Continuation:
        """Carry review work, "changed since judged" marks and reviewers' positions from
        one version of an article to the next (already stored with its claims, found by
        ``extractor``: a judged claim it no longer finds is kept, stamped with it)."""
        result = Continuation()
        olds = self.conn.execute(
            "SELECT id, start, end, speaker, verb, score, extractor, origin FROM claims"
            " WHERE article_id = ? AND (origin = 'reviewer' OR id IN (SELECT claim_id FROM"
            " verdicts UNION SELECT claim_id FROM notes UNION SELECT claim_id FROM spans"
            " UNION SELECT successor_id FROM superseded UNION SELECT claim_id FROM positions"
            " UNION SELECT claim_id FROM dismissals UNION SELECT claim_id FROM finals))"
            " ORDER BY start, end",
            (old_article,),
        ).fetchall()
        if not olds:
            return result
        old_text = self._text(old_article)
        relocate = Relocator(old_text, self._text(new_article))
        places: dict[Place, int] = {
            (start, end): claim_id
            for claim_id, start, end in self.conn.execute(
                "SELECT id, start, end FROM claims WHERE article_id = ?", (new_article,)
            )
        }
        ranges = sorted(places)
        follows: dict[int, int | None] = {}  # old claim -> the claim that now stands there
        taken: set[Place] = set()
        for old_claim, start, end, *fields in olds:
            text = old_text[start:end]
            found = relocate.find(text, start, taken)
            if found is not None:
                place = (found, found + len(text))
                taken.add(place)
                if place not in places:  # the extractor no longer picks it: keep it anyway
                    if extractor is not None:  # as reextract does: the version now in use
                        fields = [*fields[:3], extractor, fields[4]]  # origin kept
                    places[place] = self._insert_claim(new_article, place, fields)
                elif fields[-1] == "reviewer":  # added by hand: it stays added
                    self.conn.execute(
                        "UPDATE claims SET origin = 'reviewer' WHERE id = ?", (places[place],)
                    )
                follows[old_claim] = places[place]
                self._carry(old_claim, places[place], relocate, result)
                self.conn.execute(  # and so do dismissals (a sentence that changed is new)
                    "INSERT OR IGNORE INTO dismissals (claim_id, reviewer, dismissed_at)"
                    " SELECT ?, reviewer, dismissed_at FROM dismissals WHERE claim_id = ?",
                    (places[place], old_claim),
                )
                self.conn.execute(  # an adjudicated sentence stays adjudicated
                    "INSERT OR IGNORE INTO finals (claim_id, verdict, adjudicator, updated_at)"
                    " SELECT ?, verdict, adjudicator, updated_at FROM finals WHERE claim_id = ?",
                    (places[place], old_claim),
                )
            else:
                index = relocate.nearest(ranges, (start, end))
                follows[old_claim] = places[ranges[index]] if index is not None else None
                for reviewer in self._reviewers_of(old_claim):
                    self._supersede(old_claim, reviewer, follows[old_claim], result)
        for old_claim, new_claim in follows.items():  # still waiting to be judged again
            self.conn.execute(
                "UPDATE superseded SET successor_id = ? WHERE successor_id = ? AND NOT EXISTS"
                " (SELECT 1 FROM verdicts v WHERE v.claim_id = superseded.successor_id"
                " AND v.reviewer = superseded.reviewer AND v.verdict IS NOT NULL)",
                (new_claim, old_claim),
            )
        starts = [start for start, _ in ranges]
        for reviewer, old_claim, start in self.conn.execute(
            "SELECT p.reviewer, p.claim_id, c.start FROM positions p"
            " JOIN claims c ON c.id = p.claim_id WHERE c.article_id = ?",
            (old_article,),
        ).fetchall():
            target = follows.get(old_claim)
            if target is None and ranges:
                index = min(bisect_left(starts, relocate.expected(start)), len(ranges) - 1)
                target = places[ranges[index]]
            if target is not None:
                self.conn.execute(
                    "UPDATE positions SET claim_id = ? WHERE reviewer = ?", (target, reviewer)
                )
        return result

    def continue_all_versions(self) -> None:
        """Carry review work along every article's versions, oldest first: for a file
        written before work continued into new versions (schema 2), whose corrected
        articles hid the verdicts given on their earlier versions."""
        versions: dict[str, list[int]] = {}
        for source, article_id in self.conn.execute(
            "SELECT source, id FROM articles ORDER BY source, version"
        ).fetchall():
            versions.setdefault(source, []).append(article_id)
        for ids in versions.values():
            for old_article, new_article in zip(ids, ids[1:], strict=False):
                self._continue_work(old_article, new_article)

    def successor_of(self, claim_id: int, same_sentence: bool = False) -> int | None:
        """The claim of the current version of its article that stands where this claim
        stood: the same sentence if it is still there, else the claim in its place, else
        the next claim after it; None when the article has no claims now (or, with
        ``same_sentence``, when the sentence is not one of them)."""
        row = self.conn.execute(
            "SELECT c.start, c.end, a.text, n.id, n.text FROM claims c"
            " JOIN articles a ON a.id = c.article_id"
            " JOIN articles n ON n.source = a.source AND n.is_current = 1 WHERE c.id = ?",
            (claim_id,),
        ).fetchone()
        if row is None:
            return None
        start, end, old_text, article_id, new_text = row
        text = old_text[start:end]
        places = {
            (s, e): i
            for i, s, e in self.conn.execute(
                "SELECT id, start, end FROM claims WHERE article_id = ?", (article_id,)
            )
        }
        if not places:
            return None
        relocate = Relocator(old_text, new_text)
        found = relocate.find(text, start)
        if found is not None and (found, found + len(text)) in places:
            return int(places[(found, found + len(text))])
        if same_sentence:
            return None
        ranges = sorted(places)
        index = relocate.nearest(ranges, (start, end))
        if index is None:
            starts = [s for s, _ in ranges]
            index = min(bisect_left(starts, relocate.expected(start)), len(ranges) - 1)
        return int(places[ranges[index]])

    def changed_since_judged(self) -> dict[str, tuple[int, int]]:
        """For each reviewer: claims changed since they judged them and not judged again,
        and pieces of their work whose sentence is gone from the article."""
        counts: dict[str, tuple[int, int]] = {}
        for reviewer, pending, gone in self.conn.execute(
            "SELECT s.reviewer, count(DISTINCT s.successor_id) FILTER (WHERE v.verdict IS NULL"
            " AND s.successor_id IS NOT NULL), count(*) FILTER (WHERE s.successor_id IS NULL)"
            " FROM superseded s LEFT JOIN verdicts v ON v.claim_id = s.successor_id"
            " AND v.reviewer = s.reviewer GROUP BY s.reviewer ORDER BY s.reviewer"
        ):
            if pending or gone:
                counts[reviewer] = (pending, gone)
        return counts

    def _text(self, article_id: int) -> str:
        row = self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return str(row[0])

    def _insert_claim(self, article_id: int, place: Place, fields: list[Any]) -> int:
        """A claim (speaker, verb, score, extractor, origin) at its place in a new version."""
        cursor = self.conn.execute(
            "INSERT INTO claims (article_id, start, end, speaker, verb, score, extractor,"
            " origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, *place, *fields),
        )
        return int(cursor.lastrowid or 0)

    def _reviewers_of(self, claim_id: int) -> list[str]:
        return [
            row[0]
            for row in self.conn.execute(
                "SELECT reviewer FROM verdicts WHERE claim_id = ?1 UNION SELECT reviewer"
                " FROM notes WHERE claim_id = ?1 UNION SELECT reviewer FROM spans"
                " WHERE claim_id = ?1 ORDER BY 1",
                (claim_id,),
            )
        ]

    def _carry(
        self, old_claim: int, new_claim: int, relocate: Relocator, result: Continuation
    ) -> None:
        """Copy each reviewer's work to the claim's place in the new version, when every
        one of their evidence quotes is still in the new text; else mark it superseded."""
        done_there = set(self._reviewers_of(new_claim))
        for reviewer in self._reviewers_of(old_claim):
            if reviewer in done_there:  # newer work there already (see continue_all_versions)
                continue
            work = self.review(old_claim, reviewer)
            # A span in another article stays where it is; one in this article moves.
            moved = [
                (span.start if span.article_id else relocate.find(span.quote, span.start), span)
                for span in work.spans
            ]
            if any(start is None for start, _ in moved):
                self._supersede(old_claim, reviewer, new_claim, result)
                continue
            for table, columns in _COPIED.items():  # the rows as they are, with their times
                self.conn.execute(
                    f"INSERT INTO {table} (claim_id, reviewer, {columns}) SELECT ?, reviewer,"
                    f" {columns} FROM {table} WHERE claim_id = ? AND reviewer = ?",
                    (new_claim, old_claim, reviewer),
                )
            spans = []
            for start, span in moved:
                assert start is not None
                end = start + len(span.quote)
                cursor = self.conn.execute(
                    "INSERT INTO spans (claim_id, reviewer, start, end, quote, created_at,"
                    " article_id) SELECT ?, reviewer, ?, ?, quote, created_at, article_id"
                    " FROM spans WHERE id = ?",
                    (new_claim, start, end, span.id),
                )
                carried = {"id": cursor.lastrowid, "start": start, "end": end, "quote": span.quote}
                if span.article_id:
                    carried["article_id"] = span.article_id
                spans.append(carried)
            after = {"verdict": work.verdict, "flagged": work.flagged, "note": work.note}
            self._log(reviewer, new_claim, "carry", {"claim": old_claim}, after | {"spans": spans})
            result.continued += 1

    def _supersede(
        self, old_claim: int, reviewer: str, successor: int | None, result: Continuation
    ) -> None:
        self.conn.execute(
            "INSERT INTO superseded (claim_id, reviewer, successor_id) VALUES (?, ?, ?)"
            " ON CONFLICT (claim_id, reviewer) DO UPDATE SET successor_id = excluded.successor_id",
            (old_claim, reviewer, successor),
        )
        self._log(reviewer, old_claim, "supersede", None, {"successor": successor})
        if successor is None:
            result.removed += 1
        else:
            result.changed += 1
