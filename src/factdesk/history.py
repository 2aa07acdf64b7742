"""A claim's history: the actions logged on it, in words, with whether each was undone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from factdesk.inert import one_line

QUOTE_LENGTH = 60  # a span's or a note's text is cut to this many characters in a line


@dataclass(frozen=True, slots=True)
class LoggedEvent:
    """One event of the log as the store reads it for a claim's history."""

    id: int
    at: str  # ISO 8601 in UTC, as logged
    reviewer: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    undone_at: str | None = None  # when an undo took it back
    undone_by: str | None = None
    passed_over: bool = False  # an undo could not take it back and went on to the one before
    reverted: LoggedEvent | None = None  # for an undo: the event it names


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of a claim's history."""

    event: LoggedEvent
    what: str  # the action in words

    @property
    def undone(self) -> bool:
        return self.event.undone_at is not None


def history(events: list[LoggedEvent]) -> list[HistoryEntry]:
    """The events (newest first, as the store reads them) in words."""
    return [
        HistoryEntry(event, describe(event.action, event.before, event.after, event))
        for event in events
    ]


def utc_time(at: str) -> str:
    """A logged time for people: "2026-12-07 21:59:21" (UTC, which the caller says)."""
    return at.replace("T", " ").removesuffix("+00:00")


def _quoted(text: object) -> str:
    line = one_line(str(text or ""))
    return f"“{line[: QUOTE_LENGTH - 1]}…”" if len(line) > QUOTE_LENGTH else f"“{line}”"


def _span(span: dict[str, Any]) -> str:
    where = f" in article {span['article_id']}" if span.get("article_id") else ""
    return f"{span.get('start')}:{span.get('end')}{where} {_quoted(span.get('quote'))}"


def describe(
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    event: LoggedEvent | None = None,
) -> str:
    """An action in words, from what it logged before and after."""
    before, after = before or {}, after or {}
    words = _describe(action, before, after, event)
    if before.get("restored"):
        words += " (which restored the dismissed claim)"
    return words


def _describe(  # noqa: C901 - one branch an action, in the order of the schema's list
    action: str, before: dict[str, Any], after: dict[str, Any], event: LoggedEvent | None
) -> str:
    if action == "verdict":
        verdict, given = after.get("verdict"), after.get("given")
        if given:
            count = given.get("count")
            return (
                f"verdict given: {verdict} (with g, from claim {given.get('from')}"
                f" to {count} claim{'s' * (count != 1)} of its cluster)"
            )
        if verdict:
            return f"verdict given: {verdict}"
        was = before.get("verdict")
        return f"verdict cleared (was {was})" if was else "verdict cleared"
    if action == "flag":
        return "flagged for later" if after.get("flagged") else "flag removed"
    if action == "note":
        if not after.get("note"):
            return "note removed"
        return f"note {'changed' if before.get('note') else 'written'}: {_quoted(after['note'])}"
    if action == "span_add":
        return f"evidence span attached: {_span(after.get('span') or {})}"
    if action == "span_remove":
        return f"evidence span removed: {_span(before.get('span') or {})}"
    if action == "claim_add":
        if before.get("origin") == "extractor":
            return "claim added (one the extractor had scored below the threshold)"
        return "claim added by hand"
    if action == "dismiss":
        return "dismissed as not check-worthy"
    if action == "restore":
        return "restored (no longer dismissed)"
    if action == "cluster_move":
        was = (before.get("member") or {}).get("cluster")
        if after.get("cluster") is None:
            return f"taken out of cluster {was}" if was else "taken out of its cluster"
        started = after.get("started_with")
        with_whom = f", which it starts with claim {started}" if started else ""
        return f"moved to cluster {after['cluster']}{with_whom}"
    if action == "conflict_dismiss":
        conflict = after.get("conflict")
        if after.get("dismissed_by"):
            return f"conflict {conflict} dismissed as wrong"
        return f"conflict {conflict} restored"
    if action == "final":
        final = after.get("final")
        return f"final verdict: {final}" if final else "final verdict taken back"
    if action == "carry":
        kept = [
            f"verdict {after['verdict']}" if after.get("verdict") else "",
            "flag" if after.get("flagged") else "",
            "note" if after.get("note") else "",
            f"{len(after.get('spans') or [])} evidence span(s)" if after.get("spans") else "",
        ]
        what = ", ".join(x for x in kept if x) or "the work"
        return f"{what} carried over from claim {before.get('claim')} (the article was corrected)"
    if action == "supersede":
        successor = after.get("successor")
        if successor is None:
            return "removed: the corrected article no longer has this sentence"
        return f"superseded by claim {successor} (the article was corrected)"
    if action == "merged":
        original = after
        words = describe(str(original.get("action")), original.get("before"), original.get("after"))
        return f"{words} (merged from another file)"
    if action == "undo":
        if "skipped" in after:
            return f"undo passed over the {after['skipped']}: it could not be taken back"
        reverted = event.reverted if event else None
        if reverted is None:
            return "undo"
        return f"undo of: {describe(reverted.action, reverted.before, reverted.after)}"
    return action.replace("_", " ")
