"""``export --final``: one row per claim, with the verdict a team stands by: the
adjudicated one, else the one every reviewer gave, else none (``claim_status``
``conflict``). The evidence is the adjudicator's and that of the reviewers who gave the
final verdict; a conflict has none."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from factdesk.export.rows import Checked, ExportOptions, Record, SpanRow
from factdesk.store import Store

# The columns of a final row that come from the claim and its article as they are.
_CLAIM_KEYS = (
    "claim_id", "article_id", "article_source", "article_title", "article_url",
    "article_published", "article_sha256", "article_version", "claim_start", "claim_end",
    "claim_text", "speaker", "score", "claim_status",
)  # fmt: skip


def final_records(store: Store, options: ExportOptions) -> Iterator[Record]:
    """The final rows, each with its evidence (checked against the articles as any export
    is), streamed in claim order."""
    spans = store.export_spans(None)
    checked = Checked(store)
    try:
        pending = next(spans, None)
        for group in store.final_claims():
            claim_id = group[0]["claim_id"]
            found: list[SpanRow] = []
            while pending is not None and pending[0] <= claim_id:
                if pending[0] == claim_id:
                    found.append(pending)
                pending = next(spans, None)
            row, authors = decide(group)
            if options.verdict is not None and row["verdict"] != options.verdict:
                continue
            checked.claim(row)
            evidence: list[dict[str, Any]] = []
            seen: set[tuple[int, int, int]] = set()
            for span in found:
                place = (span[5] or row["article_id"], span[2], span[3])
                if span[1] in authors and place not in seen:
                    seen.add(place)
                    evidence.append(checked.evidence(row, span))
            yield row, evidence
    finally:
        spans.close()


def decide(group: list[dict[str, Any]]) -> tuple[dict[str, Any], set[str]]:
    """A claim's final row from its reviewers' rows (see the module docstring), and whose
    evidence it carries."""
    first = group[0]
    judged = [r for r in group if r["reviewer"] is not None]
    verdicts = {r["reviewer"]: r["verdict"] for r in judged}
    row = {key: first[key] for key in _CLAIM_KEYS}
    row["reviewers"] = verdicts
    row["flagged"] = any(r["flagged"] for r in judged)
    row["adjudicator"] = first["adjudicator"]
    if first["final"] is not None:
        verdict = first["final"]
        authors = {first["adjudicator"]} | {n for n, v in verdicts.items() if v == verdict}
        return row | {
            "verdict": verdict,
            "reviewer": first["adjudicator"],
            "reviewed_at": first["decided_at"],
            "note": first["final_note"],
        }, authors
    notes = [(r["reviewer"], r["note"]) for r in judged if r["note"]]
    row |= {
        "reviewer": ", ".join(verdicts),
        "reviewed_at": max(r["reviewed_at"] for r in judged),
        "note": _notes(notes),
    }
    if len(set(verdicts.values())) == 1:
        return row | {"verdict": judged[0]["verdict"]}, set(verdicts)
    return row | {"verdict": None, "claim_status": "conflict"}, set()


def _notes(notes: list[tuple[str, str]]) -> str | None:
    """The reviewers' notes on a claim: one as it is, several each after its author."""
    if len(notes) <= 1:
        return notes[0][1] if notes else None
    return "\n".join(f"{name}: {text}" for name, text in notes)
