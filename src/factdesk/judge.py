"""Verdicts recorded without the desk (``factdesk judge``): one claim from the command line,
or every record of a factdesk JSON Lines export. Each goes through the store as the desk's
keys do (quotes checked, events logged, undoable in the desk); a record is checked whole
before anything of it is saved, so a bad one changes nothing and the good ones are kept."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factdesk.models import FactdeskError, Verdict, too_large
from factdesk.store import Store

_SPAN = re.compile(r"(?:A(\d+):)?(\d+):(\d+)")


@dataclass
class Judgement:
    """What one record says of one claim: the verdict (None: leave it), evidence spans
    as (article_id or None for the claim's, start, end, quote or None: the article's text
    there), a note (None: leave it) and the flag (None: leave it)."""

    claim_id: int
    reviewer: str
    verdict: Verdict | None = None
    spans: list[tuple[int | None, int, int, str | None]] = field(default_factory=list)
    note: str | None = None
    flagged: bool | None = None


@dataclass
class Outcome:
    """What judging did: records saved (with changes, or already as they were) and the
    bad ones, each with its place and reason."""

    saved: int = 0
    unchanged: int = 0
    changes: int = 0
    empty: int = 0  # records with no work (an unjudged claim of export --all)
    bad: list[str] = field(default_factory=list)


def parse_span(text: str) -> tuple[int | None, int, int]:
    """``START:END``, or ``A<article_id>:START:END`` for evidence in another article."""
    match = _SPAN.fullmatch(text.strip())
    if match is None:
        raise FactdeskError(f"evidence {text!r} is not START:END or A<article_id>:START:END")
    if any(len(part) > 19 or too_large(int(part)) for part in match.groups() if part):
        raise FactdeskError(f"evidence {text[:40]!r} has a number too large for any article")
    article, start, end = match.groups()
    if int(end) <= int(start):
        raise FactdeskError(f"evidence {text!r} ends before it starts")
    return (int(article) if article else None), int(start), int(end)


def parse_verdict(text: str) -> Verdict:
    try:
        return Verdict(text.strip().lower())
    except ValueError:
        choices = ", ".join(v.value for v in Verdict)
        raise FactdeskError(f"unknown verdict {text!r} (one of {choices})") from None


def apply(store: Store, judged: Judgement) -> int:
    """Check a judgement whole, then save it; returns how many changes it made (0: the
    claim already had this work). Raises FactdeskError, saving nothing, on a bad one."""
    claim = store.claim(judged.claim_id)
    if not claim.current:
        raise FactdeskError(
            f"claim {claim.id} is from an older version of its article; judge the current one"
        )
    spans = []
    for article_id, start, end, quote in judged.spans:
        other = article_id if article_id not in (None, claim.article_id) else None
        text = ""
        if other is None or store.has_article(other):
            text = store.article(other or claim.article_id).text
        found = text[start:end] if 0 <= start < end <= len(text) else None
        if quote is not None and found != quote and article_id is not None:
            # Numbered by another file: the article here with this quote at these offsets.
            here = store.article_quoting(start, end, quote)
            if here is None:
                raise FactdeskError(
                    f"evidence {start}:{end} quotes {quote!r} from an article this file does"
                    " not have at those offsets (import it first)"
                )
            other, found = (None if here == claim.article_id else here), quote
        if other and not text:
            raise FactdeskError(f"evidence A{other}:{start}:{end}: there is no article {other}")
        if found is None:
            raise FactdeskError(
                f"evidence {start}:{end} is outside the article ({len(text)} characters)"
            )
        if quote is not None and found != quote:
            where = f" of article {other}" if other else ""
            raise FactdeskError(
                f"evidence {start}:{end} does not match the article text{where}"
                f" (expected {quote!r})"
            )
        spans.append((other, start, end, found))
    review = store.review(claim.id, judged.reviewer)
    changes = 0
    if judged.verdict is not None and review.verdict is not judged.verdict:
        store.set_verdict(claim.id, judged.reviewer, judged.verdict)
        changes += 1
    have = {(s.article_id, s.start, s.end) for s in review.spans}
    for other, start, end, found in spans:
        if (other, start, end) not in have:
            store.add_span(claim.id, judged.reviewer, start, end, found, other)
            have.add((other, start, end))
            changes += 1
    if judged.note is not None and judged.note != review.note:
        store.set_note(claim.id, judged.reviewer, judged.note)
        changes += 1
    if judged.flagged is not None and judged.flagged != review.flagged:
        store.set_flag(claim.id, judged.reviewer, judged.flagged)
        changes += 1
    return changes


def from_export(
    store: Store, path: Path, reviewer: str
) -> Iterator[tuple[str, Judgement | FactdeskError | None]]:
    """The judgements of a factdesk JSON Lines export, each with its place (``file:line``).
    A record's claim is found by its id when that claim is the same sentence of the same
    article text, else by the article's text (sha256) and the claim's offsets, so an
    export from another factdesk file comes in too. ``reviewer`` is for records without.
    A record with no work (no verdict, evidence, note or flag: an unjudged claim of
    ``export --all``) is None: there is nothing to judge."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise FactdeskError(f"{path} is not a JSON Lines export (not UTF-8 text)") from None
    except OSError as exc:
        raise FactdeskError(f"cannot read {path}: {exc.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield where, _record(store, json.loads(line), reviewer)
        except json.JSONDecodeError as exc:
            yield where, FactdeskError(f"not valid JSON ({exc.msg})")
        except FactdeskError as exc:
            yield where, exc


def _record(store: Store, obj: Any, reviewer: str) -> Judgement | None:
    if not isinstance(obj, dict):
        raise FactdeskError("not a JSON object")
    if not any(obj.get(key) for key in ("verdict", "evidence", "note", "flagged")):
        return None
    if "reviewers" in obj:
        raise FactdeskError(
            "a row of export --final (the team's verdict, not one reviewer's); export"
            " without --final to read work back"
        )
    _fit(obj, ("claim_id", "claim_start", "claim_end"))
    for item in obj.get("evidence") or []:
        _fit(item, ("article_id", "start", "end"))
    claim_id = store.claim_for_record(
        obj.get("claim_id"), obj.get("article_sha256"), obj.get("claim_start"),
        obj.get("claim_end"), obj.get("claim_text"),
    )  # fmt: skip
    verdict = obj.get("verdict")
    spans = []
    for item in obj.get("evidence") or []:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), int) for k in ("start", "end")
        ):
            raise FactdeskError("an evidence item needs integer start and end")
        other = item.get("article_id")
        quote = item.get("quote")
        spans.append((other if isinstance(other, int) else None, item["start"], item["end"],
                      quote if isinstance(quote, str) else None))  # fmt: skip
    note = obj.get("note")
    flagged = obj.get("flagged")
    return Judgement(
        claim_id=claim_id,
        reviewer=obj["reviewer"] if isinstance(obj.get("reviewer"), str) else reviewer,
        verdict=parse_verdict(verdict) if isinstance(verdict, str) else None,
        spans=spans,
        note=note if isinstance(note, str) and note else None,
        flagged=flagged if isinstance(flagged, bool) and flagged else None,
    )


def _fit(obj: Any, keys: tuple[str, ...]) -> None:
    """Refuse a record whose ids or offsets SQLite could not even look up."""
    for key in keys:
        value = obj.get(key) if isinstance(obj, dict) else None
        if isinstance(value, int) and too_large(value):
            raise FactdeskError(f"{key} is a number too large to be any id or offset")
