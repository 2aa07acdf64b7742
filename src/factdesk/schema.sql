-- factdesk schema. The Store applies this file to a new database and records
-- SCHEMA_VERSION in PRAGMA user_version; older files are migrated by the Store.
-- Offsets are Python string indices (code points) into articles.text, end exclusive.

-- One row per version of an article. A changed file at the same source becomes a
-- new row with version + 1; the old row, its claims and their verdicts stay.
CREATE TABLE IF NOT EXISTS articles (
    id          INTEGER PRIMARY KEY,
    source      TEXT    NOT NULL,  -- absolute file path, "path#line" for JSONL, or the URL
    version     INTEGER NOT NULL CHECK (version >= 1),
    is_current  INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    sha256      TEXT    NOT NULL,  -- of the stored text, UTF-8 encoded
    title       TEXT    NOT NULL,
    url         TEXT,
    outlet      TEXT,
    published   TEXT,
    encoding    TEXT    NOT NULL,  -- how the file was decoded
    text        TEXT    NOT NULL,  -- decoded, line endings turned into \n, nothing else changed
    imported_at TEXT    NOT NULL,  -- ISO 8601, UTC
    slot        INTEGER,           -- its place in the queue: the id of its first version
    author      TEXT,              -- since schema 8: from a web page's metadata
    raw_sha256  TEXT,              -- since 8: of the web page its text was extracted from
    not_claims  TEXT,              -- since 8: JSON [[start, end], ...] of what its markup
                                   -- marks as not prose (Markdown's and HTML's headings,
                                   -- tables, code), which is never a claim
    UNIQUE (source, version)
);
-- Finding an article by its text's hash (an import, a merge) reads this index of the hash's
-- first 16 digits (64 bits pick one article in billions; the full hash is compared after,
-- written +sha256 so that SQLite does not fold it into the indexed expression): a quarter
-- of the size of an index of the whole hash. Since schema 9.
CREATE INDEX IF NOT EXISTS articles_digest ON articles (substr(sha256, 1, 16));
CREATE UNIQUE INDEX IF NOT EXISTS articles_current ON articles (source) WHERE is_current = 1;
CREATE INDEX IF NOT EXISTS articles_queue ON articles (slot, id) WHERE is_current = 1;
-- A first version keeps its own place (a new version is given its predecessor's slot).
CREATE TRIGGER IF NOT EXISTS articles_slot AFTER INSERT ON articles WHEN NEW.slot IS NULL
BEGIN
    UPDATE articles SET slot = NEW.id WHERE id = NEW.id;
END;

-- Every candidate sentence of an article with its check-worthiness score, and the claims
-- reviewers added by hand (origin 'reviewer'). A reviewer's queue is the claims of current
-- articles at or above their threshold, every added one and every one they have work on,
-- less the ones they dismissed (IN_QUEUE in store_claims.py), by article slot and then by
-- place in the article. A claim's text is its article's text at its offsets (stored once,
-- in the article: CLAIM_TEXT in store_review.py; since schema 9).
CREATE TABLE IF NOT EXISTS claims (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    start      INTEGER NOT NULL CHECK (start >= 0),
    end        INTEGER NOT NULL CHECK (end > start),
    speaker    TEXT,
    verb       TEXT,
    score      REAL    NOT NULL CHECK (score >= 0 AND score <= 1),
    extractor  TEXT    NOT NULL,  -- version of the extractor that found or scored it
    origin     TEXT    NOT NULL DEFAULT 'extractor'  -- since schema 4
               CHECK (origin IN ('extractor', 'reviewer')),
    UNIQUE (article_id, start, end)
);
-- Counting a queue (progress, on every catch-up with another window) reads the scores
-- of each current article from this index, never the claims' rows; the added claims are
-- a small set of their own. Since schema 4.
CREATE INDEX IF NOT EXISTS claims_score ON claims (article_id, score);
CREATE INDEX IF NOT EXISTS claims_added ON claims (article_id) WHERE origin = 'reviewer';

-- One verdict row per claim and reviewer; verdict is NULL when only flagged.
CREATE TABLE IF NOT EXISTS verdicts (
    claim_id   INTEGER NOT NULL REFERENCES claims (id),
    reviewer   TEXT    NOT NULL,
    verdict    TEXT CHECK (verdict IN ('evidenced', 'unevidenced', 'disputed')),
    flagged    INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (claim_id, reviewer)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS verdicts_reviewer ON verdicts (reviewer, verdict);

-- Evidence spans: offsets into the claim's article and the quote they cover.
-- AUTOINCREMENT: a removed span's id is never given to another, so undo (which restores
-- and deletes spans by id) can never touch someone else's span.
CREATE TABLE IF NOT EXISTS spans (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id   INTEGER NOT NULL REFERENCES claims (id),
    reviewer   TEXT    NOT NULL,
    start      INTEGER NOT NULL CHECK (start >= 0),
    end        INTEGER NOT NULL CHECK (end > start),
    quote      TEXT    NOT NULL CHECK (length(quote) = end - start),
    created_at TEXT    NOT NULL,
    article_id INTEGER REFERENCES articles (id)  -- since schema 6: NULL, the claim's article;
                                                -- else the other article the span quotes
);
CREATE INDEX IF NOT EXISTS spans_claim ON spans (claim_id, reviewer);
CREATE INDEX IF NOT EXISTS spans_reviewer ON spans (reviewer, claim_id);  -- since schema 4

-- The quote must be the article's text at those offsets (substr counts characters).
CREATE TRIGGER IF NOT EXISTS spans_quote_matches BEFORE INSERT ON spans
WHEN NEW.quote IS NOT (
    SELECT substr(a.text, NEW.start + 1, NEW.end - NEW.start) FROM articles a
    WHERE a.id = coalesce(NEW.article_id, (SELECT article_id FROM claims WHERE id = NEW.claim_id))
)
BEGIN
    SELECT RAISE(ABORT, 'span quote does not match the article text');
END;

CREATE TABLE IF NOT EXISTS notes (
    claim_id   INTEGER NOT NULL REFERENCES claims (id),
    reviewer   TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (claim_id, reviewer)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS notes_reviewer ON notes (reviewer, claim_id);  -- since schema 4

-- Append-only log of every reviewer action, for undo and provenance.
-- before/after are JSON snapshots of what the action changed; an undo is
-- itself an event that names the event it reverted (or, with before NULL and after
-- {"skipped": action}, one it could never revert and passed over). Work that restored a
-- dismissed claim logs the restore first and names it in before ({"restored": id}).
CREATE TABLE IF NOT EXISTS events (
    id       INTEGER PRIMARY KEY,
    at       TEXT    NOT NULL,
    reviewer TEXT    NOT NULL,
    claim_id INTEGER REFERENCES claims (id),
    action   TEXT    NOT NULL,
    before   TEXT,
    after    TEXT,
    undoes   INTEGER REFERENCES events (id),
    session  TEXT      -- the window (host/pid/random) that acted; NULL for imports
);
CREATE INDEX IF NOT EXISTS events_reviewer ON events (reviewer, id);
CREATE INDEX IF NOT EXISTS events_claim ON events (claim_id, id);  -- since schema 2
CREATE INDEX IF NOT EXISTS events_undoes ON events (undoes) WHERE undoes IS NOT NULL;  -- 3
-- The newest event that may change which claims a queue holds (LIST_EVENTS in
-- store_claims.py): a desk reads its queue again when another window moves it. Since 4.
CREATE INDEX IF NOT EXISTS events_lists ON events (id)
    WHERE action IN ('claim_add', 'dismiss', 'restore', 'undo', 'reextract');
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- Where each reviewer left off.
CREATE TABLE IF NOT EXISTS positions (
    reviewer   TEXT    PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims (id),
    updated_at TEXT    NOT NULL
);

-- Review work on a claim of an earlier article version that could not continue into the
-- next one, because its sentence or one of its evidence quotes changed. The successor is
-- the claim that now stands where it stood (NULL when the sentence is gone); the desk
-- marks it "changed since judged" until the reviewer judges it.
CREATE TABLE IF NOT EXISTS superseded (
    claim_id     INTEGER NOT NULL REFERENCES claims (id),
    reviewer     TEXT    NOT NULL,
    successor_id INTEGER REFERENCES claims (id),
    PRIMARY KEY (claim_id, reviewer)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS superseded_successor ON superseded (successor_id, reviewer);

-- Claims a reviewer dismissed as not check-worthy: out of their queue, exported only with
-- --all. Since schema 4.
CREATE TABLE IF NOT EXISTS dismissals (
    claim_id     INTEGER NOT NULL REFERENCES claims (id),
    reviewer     TEXT    NOT NULL,
    dismissed_at TEXT    NOT NULL,
    PRIMARY KEY (claim_id, reviewer)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dismissals_reviewer ON dismissals (reviewer, claim_id);

-- What each reviewer chose for their desk, by name (min_score: the queue's threshold).
-- Since schema 4.
CREATE TABLE IF NOT EXISTS settings (
    reviewer TEXT NOT NULL,
    name     TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (reviewer, name)
) WITHOUT ROWID;

-- Claims that assert the same thing, across articles and within one (a claim alone is in
-- no cluster). The importer places each new claim; a reviewer may move one (placed_by names
-- them, and the move is an event). Since schema 5.
CREATE TABLE IF NOT EXISTS clusters (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: events name clusters
    created_at TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS cluster_members (
    claim_id   INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL REFERENCES clusters (id),
    article_id INTEGER NOT NULL REFERENCES articles (id),  -- the claim's
    score      REAL,  -- how alike to the claim it matched (NULL: a reviewer placed it)
    placed_by  TEXT   -- NULL: the importer; else the reviewer who moved it here
);
CREATE INDEX IF NOT EXISTS cluster_members_cluster ON cluster_members (cluster_id, article_id);
-- The terms the importer compares a new claim with (see factdesk.cluster): one row per
-- claim it indexed; a claim with the very terms of one indexed (a copy) has "=" and
-- that claim's id.
CREATE TABLE IF NOT EXISTS claim_terms (
    claim_id INTEGER PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
    terms    TEXT    NOT NULL
);
-- Two claims of one cluster, or about one event, that disagree on a date, a number or
-- polarity. A reviewer who judges one wrong dismisses it (an event). What clustering
-- derived goes with its claim when a claim is deleted (ON DELETE CASCADE).
CREATE TABLE IF NOT EXISTS conflicts (
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
CREATE INDEX IF NOT EXISTS conflicts_b ON conflicts (claim_b, dismissed_by);

-- Suggested evidence (see factdesk.evidence), worked out at import: for each claim, the
-- cue clauses of its article most likely to decide it, best first (rank 1). The quote is
-- the article's text at the offsets; suggestions from the other articles of a claim's
-- cluster are those articles' own claims' suggestions, read with it.
CREATE TABLE IF NOT EXISTS suggestions (
    claim_id INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    rank     INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL CHECK (end > start),
    cue      TEXT    NOT NULL
             CHECK (cue IN ('no-evidence', 'denial', 'doubt', 'confirmation', 'source')),
    score    REAL    NOT NULL,
    PRIMARY KEY (claim_id, rank)
) WITHOUT ROWID;

-- The final verdict on a claim its reviewers disagree on, given by an adjudicator
-- (factdesk review --adjudicate); NULL once they take it back. Exported with --final.
-- Since schema 7.
CREATE TABLE IF NOT EXISTS finals (
    claim_id    INTEGER PRIMARY KEY REFERENCES claims (id),
    verdict     TEXT CHECK (verdict IN ('evidenced', 'unevidenced', 'disputed')),
    adjudicator TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
) WITHOUT ROWID;
