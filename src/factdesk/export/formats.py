"""A row as each format writes it: a CSV row safe from spreadsheet formulas, a JSON Lines
object, a schema.org ClaimReview, one compact JSON line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factdesk.export.rows import CSV_COLUMNS, ExportOptions, Record
from factdesk.models import Verdict

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
_LINE_SEPARATORS = ("\x85", "\u2028", "\u2029")


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
