"""The claim-list half of the Store: which claims each reviewer's queue holds (their
threshold, their dismissals, the filters), with its progress and where to resume; the
reviewer's corrections to what the extractor chose (adding a span as a claim, dismissing a
claim as not check-worthy); and the threshold each reviewer keeps."""

from __future__ import annotations

import math
from array import array

from factdesk.models import (
    MAX_CLAIM_CHARS,
    THRESHOLD,
    AddedClaim,
    ArticleSuperseded,
    FactdeskError,
    Progress,
    QueueFilter,
    Verdict,
)
from factdesk.store_review import _CURRENT, CLAIM_TEXT, QUEUE_ORDER
from factdesk.store_suggest import SuggestQueries

MIN_SCORE = "min_score"  # the settings row that holds a reviewer's threshold
_QUEUE_ORDER_DESC = ", ".join(f"{column} DESC" for column in QUEUE_ORDER.split(", "))
# The events that may change which claims a queue holds (an undo may: of an add, a
# dismissal, a restore, or work that restored a claim). Written exactly as the
# events_lists index in schema.sql, so that the newest one is one index lookup.
LIST_EVENTS = "('claim_add', 'dismiss', 'restore', 'undo', 'reextract')"
_DISMISSED = (
    "EXISTS (SELECT 1 FROM dismissals d WHERE d.claim_id = c.id AND d.reviewer = :reviewer)"
)
# The claims a reviewer's queue holds whatever their score (with :reviewer): those added
# by hand and those this reviewer has work on (so that no work ever drops out of view when
# the threshold rises). A small set, each part read from an index.
_KEPT = (
    "SELECT id FROM claims WHERE origin = 'reviewer'"
    " UNION SELECT claim_id FROM verdicts WHERE reviewer = :reviewer"
    " AND (verdict IS NOT NULL OR flagged = 1)"
    " UNION SELECT claim_id FROM notes WHERE reviewer = :reviewer"
    " UNION SELECT claim_id FROM spans WHERE reviewer = :reviewer"
    " UNION SELECT successor_id FROM superseded WHERE reviewer = :reviewer"
)
# A reviewer's queue (with :reviewer and :min_score), among the claims of current articles:
# those scoring at least the threshold and the kept ones, unless this reviewer dismissed
# them. Each test is one index lookup, and most claims pass the first.
_INCLUDED = (
    "(c.score >= :min_score OR c.origin = 'reviewer'"
    " OR EXISTS (SELECT 1 FROM verdicts w WHERE w.claim_id = c.id AND w.reviewer = :reviewer"
    " AND (w.verdict IS NOT NULL OR w.flagged = 1))"
    " OR EXISTS (SELECT 1 FROM notes w WHERE w.claim_id = c.id AND w.reviewer = :reviewer)"
    " OR EXISTS (SELECT 1 FROM spans w WHERE w.claim_id = c.id AND w.reviewer = :reviewer)"
    " OR EXISTS (SELECT 1 FROM superseded w WHERE w.successor_id = c.id"
    " AND w.reviewer = :reviewer))"
)
IN_QUEUE = f" AND NOT {_DISMISSED} AND {_INCLUDED}"
# The size of that queue without testing every claim: the claims at the threshold
# (counted in the claims_score index, article by article), plus the kept ones below it,
# less the dismissed ones among both. About as fast as a bare count of the claims.
_QUEUE_SIZE = (
    "SELECT (SELECT count(*) FROM articles a JOIN claims c ON c.article_id = a.id"
    " WHERE a.is_current = 1 AND c.score >= :min_score)"
    " + (SELECT count(*) FROM claims c JOIN articles a ON a.id = c.article_id"
    f" WHERE c.id IN ({_KEPT}) AND a.is_current = 1 AND c.score < :min_score)"
    " - (SELECT count(*) FROM dismissals d JOIN claims c ON c.id = d.claim_id"
    " JOIN articles a ON a.id = c.article_id WHERE d.reviewer = :reviewer"
    f" AND a.is_current = 1 AND {_INCLUDED})"
)
_FILTERS = {
    QueueFilter.ALL: "",
    QueueFilter.UNJUDGED: " AND v.verdict IS NULL",
    QueueFilter.EVIDENCED: " AND v.verdict = 'evidenced'",
    QueueFilter.UNEVIDENCED: " AND v.verdict = 'unevidenced'",
    QueueFilter.DISPUTED: " AND v.verdict = 'disputed'",
    QueueFilter.FLAGGED: " AND v.flagged = 1",
    QueueFilter.CHANGED: " AND v.verdict IS NULL AND EXISTS (SELECT 1 FROM superseded s"
    " WHERE s.successor_id = c.id AND s.reviewer = :reviewer)",
    QueueFilter.DISMISSED: f" AND {_DISMISSED}",  # outside the queue: any score
}


