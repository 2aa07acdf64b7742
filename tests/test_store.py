"""The database: schema, migrations, pragmas and the rules it enforces itself."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factdesk import migrations
from factdesk.importer import import_paths
from factdesk.migrations import SCHEMA_VERSION
from factdesk.models import FactdeskError, Verdict
from factdesk.store import Store, content_hash
from tests.helpers import CORPUS, ROOT

COLUMNS = {
    "articles": [
        "id", "source", "version", "is_current", "sha256", "title", "url", "outlet",
        "published", "encoding", "text", "imported_at", "slot", "author", "raw_sha256",
        "not_claims",
    ],
    "claims": [
        "id", "article_id", "start", "end", "speaker", "verb", "score", "extractor",
        "origin",
    ],
    "verdicts": ["claim_id", "reviewer", "verdict", "flagged", "updated_at"],
    "spans": ["id", "claim_id", "reviewer", "start", "end", "quote", "created_at", "article_id"],
    "notes": ["claim_id", "reviewer", "text", "updated_at"],
    "events": [
        "id", "at", "reviewer", "claim_id", "action", "before", "after", "undoes", "session",
    ],
    "positions": ["reviewer", "claim_id", "updated_at"],
    "superseded": ["claim_id", "reviewer", "successor_id"],
    "dismissals": ["claim_id", "reviewer", "dismissed_at"],
    "settings": ["reviewer", "name", "value"],
    "clusters": ["id", "created_at"],
    "cluster_members": ["claim_id", "cluster_id", "article_id", "score", "placed_by"],
    "claim_terms": ["claim_id", "terms"],
    "conflicts": [
        "id", "claim_a", "claim_b", "kind", "value_a", "value_b", "dismissed_by",
        "dismissed_at",
    ],
    "suggestions": ["claim_id", "rank", "start", "end", "cue", "score"],
    "finals": ["claim_id", "verdict", "adjudicator", "updated_at"],
}  # fmt: skip


def columns(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}
    finally:
        conn.close()


def test_new_database_has_the_schema(isolated_db: Path) -> None:
    with Store(isolated_db) as store:
        assert store.migrated
        assert store.schema_version() == SCHEMA_VERSION
        conn = store.db.conn
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert columns(isolated_db) == COLUMNS


def test_opening_twice_migrates_nothing(isolated_db: Path) -> None:
    Store(isolated_db).close()
    before = sqlite3.connect(isolated_db)
    schema = before.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    before.close()
    with Store(isolated_db) as store:
        assert not store.migrated
    after = sqlite3.connect(isolated_db)
    assert after.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
    after.close()


def test_top_level_schema_is_the_packaged_one() -> None:
    from factdesk.migrations import schema_sql

    assert (ROOT / "schema.sql").read_text(encoding="utf-8") == schema_sql()


def test_newer_schema_is_refused(isolated_db: Path) -> None:
    conn = sqlite3.connect(isolated_db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(FactdeskError, match="newer factdesk"):
        Store(isolated_db)


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(FactdeskError, match="not a usable factdesk database"):
        Store(bogus)
    assert bogus.read_text().startswith("these are my notes")


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    with pytest.raises(FactdeskError, match="not a factdesk database"):
        Store(other)


def test_span_quote_must_match_the_article(store: Store) -> None:
    import_paths(store, [CORPUS / "000_13d752a9abc16feb.txt"])
    claim = next(store.claims())
    text = store.article(claim.article_id).text
    conn = store.db.conn
    insert = (
        "INSERT INTO spans (claim_id, reviewer, start, end, quote, created_at)"
        " VALUES (?, 'ann', ?, ?, ?, 'now')"
    )
    conn.execute(insert, (claim.id, 0, 6, text[0:6]))
    with pytest.raises(sqlite3.IntegrityError, match="does not match"):
        conn.execute(insert, (claim.id, 0, 6, "PompeX"))
    conn.rollback()


def test_events_are_append_only(store: Store) -> None:
    conn = store.db.conn
    conn.execute("INSERT INTO events (at, reviewer, action) VALUES ('now', 'ann', 'verdict')")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE events SET action = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM events")
    conn.rollback()


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(
            "INSERT INTO positions (reviewer, claim_id, updated_at) VALUES ('ann', 999, 'now')"
        )


def test_a_failed_commit_rolls_back_and_later_writes_work(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError), store._write():
        store.conn.execute("PRAGMA defer_foreign_keys = ON")
        store.conn.execute(
            "INSERT INTO positions (reviewer, claim_id, updated_at) VALUES ('ann', 999, 'now')"
        )
    assert not store.conn.in_transaction
    import_paths(store, [CORPUS / "000_13d752a9abc16feb.txt"])
    claim = next(store.claims())
    store.save_position("ann", claim.id)
    assert store.position("ann") == claim.id


OLD_SCHEMA = ROOT / "tests" / "old_schemas" / "schema2.sql"  # as factdesk 0.1 wrote it


def make_old_schema(path: Path, version: int = 2) -> int:
    """A database as factdesk schema 1 or 2 wrote it, with two versions of one article and
    a verdict on each; returns the claim of the current version."""
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA.read_text(encoding="utf-8"))
    for article_id, version_no, text in ((1, 1, "Old claim was said."), (2, 2, "New claim.")):
        conn.execute(
            "INSERT INTO articles (id, source, version, is_current, sha256, title, encoding,"
            " text, imported_at) VALUES (?, '/a.txt', ?, ?, 'x', 't', 'utf-8', ?, 'now')",
            (article_id, version_no, int(version_no == 2), text),
        )
        conn.execute(
            "INSERT INTO claims (id, article_id, start, end, text, score, extractor)"
            " VALUES (?, ?, 0, ?, ?, 0.5, 'test')",
            (article_id, article_id, len(text), text),
        )
        conn.execute(
            "INSERT INTO verdicts (claim_id, reviewer, verdict, updated_at)"
            " VALUES (?, 'ann', 'disputed', 'now')",
            (article_id,),
        )
    conn.execute("INSERT INTO articles (id, source, version, is_current, sha256, title,"
                 " encoding, text, imported_at) VALUES (3, '/b.txt', 1, 1, 'y', 'b', 'utf-8',"
                 " 'Other.', 'now')")  # fmt: skip
    if version == 1:
        conn.execute("DROP INDEX events_claim")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return 2


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_schema_is_backed_up_then_migrated(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.db"
    claim_id = make_old_schema(path, version)
    with Store(path) as store:
        assert store.migrated and store.schema_version() == SCHEMA_VERSION
        assert store.review(claim_id, "ann").verdict is Verdict.DISPUTED
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"events_claim", "articles_queue", "articles_slot", "superseded"} <= indexes
        # Both versions of /a.txt keep the place of the first; /b.txt has its own.
        slots = store.conn.execute("SELECT id, slot FROM articles ORDER BY id").fetchall()
        assert slots == [(1, 1), (2, 1), (3, 3)]
        assert [c.id for c in store.claims()] == [claim_id]
        store.set_verdict(claim_id, "ann", Verdict.EVIDENCED)  # events gained a session
        assert store.undo("ann") is not None
        assert store.review(claim_id, "ann").verdict is Verdict.DISPUTED
        backup = store.backup
    assert columns(path) == COLUMNS
    assert backup is not None and backup.parent == tmp_path
    assert backup.name.startswith(f"old.db.schema{version}-backup-")
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == version
    assert copy.execute("SELECT verdict FROM verdicts").fetchall() == [("disputed",)] * 2
    copy.close()


def test_a_failed_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every step of every migration runs in one transaction: a step that fails after
    others have run (here the last statement of the last step) leaves the file as it was."""
    path = tmp_path / "old.db"
    make_old_schema(path, 1)
    broken = migrations.MIGRATIONS[2] + "CREATE INDEX broken ON nowhere (x);"
    monkeypatch.setitem(migrations.MIGRATIONS, 2, broken)
    with pytest.raises(FactdeskError, match="could not upgrade .* nothing was changed"):
        Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 2
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "superseded" not in names and "events_claim" not in names
    assert "slot" not in [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
    conn.close()


def test_a_file_that_hid_verdicts_behind_a_new_version_gets_them_back(tmp_path: Path) -> None:
    """Before schema 3, re-importing a corrected article hid its verdicts on the old
    version. Opening such a file carries them to the current version."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA.read_text(encoding="utf-8"))
    v1 = "Alpha said 5 ships sank.\n\nBeta said 7 ports closed in 2020."
    v2 = v1.replace("5 ships", "6 ships")
    for article_id, version, text in ((1, 1, v1), (2, 2, v2)):
        conn.execute(
            "INSERT INTO articles (id, source, version, is_current, sha256, title, encoding,"
            " text, imported_at) VALUES (?, '/a.txt', ?, ?, 'x', 't', 'utf-8', ?, 'now')",
            (article_id, version, int(version == 2), text),
        )
        for sentence in ("Alpha said", "Beta said"):
            start = text.index(sentence)
            end = text.index(".", start) + 1
            conn.execute(
                "INSERT INTO claims (article_id, start, end, text, score, extractor)"
                " VALUES (?, ?, ?, ?, 0.9, 'rules-1')",
                (article_id, start, end, text[start:end]),
            )
    conn.execute("INSERT INTO verdicts VALUES (2, 'ann', 'disputed', 0, 'then')")  # Beta, v1
    conn.execute("INSERT INTO spans (claim_id, reviewer, start, end, quote, created_at)"
                 " VALUES (2, 'ann', 26, 30, 'Beta', 'then')")  # fmt: skip
    conn.execute("INSERT INTO verdicts VALUES (1, 'ann', 'evidenced', 0, 'then')")  # Alpha, v1
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Store(path) as store:
        beta = next(c for c in store.claims() if c.text.startswith("Beta"))
        alpha = next(c for c in store.claims() if c.text.startswith("Alpha"))
        review = store.review(beta.id, "ann")
        assert review.verdict is Verdict.DISPUTED and [s.quote for s in review.spans] == ["Beta"]
        assert store.progress("ann").judged == 1
        assert store.review(alpha.id, "ann").changed  # "5 ships" became "6 ships"


def test_a_removed_spans_id_is_never_reused(store: Store) -> None:
    """Undo restores and deletes spans by id: an id must never pass to another span."""
    import_paths(store, [CORPUS / "000_13d752a9abc16feb.txt"])
    claim = next(store.claims())
    text = store.article(claim.article_id).text
    first = store.add_span(claim.id, "ann", 0, 5, text[:5]).spans[0]
    store.remove_span(first.id, "ann")
    second = store.add_span(claim.id, "bob", 0, 5, text[:5]).spans[0]
    assert second.id != first.id
    assert store.undo("ann") is not None  # ann's removal undone: her span is back, bob's kept
    assert [s.id for s in store.review(claim.id, "ann").spans] == [first.id]
    assert [s.id for s in store.review(claim.id, "bob").spans] == [second.id]


def test_a_schema_3_file_gains_origins_dismissals_and_settings(tmp_path: Path) -> None:
    """Schema 4: every claim of an older file was found by the extractor; nobody has
    dismissed anything or chosen a threshold yet. The work on it is untouched."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript((ROOT / "tests" / "old_schemas" / "schema3.sql").read_text("utf-8"))
    text = "Alpha said 5 ships sank in 2020."
    conn.execute(
        "INSERT INTO articles (id, source, version, sha256, title, encoding, text, imported_at)"
        " VALUES (1, '/a.txt', 1, 'x', 't', 'utf-8', ?, 'now')",
        (text,),
    )
    conn.execute(
        "INSERT INTO claims (id, article_id, start, end, text, score, extractor)"
        " VALUES (7, 1, 0, ?, ?, 0.8, 'rules-1')",
        (len(text), text),
    )
    conn.execute("INSERT INTO verdicts VALUES (7, 'ann', 'evidenced', 0, 'then')")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.migrated and store.backup is not None
        rows = store.conn.execute("SELECT id, origin, extractor FROM claims").fetchall()
        assert rows == [(7, "extractor", "rules-1")]
        assert store.review(7, "ann").verdict is Verdict.EVIDENCED
        store.conn.execute("INSERT INTO dismissals VALUES (7, 'bob', 'now')")
        store.conn.execute("INSERT INTO settings VALUES ('bob', 'min_score', '0.3')")
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute("UPDATE claims SET origin = 'someone' WHERE id = 7")
        store.conn.rollback()
    assert columns(path) == COLUMNS


def schema_objects(conn: sqlite3.Connection) -> dict[str, str]:
    """Every table, index and trigger, with its SQL (without the IF NOT EXISTS of
    schema.sql, which the migrations do not need)."""
    return {
        name: " ".join(sql.replace("IF NOT EXISTS ", "").split())
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
        )
    }


