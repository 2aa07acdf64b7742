"""factdesk merge: two reviewers' files with shared and distinct articles, a file merged
twice, one reviewer's different work in both (the later wins, both in the log), a newer
file refused, a failure midway changing nothing, and a copy of the file kept first."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from factdesk.importer import import_paths
from factdesk.migrations import SCHEMA_VERSION
from factdesk.models import FactdeskError, Verdict
from factdesk.store import Store
from tests.helpers import COURIER, GAZETTE, claim_in, run, write

LIBRARY = (
    "Library Hours\n\nThe city library will open on Sundays from next month, the mayor said.\n"
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """ann's file (Gazette, Courier) and bob's (Courier, Library), each with its work."""
    ann, bob = tmp_path / "ann.db", tmp_path / "bob.db"
    with Store(ann) as store:
        import_paths(store, write(tmp_path / "a", gazette=GAZETTE, courier=COURIER))
        store.set_verdict(claim_in(store, 2, "Councillor Ruth Okafor accused"), "ann",
                          Verdict.UNEVIDENCED)  # fmt: skip
    with Store(bob) as store:
        import_paths(store, write(tmp_path / "b", courier=COURIER, library=LIBRARY))
        accused = claim_in(store, 1, "Councillor Ruth Okafor accused")
        store.set_verdict(accused, "bob", Verdict.DISPUTED)
        start = COURIER.index("She gave")
        store.add_span(accused, "bob", start, start + 8, COURIER[start : start + 8])
        store.set_note(accused, "bob", "the board denies it")
        store.set_verdict(claim_in(store, 2, "The city library"), "bob", Verdict.EVIDENCED)
    return ann, bob


def test_two_reviewers_files_come_together_and_again_changes_nothing(
    files: tuple[Path, Path],
) -> None:
    ann, bob = files
    code, out, err = run("merge", str(bob), "--db", str(ann))
    assert code == 0, err
    assert "merged 1 article, 2 verdicts, 1 evidence span, 1 note" in out
    with Store(ann) as store:
        assert len([a for a in store.articles() if a["is_current"]]) == 3
        accused = claim_in(store, 2, "Councillor Ruth Okafor accused")
        assert store.review(accused, "ann").verdict is Verdict.UNEVIDENCED
        bobs = store.review(accused, "bob")
        assert bobs.verdict is Verdict.DISPUTED and bobs.note == "the board denies it"
        assert [s.quote for s in bobs.spans] == ["She gave"]
        library = claim_in(store, 3, "The city library")
        assert store.review(library, "bob").verdict is Verdict.EVIDENCED
        events = store.conn.execute("SELECT count(*) FROM events WHERE action = 'merged'")
        assert events.fetchone()[0] == 4
        assert store.backup is None or store.backup.exists()
    backups = list(ann.parent.glob("ann.db.merge-backup-*"))
    assert len(backups) == 1
    code, out, _ = run("merge", str(bob), "--db", str(ann))
    assert code == 0 and "nothing new" in out
    with Store(ann) as store:
        events = store.conn.execute("SELECT count(*) FROM events WHERE action = 'merged'")
        assert events.fetchone()[0] == 4


def test_one_reviewers_different_work_in_two_files_the_later_wins(
    files: tuple[Path, Path],
) -> None:
    ann, bob = files
    time.sleep(1.1)  # times are kept to the second
    with Store(bob) as store:  # ann judged the claim in bob's file too, later
        store.set_verdict(claim_in(store, 1, "Councillor Ruth Okafor accused"), "ann",
                          Verdict.DISPUTED)  # fmt: skip
    code, out, _ = run("merge", str(bob), "--db", str(ann))
    assert code == 0
    with Store(ann) as store:
        accused = claim_in(store, 2, "Councillor Ruth Okafor accused")
        assert f"claim {accused}: ann judged it differently there; kept disputed" in out
        assert store.review(accused, "ann").verdict is Verdict.DISPUTED
        log = store.conn.execute(
            "SELECT action FROM events WHERE reviewer = 'ann' AND claim_id = ? ORDER BY id",
            (accused,),
        ).fetchall()
        assert [a for (a,) in log] == ["verdict", "merged"]  # both stay in the log


def test_a_newer_file_is_refused(files: tuple[Path, Path]) -> None:
    ann, bob = files
    conn = sqlite3.connect(bob)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    code, _, err = run("merge", str(bob), "--db", str(ann))
    assert code == 1 and "written by a newer factdesk" in err and "nothing merged" in err


def test_a_failure_midway_changes_nothing(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ann, bob = files
    from factdesk import store_merge

    def broken(self: object) -> None:
        raise FactdeskError("the disk is full")

    monkeypatch.setattr(store_merge._Merge, "_notes", broken)  # after articles and verdicts
    with Store(ann) as store:
        before = store.conn.execute("SELECT count(*) FROM verdicts").fetchone()[0]
        with pytest.raises(FactdeskError, match="disk is full"):
            store_merge.merge(store, bob)
        assert store.conn.execute("SELECT count(*) FROM verdicts").fetchone()[0] == before
        assert len([a for a in store.articles() if a["is_current"]]) == 2


def test_not_a_factdesk_file(files: tuple[Path, Path], tmp_path: Path) -> None:
    ann, _ = files
    junk = tmp_path / "junk.db"
    junk.write_text("hello", encoding="utf-8")
    code, _, err = run("merge", str(junk), "--db", str(ann))
    assert code == 1 and "not a factdesk database" in err


def test_the_other_file_is_left_as_it_was_and_this_file_is_refused(
    files: tuple[Path, Path],
) -> None:
    ann, bob = files
    beside = sorted(p.name for p in bob.parent.iterdir())
    data = bob.read_bytes()
    code, _, err = run("merge", str(bob), "--db", str(ann))
    assert code == 0, err
    assert sorted(p.name for p in bob.parent.iterdir() if not p.name.startswith("ann.db")) == [
        n for n in beside if not n.startswith("ann.db")
    ]
    assert bob.read_bytes() == data
    code, _, err = run("merge", str(ann), "--db", str(ann))
    assert code == 1 and "that is this file" in err
    code, _, err = run("merge", "/dev/null", "--db", str(ann))
    assert code == 1 and "/dev/null: not a regular file; nothing merged" in err


def test_like_actions_on_two_claims_in_one_second_are_two_events(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ann, bob = files
    monkeypatch.setattr(Store, "_now", lambda self: "2026-12-02T10:00:00+00:00")
    with Store(bob) as store:  # one second, the same verdict, two claims
        for article, opening in ((1, "Councillor Ruth Okafor accused"), (2, "The city library")):
            store.set_flag(claim_in(store, article, opening), "bob", True)
    code, out, err = run("merge", str(bob), "--db", str(ann))
    assert code == 0, err
    with Store(ann) as store:
        flags = store.conn.execute(
            "SELECT count(*) FROM events WHERE action = 'merged'"
            " AND json_extract(after, '$.action') = 'flag'"
        ).fetchone()[0]
    assert flags == 2
