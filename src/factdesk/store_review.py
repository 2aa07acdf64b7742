"""The review half of the Store: verdicts, flags, notes, evidence spans, the event log,
undo and each reviewer's position. Every action is one transaction that also logs it.
(Which claims a reviewer's queue holds is in store_claims.py.)"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any

from factdesk.models import (
    Article,
    Claim,
    ClaimSuperseded,
    Earlier,
    FactdeskError,
    QueueRow,
    Review,
    Span,
    Verdict,
)

# A claim's text is its article's at its offsets (stored once, in the article).
CLAIM_TEXT = "substr(a.text, c.start + 1, c.end - c.start)"
_CURRENT = "FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.is_current = 1"
# The queue: articles in the order they first arrived (a new version keeps its place),
# claims in the order of the text.
QUEUE_ORDER = "a.slot, c.start, c.end, c.id"
CLAIM_COLUMNS = (
    f"c.id, c.article_id, a.source, c.start, c.end, {CLAIM_TEXT}, c.speaker, c.verb,"
    " c.score, a.is_current, c.origin"
)
# The same, with the article's digest where the text is: the text is cut from the
# article's, kept by the store (the desk's claims come from the article being read).
_CLAIM_ROW = CLAIM_COLUMNS.replace(CLAIM_TEXT, "a.sha256")


def claim_from_row(row: Sequence[Any]) -> Claim:
    """A Claim from the columns of CLAIM_COLUMNS."""
    return Claim(*row[:9], current=bool(row[9]), origin=row[10])  # type: ignore[misc]


class ArticleTexts:
    """Article texts read by id, the last few kept: claims read in bulk (an export, a
    search) take their text from their article's, one read per article; the desk takes
    each claim's from the article it is reading (a 10 MB article is not read once per
    key)."""

    KEPT = 8

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.texts: dict[int, tuple[str | None, str]] = {}

    def get(self, article_id: int, sha256: str | None = None) -> str:
        """An article's text; with its digest, the one kept is checked against it."""
        kept = self.texts.get(article_id)
        if kept is None or (sha256 is not None and kept[0] != sha256):
            row = self.conn.execute(
                "SELECT sha256, text FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None:
                raise FactdeskError(f"no article with id {article_id}")
            self.texts.pop(article_id, None)
            if len(self.texts) >= self.KEPT:
                self.texts.pop(next(iter(self.texts)))
            kept = self.texts[article_id] = (str(row[0]), str(row[1]))
        return kept[1]


def searchable(text: str | None) -> str:
    """Text as search compares it: case folded, runs of any whitespace as one space."""
    return " ".join(text.split()).casefold() if text else ""


class ReviewQueries:
    """Mixed into Store; relies on its connection, clock and write transaction."""

    conn: sqlite3.Connection
    session: str | None = None
    _data_version: int | None = None
    _texts: ArticleTexts | None = None

    def _write(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _now(self) -> str:
        raise NotImplementedError

    # -- reading -------------------------------------------------------------------

    def newest_article(self) -> int:
        """The id of the newest article version: every import that adds articles or
        versions (and so changes the queue) raises it. A rowid lookup, instant."""
        return int(self.conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])

    def queue_rows(self, reviewer: str, ids: Sequence[int]) -> dict[int, QueueRow]:
        """What the queue shows for these claims (one page)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT c.id, v.verdict, coalesce(v.flagged, 0), {CLAIM_TEXT}, a.title,"
            " EXISTS (SELECT 1 FROM superseded s WHERE s.successor_id = c.id"
            " AND s.reviewer = ?1) FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN verdicts v ON v.claim_id = c.id AND v.reviewer = ?1"
            f" WHERE c.id IN ({marks})",
            (reviewer, *ids),
        )
        return {
            r[0]: QueueRow(
                r[0], Verdict(r[1]) if r[1] else None, bool(r[2]), r[3], r[4], bool(r[5])
            )
            for r in rows
        }

    def claim(self, claim_id: int) -> Claim:
        """One claim."""
        row = self.conn.execute(
            f"SELECT {_CLAIM_ROW} FROM claims c JOIN articles a ON a.id = c.article_id"
            " WHERE c.id = ?",
            (claim_id,),
        ).fetchone()
        if row is None:
            raise FactdeskError(f"no claim with id {claim_id}")
        text = self.article_text(row[1], row[5])[row[3] : row[4]]
        return claim_from_row((*row[:5], text, *row[6:]))

    def article_text(self, article_id: int, sha256: str | None = None) -> str:
        """An article's text, the last few read kept (checked against the digest given)."""
        if self._texts is None:
            self._texts = ArticleTexts(self.conn)
        return self._texts.get(article_id, sha256)

    def article(self, article_id: int) -> Article:
        """One article version, with its text."""
        row = self.conn.execute(
            "SELECT id, source, version, title, text, outlet, author, published FROM articles"
            " WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise FactdeskError(f"no article with id {article_id}")
        byline = ", ".join(x for x in row[5:] if x)
        return Article(row[0], row[1], row[2], row[3], row[4], byline)

    def not_claims(self, article_id: int) -> tuple[tuple[int, int], ...]:
        """What an article's markup marks as not prose (headings, tables, code)."""
        row = self.conn.execute(
            "SELECT not_claims FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None or not row[0]:
            return ()
        return tuple((int(start), int(end)) for start, end in json.loads(row[0]))

    def review(self, claim_id: int, reviewer: str) -> Review:
        """This reviewer's verdict, flag, note and spans for a claim."""
        row = self.conn.execute(
            "SELECT verdict, flagged, updated_at FROM verdicts WHERE claim_id = ? AND reviewer = ?",
            (claim_id, reviewer),
        ).fetchone()
        note = self.conn.execute(
            "SELECT text FROM notes WHERE claim_id = ? AND reviewer = ?", (claim_id, reviewer)
        ).fetchone()
        spans = tuple(
            Span(*r)
            for r in self.conn.execute(
                "SELECT id, start, end, quote, article_id FROM spans"
                " WHERE claim_id = ? AND reviewer = ? ORDER BY article_id IS NOT NULL, start, id",
                (claim_id, reviewer),
            )
        )
        return Review(
            verdict=Verdict(row[0]) if row and row[0] else None,
            flagged=bool(row and row[1]),
            note=note[0] if note else "",
            spans=spans,
            updated_at=row[2] if row else None,
            earlier=self.earlier_work(claim_id, reviewer),
            dismissed=self.is_dismissed(claim_id, reviewer),
        )

    def is_dismissed(self, claim_id: int, reviewer: str) -> bool:
        """Whether this reviewer dismissed the claim as not check-worthy."""
        row = self.conn.execute(
            "SELECT 1 FROM dismissals WHERE claim_id = ? AND reviewer = ?", (claim_id, reviewer)
        ).fetchone()
        return row is not None

    def dismissed_ids(self, reviewer: str) -> set[int]:
        """The claims this reviewer dismissed (one query, for listing many claims)."""
        return {
            int(row[0])
            for row in self.conn.execute(
                "SELECT claim_id FROM dismissals WHERE reviewer = ?", (reviewer,)
            )
        }

    def earlier_work(self, claim_id: int, reviewer: str) -> tuple[Earlier, ...]:
        """This reviewer's work on earlier versions of the claim that could not continue
        into it (the article changed under it), newest first."""
        return tuple(
            Earlier(r[0], r[1], r[2], Verdict(r[3]) if r[3] else None, r[4] or "", r[5], bool(r[6]))
            for r in self.conn.execute(
                f"SELECT c.id, a.version, {CLAIM_TEXT}, v.verdict, n.text,"
                " (SELECT count(*) FROM spans p WHERE p.claim_id = c.id AND p.reviewer = ?2),"
                " coalesce(v.flagged, 0)"
                " FROM superseded s JOIN claims c ON c.id = s.claim_id"
                " JOIN articles a ON a.id = c.article_id"
                " LEFT JOIN verdicts v ON v.claim_id = c.id AND v.reviewer = ?2"
                " LEFT JOIN notes n ON n.claim_id = c.id AND n.reviewer = ?2"
                " WHERE s.successor_id = ?1 AND s.reviewer = ?2 ORDER BY a.version DESC, c.id",
                (claim_id, reviewer),
            )
        )

    def search(self, query: str) -> list[int]:
        """Ids of current claims whose text, speaker or article title contains the query,
        ignoring case and treating every kind of space or line break as one space."""
        needle = searchable(query)
        if not needle:
            return []
        rows = self.conn.execute(
            f"SELECT c.id, c.article_id, c.start, c.end, instr(fd_searchable(c.speaker), ?1)"
            f" OR instr(fd_searchable(a.title), ?1) {_CURRENT} ORDER BY {QUEUE_ORDER}",
            (needle,),
        )
        texts = ArticleTexts(self.conn)
        return [
            claim_id
            for claim_id, article_id, start, end, found in rows
            if found or needle in searchable(texts.get(article_id)[start:end])
        ]

    def events(self, reviewer: str) -> Iterator[dict[str, Any]]:
        """This reviewer's event log, oldest first."""
        cursor = self.conn.execute(
            "SELECT id, at, claim_id, action, before, after, undoes FROM events"
            " WHERE reviewer = ? ORDER BY id",
            (reviewer,),
        )
        keys = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    # -- actions -------------------------------------------------------------------

    # Work given to a claim its reviewer dismissed (a verdict, a flag, a note, evidence)
    # restores it, in the same transaction: work is never hidden by a dismissal the
    # reviewer did not choose after it (the desk lets them judge in "Show dismissed
    # claims", and a window may judge a claim another window has just dismissed).

    def set_verdict(self, claim_id: int, reviewer: str, verdict: Verdict | None) -> Review:
        """Record (or with None, clear) a verdict; a verdict restores a dismissed claim."""
        with self._write():
            self._check_current(claim_id)
            before = self._verdict_row(claim_id, reviewer)
            restored = self._restore_for_work(claim_id, reviewer, verdict is not None)
            self._put_verdict(claim_id, reviewer, verdict)
            self._log(
                reviewer, claim_id, "verdict", {"verdict": before[0], **restored},
                {"verdict": verdict},
            )  # fmt: skip
        return self._reviewed(claim_id, reviewer, restored)

    def set_flag(self, claim_id: int, reviewer: str, flagged: bool) -> Review:
        """Flag a claim for later (restoring it if dismissed), or unflag it."""
        with self._write():
            self._check_current(claim_id)
            before = self._verdict_row(claim_id, reviewer)
            restored = self._restore_for_work(claim_id, reviewer, flagged)
            self._put_flag(claim_id, reviewer, flagged)
            self._log(
                reviewer, claim_id, "flag", {"flagged": before[1], **restored},
                {"flagged": flagged},
            )  # fmt: skip
        return self._reviewed(claim_id, reviewer, restored)

    def set_note(self, claim_id: int, reviewer: str, text: str) -> Review:
        """Replace this reviewer's note on a claim (an empty note removes it); a note
        restores a dismissed claim."""
        with self._write():
            self._check_current(claim_id)
            before = self.review(claim_id, reviewer).note
            restored = self._restore_for_work(claim_id, reviewer, bool(text))
            self._put_note(claim_id, reviewer, text)
            self._log(reviewer, claim_id, "note", {"note": before, **restored}, {"note": text})
        return self._reviewed(claim_id, reviewer, restored)

    def add_span(
        self,
        claim_id: int,
        reviewer: str,
        start: int,
        end: int,
        quote: str,
        article_id: int | None = None,
    ) -> Review:
        """Attach evidence; the quote must be the article's text at those offsets (the
        claim's article, or ``article_id``: another article, where the evidence is)."""
        claim = self.claim(claim_id)
        other = article_id if article_id not in (None, claim.article_id) else None
        text = self.article(other or claim.article_id).text
        if not 0 <= start < end <= len(text) or text[start:end] != quote:
            where = f" of article {other}" if other else ""
            raise FactdeskError(
                f"the selection {start}:{end} does not match the article text{where}; nothing saved"
            )
        with self._write():
            self._check_current(claim_id)
            restored = self._restore_for_work(claim_id, reviewer, True)
            cursor = self.conn.execute(
                "INSERT INTO spans (claim_id, reviewer, start, end, quote, created_at,"
                " article_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (claim_id, reviewer, start, end, quote, self._now(), other),
            )
            span = {"id": cursor.lastrowid, "start": start, "end": end, "quote": quote}
            if other:
                span["article_id"] = other
            self._log(reviewer, claim_id, "span_add", restored or None, {"span": span})
        return self._reviewed(claim_id, reviewer, restored)

    def remove_span(self, span_id: int, reviewer: str) -> Review:
        """Remove one of this reviewer's evidence spans."""
        with self._write():
            row = self.conn.execute(
                "SELECT claim_id, start, end, quote, article_id FROM spans"
                " WHERE id = ? AND reviewer = ?",
                (span_id, reviewer),
            ).fetchone()
            if row is None:
                raise FactdeskError("that evidence span no longer exists")
            self._check_current(row[0])
            self.conn.execute("DELETE FROM spans WHERE id = ?", (span_id,))
            span = {"id": span_id, "start": row[1], "end": row[2], "quote": row[3]}
            if row[4] is not None:
                span["article_id"] = row[4]
            self._log(reviewer, row[0], "span_remove", {"span": span}, None)
        return self.review(row[0], reviewer)

    def save_position(self, reviewer: str, claim_id: int) -> None:
        """Remember where this reviewer is."""
        with self._write():  # a claim of an old version: the import has moved the position
            self.conn.execute(
                "INSERT INTO positions (reviewer, claim_id, updated_at) SELECT ?, ?, ?"
                f" WHERE EXISTS (SELECT 1 {_CURRENT} AND c.id = ?2)"
                " ON CONFLICT (reviewer) DO UPDATE SET claim_id = excluded.claim_id,"
                " updated_at = excluded.updated_at",
                (reviewer, claim_id, self._now()),
            )

    # -- helpers (inside a transaction) ------------------------------------------------

    def _restore_for_work(self, claim_id: int, reviewer: str, work: bool) -> dict[str, int]:
        """When work is given to a claim this reviewer dismissed, restore it, logged as a
        ``restore`` event of its own (a queue changed: other windows notice it). Returns
        what the work's event records of it, ``{"restored": id}``, so that undoing the
        work takes the restore back too; else nothing."""
        if not work or not self.is_dismissed(claim_id, reviewer):
            return {}
        self.conn.execute(
            "DELETE FROM dismissals WHERE claim_id = ? AND reviewer = ?", (claim_id, reviewer)
        )
        event = self._log(reviewer, claim_id, "restore", {"dismissed": True}, {"dismissed": False})
        return {"restored": event}

    def _reviewed(self, claim_id: int, reviewer: str, restored: dict[str, int]) -> Review:
        """This reviewer's work on a claim after an action, saying if it restored it."""
        return replace(self.review(claim_id, reviewer), restored=bool(restored))

    def _check_current(self, claim_id: int) -> None:
        """Refuse to change a claim of an article version that a newer import replaced (a
        desk opened before the import still shows it)."""
        row = self.conn.execute(
            "SELECT a.is_current FROM claims c JOIN articles a ON a.id = c.article_id"
            " WHERE c.id = ?",
            (claim_id,),
        ).fetchone()
        if row is None:
            raise FactdeskError(f"no claim with id {claim_id}; nothing saved")
        if not row[0]:
            raise ClaimSuperseded(claim_id)

    def data_changed_elsewhere(self) -> bool:
        """Whether another connection (a window, an import) has committed since the last
        call: SQLite's data_version moves only for other connections' commits."""
        version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        changed = version != self._data_version
        self._data_version = version
        return changed

    def _verdict_row(self, claim_id: int, reviewer: str) -> tuple[str | None, bool]:
        row = self.conn.execute(
            "SELECT verdict, flagged FROM verdicts WHERE claim_id = ? AND reviewer = ?",
            (claim_id, reviewer),
        ).fetchone()
        return (row[0], bool(row[1])) if row else (None, False)

    def _put_verdict(self, claim_id: int, reviewer: str, verdict: str | None) -> None:
        self.conn.execute(
            "INSERT INTO verdicts (claim_id, reviewer, verdict, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (claim_id, reviewer) DO UPDATE SET verdict = excluded.verdict,"
            " updated_at = excluded.updated_at",
            (claim_id, reviewer, verdict, self._now()),
        )

    def _put_flag(self, claim_id: int, reviewer: str, flagged: bool) -> None:
        self.conn.execute(
            "INSERT INTO verdicts (claim_id, reviewer, flagged, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (claim_id, reviewer) DO UPDATE SET flagged = excluded.flagged",
            (claim_id, reviewer, int(flagged), self._now()),
        )

    def _put_note(self, claim_id: int, reviewer: str, text: str) -> None:
        if text:
            self.conn.execute(
                "INSERT INTO notes (claim_id, reviewer, text, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (claim_id, reviewer) DO UPDATE SET text = excluded.text,"
                " updated_at = excluded.updated_at",
                (claim_id, reviewer, text, self._now()),
            )
        else:
            self.conn.execute(
                "DELETE FROM notes WHERE claim_id = ? AND reviewer = ?", (claim_id, reviewer)
            )

    def _log(
        self,
        reviewer: str,
        claim_id: int | None,
        action: str,
        before: object,
        after: object,
        undoes: int | None = None,
    ) -> int:
        """Append an event to the log; returns its id."""
        cursor = self.conn.execute(
            "INSERT INTO events (at, reviewer, claim_id, action, before, after, undoes,"
            " session) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self._now(),
                reviewer,
                claim_id,
                action,
                None if before is None else json.dumps(before, ensure_ascii=False),
                None if after is None else json.dumps(after, ensure_ascii=False),
                undoes,
                self.session,
            ),
        )
        return int(cursor.lastrowid or 0)
