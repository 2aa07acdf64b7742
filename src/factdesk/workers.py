"""Worker processes for claim extraction (import, reextract): a pool whose workers end
when the process that started them dies, so a kill -9 of an import leaves none behind."""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
WATCH_SECONDS = 1.0  # how often a worker looks whether its parent is still there


def worker_pool(workers: int, context: BaseContext | None = None) -> ProcessPoolExecutor:
    """A process pool whose workers end when this process dies, however it dies, with
    any start method (``context``; Python's default when None)."""
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_end_with_parent, initargs=(os.getpid(),)
    )


def _end_with_parent(parent: int) -> None:
    """In each worker: ask Linux for SIGKILL when the parent dies, and (on any system)
    watch ``parent``, the process that made the pool, from a thread."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            # The direct parent: the pool's maker, or under forkserver the server, which
            # itself ends when the maker dies.
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no libc to ask: the thread below still watches
    if os.getppid() == parent:  # forked or spawned by the maker: its death shows here
        gone: Callable[[], bool] = lambda: os.getppid() != parent  # noqa: E731
    else:  # under a forkserver the parent is the server: watch the maker by its pid
        gone = _pid_watch(parent)
    if gone():  # the maker died before the watch began
        os._exit(1)
    threading.Thread(target=_watch, args=(gone,), daemon=True, name="parent-watch").start()


def _pid_watch(pid: int) -> Callable[[], bool]:
    """Whether process ``pid`` has ended, asked through a pidfd where there is one (which
    also sees a dead but unreaped process, and cannot mistake a reused pid)."""
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return lambda: True
    except (AttributeError, OSError):  # no pidfd on this system: ask by signal 0
        return lambda: not _exists(pid)
    return lambda: bool(select.select([handle], [], [], 0)[0])


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # there, owned by someone else
        return True
    return True


def _watch(gone: Callable[[], bool]) -> None:
    while not gone():
        time.sleep(WATCH_SECONDS)
    os._exit(1)  # orphaned: nobody will read what this worker makes