def test_a_migrated_schema_3_file_has_every_index_a_new_file_has(
    tmp_path: Path, isolated_db: Path
) -> None:
    """The indexes schema 4 counts queues and notices other windows by are made by the
    migration too, the same as in a new file."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript((ROOT / "tests" / "old_schemas" / "schema3.sql").read_text("utf-8"))
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with Store(path) as old, Store(isolated_db) as new:
        migrated, fresh = schema_objects(old.conn), schema_objects(new.conn)
    added = (
        "claims_score", "claims_added", "spans_reviewer", "notes_reviewer",
        "dismissals_reviewer", "events_lists",
    )  # fmt: skip
    assert {name: migrated.get(name) for name in added} == {name: fresh[name] for name in added}
    assert set(migrated) == set(fresh)


def test_the_queue_is_counted_from_the_score_index(store: Store) -> None:
    """Progress is read on every catch-up with another window: the claims at the
    threshold are counted in an index, never by reading every claim's row."""
    from factdesk.store_claims import _QUEUE_SIZE

    plan = [
        str(row[3])
        for row in store.conn.execute(
            f"EXPLAIN QUERY PLAN {_QUEUE_SIZE}", {"reviewer": "ann", "min_score": 0.5}
        )
    ]
    assert any("COVERING INDEX claims_score" in step for step in plan)
    scans = [step for step in plan if step.startswith("SCAN") and "CONSTANT" not in step]
    assert all(" USING " in step for step in scans), scans  # no table read row by row
    assert [s for s in scans if s.startswith(("SCAN c ", "SCAN claims "))] == [
        "SCAN claims USING INDEX claims_added"  # the few claims added by hand
    ]


