"""The command line: every command, its help, and one-line errors."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from factdesk.cli import cli
from factdesk.models import READABLE, Verdict
from factdesk.store import Store
from tests.helpers import ARTICLE_CLAIMS, CORPUS, CORPUS_CLAIMS, run

FIRST = ARTICLE_CLAIMS["000_13d752a9abc16feb.txt"]

FIELDS = [
    "claim_id",
    "article_id",
    "article_source",
    "start",
    "end",
    "text",
    "speaker",
    "verb",
    "score",
    "status",
    "cluster_id",
    "cluster_size",
]


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example:" in out and f"factdesk {command}" in out
    assert "--db" in out


def test_import_then_claims_as_jsonl(isolated_db: Path) -> None:
    code, out, err = run("import", str(CORPUS))
    assert code == 0 and out == ""
    assert "Imported 5 files: 5 new, 0 unchanged, 0 new versions, 0 skipped" in err
    assert f"; {CORPUS_CLAIMS} claims found." in err
    code, out, _ = run("claims", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(list(row) == FIELDS for row in rows)
    assert [r["claim_id"] for r in rows] == sorted(r["claim_id"] for r in rows)
    texts = {Path(p.name): p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    for row in rows:
        assert (
            texts[Path(Path(row["article_source"]).name)][row["start"] : row["end"]] == row["text"]
        )
    assert {r["status"] for r in rows} == {"extracted"}
    conn = sqlite3.connect(isolated_db)  # every candidate is stored; claims are those at 0.5
    assert conn.execute("SELECT count(*) FROM claims WHERE score >= 0.5").fetchone()[0] == len(rows)
    candidates = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    conn.close()
    assert candidates > len(rows)
    code, out, _ = run("claims", "--format", "jsonl", "--min-score", "0")
    assert code == 0 and len(out.splitlines()) == candidates


def test_claims_table_and_status(isolated_db: Path) -> None:
    run("import", str(CORPUS))
    code, out, _ = run("claims")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "article 1: 000_13d752a9abc16feb.txt"
    assert lines[1].split() == ["id", "score", "speaker,", "verb", "claim"]
    assert sum(line.startswith("article ") for line in lines) == 5
    assert any(
        re.search(r"\b[01]\.\d\d   Mike Pompeo, claimed", line)
        and line.endswith("logistical support.")
        for line in lines
    )
    code, out, _ = run("status")
    assert code == 0
    assert "articles: 5" in out and "judged: 0" in out and str(isolated_db) in out


def test_empty_database_says_how_to_import(isolated_db: Path) -> None:
    Store(isolated_db).close()
    code, out, err = run("claims")
    assert code == 0 and out == ""
    assert "factdesk import sample_corpus" in err


def test_path_follows_option_then_environment(isolated_db: Path, tmp_path: Path) -> None:
    assert run("path") == (0, f"{isolated_db}\n", "")
    other = tmp_path / "other.db"
    assert run("path", "--db", str(other)) == (0, f"{other}\n", "")


def test_default_path_is_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("FACTDESK_DB")
    expected = platformdirs.user_data_path("factdesk") / "factdesk.db"
    assert run("path")[1] == f"{expected}\n"


def test_missing_path_is_one_line_and_nonzero(isolated_db: Path) -> None:
    code, out, err = run("import", "no/such/folder")
    assert code != 0
    assert err == "Error: no such file or folder: no/such/folder\n"
    assert not isolated_db.exists()


def test_bad_database_file_is_one_line_and_nonzero(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"definitely not sqlite" * 100)
    for args in (["status"], ["claims"], ["import", str(CORPUS)]):
        code, _, err = run(*args, "--db", str(bad))
        assert code == 1
        assert err.count("\n") == 1 and "is not a usable factdesk database" in err


def test_database_in_a_folder_path_is_refused(tmp_path: Path) -> None:
    code, _, err = run("status", "--db", str(tmp_path))
    assert code == 1 and "is a folder" in err


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    """(On a terminal it shows: see test_progress.)"""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(25):
        (folder / f"{i:02}.txt").write_text(f"Officials said {i} people were hurt in 2020.\n")
    code, _, err = run("import", str(folder))
    assert code == 0
    assert "Importing" not in err and err.startswith("Imported 25 files: 25 new")


def missing(path: Path) -> str:
    """The one line a command prints for a database file that does not exist."""
    return f"Error: no database at {path}; start one with: factdesk import --db {path} FOLDER\n"


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "--by-article"],
        ["claims"],
        ["claims", "--format", "jsonl"],
        ["export"],
        ["export", "--format", "jsonl", "--all"],
        ["review"],
    ],
)
def test_reading_commands_never_create_a_database(tmp_path: Path, args: list[str]) -> None:
    typo = tmp_path / "typo" / "x.db"
    assert run(*args, "--db", str(typo)) == (1, "", missing(typo))
    assert run("--db", str(typo), *args) == (1, "", missing(typo))
    assert list(tmp_path.iterdir()) == []


def test_reading_commands_on_a_missing_environment_database(isolated_db: Path) -> None:
    for args in (["status"], ["claims"], ["export"], ["review"]):
        assert run(*args) == (1, "", missing(isolated_db))
    assert not isolated_db.exists()


def test_export_to_a_file_from_a_missing_database_writes_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "x.db"
    target = tmp_path / "out.csv"
    assert run("export", "-o", str(target), "--db", str(typo)) == (1, "", missing(typo))
    assert list(tmp_path.iterdir()) == []


def test_path_creates_nothing(tmp_path: Path) -> None:
    where = tmp_path / "a" / "b.db"
    assert run("path", "--db", str(where)) == (0, f"{where}\n", "")
    assert run("--db", str(where), "path") == (0, f"{where}\n", "")
    assert list(tmp_path.iterdir()) == []


class Desk:
    """Stands in for the Textual app: records what the review command opened."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from factdesk.ui.app import FactdeskApp

        self.opened: list[tuple[Path, str, int, str]] = []
        monkeypatch.setattr("factdesk.cli.has_terminal", lambda: True)

        def fake_run(app: FactdeskApp) -> None:
            store = app.store
            self.opened.append((store.path, app.reviewer, store.claim_count(), app.notice))

        monkeypatch.setattr(FactdeskApp, "run", fake_run)


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> Desk:
    return Desk(monkeypatch)


