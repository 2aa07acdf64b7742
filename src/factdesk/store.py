"""The one class that owns the SQLite database: opening and migrating it, articles and
claims (the review, export, undo, version and re-extraction queries are mixed in from their
modules)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from factdesk.migrations import MIGRATIONS, SCHEMA_VERSION, TABLES, schema_sql, statements
from factdesk.models import (
    THRESHOLD,
    ArticleInput,
    Claim,
    ExtractedClaim,
    FactdeskError,
    ImportOutcome,
    Verdict,
    record_kin,
)
from factdesk.store_batch import add_new, new_sources
from factdesk.store_claims import IN_QUEUE
from factdesk.store_cluster_edits import ClusterEdits
from factdesk.store_export import ExportQueries
from factdesk.store_extract import ExtractQueries
from factdesk.store_history import HistoryQueries
from factdesk.store_review import CLAIM_COLUMNS, QUEUE_ORDER, claim_from_row, searchable
from factdesk.store_undo import UndoQueries
from factdesk.store_versions import Continuation, VersionQueries

if TYPE_CHECKING:
    from factdesk.cluster.facts import Prepared
    from factdesk.evidence.suggest import Suggested


def is_busy(exc: sqlite3.Error) -> bool:
    """Whether an error only means another connection holds the database for now."""
    return "locked" in str(exc) or "busy" in str(exc)


def content_hash(text: str) -> str:
    """The SHA-256 of an article's stored text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def now() -> str:
    """The current time, ISO 8601 in UTC."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article to store with every candidate claim extracted from it (any score)."""

    article: ArticleInput
    sha256: str
    claims: Sequence[ExtractedClaim]
    extractor: str
    # Each claim's clustering profile and facts, when worked out beside the extraction (in
    # a worker process); else the store works them out.
    profiles: Sequence[Prepared] | None = None
    suggested: Sequence[list[Suggested]] | None = None  # each claim's, likewise

    def ready(self) -> dict[tuple[int, int], list[Suggested]]:
        """The suggestions given, by each claim's offsets."""
        if self.suggested is None:
            return {}
        pairs = zip(self.claims, self.suggested, strict=True)
        return {(c.start, c.end): found for c, found in pairs}

    def prepared(self) -> dict[tuple[int, int], Prepared]:
        """The profiles and facts given, by each claim's offsets."""
        if self.profiles is None:
            return {}
        pairs = zip(self.claims, self.profiles, strict=True)
        return {(c.start, c.end): prepared for c, prepared in pairs}


@dataclass(frozen=True, slots=True)
class Stored:
    """What storing one article did: its outcome, the claims it added, the error that
    kept it out, and what became of the review work of its previous version."""

    outcome: ImportOutcome
    claims: int = 0
    error: str | None = None
    carried: Continuation = field(default_factory=Continuation)