# Where each cluster stands in the queue: the place of its first claim of a current article.
_CLUSTER_HEADS = (
    " LEFT JOIN (SELECT m2.cluster_id, min(a2.slot) AS slot, min(c2.start) AS start"
    " FROM cluster_members m2 JOIN claims c2 ON c2.id = m2.claim_id"
    " JOIN articles a2 ON a2.id = c2.article_id WHERE a2.is_current = 1"
    " AND a2.slot = (SELECT min(a3.slot) FROM cluster_members m3 JOIN claims c3"
    " ON c3.id = m3.claim_id JOIN articles a3 ON a3.id = c3.article_id"
    " WHERE m3.cluster_id = m2.cluster_id AND a3.is_current = 1)"
    " GROUP BY m2.cluster_id) h ON h.cluster_id = m.cluster_id"
)


def check_min_score(value: float) -> float:
    """A threshold as the queue uses it: a number from 0 to 1, rounded to 3 places like
    the scores (so that 0.5 - 0.1 - 0.1 compares as 0.3)."""
    if not (isinstance(value, int | float) and math.isfinite(value) and 0 <= value <= 1):
        raise FactdeskError(f"a threshold is a number from 0 to 1, not {value!r}")
    return round(float(value), 3)


class ClaimQueries(SuggestQueries):
    """Mixed into Store: each reviewer's queue and threshold; adding and dismissing claims."""

    # -- the queue ----------------------------------------------------------------------

    def queue_version(self) -> tuple[int, int]:
        """A mark that moves whenever which claims a queue holds may have changed: an
        import (the newest article version), or a claim added, dismissed or restored, an
        undo, a reextract (the newest such event). Two index lookups, at any size."""
        row = self.conn.execute(
            "SELECT (SELECT coalesce(max(id), 0) FROM articles), (SELECT coalesce(max(id), 0)"
            f" FROM events WHERE action IN {LIST_EVENTS})"
        ).fetchone()
        return int(row[0]), int(row[1])

    def claim_bound(self) -> int:
        """The highest claim id: how many claims the file has held, at most (instant)."""
        return int(self.conn.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0])

    def has_candidates(self) -> bool:
        """Whether the current article versions hold any candidate (one lookup)."""
        return bool(self.conn.execute(f"SELECT EXISTS (SELECT 1 {_CURRENT})").fetchone()[0])

    def candidate_count(self) -> int:
        """How many candidates the current article versions hold, at any score."""
        return int(self.conn.execute(f"SELECT count(*) {_CURRENT}").fetchone()[0])

    def claim_count(self, min_score: float = THRESHOLD, reviewer: str | None = None) -> int:
        """How many claims a queue holds at this threshold: this reviewer's (see
        IN_QUEUE), or with no reviewer, the claims at the threshold and the added ones."""
        params = {"reviewer": reviewer, "min_score": min_score}
        return int(self.conn.execute(_QUEUE_SIZE, params).fetchone()[0])

    def queue_ids(
        self,
        reviewer: str,
        which: QueueFilter = QueueFilter.ALL,
        min_score: float = THRESHOLD,
        by_cluster: bool = False,
    ) -> array[int]:
        """The claim ids of this reviewer's queue at this threshold, in order, filtered
        (a compact array, even at 100,000); the dismissed filter lists the claims this
        reviewer dismissed, at any score. ``by_cluster`` brings the claims of a cluster
        together, where its first claim stands, so that one story is worked through across
        outlets."""
        join = ""
        if which not in (QueueFilter.ALL, QueueFilter.DISMISSED):
            join = " LEFT JOIN verdicts v ON v.claim_id = c.id AND v.reviewer = :reviewer"
        scope = "" if which is QueueFilter.DISMISSED else IN_QUEUE
        order = QUEUE_ORDER
        if by_cluster:
            join += f" LEFT JOIN cluster_members m ON m.claim_id = c.id{_CLUSTER_HEADS}"
            order = "coalesce(h.slot, a.slot), coalesce(h.start, c.start), m.cluster_id, " + order
        sql = (
            f"SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id{join}"
            f" WHERE a.is_current = 1{scope}{_FILTERS[which]} ORDER BY {order}"
        )
        params = {"reviewer": reviewer, "min_score": min_score}
        return array("q", (row[0] for row in self.conn.execute(sql, params)))

    def progress(self, reviewer: str, min_score: float = THRESHOLD) -> Progress:
        """Judged claims of this reviewer's queue at this threshold, per verdict (a judged
        claim is always in it, unless dismissed)."""
        progress = Progress(self.claim_count(min_score, reviewer))
        for verdict, n in self.conn.execute(
            "SELECT v.verdict, count(*) FROM verdicts v JOIN claims c ON c.id = v.claim_id"
            " JOIN articles a ON a.id = c.article_id"
            " WHERE v.reviewer = :reviewer AND v.verdict IS NOT NULL AND a.is_current = 1"
            f" AND NOT {_DISMISSED} GROUP BY v.verdict",
            {"reviewer": reviewer},
        ):
            progress.counts[Verdict(verdict)] = n
        return progress

    def position(self, reviewer: str, min_score: float = THRESHOLD) -> int | None:
        """The claim this reviewer was on, if it is still in their queue."""
        row = self.conn.execute(
            "SELECT p.claim_id FROM positions p JOIN claims c ON c.id = p.claim_id"
            " JOIN articles a ON a.id = c.article_id"
            f" WHERE p.reviewer = :reviewer AND a.is_current = 1{IN_QUEUE}",
            {"reviewer": reviewer, "min_score": min_score},
        ).fetchone()
        return int(row[0]) if row else None

    def near_position(self, reviewer: str, min_score: float = THRESHOLD) -> int | None:
        """The claim of this reviewer's queue nearest the one they were on (which the
        queue does not hold now: it scores under this threshold, or was dismissed): the
        first after it in queue order, else the last before it; None without a place."""
        place = self.conn.execute(
            "SELECT a.slot, c.start, c.end, c.id FROM positions p"
            " JOIN claims c ON c.id = p.claim_id JOIN articles a ON a.id = c.article_id"
            " WHERE p.reviewer = ?",
            (reviewer,),
        ).fetchone()
        if place is None:
            return None
        params = {"reviewer": reviewer, "min_score": min_score, "slot": place[0]}
        params |= {"start": place[1], "end": place[2], "id": place[3]}
        after = (
            "(a.slot > :slot OR a.slot = :slot AND (c.start, c.end, c.id) > (:start, :end, :id))"
        )
        for where, order in ((after, QUEUE_ORDER), (f"NOT {after}", _QUEUE_ORDER_DESC)):
            row = self.conn.execute(
                f"SELECT c.id {_CURRENT} AND {where}{IN_QUEUE} ORDER BY {order} LIMIT 1", params
            ).fetchone()
            if row is not None:
                return int(row[0])
        return None

    def first_unjudged(self, reviewer: str, min_score: float = THRESHOLD) -> int | None:
        """The first claim of this reviewer's queue they have not judged."""
        row = self.conn.execute(
            "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN verdicts v ON v.claim_id = c.id AND v.reviewer = :reviewer"
            f" WHERE a.is_current = 1 AND v.verdict IS NULL{IN_QUEUE}"
            f" ORDER BY {QUEUE_ORDER} LIMIT 1",
            {"reviewer": reviewer, "min_score": min_score},
        ).fetchone()
        return int(row[0]) if row else None

    # -- the threshold -------------------------------------------------------------------

    def min_score(self, reviewer: str) -> float:
        """The threshold this reviewer chose for their queue, else the default."""
        row = self.conn.execute(
            "SELECT value FROM settings WHERE reviewer = ? AND name = ?", (reviewer, MIN_SCORE)
        ).fetchone()
        try:
            return check_min_score(float(row[0])) if row else THRESHOLD
        except (ValueError, FactdeskError):  # a value written by hand: ignore it
            return THRESHOLD

    def remember_min_score(self, reviewer: str, value: float) -> None:
        """Remember this reviewer's threshold for the next time the desk opens."""
        value = check_min_score(value)
        with self._write():
            self.conn.execute(
                "INSERT INTO settings (reviewer, name, value) VALUES (?, ?, ?)"
                " ON CONFLICT (reviewer, name) DO UPDATE SET value = excluded.value",
                (reviewer, MIN_SCORE, repr(value)),
            )

    def in_queue(self, claim_id: int, reviewer: str, min_score: float = THRESHOLD) -> bool:
        """Whether a claim is in this reviewer's queue at this threshold (see IN_QUEUE)."""
        row = self.conn.execute(
            f"SELECT 1 {_CURRENT} AND c.id = :id{IN_QUEUE}",
            {"id": claim_id, "reviewer": reviewer, "min_score": min_score},
        ).fetchone()
        return row is not None

    # -- adding --------------------------------------------------------------------------

    def has_article(self, article_id: int) -> bool:
        return bool(
            self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        )

    def article_quoting(self, start: int, end: int, quote: str) -> int | None:
        """A current article whose text is ``quote`` at these offsets (the first), if any:
        evidence from another file, whose article numbers are not this file's."""
        row = self.conn.execute(
            "SELECT id FROM articles WHERE is_current = 1 AND substr(text, ? + 1, ?) = ?"
            " ORDER BY id LIMIT 1",
            (start, end - start, quote),
        ).fetchone()
        return None if row is None else int(row[0])

    def claim_for_record(
        self, claim_id: object, sha256: object, start: object, end: object, text: object
    ) -> int:
        """The claim an exported record is about: ``claim_id`` when that claim has these
        offsets and text in an article with this text (``sha256``), else the claim of the
        current article with this text at these offsets."""
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(text, str)):
            if isinstance(claim_id, int) and sha256 is None:
                return claim_id  # a bare id: checked when it is judged
            raise FactdeskError("the record has no claim_start, claim_end and claim_text")
        row = self.conn.execute(
            "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id"
            f" WHERE c.id = ? AND c.start = ? AND c.end = ? AND {CLAIM_TEXT} = ?"
            " AND (? IS NULL OR a.sha256 = ?)",
            (claim_id if isinstance(claim_id, int) else None, start, end, text, sha256, sha256),
        ).fetchone()
        if row is None and isinstance(sha256, str):
            row = self.conn.execute(
                "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id"
                " WHERE substr(a.sha256, 1, 16) = substr(?1, 1, 16) AND +a.sha256 = ?1"
                f" AND a.is_current = 1 AND c.start = ?2 AND c.end = ?3 AND {CLAIM_TEXT} = ?4",
                (sha256, start, end, text),
            ).fetchone()
        if row is None:
            raise FactdeskError(f"no claim {claim_id} with that text here (was it imported?)")
        return int(row[0])

    def add_claim(
        self,
        article_id: int,
        reviewer: str,
        start: int,
        end: int,
        quote: str,
        min_score: float = THRESHOLD,
    ) -> AddedClaim:
        """Make a span of a current article a claim of origin ``reviewer``, with its speaker,
        verb and score found as for extracted ones. When those offsets already are a
        claim: a candidate below this reviewer's threshold becomes an added claim; one
        already in their queue, or one they dismissed, is left as it is (see AddedClaim)."""
        text = self.article(article_id).text
        if not 0 <= start < end <= len(text) or text[start:end] != quote:
            raise FactdeskError(
                f"the selection {start}:{end} does not match the article text; nothing saved"
            )
        if quote.strip() != quote:
            raise FactdeskError("a claim cannot start or end with spaces; nothing saved")
        if end - start > MAX_CLAIM_CHARS:
            raise FactdeskError(
                f"a claim is at most {MAX_CLAIM_CHARS} characters; this selection has"
                f" {end - start}; nothing saved"
            )
        from factdesk.evidence.suggest import read_article, suggest  # (the desk opens
        from factdesk.extract import EXTRACTOR_VERSION, claim_at, split_sentences  # faster)

        found = claim_at(text, start, end)  # before the write lock: it reads the article
        suggested = suggest(read_article(text, split_sentences(text)), found)
        with self._write():
            current = self.conn.execute(
                "SELECT is_current FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if not current or not current[0]:
                raise ArticleSuperseded(article_id)
            row = self.conn.execute(
                "SELECT id FROM claims WHERE article_id = ? AND start = ? AND end = ?",
                (article_id, start, end),
            ).fetchone()
            if row is not None:
                return self._add_existing(int(row[0]), reviewer, min_score)
            cursor = self.conn.execute(
                "INSERT INTO claims (article_id, start, end, speaker, verb, score,"
                " extractor, origin) VALUES (?, ?, ?, ?, ?, ?, ?, 'reviewer')",
                (article_id, start, end, found.speaker, found.verb, found.score,
                 EXTRACTOR_VERSION),
            )  # fmt: skip
            claim_id = int(cursor.lastrowid or 0)
            self._put_suggestions(claim_id, suggested)
            record = {
                "id": claim_id,
                "article_id": article_id,
                "start": start,
                "end": end,
                "text": quote,
                "speaker": found.speaker,
                "verb": found.verb,
                "score": found.score,
            }
            # No claim_id on the event: the row is the action's own, and undo deletes it
            # (events.claim_id would hold it there for ever). The claim is in `after`.
            self._log(reviewer, None, "claim_add", None, {"claim": record})
        return AddedClaim(claim_id, "new")

    def _add_existing(self, claim_id: int, reviewer: str, min_score: float) -> AddedClaim:
        if self.is_dismissed(claim_id, reviewer):
            return AddedClaim(claim_id, "dismissed")
        if self.in_queue(claim_id, reviewer, min_score):
            return AddedClaim(claim_id, "existing")
        self.conn.execute("UPDATE claims SET origin = 'reviewer' WHERE id = ?", (claim_id,))
        claim = self.claim(claim_id)
        record = {"id": claim_id, "start": claim.start, "end": claim.end, "text": claim.text}
        self._log(
            reviewer, claim_id, "claim_add", {"origin": "extractor"},
            {"claim": record, "origin": "reviewer"},
        )  # fmt: skip
        return AddedClaim(claim_id, "revealed")

    # -- dismissing ----------------------------------------------------------------------

    def set_dismissed(self, claim_id: int, reviewer: str, dismissed: bool) -> bool:
        """Dismiss a claim as not check-worthy for this reviewer (out of their queue, out
        of exports but --all), or restore it. Returns the new state."""
        with self._write():
            self._check_current(claim_id)
            before = self.is_dismissed(claim_id, reviewer)
            if before == dismissed:
                return dismissed
            self._put_dismissal(claim_id, reviewer, dismissed)
            action = "dismiss" if dismissed else "restore"
            self._log(reviewer, claim_id, action, {"dismissed": before}, {"dismissed": dismissed})
        return dismissed

    def _put_dismissal(self, claim_id: int, reviewer: str, dismissed: bool) -> None:
        if dismissed:
            self.conn.execute(
                "INSERT OR IGNORE INTO dismissals (claim_id, reviewer, dismissed_at)"
                " VALUES (?, ?, ?)",
                (claim_id, reviewer, self._now()),
            )
        else:
            self.conn.execute(
                "DELETE FROM dismissals WHERE claim_id = ? AND reviewer = ?", (claim_id, reviewer)
            )
