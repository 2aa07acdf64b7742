"""Long commands show progress on a terminal (stderr) and nothing when piped: an import
of one file, a merge, a re-extraction. Each runs as a user runs it, in a real process
whose stderr is a pseudo-terminal, or a pipe."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rich.cells import cell_len

from factdesk.cli_progress import Progress
from tests.helpers import CORPUS, run


def in_terminal(*args: str, stdout_too: bool = False) -> tuple[int, str, str]:
    """Run factdesk with stderr (and with ``stdout_too``, stdout) on a pseudo-terminal:
    its exit status, its stdout and what the terminal was sent."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "factdesk", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave if stdout_too else subprocess.PIPE,
        stderr=slave,
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the process ended and closed the terminal
            break
        if not data:
            break
        shown += data
    os.close(master)
    out = proc.stdout.read() if proc.stdout else b""
    if proc.stdout:
        proc.stdout.close()
    return proc.wait(), out.decode(), shown.decode()


def piped(*args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "factdesk", *args], capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout, done.stderr


def test_an_import_of_one_file_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    one = CORPUS / "000_13d752a9abc16feb.txt"
    code, _, shown = in_terminal("import", "--db", str(tmp_path / "a.db"), str(one))
    assert code == 0
    assert "\r\x1b[KImporting: 0 of 1 file (0%) · 000_13d752a9abc16feb.txt · 0:00" in shown
    assert "\r\x1b[KImported 1 file: 1 new" in shown  # the line cleared for the summary
    code, _, err = piped("import", "--db", str(tmp_path / "b.db"), str(one))
    assert code == 0 and err.startswith("Imported 1 file: 1 new")
    assert "Importing" not in err and "\r" not in err and "\x1b" not in err


def test_a_merge_and_a_reextraction_show_progress_on_a_terminal_only(
    tmp_path: Path, isolated_db: Path
) -> None:
    theirs = tmp_path / "bob.db"
    assert run("import", "--db", str(theirs), str(CORPUS))[0] == 0
    code, out, shown = in_terminal("merge", str(theirs))
    assert code == 0 and "merged 5 articles" in out
    assert "\r\x1b[KMerging bob.db: 0:00" in shown
    code, out, err = piped("merge", "--db", str(tmp_path / "c.db"), str(theirs))
    assert code == 0 and "merged 5 articles" in out and err == ""
    conn = sqlite3.connect(isolated_db)
    with conn:
        conn.execute("UPDATE claims SET extractor = 'rules-old'")
    conn.close()
    code, _, shown = in_terminal("reextract")
    assert code == 0 and "\r\x1b[KRe-extracting: 0 of 5 articles (0%) · 0:00" in shown
    assert "Re-extracted 5 articles" in shown
    with sqlite3.connect(isolated_db) as conn:
        conn.execute("UPDATE claims SET extractor = 'rules-old'")
    conn.close()
    code, _, err = piped("reextract")
    assert code == 0 and err.startswith("Re-extracted 5 articles")


def test_export_judge_and_agreement_show_progress_on_a_terminal_only(
    tmp_path: Path, isolated_db: Path
) -> None:
    run("import", str(CORPUS))
    for claim, verdict in ((1, "evidenced"), (2, "disputed")):
        run("judge", str(claim), verdict, "--reviewer", "ann")
        run("judge", str(claim), "evidenced", "--reviewer", "bob")
    out = tmp_path / "work.jsonl"
    code, _, shown = in_terminal("export", "--format", "jsonl", "-o", str(out))
    assert code == 0 and "\r\x1b[KExporting: 0:00" in shown and "Exported 4 rows" in shown
    code, _, err = piped("export", "--format", "jsonl", "-o", str(out))
    assert code == 0 and err == f"Exported 4 rows to {out}\n"
    code, _, shown = in_terminal("export", stdout_too=True)  # the rows go to the terminal
    assert code == 0 and "Exporting" not in shown and "claim_id" in shown
    code, _, shown = in_terminal("judge", "--from", str(out), "--reviewer", "cat")
    assert code == 0 and "\r\x1b[KJudging work.jsonl: 0:00" in shown
    assert "Judged 4 records" in shown
    code, table, shown = in_terminal("agreement")
    assert code == 0 and "\r\x1b[KComparing reviewers' verdicts: 0:00" in shown
    assert "2 claims judged by two or more" in table
    code, _, err = piped("agreement")
    assert code == 0 and err == ""


class _Terminal:
    """A stand-in terminal that keeps what is written to it."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_the_line_counts_says_what_is_done_and_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _Terminal()
    with Progress("Merging", stream=screen, detail=lambda bar: "3 stored") as bar:  # type: ignore[arg-type]
        bar.say("verdicts")
        assert bar.line() == "Merging: verdicts · 3 stored · 0:00"
    with Progress("Importing", 4, "files", stream=screen) as bar:  # type: ignore[arg-type]
        bar.advance(2)
        assert bar.line() == "Importing: 2 of 4 files (50%) · 0:00"
    assert screen.text.endswith("\r\x1b[K")


def test_the_line_is_inert_and_cut_to_the_terminals_width_in_cells() -> None:
    # A terminal 60 columns wide that stdout is not on (stdout may be a file): the
    # stand-in's descriptor is a pseudo-terminal of that size.
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
    screen = _Terminal()
    screen.fileno = lambda: slave  # type: ignore[attr-defined]
    name = "a\x1b]0;pwned\x07\x1b[5m名前の長いファイル名前の長いファイル名前の長いファイル.txt"
    try:
        with Progress("Importing", 2, "files", stream=screen, detail=lambda bar: name):  # type: ignore[arg-type]
            pass
    finally:
        os.close(slave)
        os.close(master)
    drawn = screen.text.split("\r\x1b[K")[1]
    # Nothing a terminal acts on, and 59 cells: CJK characters are two each.
    assert drawn == "Importing: 0 of 2 files (0%) · a␛]0;pwned␇␛[5m名前の長いフ…"
    assert cell_len(drawn) == 59


def test_an_imports_line_counts_the_articles_through_each_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read, extracted (claims, profiles and suggestions, on every core), then clustered
    and stored: each stage's count, as the batches go through (here two articles a batch)."""
    import factdesk.importer as importer
    from factdesk.cli_import import _doing
    from factdesk.import_report import ImportReport
    from factdesk.store import Store

    monkeypatch.setattr(importer, "CHUNK_ARTICLES", 2)
    monkeypatch.setattr(importer, "ASKED", 2)
    report = ImportReport()
    files = importer.find_files([CORPUS], report)
    bar = Progress("Importing", len(files), "files", stream=_Terminal())  # type: ignore[arg-type]
    seen: list[str] = []
    store_batch = Store.add_articles

    def add_articles(store: Store, batch: list[object]) -> object:
        seen.append(_doing(files, bar, report).split(" · ")[-1])
        return store_batch(store, batch)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "add_articles", add_articles)
    with Store(tmp_path / "a.db") as store:
        importer.import_files(store, files, report, bar.advance)
    assert seen == [
        # (the next batch is read and extracted while one is stored)
        "articles: 4 read, 4 extracted, 0 clustered and stored",
        "articles: 5 read, 5 extracted, 2 clustered and stored",
        "articles: 5 read, 5 extracted, 4 clustered and stored",
    ]
    assert _doing(files, bar, report).endswith(
        "articles: 5 read, 5 extracted, 5 clustered and stored"
    )
