"""Export verdicts as CSV, JSON Lines or schema.org ClaimReview, streaming, with every
span checked against its article."""

from __future__ import annotations

import csv
import json
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from factdesk.models import THRESHOLD, FactdeskError, Verdict
from factdesk.store import Store

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

CSV_COLUMNS = (
    "claim_id",
    "article_id",
    "article_source",
    "article_title",
    "claim_start",
    "claim_end",
    "claim_text",
    "speaker",
    "verdict",
    "evidence_spans",
    "evidence_text",
    "note",
    "reviewer",
    "reviewed_at",
    "flagged",
    "claim_status",
)
JSONL_EXTRA = ("article_sha256", "article_version", "score", "evidence")
FORMATS = ("csv", "jsonl", "claimreview")
# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
DEFAULT_URL_TEMPLATE = "urn:factdesk:claim:{claim_id}"
_UMASK = os.umask(0)
os.umask(_UMASK)  # read once, at import, before any export thread could run
_LINE_SEPARATORS = ("\x85", "\u2028", "\u2029")
_STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class DamagedDatabase(FactdeskError):
    """A stored quote or claim no longer matches its article's text."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how."""

    fmt: str = "csv"
    reviewer: str | None = None
    verdict: Verdict | None = None
    every_claim: bool = False
    min_score: float = THRESHOLD  # with every_claim: the unjudged claims scoring this or more
    excel: bool = False
    org: str = "factdesk"
    url_template: str = DEFAULT_URL_TEMPLATE
    final: bool = False  # one row per claim, with the team's final verdict (export_final)


Record = tuple[dict[str, Any], list[dict[str, Any]]]  # a row of the export and its evidence


def records(store: Store, options: ExportOptions) -> Iterator[Record]:
    """Export rows with their evidence, merged from two ordered streams; every claim and
    span is checked against the article text (one article held in memory at a time)."""
    if options.final:
        from factdesk.export_final import final_records

        yield from final_records(store, options)
        return
    spans = store.export_spans(options.reviewer, options.every_claim)
    try:
        yield from _merged(store, options, spans)
    finally:
        spans.close()  # an export stopped early must not leave a cursor open


SpanRow = tuple[int, str, int, int, str, int | None]  # claim, reviewer, start, end, quote, article
Spans = Iterator[SpanRow]


class Checked:
    """Reads each article an export needs (one at a time, and a few that evidence quotes
    from other articles) and checks every claim and quote against it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.article_id: int | None = None
        self.text = ""
        self.held: dict[int, tuple[str, str]] = {}  # other articles that evidence quotes

    def claim(self, row: dict[str, Any]) -> None:
        """Give a row its claim's text, its article's at its offsets (the article read when
        it changes), after checking that the offsets are inside that text."""
        if row["article_id"] != self.article_id:
            self.article_id = row["article_id"]
            self.text = self.store.article(row["article_id"]).text
        start, end = row["claim_start"], row["claim_end"]
        if not 0 <= start < end <= len(self.text):
            raise DamagedDatabase(
                f"claim {row['claim_id']} at {start}:{end} is outside its article's text; "
                "the database may be damaged, nothing was exported past it"
            )
        row["claim_text"] = self.text[start:end]

    def evidence(self, row: dict[str, Any], span: SpanRow) -> dict[str, Any]:
        """One evidence span of the row's claim, checked against the article it quotes."""
        _, reviewer, s, e, quote, other = span
        text, title = (self.text, None) if other is None else self._other(other)
        if text[s:e] != quote:
            raise DamagedDatabase(
                f"claim {row['claim_id']}: evidence {s}:{e} of reviewer "
                f"{reviewer} does not match the article text; the database "
                "may be damaged, nothing was exported past it"
            )
        found = {"start": s, "end": e, "quote": quote, "article_id": other or row["article_id"]}
        return found if title is None else found | {"article_title": title}

    def _other(self, other: int) -> tuple[str, str]:
        if other not in self.held:
            if len(self.held) > 16:
                self.held.clear()
            article = self.store.article(other)
            self.held[other] = (article.text, article.title)
        return self.held[other]


def _merged(store: Store, options: ExportOptions, spans: Spans) -> Iterator[Record]:
    pending = next(spans, None)
    checked = Checked(store)
    rows = store.export_rows(
        options.reviewer, options.verdict, options.every_claim, options.min_score
    )
    for row in rows:
        checked.claim(row)
        key = (row["claim_id"], row["reviewer"])
        evidence: list[dict[str, Any]] = []
        while pending is not None and row["reviewer"] is not None and pending[:2] <= key:
            if pending[:2] == key:
                evidence.append(checked.evidence(row, pending))
            pending = next(spans, None)
        yield row, evidence


