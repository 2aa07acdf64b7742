"""The claim card's lines of suggested evidence: each suggestion's key, cue, quote and (from
another article) that article's title, and the verdict they point to."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from factdesk.evidence.views import Suggestion, suggested_verdict
from factdesk.inert import one_line
from factdesk.models import Span, Verdict
from factdesk.ui.widgets.story import VERDICT_STYLES, short_title

QUOTE_CHARS = 90  # a longer quote is cut on the card (the article view shows it whole)


def attached(found: Suggestion, spans: Sequence[Span], article_id: int) -> bool:
    """Whether this reviewer attached the suggestion already (same article, offsets)."""
    other = None if found.article_id == article_id else found.article_id
    return any((s.article_id, s.start, s.end) == (other, found.start, found.end) for s in spans)


def heading(found: Sequence[Suggestion]) -> Text:
    """'Suggested evidence — suggests: unevidenced (1–3 attach · s shows)'."""
    verdict = suggested_verdict([(s.cue, s.score) for s in found])
    keys = "1 attaches" if len(found) == 1 else f"1–{len(found)} attach"
    return Text.assemble(
        ("Suggested evidence", "bold"),
        " — suggests: ",
        (verdict or "", VERDICT_STYLES[Verdict(verdict)] if verdict else ""),
        (f"   ({keys} · s shows)", "dim"),
    )


def suggestion_line(number: int, found: Suggestion, article_id: int, spans: Sequence[Span]) -> Text:
    """'  1 no-evidence → unevidenced  “She gave no evidence …”  in Mains Dispute'."""
    quote = one_line(found.quote)
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
    elsewhere = found.article_id != article_id
    return Text.assemble(
        (f"  {number} ", "bold"),
        (found.cue, "italic"),
        " → ",
        (found.verdict, VERDICT_STYLES[Verdict(found.verdict)]),
        f"  “{quote}”",
        (f"  in {short_title(found.title)}" if elsewhere else "", "dim"),
        ("  ✓ attached" if attached(found, spans, article_id) else "", "green"),
    )