def test_review_with_paths_creates_the_database(desk: Desk, tmp_path: Path) -> None:
    new = tmp_path / "new" / "desk.db"
    code, _, err = run("review", str(CORPUS), "--db", str(new), "--reviewer", "ann")
    assert code == 0 and "5 new" in err
    assert desk.opened == [(new, "ann", CORPUS_CLAIMS, desk.opened[0][3])]
    assert "Imported 5 files" in desk.opened[0][3]


def test_first_run_on_the_default_database_opens_the_empty_desk(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    monkeypatch.delenv("FACTDESK_DB")
    monkeypatch.setenv("FACTDESK_REVIEWER", "zoe")
    default = platformdirs.user_data_path("factdesk") / "factdesk.db"
    assert not default.exists()
    assert run() == (0, "", "")
    assert run("review") == (0, "", "")
    assert desk.opened == [(default, "zoe", 0, "")] * 2
    assert default.exists()  # where `factdesk import` will put the articles


def test_review_needs_a_terminal_after_the_database_check(isolated_db: Path) -> None:
    Store(isolated_db).close()
    code, _, err = run("review")
    assert code == 1 and "needs a terminal" in err


def test_options_before_the_command(desk: Desk, tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    code, _, err = run("--db", str(a), "import", str(CORPUS))
    assert code == 0 and "5 new" in err and a.exists()
    code, out, _ = run("--db", str(a), "status")
    assert code == 0 and f"database: {a}\n" in out and f"claims: {CORPUS_CLAIMS}" in out
    run("import", "--db", str(b), str(CORPUS / "000_13d752a9abc16feb.txt"))
    code, out, _ = run("--db", str(a), "status", "--db", str(b))  # the command's own wins
    assert code == 0 and f"database: {b}\n" in out and f"claims: {FIRST}" in out
    code, out, _ = run("--db", str(a), "claims", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == CORPUS_CLAIMS
    code, out, _ = run("--db", str(a), "export", "--all", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == CORPUS_CLAIMS

    assert run("--db", str(a), "--reviewer", "ann") == (0, "", "")
    assert run("--reviewer", "ann", "review", "--db", str(b)) == (0, "", "")
    assert run("--reviewer", "ann", "--db", str(a), "review", "--reviewer", "bob") == (0, "", "")
    assert desk.opened == [
        (a, "ann", CORPUS_CLAIMS, ""),
        (b, "ann", FIRST, ""),
        (a, "bob", CORPUS_CLAIMS, ""),
    ]


def test_reviewer_before_the_command_beats_the_environment(
    desk: Desk, isolated_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(isolated_db).close()
    monkeypatch.setenv("FACTDESK_REVIEWER", "zoe")
    run("--reviewer", "ann")
    run("review")
    assert [who for _, who, _, _ in desk.opened] == ["ann", "zoe"]


def test_reviewer_before_export_does_not_filter_it(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    run("import", "--db", str(db), str(CORPUS))
    with Store(db) as store:
        from factdesk.models import Verdict

        store.set_verdict(2, "bob", Verdict.EVIDENCED)
    code, out, _ = run("--reviewer", "ann", "--db", str(db), "export", "--format", "jsonl")
    assert code == 0 and [json.loads(line)["reviewer"] for line in out.splitlines()] == ["bob"]


def test_import_summary_names_ignored_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text("Officials said 12 people were hurt in Paris in 2020.\n")
    for name in ("notes.pdf", "page.docx", "photo.jpg"):
        (folder / name).write_bytes(b"x")
    code, _, err = run("import", str(folder))
    assert code == 0
    assert "3 other files ignored" in err
    for name in ("notes.pdf", "page.docx", "photo.jpg"):
        assert f"  ignored {folder / name}: not a {READABLE} file\n" in err


def test_import_summary_names_the_first_ten_of_many_ignored_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(25):
        (folder / f"{i:02}.pdf").write_bytes(b"x")
    code, _, err = run("import", str(folder))
    assert code == 0
    named = [line for line in err.splitlines() if line.startswith("  ignored ")]
    assert named == [
        *(f"  ignored {folder / f'{i:02}.pdf'}: not a {READABLE} file" for i in range(10)),
        f"  ignored 15 more files that are not {READABLE}",
    ]


def test_import_warns_about_articles_that_gave_no_claims(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "english.txt").write_text("Officials said 12 people were hurt in Paris in 2020.\n")
    french = folder / "french.txt"
    french.write_text("Le ministre a déclaré lundi que plusieurs personnes avaient été blessées.\n")
    chinese = folder / "chinese.md"
    chinese.write_text("美国国务卿蓬佩奥周二声称，伊朗正在支持基地组织。\n")
    code, _, err = run("import", str(folder))
    assert code == 0
    assert "3 new" in err
    warnings = [line for line in err.splitlines() if "no claims" in line]
    assert warnings == [
        f"  no claims found in {chinese}: is it English news text?",
        f"  no claims found in {french}: is it English news text?",
    ]
    code, _, err = run("import", str(folder))  # unchanged: nothing new to warn about
    assert code == 0 and "no claims" not in err


def test_reading_commands_on_a_missing_default_database(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("FACTDESK_DB")
    default = platformdirs.user_data_path("factdesk") / "factdesk.db"
    for args in (["status"], ["claims"], ["export"]):
        assert run(*args) == (
            1,
            "",
            f"Error: no database at {default}; start one with: factdesk import FOLDER\n",
        )
    assert not default.parent.exists()


def test_the_way_to_start_is_quoted_for_the_shell(tmp_path: Path) -> None:
    odd = tmp_path / "my desk" / "it's.db"
    code, _, err = run("status", "--db", str(odd))
    assert code == 1
    assert err.endswith(
        f"start one with: factdesk import --db '{tmp_path}/my desk/it'\"'\"'s.db' FOLDER\n"
    )
    assert not odd.parent.exists()


def test_status_totals_agree_with_the_reviewers_lines(isolated_db: Path) -> None:
    """A verdict on a claim its reviewer then dismissed is out of their progress; the
    totals leave it out too, so the reviewers' judged claims add up to the total."""
    assert run("import", str(CORPUS))[0] == 0
    with Store(isolated_db) as store:
        first, second, third = list(store.queue_ids("ann"))[:3]
        store.set_verdict(first, "ann", Verdict.EVIDENCED)
        store.set_verdict(second, "ann", Verdict.DISPUTED)
        store.set_dismissed(second, "ann", True)  # judged, then dismissed
        store.set_verdict(third, "bob", Verdict.DISPUTED)
    code, out, _ = run("status")
    assert code == 0
    totals = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    judged = [int(m) for m in re.findall(r"^reviewer \S+: (\d+) of", out, re.MULTILINE)]
    assert judged == [1, 1]
    assert int(totals["judged"]) == sum(judged) == 2
    assert (int(totals["evidenced"]), int(totals["disputed"])) == (1, 1)
    assert "ann: 1 of" in out and "1 dismissed" in out


def test_claims_jsonl_reads_the_dismissals_once(
    isolated_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status of every claim comes from one query of the reviewer's dismissals, not
    one query a row."""
    assert run("import", str(CORPUS))[0] == 0
    with Store(isolated_db) as store:
        dismissed = list(store.queue_ids("ann"))[1]
        store.set_dismissed(dismissed, "ann", True)

    def one_a_row(*args: object) -> bool:
        raise AssertionError("is_dismissed asked once a row")

    monkeypatch.setattr(Store, "is_dismissed", one_a_row)
    code, out, _ = run("claims", "--format", "jsonl", "--reviewer", "ann")
    assert code == 0
    status = {row["claim_id"]: row["status"] for row in map(json.loads, out.splitlines())}
    assert status[dismissed] == "dismissed"
    assert set(status.values()) == {"dismissed", "extracted"}
    code, out, _ = run("claims", "--format", "jsonl", "--reviewer", "bob")
    assert {json.loads(line)["status"] for line in out.splitlines()} == {"extracted"}
