"""The installed command in a real terminal (tmux), the way a person uses it."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factdesk.extract import THRESHOLD
from tests.helpers import CORPUS, immutable_file

TMUX = shutil.which("tmux")
FACTDESK = Path(sys.executable).parent / "factdesk"
pytestmark = pytest.mark.skipif(
    TMUX is None, reason="tmux is not installed (.ci/run installs it for CI)"
)


class Terminal:
    """One tmux session, on a tmux server of its own, running a command."""

    def __init__(self, name: str, env: dict[str, str]) -> None:
        self.name = name
        self.env = env
        self.tmux = ["tmux", "-L", name]  # a private server: nobody else's sessions interfere

    def _command(self, command: str) -> str:
        exports = " ".join(f"{k}={v}" for k, v in self.env.items())
        # COLUMNS and LINES inherited from whoever started tmux would override the real
        # size of the pane (the desk would draw itself at 80x24 in a 120x40 terminal).
        return f"env -u COLUMNS -u LINES {exports} {command}; sleep 60"

    def start(self, command: str, cwd: Path) -> None:
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-x", "120", "-y", "40", "-s", self.name,
             "-c", str(cwd), self._command(command)],
            check=True,
        )  # fmt: skip

    def restart(self, command: str, cwd: Path) -> None:
        """Run another command in the same pane (same size, same server)."""
        subprocess.run(
            [*self.tmux, "respawn-pane", "-k", "-t", self.name, "-c", str(cwd),
             self._command(command)],
            check=True,
        )  # fmt: skip

    def resize(self, width: int, height: int) -> None:
        subprocess.run(
            [*self.tmux, "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)],
            check=True,
        )

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*self.tmux, "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def screen(self) -> str:
        result = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return result.stdout

    def wait_for(self, *texts: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if all(text in shown for text in texts):
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{texts!r} never appeared; the screen shows:\n{self.screen()}")

    def stop(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    env = {
        "FACTDESK_DB": str(tmp_path / "desk.db"),
        "FACTDESK_REVIEWER": "ann",
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
    }
    # A server name of its own per test: reusing one raced with the last test's kill-server
    # ("server exited unexpectedly" on the next new-session).
    term = Terminal(f"factdesk-e2e-{os.getpid()}-{secrets.token_hex(3)}", env)
    yield term
    term.stop()


def test_review_quit_reopen_in_tmux(terminal: Terminal, tmp_path: Path) -> None:
    assert FACTDESK.exists(), "factdesk must be installed in this environment"
    terminal.start(f"{FACTDESK} review sample_corpus", cwd=CORPUS.parent)
    terminal.wait_for("Welcome — 0 of ")
    terminal.keys("n", "e")  # second claim: evidenced
    terminal.wait_for("Marked evidenced")
    terminal.keys("v", *["S-Right"] * 12, "a")  # select 12 characters by keyboard, attach
    terminal.wait_for("Attached evidence")
    terminal.keys("q")
    time.sleep(1)

    terminal.restart(f"{FACTDESK}", cwd=tmp_path)  # bare factdesk reopens the same database
    terminal.wait_for("Resumed — 1 of ", "Evidence (1)", "Verdict: EVIDENCED")
    terminal.keys("q")
    time.sleep(1)

    conn = sqlite3.connect(tmp_path / "desk.db")
    try:
        claim_id = conn.execute(  # the queue's second claim (every candidate is stored)
            "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id"
            " WHERE c.score >= ? ORDER BY a.slot, c.start, c.end, c.id LIMIT 1 OFFSET 1",
            (THRESHOLD,),
        ).fetchone()[0]
        verdicts = conn.execute("SELECT claim_id, reviewer, verdict FROM verdicts").fetchall()
        assert verdicts == [(claim_id, "ann", "evidenced")]
        [(start, end, quote, text)] = conn.execute(
            "SELECT s.start, s.end, s.quote, a.text FROM spans s JOIN claims c ON c.id = s.claim_id"
            " JOIN articles a ON a.id = c.article_id"
        ).fetchall()
        claim_start = conn.execute("SELECT start FROM claims WHERE id = ?", (claim_id,)).fetchone()
        assert (start, end) == (claim_start[0], claim_start[0] + 12)
        assert text[start:end] == quote == "US Secretary"
        assert conn.execute("SELECT claim_id FROM positions").fetchone()[0] == claim_id
        actions = [r[0] for r in conn.execute("SELECT action FROM events ORDER BY id")]
        assert actions == ["verdict", "span_add"]
    finally:
        conn.close()


def test_a_read_only_desk_at_80_columns_keeps_the_note(terminal: Terminal, tmp_path: Path) -> None:
    """A small terminal still shows help and quit; a read-only database says so when the
    desk opens, and a note that cannot be saved stays in the editor."""
    db = tmp_path / "desk.db"
    terminal.start(f"{FACTDESK} import sample_corpus", cwd=CORPUS.parent)
    time.sleep(3)
    with immutable_file(db):
        terminal.resize(80, 24)
        terminal.restart(f"{FACTDESK}", cwd=tmp_path)
        shown = terminal.wait_for("READ-ONLY  Read-only database")
        footer = shown.rstrip("\n").splitlines()[-1]
        assert "? Help" in footer and "q Quit" in footer, footer
        terminal.keys("n", "m")
        terminal.wait_for("Note on claim")
        subprocess.run([*terminal.tmux, "send-keys", "-t", terminal.name, "-l", "keep me"])
        terminal.wait_for("keep me")
        terminal.keys("C-s")
        terminal.wait_for("Not saved: attempt to write a readonly database", "keep me")
        terminal.keys("Escape")
        terminal.wait_for("e Evidenced")
        terminal.keys("q")
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    finally:
        conn.close()
