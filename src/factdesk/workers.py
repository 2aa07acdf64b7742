"""Worker processes for claim extraction (import, reextract): a pool whose workers end
when the process that started them dies, so a kill -9 of an import leaves none behind."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
WATCH_SECONDS = 1.0  # how often a worker looks whether its parent is still there


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers end when this process dies, however it dies."""
    return ProcessPoolExecutor(workers, initializer=_end_with_parent, initargs=(os.getpid(),))


def _end_with_parent(parent: int) -> None:
    """In each worker: ask Linux for SIGKILL when the parent dies, and (on any system)
    watch the parent from a thread, for where that cannot be asked."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no libc to ask: the thread below still watches
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="parent-watch").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)  # orphaned: nobody will read what this worker makes