def test_a_schema_8_file_reads_each_claims_text_from_its_article(
    tmp_path: Path, isolated_db: Path
) -> None:
    """Schema 9 stores a claim's text once, in its article: the migration drops the
    claims' copies, the full hash index and the conflicts index the UNIQUE one covers."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript((ROOT / "tests" / "old_schemas" / "schema8.sql").read_text("utf-8"))
    text = "Ports\n\nAlpha said 5 ships sank in 2020. Beta said 🇬🇧 ships sank."
    second = text.index("Beta")
    conn.execute(
        "INSERT INTO articles (id, source, version, sha256, title, encoding, text, imported_at)"
        " VALUES (1, '/a.txt', 1, ?, 't', 'utf-8', ?, 'now')",
        (content_hash(text), text),
    )
    conn.executemany(
        "INSERT INTO claims (id, article_id, start, end, text, score, extractor)"
        " VALUES (?, 1, ?, ?, ?, 0.8, 'rules-1')",
        [(7, 7, second - 1, text[7 : second - 1]), (8, second, len(text), text[second:])],
    )
    conn.execute("INSERT INTO verdicts VALUES (8, 'ann', 'evidenced', 0, 'then')")
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()
    with Store(path) as store, Store(isolated_db) as new:
        assert store.migrated and store.backup is not None
        assert [c.text for c in store.claims(min_score=None)] == [
            "Alpha said 5 ships sank in 2020.",
            "Beta said 🇬🇧 ships sank.",
        ]
        assert store.review(8, "ann").verdict is Verdict.EVIDENCED
        assert store.is_known("/elsewhere.txt", content_hash(text))  # by the new index
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        migrated, fresh = schema_objects(store.conn), schema_objects(new.conn)
    assert "articles_digest" in migrated and "articles_sha256" not in migrated
    assert set(migrated) == set(fresh)
    assert columns(path) == COLUMNS


def test_a_batch_stores_new_articles_at_once_and_one_that_breaks_a_rule_alone_is_skipped(
    store: Store,
) -> None:
    """New articles go in by a few statements for the batch (ids as the database gives
    them); when one of them breaks a rule, each is stored again on its own and only that
    one is left out."""
    from dataclasses import replace

    from factdesk.extract import extract_candidates
    from factdesk.models import ArticleInput, ImportOutcome
    from factdesk.store import NewArticle, content_hash

    def new(name: str, text: str) -> NewArticle:
        article = ArticleInput(f"/news/{name}.txt", text, name, "utf-8")
        found = extract_candidates(text)
        return NewArticle(article, content_hash(text), found, "test")

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:3]]
    good = [new(f"a{n}", text) for n, text in enumerate(texts)]
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    stored = store.add_articles(good)
    store.conn.set_trace_callback(None)
    assert [s.outcome for s in stored] == [ImportOutcome.NEW] * 3
    # Not the statements of one article at a time: its savepoint, its claims read back.
    one_by_one = ("SAVEPOINT article", "SELECT id, start, end", "SELECT id, version, slot")
    assert statements and not [s for s in statements if s.startswith(one_by_one)]
    ids = [int(str(a["id"])) for a in store.articles()]
    assert [len(store.article(i).text) for i in ids] == [len(t) for t in texts]
    first = store.conn.execute("SELECT min(id), max(id), count(*) FROM claims").fetchone()
    assert first[2] == first[1] - first[0] + 1 == sum(len(s.claims) for s in good)
    broken = new("b1", texts[1] + "More.\n")
    bad_claim = replace(broken.claims[0], score=1.5)  # a score the schema refuses
    broken = replace(broken, claims=[bad_claim, *broken.claims[1:]])
    batch = [new("b0", texts[0] + "Again.\n"), broken, new("b2", texts[2] + "Once more.\n")]
    outcomes = store.add_articles(batch)
    assert [s.outcome for s in outcomes] == [ImportOutcome.NEW, ImportOutcome.UNCHANGED,
                                             ImportOutcome.NEW]  # fmt: skip
    assert "CHECK constraint" in (outcomes[1].error or "")
    sources = [str(a["source"]) for a in store.articles()]
    assert sources[3:] == ["/news/b0.txt", "/news/b2.txt"]
    for article_id in ids + [int(str(a["id"])) for a in store.articles()[3:]]:
        claims = store.conn.execute(
            "SELECT count(*), count(DISTINCT s.claim_id) FROM claims c LEFT JOIN suggestions s"
            " ON s.claim_id = c.id WHERE c.article_id = ?",
            (article_id,),
        ).fetchone()
        assert claims[0] > 0 and claims[1] > 0  # claims, and suggestions for some of them


def test_known_articles_answers_as_is_known_does_for_each(store: Store, tmp_path: Path) -> None:
    """The importer asks about a few hundred articles at once: the answers are those of
    is_known, one by one (a source's current text or page, another source's text, a
    record of one file with an id of its own)."""
    import json

    (tmp_path / "a.txt").write_text("Ministers met on Monday.\n", encoding="utf-8")
    record = "The council voted 7 to 2 on Tuesday.\n"
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": 1, "text": record}) + "\n")
    import_paths(store, [tmp_path])
    a, r = str(tmp_path / "a.txt"), str(tmp_path / "r.jsonl")
    a_sha = content_hash("Ministers met on Monday.\n")
    asked = [
        (a, a_sha, None),  # unchanged
        (a, content_hash("Ministers met on Tuesday.\n"), None),  # a new version
        (str(tmp_path / "copy.txt"), a_sha, None),  # another path, the same text
        (f"{r}#id=2", content_hash(record), None),  # a record of the same file: its own
        (str(tmp_path / "other.txt"), content_hash(record), None),  # the record's text
        (str(tmp_path / "new.txt"), content_hash("Nothing like it.\n"), None),
    ]
    expected = [store.is_known(*item) for item in asked]
    assert expected == [True, False, True, False, True, False]
    assert store.known_articles(asked) == expected
