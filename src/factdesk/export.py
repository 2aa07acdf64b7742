"""Export verdicts as CSV, JSON Lines or schema.org ClaimReview, streaming, with every
span checked against its article."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from factdesk.models import FactdeskError, Verdict
from factdesk.store import Store

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
)
JSONL_EXTRA = ("article_sha256", "article_version", "score", "evidence")
FORMATS = ("csv", "jsonl", "claimreview")
# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DEFAULT_URL_TEMPLATE = "urn:factdesk:claim:{claim_id}"
_LINE_SEPARATORS = ("\x85", "\u2028", "\u2029")


class DamagedDatabase(FactdeskError):
    """A stored quote or claim no longer matches its article's text."""


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how."""

    fmt: str = "csv"
    reviewer: str | None = None
    verdict: Verdict | None = None
    every_claim: bool = False
    excel: bool = False
    org: str = "factdesk"
    url_template: str = DEFAULT_URL_TEMPLATE


def records(store: Store, options: ExportOptions) -> Iterator[dict[str, Any]]:
    """Export rows with their evidence, merged from two ordered streams; every claim and
    span is checked against the article text (one article held in memory at a time)."""
    spans = store.export_spans(options.reviewer)
    try:
        yield from _merged(store, options, spans)
    finally:
        spans.close()  # an export stopped early must not leave a cursor open


def _merged(
    store: Store, options: ExportOptions, spans: Iterator[tuple[int, str, int, int, str]]
) -> Iterator[dict[str, Any]]:
    pending = next(spans, None)
    article_id, article_text = None, ""
    for row in store.export_rows(options.reviewer, options.verdict, options.every_claim):
        if row["article_id"] != article_id:
            article_id = row["article_id"]
            article_text = store.article(article_id).text
        start, end = row["claim_start"], row["claim_end"]
        if article_text[start:end] != row["claim_text"]:
            raise DamagedDatabase(
                f"claim {row['claim_id']} does not match its article's text at {start}:{end}; "
                "the database may be damaged, nothing was exported past it"
            )
        key = (row["claim_id"], row["reviewer"])
        evidence: list[dict[str, Any]] = []
        while pending is not None and row["reviewer"] is not None and pending[:2] <= key:
            if pending[:2] == key:
                _, _, s, e, quote = pending
                if article_text[s:e] != quote:
                    raise DamagedDatabase(
                        f"claim {row['claim_id']}: evidence {s}:{e} of reviewer "
                        f"{row['reviewer']} does not match the article text; the database "
                        "may be damaged, nothing was exported past it"
                    )
                evidence.append({"start": s, "end": e, "quote": quote})
            pending = next(spans, None)
        row["evidence"] = evidence
        yield row


def neutralise(value: str) -> str:
    """Keep a spreadsheet from running text as a formula: prefix such text with '."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cells(record: dict[str, Any]) -> dict[str, Any]:
    """The CSV columns of one record, with raw values (None where there is none)."""
    evidence = record["evidence"]
    values = {c: record.get(c) for c in CSV_COLUMNS}
    values["evidence_spans"] = ";".join(f"{e['start']}:{e['end']}" for e in evidence)
    values["evidence_text"] = "\n".join(e["quote"] for e in evidence)
    return values


def csv_row(record: dict[str, Any]) -> list[Any]:
    """The CSV cells of one record: text neutralised, numbers left as numbers."""
    return [
        "" if v is None else neutralise(v) if isinstance(v, str) else v
        for v in cells(record).values()
    ]


def jsonl_object(record: dict[str, Any]) -> dict[str, Any]:
    """One JSON Lines object: the CSV fields (raw, never neutralised) and more."""
    return cells(record) | {extra: record[extra] for extra in JSONL_EXTRA}


def claim_review(record: dict[str, Any], options: ExportOptions) -> dict[str, Any]:
    """A schema.org ClaimReview for one judged claim."""
    verdict = Verdict(record["verdict"])
    quotes = [f"“{e['quote']}” ({e['start']}–{e['end']})" for e in record["evidence"]]
    source = record["article_source"]
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "url": record["article_url"]
        or (Path(source).as_uri() if source.startswith("/") else source),
        "headline": record["article_title"],
    }
    if record["article_published"]:
        appearance["datePublished"] = record["article_published"]
    claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if record["speaker"]:
        claim["author"] = {"@type": "Person", "name": record["speaker"]}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": options.url_template.format(claim_id=record["claim_id"]),
        "claimReviewed": record["claim_text"],
        "datePublished": (record["reviewed_at"] or "")[:10],
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


def write(store: Store, options: ExportOptions, out: TextIO) -> int:
    """Write the export to an open text stream; returns how many records it wrote."""
    count = 0
    if options.fmt == "csv":
        if options.excel:
            out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for record in records(store, options):
            writer.writerow(csv_row(record))
            count += 1
    elif options.fmt == "jsonl":
        for record in records(store, options):
            out.write(json_line(jsonl_object(record)) + "\n")
            count += 1
    elif options.fmt == "claimreview":
        out.write("[")
        for record in records(store, options):
            if record["verdict"] is None:
                continue
            out.write(",\n" if count else "\n")
            out.write(json.dumps(claim_review(record, options), ensure_ascii=False, indent=2))
            count += 1
        out.write("\n]\n" if count else "]\n")
    else:
        raise FactdeskError(f"unknown export format {options.fmt!r}")
    return count


def write_file(store: Store, options: ExportOptions, path: Path) -> int:
    """Export to a file: written under a temporary name beside it and renamed at the end,
    so a failed export never leaves half a file."""
    target = path.expanduser()
    try:
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise FactdeskError(f"cannot write {target}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = write(store, options, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise FactdeskError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise
    return count
