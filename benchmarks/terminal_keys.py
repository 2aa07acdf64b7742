"""Key latency as a person sees it, in a real terminal: the desk and a bare Textual app run
side by side in tmux, and take keys in turn, each after a pause (as a person types), so that
the machine's noise falls on both alike. A key's latency is the time from sending it to the
last byte the app writes for it, before 30 ms without output (tmux's pipe-pane copies the
app's output to a file).

    python -m benchmarks.terminal_keys [--claims N] [--rounds N] [--idle SECONDS]

Prints p50 and p95 for next claim, previous claim, a verdict and attaching a selection (v
and three shift+right first, not timed; escape after, back to the queue) in the desk, and
for the bare app's one-label update, with the ratio of the p95s (issue 15's target: 1.3x).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import CLAIMS_PER_ARTICLE, write_corpus
from factdesk.importer import import_paths
from factdesk.store import Store

BARE = """
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label


class Bare(App[None]):
    BINDINGS = [("n", "bump", "Next"), ("p", "bump", "Prev"), ("e", "bump", "Mark")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("count 0", id="count")
        yield Footer()

    def action_bump(self) -> None:
        self.count = getattr(self, "count", 0) + 1
        self.query_one(Label).update(f"count {self.count}")


Bare().run()
"""
TIMEOUT = 5.0  # seconds a key may take before the run gives up
QUIET = 0.03  # seconds without output after which the screen is taken as done
SERVER = f"factdesk-keys-{os.getpid()}"  # a tmux server of its own: no one else's sessions


class Pane:
    """One app in a tmux session of its own, its output copied to a file."""

    def __init__(self, name: str, command: str, folder: Path) -> None:
        self.name, self.log = name, folder / f"{name}.out"
        self.log.touch()
        tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", name, command)
        tmux("pipe-pane", "-o", "-t", name, f"cat >> {self.log}")

    def ready(self, text: str) -> None:
        """Wait until the screen shows ``text``."""
        deadline = time.monotonic() + 60
        while text not in tmux("capture-pane", "-p", "-t", self.name):
            if time.monotonic() > deadline:
                raise SystemExit(
                    f"{self.name} did not start: {tmux('capture-pane', '-p', '-t', self.name)}"
                )
            time.sleep(0.2)

    def key(self, key: str) -> float:
        """Send a key; seconds until the app has finished writing what it shows for it
        (its last write before a quiet spell: a frame may take several writes)."""
        size = self.log.stat().st_size
        start = time.perf_counter()
        tmux("send-keys", "-t", self.name, key)
        last = None
        while True:
            now = time.perf_counter()
            grown = self.log.stat().st_size
            if grown != size:
                size, last = grown, now
            elif last is not None and now - last > QUIET:
                return last - start
            if now - start > TIMEOUT:
                raise SystemExit(f"{self.name} did not answer {key!r}")
            time.sleep(0.0005)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", SERVER, "kill-session", "-t", self.name], capture_output=True)


def tmux(*args: str) -> str:
    command = ["tmux", "-L", SERVER, *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return pick(0.5) * 1000, pick(0.95) * 1000


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=60, help="keys of each kind")
    parser.add_argument("--idle", type=float, default=0.4, help="seconds before each key")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        raise SystemExit("this benchmark needs tmux")
    factdesk = Path(sys.executable).with_name("factdesk")
    with tempfile.TemporaryDirectory(prefix="factdesk-keys-") as temp:
        folder = Path(temp)
        write_corpus(folder / "corpus", max(1, round(args.claims / CLAIMS_PER_ARTICLE)))
        db = folder / "desk.db"
        with Store(db) as store:
            claims = import_paths(store, [folder / "corpus"]).claims
        (folder / "bare.py").write_text(BARE, encoding="utf-8")
        suffix = f"{os.getpid()}"
        desk = Pane(f"fdk-desk-{suffix}", f"{factdesk} review --db {db} --reviewer bench", folder)
        bare = Pane(f"fdk-bare-{suffix}", f"{sys.executable} {folder / 'bare.py'}", folder)
        try:
            desk.ready("judged")
            bare.ready("count 0")
            samples: dict[str, list[float]] = {
                "next": [],
                "previous": [],
                "verdict": [],
                "attach": [],
                "bare": [],
            }
            keys = [("next", "n"), ("verdict", "e"), ("next", "n"), ("previous", "p")]
            keys += [("attach", "a")]
            for _ in range(args.rounds):
                for kind, key in keys:
                    for before in (
                        ("v", "S-Right", "S-Right", "S-Right") if kind == "attach" else ()
                    ):
                        time.sleep(args.idle / 4)
                        desk.key(before)
                    time.sleep(args.idle)
                    samples[kind].append(desk.key(key))
                    if kind == "attach":
                        desk.key("Escape")
                    time.sleep(args.idle)
                    samples["bare"].append(bare.key("n"))
        finally:
            desk.close()
            bare.close()
    bare_p50, bare_p95 = percentiles(samples["bare"])
    lines = [
        f"{claims} claims; {args.rounds} rounds; each key after {args.idle:g} s idle, the desk"
        " and a bare Textual app taking keys in turn in tmux",
        f"{'key':<16} {'p50 ms':>7} {'p95 ms':>7} {'p95 / bare':>11}",
    ]
    for kind in ("next", "previous", "verdict", "attach", "bare"):
        p50, p95 = percentiles(samples[kind])
        lines.append(f"{kind:<16} {p50:>7.1f} {p95:>7.1f} {p95 / bare_p95:>10.1f}x")
    text = "\n".join(lines)
    print(text)
    return text


if __name__ == "__main__":
    main()
