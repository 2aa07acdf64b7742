"""The command line: every command, its help, and one-line errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from factdesk.cli import cli

from .conftest import CORPUS, run

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
    conn = sqlite3.connect(isolated_db)
    assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == len(rows)
    conn.close()


def test_claims_table_and_status(isolated_db: Path) -> None:
    run("import", str(CORPUS))
    code, out, _ = run("claims")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "article 1: 000_13d752a9abc16feb.txt"
    assert lines[1].split() == ["id", "score", "speaker,", "verb", "claim"]
    assert sum(line.startswith("article ") for line in lines) == 5
    assert any(
        "0.95   Mike Pompeo, claimed" in line and line.endswith("logistical support.")
        for line in lines
    )
    code, out, _ = run("status")
    assert code == 0
    assert "articles: 5" in out and "judged: 0" in out and str(isolated_db) in out


def test_empty_database_says_how_to_import() -> None:
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


def test_progress_bar_for_many_files(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(25):
        (folder / f"{i:02}.txt").write_text(f"Officials said {i} people were hurt in 2020.\n")
    code, _, err = run("import", str(folder))
    assert code == 0
    assert "Importing" in err and "25 new" in err