class MissingDatabase(FactdeskError):
    """The database file does not exist, and the caller asked not to create it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"no database at {path}")
        self.path = path


class Store(UndoQueries, VersionQueries, ExportQueries, ExtractQueries, ClusterEdits):
    """A factdesk database file. Screens and commands call its methods, never SQL."""

    def __init__(self, path: str | Path, create: bool = True) -> None:
        """Open the file, creating it (and its folder) when ``create``; otherwise a
        missing file raises :class:`MissingDatabase` and nothing is created."""
        self.path = Path(path)
        self.migrated = False
        self.backup: Path | None = None
        if self.path.is_dir():
            raise FactdeskError(f"{self.path} is a folder, not a database file")
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite_utils.Database(self.path)
            else:  # mode=rw: SQLite itself refuses to create the file, so no race
                uri = self.path.absolute().as_uri() + "?mode=rw"
                self.db = sqlite_utils.Database(sqlite3.connect(uri, uri=True))
            self.conn = self.db.conn
        except sqlite3.OperationalError as exc:
            if not create and not self.path.exists():
                raise MissingDatabase(self.path) from None
            raise FactdeskError(f"cannot open database {self.path}: {exc}") from exc
        except (OSError, sqlite3.Error) as exc:
            raise FactdeskError(f"cannot open database {self.path}: {exc}") from exc
        try:
            self._configure()
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise FactdeskError(f"{self.path} is not a usable factdesk database ({exc})") from exc
        except FactdeskError:
            self.db.close()
            raise

    @property
    def history(self) -> HistoryQueries:
        """A claim's history, read from the event log."""
        return HistoryQueries(self.conn)

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long a statement waits for another connection's lock before failing."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    def is_read_only(self) -> bool:
        """Whether the file refuses writes (a read-only file, folder or file system): a
        write is tried and rolled back. A database busy with another writer is not."""
        conn = self.conn
        try:
            conn.execute("BEGIN")
            try:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                conn.execute(f"PRAGMA user_version = {version}")
            finally:
                conn.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            return "readonly" in str(exc)
        return False

    def _now(self) -> str:
        return now()

    def close(self) -> None:
        """Close the connection."""
        self.end_session()
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- setup -----------------------------------------------------------------

    def _configure(self) -> None:
        conn = self.db.conn
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        # WAL lets readers (a second window, an export) run while one writer commits.
        # synchronous=FULL makes each committed action durable on power loss too, not
        # only on a killed process; a reviewer's action is one small commit, so the
        # extra fsync costs little.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.create_function("fd_searchable", 1, searchable, deterministic=True)

    def _migrate(self) -> None:
        version = self.schema_version()
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise FactdeskError(
                f"{self.path} was written by a newer factdesk (schema {version}, "
                f"this one knows {SCHEMA_VERSION}); upgrade factdesk to open it"
            )
        existing = {
            row[0]
            for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        existing.discard("sqlite_sequence")  # SQLite's own, for AUTOINCREMENT
        if existing - set(TABLES) or (version == 0 and existing):
            raise FactdeskError(f"{self.path} is an SQLite file but not a factdesk database")
        if version == 0:
            steps = [schema_sql()]
        else:
            self.backup = self._backup(version)
            steps = [MIGRATIONS[v] for v in range(version, SCHEMA_VERSION)]
        try:
            with self._write():  # all steps or none (executescript would commit each one)
                for step in steps:
                    for statement in statements(step):
                        self.conn.execute(statement)
                if 0 < version < 3:  # work hidden on earlier versions comes forward
                    self.continue_all_versions()
                if 0 < version < 6:  # suggested evidence for the articles already in
                    self.suggest_all()
                self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            if not self.backup:
                raise
            raise FactdeskError(
                f"could not upgrade {self.path} from schema {version} ({exc}); "
                f"nothing was changed, and a copy is at {self.backup}"
            ) from exc
        self.migrated = True

    def _backup(self, version: int, why: str = "") -> Path:
        """Copy the database beside itself before migrating it (or merging into it)."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        label = why or f"schema{version}"
        target = self.path.with_name(f"{self.path.name}.{label}-backup-{stamp}")
        copy = sqlite3.connect(target)
        try:
            self.conn.backup(copy)
        finally:
            copy.close()
        return target

    def schema_version(self) -> int:
        """The schema version recorded in the file."""
        return int(self.db.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction. BEGIN IMMEDIATE takes the write lock up front, so a
        second process waits on busy_timeout instead of failing mid-transaction."""
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # -- articles ----------------------------------------------------------------

    def is_known(self, source: str, sha256: str, raw_sha256: str | None = None) -> bool:
        """Whether importing this text at this source would change nothing: it is the
        current version there (or, for a web page, the page it came from is), or (for a
        source never seen) the current text of another source, as when the same file is
        imported from a second path. Records of one file with ids of their own
        (``file#id=7``, ``file#id=12``) are each their own article, whatever their text."""
        return self.known_articles([(source, sha256, raw_sha256)])[0]

    def known_articles(self, items: Sequence[tuple[str, str, str | None]]) -> list[bool]:
        """:meth:`is_known` for many (source, sha256, raw_sha256) at once: two statements
        for up to 500 of them (the digests found by the index of their first 16 hex
        digits), not two each."""
        found: list[bool] = []
        for at in range(0, len(items), 500):
            part = items[at : at + 500]
            marks = ",".join("?" * len(part))
            current = {
                source: (sha, raw)
                for source, sha, raw in self.conn.execute(
                    "SELECT source, sha256, raw_sha256 FROM articles"
                    f" WHERE source IN ({marks}) AND is_current = 1",
                    [source for source, _, _ in part],
                )
            }
            texts: dict[str, list[str]] = {}
            for sha, source in self.conn.execute(
                "SELECT sha256, source FROM articles WHERE substr(sha256, 1, 16)"
                f" IN ({marks}) AND is_current = 1",
                [sha[:16] for _, sha, _ in part],
            ):
                texts.setdefault(sha, []).append(source)
            for source, sha, raw in part:
                if source in current:
                    has = current[source]
                    found.append(has[0] == sha or (raw is not None and has[1] == raw))
                    continue
                kin = record_kin(source)
                found.append(
                    any(kin is None or not other.startswith(kin) for other in texts.get(sha, ()))
                )
        return found

    def held_sources(self, sources: Sequence[str]) -> set[str]:
        """Those of the sources that have an article (of any version)."""
        held: set[str] = set()
        for at in range(0, len(sources), 500):
            part = sources[at : at + 500]
            held.update(
                row[0]
                for row in self.conn.execute(
                    f"SELECT source FROM articles WHERE source IN ({','.join('?' * len(part))})",
                    part,
                )
            )
        return held

    def stored_since(self, source: str, newest: int) -> bool:
        """Whether the source's current version was stored after article id ``newest``."""
        row = self.db.conn.execute(
            "SELECT id FROM articles WHERE source = ? AND is_current = 1", (source,)
        ).fetchone()
        return row is not None and int(row[0]) > newest

    def add_articles(self, batch: Sequence[NewArticle]) -> list[Stored]:
        """Store articles and their claims in one transaction, in order; returns what
        became of each. A run of articles of new sources goes in together, by a few
        statements (see store_batch); any other article, or a run of which one breaks a
        rule, goes in alone with its own savepoint, so one that fails does not take the
        others with it."""
        results: list[Stored] = []
        try:
            with self._write():
                self._index()  # read again if another connection wrote since
                self._writing_articles = True
                together = set(new_sources(self, batch))
                at = 0
                while at < len(batch):
                    end = at
                    while end < len(batch) and end in together:
                        end += 1
                    run = self._add_new(batch[at:end]) if end > at else []
                    if not run:
                        end = max(end, at + 1)
                        run = [self._add_alone(item) for item in batch[at:end]]
                    results += run
                    at = end
        except BaseException:
            self._cluster_index = None  # read again from what the file holds
            raise
        finally:
            self._writing_articles = False
        return results

    def _add_new(self, run: Sequence[NewArticle]) -> list[Stored]:
        """Store a run of articles of new sources at once (see store_batch); nothing if
        one of them breaks a rule."""
        self.conn.execute("SAVEPOINT new_articles")
        try:
            add_new(self, run, now())
            stored = [Stored(ImportOutcome.NEW, len(item.claims)) for item in run]
        except (sqlite3.IntegrityError, sqlite3.DataError):
            self.conn.execute("ROLLBACK TO new_articles")
            self._cluster_index = None  # it held their claims
            self._held = None  # (their rows)
            stored = []
        self.conn.execute("RELEASE new_articles")
        return stored

    def _add_alone(self, item: NewArticle) -> Stored:
        """Store one article with its own savepoint."""
        self.conn.execute("SAVEPOINT article")
        try:
            stored = self._add_article(item)
        except (sqlite3.IntegrityError, sqlite3.DataError) as exc:
            # This article's data broke a rule: skip it. A database that cannot be written
            # at all (read-only, full) is not one article's fault: that error goes up and
            # the whole batch rolls back.
            self.conn.execute("ROLLBACK TO article")
            self._cluster_index = None  # it held the article's claims
            stored = Stored(ImportOutcome.UNCHANGED, error=str(exc))
        self.conn.execute("RELEASE article")
        return stored

    def _add_article(self, item: NewArticle) -> Stored:
        conn = self.db.conn
        if self.is_known(item.article.source, item.sha256, item.article.raw_sha256):
            return Stored(ImportOutcome.UNCHANGED)
        a = item.article
        previous = conn.execute(
            "SELECT id, version, slot FROM articles WHERE source = ? ORDER BY version DESC LIMIT 1",
            (a.source,),
        ).fetchone()
        if previous is not None:
            conn.execute("UPDATE articles SET is_current = 0 WHERE source = ?", (a.source,))
        # A text the source had before is a new version too, so that work done since
        # then continues into it like into any other.
        cursor = conn.execute(
            "INSERT INTO articles (source, version, is_current, sha256, title, url, outlet,"
            " published, encoding, text, imported_at, slot, author, raw_sha256, not_claims)"
            " VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.source,
                previous[1] + 1 if previous else 1,
                item.sha256,
                a.title,
                a.url,
                a.outlet,
                a.published,
                a.encoding,
                a.text,
                now(),
                previous[2] if previous else None,  # a new version keeps the queue place
                a.author,
                a.raw_sha256,
                json.dumps(a.not_claims) if a.not_claims else None,
            ),
        )
        article_id = int(cursor.lastrowid or 0)
        conn.executemany(
            "INSERT INTO claims (article_id, start, end, speaker, verb, score, extractor)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, c.start, c.end, c.speaker, c.verb, c.score, item.extractor)
                for c in item.claims
            ],
        )
        if previous is None:
            self._cluster_article(article_id, None, a.text, item.prepared())
            self._suggest_article(article_id, a.text, item.ready(), new=True)
            return Stored(ImportOutcome.NEW, len(item.claims))
        carried = self._continue_work(previous[0], article_id, item.extractor)
        self._cluster_article(article_id, previous[0], a.text, item.prepared())
        self._forget_suggestions(previous[0])
        self._suggest_article(article_id, a.text, item.ready(), new=True)
        return Stored(ImportOutcome.VERSION, len(item.claims), None, carried)

    def articles(self) -> list[dict[str, object]]:
        """Every article version, oldest first (without its text)."""
        return list(
            self.db.query(
                "SELECT id, source, version, is_current, sha256, title, encoding,"
                " length(text) AS length FROM articles ORDER BY id"
            )
        )

    # -- claims ------------------------------------------------------------------

    def claims(
        self, article_id: int | None = None, min_score: float | None = THRESHOLD
    ) -> Iterator[Claim]:
        """Claims in queue order: those of current article versions that score at least
        ``min_score``, and the added ones (with None, every candidate); or every claim of
        one article version."""
        where = "a.id = :article" if article_id is not None else "a.is_current = 1"
        if article_id is None and min_score is not None:
            where += IN_QUEUE  # with no reviewer: the threshold and added claims
        cursor = self.db.conn.execute(
            f"SELECT {CLAIM_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id"
            f" WHERE {where} ORDER BY {QUEUE_ORDER}",
            {"article": article_id, "min_score": min_score, "reviewer": None},
        )
        for row in cursor:
            yield claim_from_row(row)

    # -- status --------------------------------------------------------------------

    def status(self) -> dict[str, int]:
        """Counts for ``factdesk status``: articles, versions, claims (at the default
        threshold, and the added ones), candidates (any score), clusters (of two or more
        claims) and conflicts (not dismissed), judged per verdict (not
        counting a verdict on a claim its reviewer dismissed, as their progress does not:
        the reviewers' judged claims add up to these)."""
        conn = self.db.conn
        counts: dict[str, int] = {}
        counts["articles"] = conn.execute(
            "SELECT count(*) FROM articles WHERE is_current = 1"
        ).fetchone()[0]
        counts["article versions"] = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        counts["claims"] = self.claim_count()  # at the default threshold, and the added ones
        counts["candidates"] = self.candidate_count()  # at any score
        counts["clusters"] = len({cluster for cluster, _ in self.cluster_map().values()})
        counts["conflicts"] = len(self.conflicts())  # not dismissed
        counts["judged"] = 0
        for verdict in Verdict:
            counts[verdict.value] = 0
        for verdict, n in conn.execute(
            "SELECT v.verdict, count(*) FROM verdicts v JOIN claims c ON c.id = v.claim_id"
            " JOIN articles a ON a.id = c.article_id"
            " WHERE v.verdict IS NOT NULL AND a.is_current = 1 AND NOT EXISTS (SELECT 1 FROM"
            " dismissals d WHERE d.claim_id = v.claim_id AND d.reviewer = v.reviewer)"
            " GROUP BY v.verdict"
        ):
            counts[str(verdict)] = n
            counts["judged"] += n
        return counts
