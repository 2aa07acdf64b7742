"""The installed command in pipes and terminals: a reader that leaves early, raw bytes to
pipes and files, inert text to a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from .big_database import make_database

FACTDESK = Path(sys.executable).parent / "factdesk"
# Escape, a C1 control sequence introducer and a right-to-left override: each can change
# what a terminal shows. JSON escapes only the first.
ODD = "\x1b[31m\x9b\u202e"
UNSAFE = ("\x1b", "\x9b", "\u202e")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Far more output than a pipe holds (64 KiB), so `head -1` leaves while it is written."""
    path = tmp_path_factory.mktemp("pipes") / "big.db"
    make_database(path, claims=6000, articles=1500)
    return path


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("odd") / "odd.db"
    make_database(path, claims=3, odd=ODD)
    return path


def env(db: Path) -> dict[str, str]:
    return os.environ | {"FACTDESK_DB": str(db)}


@pytest.mark.parametrize(
    "args",
    [
        ["claims", "--format", "jsonl"],
        ["claims"],
        ["export"],
        ["export", "--format", "jsonl"],
        ["export", "--format", "claimreview"],
        ["status", "--by-article"],
        ["status"],
    ],
)
def test_a_reader_that_leaves_early_is_normal(big: Path, args: list[str]) -> None:
    assert FACTDESK.exists(), "factdesk must be installed in this environment"
    command = subprocess.Popen(
        [str(FACTDESK), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(big),
    )
    assert command.stdout is not None and command.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=command.stdout, capture_output=True, timeout=60)
    # head has left; closing our copy of the pipe closes it while the command, with far
    # more to write than the pipe holds, is still writing.
    command.stdout.close()
    err = command.stderr.read()
    command.stderr.close()
    assert command.wait(timeout=60) == 0
    assert err == b""
    assert head.returncode == 0 and head.stdout.count(b"\n") == 1


def on_a_terminal(args: list[str], db: Path) -> str:
    """What the command writes to a terminal (a pseudo-terminal here)."""
    leader, follower = pty.openpty()
    command = subprocess.Popen(
        [str(FACTDESK), *args], stdout=follower, stderr=subprocess.PIPE, env=env(db)
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the command closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert command.stderr is not None
    assert command.stderr.read() == b"" and command.wait(timeout=60) == 0
    command.stderr.close()
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def to_a_pipe(args: list[str], db: Path) -> str:
    done = subprocess.run([str(FACTDESK), *args], capture_output=True, env=env(db), timeout=60)
    assert done.returncode == 0 and done.stderr == b""
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["export", "--format", "jsonl"],
        ["export", "--format", "claimreview"],
        ["claims", "--format", "jsonl"],
        ["claims"],
    ],
)
def test_a_terminal_gets_inert_text(odd: Path, args: list[str]) -> None:
    shown = on_a_terminal(args, odd)
    assert "Officials said" in shown
    for char in UNSAFE:
        assert char not in shown
    assert "\r" not in shown  # CSV's CRLF becomes a plain line end, as the terminal shows it
    if args in (["export"], ["claims"]):  # JSON itself writes escape as \u001b
        assert "\u241b[31m" in shown  # escape shown as the control picture, as in the desk


@pytest.mark.parametrize(
    "args",
    [["export"], ["export", "--format", "jsonl"], ["claims", "--format", "jsonl"]],
)
def test_a_pipe_gets_the_raw_text(odd: Path, args: list[str]) -> None:
    out = to_a_pipe(args, odd)
    assert "\x9b\u202e" in out
    assert ("\x1b[31m" in out) is (args == ["export"])  # JSON writes \u001b
    if args == ["export"]:
        assert out.count("\r\n") == 4  # CSV line ends are kept too


def test_a_file_gets_the_raw_text(odd: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    done = subprocess.run(
        [str(FACTDESK), "export", "-o", str(target)],
        capture_output=True,
        env=env(odd),
        timeout=60,
    )
    assert done.returncode == 0
    assert target.read_bytes().decode("utf-8") == to_a_pipe(["export"], odd)
    assert ODD in target.read_text(encoding="utf-8")
