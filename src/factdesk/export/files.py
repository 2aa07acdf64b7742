"""Writing an export: to an open stream, or to a file that appears whole or not at all
(a temporary file renamed into place, an interrupt leaving nothing behind)."""

from __future__ import annotations

import csv
import json
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from factdesk.export.final import final_records
from factdesk.export.formats import claim_review, csv_row, json_line, jsonl_object
from factdesk.export.rows import CSV_COLUMNS, ExportOptions, Record, reviewer_records
from factdesk.models import FactdeskError
from factdesk.store import Store

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

_UMASK = os.umask(0)
os.umask(_UMASK)  # read once, at import, before any export thread could run
_STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def records(store: Store, options: ExportOptions) -> Iterator[Record]:
    """The export's rows with their evidence: a reviewer's (or every reviewer's), or with
    ``final`` one a claim with the team's final verdict."""
    if options.final:
        return final_records(store, options)
    return reviewer_records(store, options)


PROGRESS_EVERY = 1000  # records between two calls of an export's progress


def write(
    store: Store,
    options: ExportOptions,
    out: SupportsWrite[str],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the export to an open text stream; returns how many records it wrote (telling
    ``progress`` every PROGRESS_EVERY records)."""
    count = 0
    if options.fmt == "csv":
        if options.excel:
            out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        writerow = writer.writerow
        for record in records(store, options):
            writerow(csv_row(record))
            count += 1
            _tell(progress, count)
    elif options.fmt == "jsonl":
        for record in records(store, options):
            out.write(json_line(jsonl_object(record)) + "\n")
            count += 1
            _tell(progress, count)
    elif options.fmt == "claimreview":
        out.write("[")
        for record in records(store, options):
            if record[0]["verdict"] is None:
                continue
            out.write(",\n" if count else "\n")
            out.write(json.dumps(claim_review(record, options), ensure_ascii=False, indent=2))
            count += 1
            _tell(progress, count)
        out.write("\n]\n" if count else "]\n")
    else:
        raise FactdeskError(f"unknown export format {options.fmt!r}")
    return count


def _tell(progress: Callable[[int], None] | None, count: int) -> None:
    """Tell an export's progress of each PROGRESS_EVERY records written."""
    if progress and not count % PROGRESS_EVERY:
        progress(PROGRESS_EVERY)


class Interrupted(BaseException):
    """A signal stopped an export to a file; raised by the signal handler, so that the
    temporary file is removed on the way out."""

    def __init__(self, signum: int, target: Path) -> None:
        super().__init__(f"export interrupted; {target} was not written")
        self.signum = signum


@contextmanager
def _signals_interrupt(target: Path) -> Iterator[None]:
    """While the block runs, SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted`: the
    default action of the last two ends Python at once, without running `finally`.
    Signals can only be handled in the main thread (the desk exports in another one), and
    a signal the user chose to ignore (as under nohup) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        for number in previous:  # once: the clean-up must not itself be interrupted
            signal.signal(number, signal.SIG_IGN)
        raise Interrupted(signum, target)

    previous = {
        number: handler
        for number in _STOP_SIGNALS
        # None: a handler set outside Python, which could not be put back
        if (handler := signal.getsignal(number)) not in (signal.SIG_IGN, None)
    }
    for number in previous:
        signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def write_file(
    store: Store, options: ExportOptions, path: Path, progress: Callable[[int], None] | None = None
) -> int:
    """Export to a file: written under a temporary name beside it and renamed at the end,
    so a failed or interrupted export never leaves half a file."""
    target = path.expanduser()
    with _signals_interrupt(target):
        try:
            handle, temp = tempfile.mkstemp(
                dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
            )
        except OSError as exc:
            raise FactdeskError(f"cannot write {target}: {exc.strerror}") from None
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                count = write(store, options, out, progress)
                out.flush()
                os.fsync(out.fileno())
            # A temporary file starts private; the export is not.
            os.chmod(temp, 0o666 & ~_UMASK)
            os.replace(temp, target)
        except BaseException as exc:
            Path(temp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise FactdeskError(f"cannot write {target}: {exc.strerror or exc}") from None
            raise
    return count
