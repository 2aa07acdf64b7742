"""Bringing another factdesk file into this one (``factdesk merge``): articles this file
lacks are stored as an import would store them, claims are matched by article and offsets,
and each reviewer's work comes over. A backup first, then one transaction."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factdesk.models import ArticleInput, ExtractedClaim, FactdeskError, record_kin
from factdesk.store import NewArticle, Store


@dataclass
class Merged:
    """What a merge brought in."""

    articles: int = 0
    claims: int = 0
    verdicts: int = 0
    spans: int = 0
    notes: int = 0
    dismissals: int = 0
    events: int = 0
    finals: int = 0
    # Claims a reviewer judged differently in the two files: (claim_id, reviewer, kept).
    conflicts: list[tuple[int, str, str]] = field(default_factory=list)
    # Claims adjudicated differently: (claim_id, the final verdict kept, its adjudicator).
    final_conflicts: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any((self.articles, self.claims, self.verdicts, self.spans, self.notes,
                    self.dismissals, self.events, self.finals))  # fmt: skip


def merge(store: Store, other: Path, progress: Callable[[str], None] | None = None) -> Merged:
    """Bring the other file's articles, claims and work into the store (see the module
    docstring), saying to ``progress`` what it is doing as it goes; the copy of the store
    made first is its ``backup`` (None when nothing came in). Merging the same file again
    changes nothing. Raises FactdeskError for a file that is not a factdesk database or
    comes from a newer factdesk."""
    if other.exists() and other.resolve() == store.path.resolve():
        raise FactdeskError("that is this file")
    with _readable(other, store.schema_version()) as theirs:
        backup = store._backup(store.schema_version(), "merge")
        try:
            with store._write():
                merged = _Merge(store, theirs, progress or _quiet).run()
        except BaseException:
            store._cluster_index = None
            raise
    if not merged.changed:
        backup.unlink(missing_ok=True)  # nothing came in: nothing to keep a copy of
    store.backup = backup if merged.changed else None
    return merged


def _quiet(doing: str) -> None:
    pass


class _readable:
    """The other file, open read-only; a file of an older schema is read from an upgraded
    temporary copy (the file itself is never changed)."""

    def __init__(self, path: Path, version: int) -> None:
        self.path, self.version = path, version
        self.folder: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> sqlite3.Connection:
        if not self.path.exists():
            raise FactdeskError("no such file")
        if not self.path.is_file():
            raise FactdeskError("not a regular file")
        # Read from a copy (with its write-ahead log): SQLite would leave files beside the
        # other one even to read it, and an older one is upgraded in the copy.
        self.folder = tempfile.TemporaryDirectory(prefix="factdesk-merge-")
        try:
            self.conn = self._open_copy(Path(self.folder.name) / self.path.name)
        except BaseException:
            self.folder.cleanup()
            raise
        return self.conn

    def _open_copy(self, copy: Path) -> sqlite3.Connection:
        shutil.copyfile(self.path, copy)
        wal = self.path.with_name(self.path.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        conn = _open(copy)
        theirs = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if theirs > self.version:
            conn.close()
            raise FactdeskError(
                f"written by a newer factdesk (schema {theirs}, this one knows"
                f" {self.version}); upgrade factdesk to merge it"
            )
        if theirs < self.version:
            conn.close()
            with Store(copy, create=False):
                pass  # upgraded on open
            conn = _open(copy)
        return conn

    def __exit__(self, *exc: object) -> None:
        if hasattr(self, "conn"):
            self.conn.close()
        if self.folder is not None:
            self.folder.cleanup()


def _open(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise FactdeskError(f"not a factdesk database ({exc})") from None
    if "claims" not in tables or "articles" not in tables:
        conn.close()
        raise FactdeskError("not a factdesk database")
    return conn


class _Merge:
    def __init__(
        self, store: Store, theirs: sqlite3.Connection, progress: Callable[[str], None]
    ) -> None:
        self.store, self.theirs, self.conn = store, theirs, store.conn
        self.say = progress
        self.out = Merged()
        self.articles: dict[int, int] = {}  # their article id → ours
        self.claims: dict[int, int] = {}  # their claim id → ours

    def run(self) -> Merged:
        self._articles()
        for step, doing in (
            (self._claims, "claims"), (self._verdicts, "verdicts"), (self._notes, "notes"),
            (self._spans, "evidence"), (self._dismissals, "dismissals"),
            (self._finals, "final verdicts"), (self._events, "the event log"),
        ):  # fmt: skip
            self.say(doing)
            step()
        return self.out

    def _articles(self) -> None:
        rows = self.theirs.execute(
            "SELECT id, source, sha256, title, url, outlet, published, encoding, text,"
            " is_current FROM articles ORDER BY id"
        ).fetchall()
        for done, row in enumerate(rows):
            self.say(f"articles: {done:,} of {len(rows):,}")
            their_id, source, sha, title, url, outlet, published, encoding, text, now = row
            ours = self._same(sha, source)
            if ours is None and not now:
                continue  # an old version this file never had: its work stays there
            if ours is None:
                ours = (self._add_article(their_id, source, sha, title, url, outlet,
                                          published, encoding, text),)  # fmt: skip
            self.articles[their_id] = int(ours[0])

    def _same(self, sha: str, source: str) -> tuple[int] | None:
        """This file's article with that text, its own source's first; a spreadsheet or
        JSON Lines record with an id of its own (``file#id=7``) is only ever the record
        with that id (of the same file, maybe at another path), whatever else shares its
        text."""
        rows = self.conn.execute(
            "SELECT id, source FROM articles WHERE substr(sha256, 1, 16) = substr(?1, 1, 16)"
            " AND +sha256 = ?1 ORDER BY source = ?2 DESC, is_current DESC, id",
            (sha, source),
        ).fetchall()
        if kin := record_kin(source):
            own = source[len(kin) - 4 :]  # "#id=7"
            rows = [row for row in rows if record_kin(row[1]) and row[1].endswith(own)]
        return (int(rows[0][0]),) if rows else None

    def _add_article(self, their_id: int, source: str, sha: str, *fields: Any) -> int:
        title, url, outlet, published, encoding, text = fields
        found = [
            ExtractedClaim(start, end, text[start:end], speaker, verb, score)
            for start, end, speaker, verb, score in self.theirs.execute(
                "SELECT start, end, speaker, verb, score FROM claims WHERE article_id = ?"
                " AND origin = 'extractor' ORDER BY start, end",
                (their_id,),
            )
        ]
        extractor = self.theirs.execute(
            "SELECT coalesce(min(extractor), '') FROM claims WHERE article_id = ?", (their_id,)
        ).fetchone()[0]
        article = ArticleInput(source, text, title, encoding, url, outlet, published)
        self.store._add_article(NewArticle(article, sha, found, extractor))
        self.out.articles += 1
        return int(self.conn.execute("SELECT max(id) FROM articles").fetchone()[0])

    def _claims(self) -> None:
        rows = self.theirs.execute(
            "SELECT id, article_id, start, end, speaker, verb, score, extractor, origin"
            " FROM claims ORDER BY id"
        ).fetchall()
        for their_id, article, start, end, speaker, verb, score, extractor, origin in rows:
            if article not in self.articles:
                continue
            ours_article = self.articles[article]
            row = self.conn.execute(
                "SELECT id FROM claims WHERE article_id = ? AND start = ? AND end = ?",
                (ours_article, start, end),
            ).fetchone()
            if row is None:
                cursor = self.conn.execute(
                    "INSERT INTO claims (article_id, start, end, speaker, verb, score,"
                    " extractor, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (ours_article, start, end, speaker, verb, score, extractor, origin),
                )
                row = (cursor.lastrowid,)
                self.out.claims += 1
            self.claims[their_id] = int(row[0])

    def _verdicts(self) -> None:
        for claim, reviewer, verdict, flagged, at in self.theirs.execute(
            "SELECT claim_id, reviewer, verdict, flagged, updated_at FROM verdicts"
        ).fetchall():
            ours = self.claims.get(claim)
            if ours is None:
                continue
            mine = self.conn.execute(
                "SELECT verdict, flagged, updated_at FROM verdicts WHERE claim_id = ?"
                " AND reviewer = ?",
                (ours, reviewer),
            ).fetchone()
            if mine is not None and (mine[0], mine[1]) == (verdict, flagged):
                continue
            if mine is not None:
                later = at > mine[2]
                kept = (verdict if later else mine[0]) or "no verdict"
                self.out.conflicts.append((ours, reviewer, str(kept)))
                if not later:
                    continue
            self.conn.execute(
                "INSERT OR REPLACE INTO verdicts (claim_id, reviewer, verdict, flagged,"
                " updated_at) VALUES (?, ?, ?, ?, ?)",
                (ours, reviewer, verdict, flagged, at),
            )
            self.out.verdicts += 1

    def _notes(self) -> None:
        for claim, reviewer, text, at in self.theirs.execute(
            "SELECT claim_id, reviewer, text, updated_at FROM notes"
        ).fetchall():
            ours = self.claims.get(claim)
            if ours is None:
                continue
            mine = self.conn.execute(
                "SELECT text, updated_at FROM notes WHERE claim_id = ? AND reviewer = ?",
                (ours, reviewer),
            ).fetchone()
            if mine is not None and (mine[0] == text or mine[1] >= at):
                continue
            self.conn.execute(
                "INSERT OR REPLACE INTO notes (claim_id, reviewer, text, updated_at)"
                " VALUES (?, ?, ?, ?)",
                (ours, reviewer, text, at),
            )
            self.out.notes += 1

    def _spans(self) -> None:
        for claim, reviewer, start, end, quote, at, article in self.theirs.execute(
            "SELECT claim_id, reviewer, start, end, quote, created_at, article_id FROM spans"
        ).fetchall():
            ours = self.claims.get(claim)
            if ours is None or (article is not None and article not in self.articles):
                continue
            other = self.articles[article] if article is not None else None
            if other == self._article_of(ours):
                other = None
            exists = self.conn.execute(
                "SELECT 1 FROM spans WHERE claim_id = ? AND reviewer = ? AND start = ?"
                " AND end = ? AND article_id IS ?",
                (ours, reviewer, start, end, other),
            ).fetchone()
            if exists is None:
                self.conn.execute(
                    "INSERT INTO spans (claim_id, reviewer, start, end, quote, created_at,"
                    " article_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (ours, reviewer, start, end, quote, at, other),
                )
                self.out.spans += 1

    def _article_of(self, claim_id: int) -> int:
        return int(
            self.conn.execute("SELECT article_id FROM claims WHERE id = ?", (claim_id,)).fetchone()[
                0
            ]
        )

    def _dismissals(self) -> None:
        for claim, reviewer, at in self.theirs.execute(
            "SELECT claim_id, reviewer, dismissed_at FROM dismissals"
        ).fetchall():
            if claim not in self.claims:
                continue
            cursor = self.conn.execute(
                "INSERT OR IGNORE INTO dismissals (claim_id, reviewer, dismissed_at)"
                " VALUES (?, ?, ?)",
                (self.claims[claim], reviewer, at),
            )
            self.out.dismissals += cursor.rowcount

    def _finals(self) -> None:
        """Final verdicts: the later one wins where the two files' differ (named)."""
        for claim, verdict, adjudicator, at in self.theirs.execute(
            "SELECT claim_id, verdict, adjudicator, updated_at FROM finals"
        ).fetchall():
            ours = self.claims.get(claim)
            if ours is None:
                continue
            mine = self.conn.execute(
                "SELECT verdict, adjudicator, updated_at FROM finals WHERE claim_id = ?", (ours,)
            ).fetchone()
            if mine is not None and (mine[0], mine[1]) == (verdict, adjudicator):
                continue
            if mine is not None:
                later = at > mine[2]
                kept = (verdict, adjudicator) if later else (mine[0], mine[1])
                self.out.final_conflicts.append((ours, kept[0] or "no final verdict", kept[1]))
                if not later:
                    continue
            self.conn.execute(
                "INSERT OR REPLACE INTO finals (claim_id, verdict, adjudicator, updated_at)"
                " VALUES (?, ?, ?, ?)",
                (ours, verdict, adjudicator, at),
            )
            self.out.finals += 1

    def _events(self) -> None:
        """Their events, kept in this log as history ('merged': never undone here, since
        they name rows of the other file), each once however often the file is merged."""
        seen = {
            _key(row)
            for row in self.conn.execute(
                "SELECT at, reviewer, claim_id, action, before, after FROM events"
            )
        }
        for at, reviewer, claim, action, before, after in self.theirs.execute(
            "SELECT at, reviewer, claim_id, action, before, after FROM events ORDER BY id"
        ).fetchall():
            ours = self.claims.get(claim) if claim is not None else None
            key = _key((at, reviewer, ours, action, before, after))
            if key in seen:
                continue
            seen.add(key)
            original = {"at": at, "action": action, "before": before, "after": after}
            if action == "merged":
                original = json.loads(after)
            self.conn.execute(
                "INSERT INTO events (at, reviewer, claim_id, action, before, after)"
                " VALUES (?, ?, ?, 'merged', NULL, ?)",
                (at, reviewer, ours, json.dumps(original, ensure_ascii=False)),
            )  # fmt: skip
            self.out.events += 1


def _key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """An event's identity across files (its claim by this file's id): a merged event is
    the event it copies. Two like actions on two claims in one second are two events."""
    at, reviewer, claim, action, before, after = row
    if action == "merged" and after:
        inner = json.loads(after)
        return (inner["at"], reviewer, claim, inner["action"], inner["before"], inner["after"])
    return (at, reviewer, claim, action, before, after)
