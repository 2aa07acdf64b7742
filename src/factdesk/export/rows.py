"""The rows an export writes: its options, each claim's row with its evidence merged from
two ordered streams, and every claim and quote checked against its article's text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from factdesk.models import THRESHOLD, FactdeskError, Verdict
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
    "flagged",
    "claim_status",
)
JSONL_EXTRA = ("article_sha256", "article_version", "score", "evidence")
FORMATS = ("csv", "jsonl", "claimreview")
DEFAULT_URL_TEMPLATE = "urn:factdesk:claim:{claim_id}"


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
    final: bool = False  # one row per claim, with the team's final verdict (final.py)


Record = tuple[dict[str, Any], list[dict[str, Any]]]  # a row of the export and its evidence


def reviewer_records(store: Store, options: ExportOptions) -> Iterator[Record]:
    """A reviewer's (or every reviewer's) export rows with their evidence, merged from two
    ordered streams; every claim and
    span is checked against the article text (one article held in memory at a time)."""
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
