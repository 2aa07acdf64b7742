"""The database schema's versions: schema.sql states the newest, and each migration brings
a file from version N to N + 1. The Store applies them on open, in one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from importlib import resources

SCHEMA_VERSION = 9
# How to bring a database from version N to N + 1 (schema.sql already has them all).
MIGRATIONS: dict[int, str] = {
    1: "CREATE INDEX IF NOT EXISTS events_claim ON events (claim_id, id);",
    2: """
        ALTER TABLE articles ADD COLUMN slot INTEGER;
        UPDATE articles
        SET slot = (SELECT min(o.id) FROM articles o WHERE o.source = articles.source);
        CREATE INDEX articles_queue ON articles (slot, id) WHERE is_current = 1;
        CREATE TRIGGER articles_slot AFTER INSERT ON articles WHEN NEW.slot IS NULL
        BEGIN
            UPDATE articles SET slot = NEW.id WHERE id = NEW.id;
        END;
        ALTER TABLE events ADD COLUMN session TEXT;
        CREATE TABLE superseded (
            claim_id     INTEGER NOT NULL REFERENCES claims (id),
            reviewer     TEXT    NOT NULL,
            successor_id INTEGER REFERENCES claims (id),
            PRIMARY KEY (claim_id, reviewer)
        ) WITHOUT ROWID;
        CREATE INDEX superseded_successor ON superseded (successor_id, reviewer);
        CREATE INDEX events_undoes ON events (undoes) WHERE undoes IS NOT NULL;
        CREATE TABLE spans_3 (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            claim_id   INTEGER NOT NULL REFERENCES claims (id),
            reviewer   TEXT    NOT NULL,
            start      INTEGER NOT NULL CHECK (start >= 0),
            end        INTEGER NOT NULL CHECK (end > start),
            quote      TEXT    NOT NULL CHECK (length(quote) = end - start),
            created_at TEXT    NOT NULL
        );
        INSERT INTO spans_3 SELECT id, claim_id, reviewer, start, end, quote, created_at
            FROM spans;
        DROP TABLE spans;
        ALTER TABLE spans_3 RENAME TO spans;
        CREATE INDEX spans_claim ON spans (claim_id, reviewer);
        CREATE TRIGGER spans_quote_matches BEFORE INSERT ON spans
        WHEN NEW.quote IS NOT (
            SELECT substr(a.text, NEW.start + 1, NEW.end - NEW.start)
            FROM claims c JOIN articles a ON a.id = c.article_id
            WHERE c.id = NEW.claim_id
        )
        BEGIN
            SELECT RAISE(ABORT, 'span quote does not match the article text');
        END;
    """,
    3: """
        ALTER TABLE claims ADD COLUMN origin TEXT NOT NULL DEFAULT 'extractor'
            CHECK (origin IN ('extractor', 'reviewer'));
        CREATE TABLE dismissals (
            claim_id     INTEGER NOT NULL REFERENCES claims (id),
            reviewer     TEXT    NOT NULL,
            dismissed_at TEXT    NOT NULL,
            PRIMARY KEY (claim_id, reviewer)
        ) WITHOUT ROWID;
        CREATE TABLE settings (
            reviewer TEXT NOT NULL,
            name     TEXT NOT NULL,
            value    TEXT NOT NULL,
            PRIMARY KEY (reviewer, name)
        ) WITHOUT ROWID;
        CREATE INDEX claims_score ON claims (article_id, score);
        CREATE INDEX claims_added ON claims (article_id) WHERE origin = 'reviewer';
        CREATE INDEX spans_reviewer ON spans (reviewer, claim_id);
        CREATE INDEX notes_reviewer ON notes (reviewer, claim_id);
        CREATE INDEX dismissals_reviewer ON dismissals (reviewer, claim_id);
        CREATE INDEX events_lists ON events (id)
            WHERE action IN ('claim_add', 'dismiss', 'restore', 'undo', 'reextract');
    """,
    4: """
        CREATE TABLE clusters (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: events name clusters
            created_at TEXT    NOT NULL
        );
        CREATE TABLE cluster_members (
            claim_id   INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
            cluster_id INTEGER NOT NULL REFERENCES clusters (id),
            article_id INTEGER NOT NULL REFERENCES articles (id),  -- the claim's
            score      REAL,  -- how alike to the claim it matched (NULL: a reviewer placed it)
            placed_by  TEXT   -- NULL: the importer; else the reviewer who moved it here
        );
        CREATE INDEX cluster_members_cluster ON cluster_members (cluster_id, article_id);
        CREATE TABLE claim_terms (
            claim_id INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
            terms    TEXT    NOT NULL
        );
        CREATE TABLE conflicts (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            claim_a      INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            claim_b      INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            kind         TEXT    NOT NULL CHECK (kind IN ('date', 'number', 'polarity')),
            value_a      TEXT    NOT NULL,
            value_b      TEXT    NOT NULL,
            dismissed_by TEXT,
            dismissed_at TEXT,
            UNIQUE (claim_a, claim_b, kind)
        );
        CREATE INDEX conflicts_a ON conflicts (claim_a, dismissed_by);
        CREATE INDEX conflicts_b ON conflicts (claim_b, dismissed_by);
    """,
    5: """
        ALTER TABLE spans ADD COLUMN article_id INTEGER REFERENCES articles (id);
        DROP TRIGGER spans_quote_matches;
        CREATE TRIGGER spans_quote_matches BEFORE INSERT ON spans
        WHEN NEW.quote IS NOT (
            SELECT substr(a.text, NEW.start + 1, NEW.end - NEW.start) FROM articles a
            WHERE a.id = coalesce(
                NEW.article_id, (SELECT article_id FROM claims WHERE id = NEW.claim_id)
            )
        )
        BEGIN
            SELECT RAISE(ABORT, 'span quote does not match the article text');
        END;
        CREATE TABLE suggestions (
            claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            rank     INTEGER NOT NULL,
            start    INTEGER NOT NULL,
            end      INTEGER NOT NULL CHECK (end > start),
            cue      TEXT    NOT NULL
                     CHECK (cue IN ('no-evidence', 'denial', 'doubt', 'confirmation', 'source')),
            score    REAL    NOT NULL,
            PRIMARY KEY (claim_id, rank)
        ) WITHOUT ROWID;
    """,
    6: """
        CREATE TABLE finals (
            claim_id    INTEGER PRIMARY KEY REFERENCES claims (id),
            verdict     TEXT CHECK (verdict IN ('evidenced', 'unevidenced', 'disputed')),
            adjudicator TEXT    NOT NULL,
            updated_at  TEXT    NOT NULL
        ) WITHOUT ROWID;
    """,
    7: """
        ALTER TABLE articles ADD COLUMN author TEXT;
        ALTER TABLE articles ADD COLUMN raw_sha256 TEXT;
        ALTER TABLE articles ADD COLUMN not_claims TEXT;
    """,
    # Nothing stored twice: a claim's text is read from its article's at its offsets;
    # the hash index keeps 16 digits of current articles; conflicts are found by their
    # first claim through the UNIQUE index that starts with it.
    8: """
        ALTER TABLE claims DROP COLUMN text;
        DROP INDEX articles_sha256;
        CREATE INDEX articles_digest ON articles (substr(sha256, 1, 16));
        DROP INDEX conflicts_a;
    """,
}
TABLES = (
    "articles", "claims", "verdicts", "spans", "notes", "events", "positions", "superseded",
    "dismissals", "settings", "clusters", "cluster_members", "claim_terms", "conflicts",
    "suggestions", "finals",
)  # fmt: skip


def schema_sql() -> str:
    """The text of ``schema.sql`` as installed with the package."""
    return resources.files("factdesk").joinpath("schema.sql").read_text(encoding="utf-8")


def statements(script: str) -> Iterator[str]:
    """The SQL statements of a script, one by one (a trigger's body stays whole)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