def neutralise(value: str) -> str:
    """Keep a spreadsheet from running text as a formula: prefix such text with '."""
    return "'" + value if value[:1] in _FORMULA_FIRST else value


def cells(record: Record) -> dict[str, Any]:
    """The CSV columns of one record, with raw values (None where there is none)."""
    row, evidence = record
    skip = ("evidence_spans", "evidence_text", "flagged")
    values = {c: row[c] for c in CSV_COLUMNS if c not in skip}
    values["evidence_spans"] = span_refs(evidence)
    values["evidence_text"] = "\n".join(e["quote"] for e in evidence)
    values["flagged"] = bool(row["flagged"])
    return {c: values[c] for c in CSV_COLUMNS}


def span_refs(evidence: list[dict[str, Any]]) -> str:
    """The ``evidence_spans`` cell: ``start:end`` pairs joined by ``;``, a span in another
    article than the claim's written ``A<article_id>:<start>:<end>``."""
    return ";".join(
        (f"A{e['article_id']}:" if "article_title" in e else "") + f"{e['start']}:{e['end']}"
        for e in evidence
    )


def csv_row(record: Record) -> list[Any]:
    """The CSV cells of one record: text neutralised, numbers left as numbers."""
    row, evidence = record
    spans = span_refs(evidence)
    quotes = "\n".join(e["quote"] for e in evidence) if evidence else ""
    return [
        row["claim_id"],
        row["article_id"],
        neutralise(row["article_source"]),
        neutralise(row["article_title"]),
        row["claim_start"],
        row["claim_end"],
        neutralise(row["claim_text"]),
        neutralise(row["speaker"] or ""),
        row["verdict"] or "",
        spans,
        neutralise(quotes),
        neutralise(row["note"] or ""),
        neutralise(row["reviewer"] or ""),
        row["reviewed_at"] or "",
        "true" if row["flagged"] else "false",
        row["claim_status"],
    ]


def jsonl_object(record: Record) -> dict[str, Any]:
    """One JSON Lines object: the CSV fields (raw, never neutralised) and more."""
    row, evidence = record
    extras = {"article_sha256": row["article_sha256"], "article_version": row["article_version"]}
    items = [{k: e[k] for k in ("start", "end", "quote", "article_id")} for e in evidence]
    obj = cells(record) | extras | {"score": row["score"], "evidence": items}
    if "reviewers" in row:  # --final: each reviewer's verdict, and who adjudicated
        obj |= {"reviewers": row["reviewers"], "adjudicator": row["adjudicator"]}
    return obj


def claim_review(record: Record, options: ExportOptions) -> dict[str, Any]:
    """A schema.org ClaimReview for one judged claim."""
    row, evidence = record
    verdict = Verdict(row["verdict"])
    quotes = [
        f"“{e['quote']}” ("
        + (
            f"in “{e['article_title']}”, article {e['article_id']}, "
            if "article_title" in e
            else ""
        )
        + f"{e['start']}–{e['end']})"
        for e in evidence
    ]
    source = row["article_source"]
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "url": row["article_url"] or (Path(source).as_uri() if source.startswith("/") else source),
        "headline": row["article_title"],
    }
    if row["article_published"]:
        appearance["datePublished"] = row["article_published"]
    claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if row["speaker"]:
        claim["author"] = {"@type": "Person", "name": row["speaker"]}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": options.url_template.format(claim_id=row["claim_id"]),
        "claimReviewed": row["claim_text"],
        "datePublished": (row["reviewed_at"] or "")[:10],
        "author": {"@type": "Organization", "name": options.org},
        "reviewRating": {
            "@type": "Rating",
            "alternateName": verdict.value.capitalize(),
            "ratingExplanation": "Evidence: " + "; ".join(quotes)
            if quotes
            else "No evidence span attached.",
        },
        "itemReviewed": claim,
    }


def json_line(obj: dict[str, Any]) -> str:
    """Compact JSON on one line: also escapes the Unicode line separators that JSON allows
    raw but that line-splitting readers would break on."""
    text = json.dumps(obj, ensure_ascii=False)
    for separator in _LINE_SEPARATORS:
        text = text.replace(separator, f"\\u{ord(separator):04x}")
    return text


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
