"""Extraction's worker processes end with the process that started them: a kill -9 of
an import (or a re-extraction) leaves none behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ARTICLE = (
    "Port Report {n}\n\n"
    "The harbour authority said on Monday that {n} ships were turned away in 2020.\n\n"
    "Officials reported that cargo volumes fell by {n} percent last year, the ministry said.\n\n"
    "Mayor Helen Ward said the repairs would cost {n} million dollars by 2025.\n\n"
) * 3


def children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid`` (zombies are dead: not counted)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid and state != "Z":
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def end(process: subprocess.Popen[str], workers: set[int]) -> None:
    """Whatever a test found, leave neither the process nor its workers running."""
    process.kill()
    process.wait()
    for pid in workers:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds processes through /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the import starts no workers")
def test_killing_an_import_ends_its_workers(tmp_path: Path, isolated_db: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(600):
        (folder / f"{n:03}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    importer = subprocess.Popen(
        [sys.executable, "-m", "factdesk", "import", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    try:
        limit = time.monotonic() + 120  # functional bounds, not timings
        while not workers and importer.poll() is None and time.monotonic() < limit:
            workers = children(importer.pid)
            time.sleep(0.02)
        assert workers, "the import ended without starting its workers"
        importer.send_signal(signal.SIGKILL)
        importer.wait()
        limit = time.monotonic() + 30
        while any(alive(pid) for pid in workers) and time.monotonic() < limit:
            time.sleep(0.1)
        left = [pid for pid in workers if alive(pid)]
        assert left == [], "workers outlived their import"
    finally:
        end(importer, workers)


POOL_UNDER = """
import multiprocessing, os, sys, time
from factdesk.workers import worker_pool
pool = worker_pool(2, multiprocessing.get_context(sys.argv[1]))
print(sorted(pool.map(abs, [-1, -2, -3])), flush=True)
print(" ".join(str(pid) for pid in {pool.submit(os.getpid).result() for _ in range(8)}), flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds processes through /proc")
@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_workers_run_and_end_with_their_parent_under_any_start_method(method: str) -> None:
    # forkserver is Python's default on Linux from 3.14: there a worker's parent is the
    # server, not the process that made the pool.
    maker = subprocess.Popen(
        [sys.executable, "-c", POOL_UNDER, method],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers: set[int] = set()
    try:
        assert maker.stdout is not None
        answer = maker.stdout.readline()
        assert answer == "[1, 2, 3]\n", maker.stderr.read() if maker.stderr else ""
        workers = {int(pid) for pid in maker.stdout.readline().split()}
        assert workers and all(alive(pid) for pid in workers)
        maker.send_signal(signal.SIGKILL)
        maker.wait()
        limit = time.monotonic() + 30  # functional bounds, not timings
        while any(alive(pid) for pid in workers) and time.monotonic() < limit:
            time.sleep(0.1)
        assert [pid for pid in workers if alive(pid)] == [], "workers outlived their maker"
    finally:
        end(maker, workers)
