"""The store's reading of one claim's history from the event log."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from factdesk.history import LoggedEvent

# An event on the claim, and the undo that names it (at most one: undo never picks an
# event an undo names). A claim added by hand is logged with no claim_id (undo deletes its
# row, which events.claim_id would hold for ever): its id is in the event's `after`. Claim
# ids are reused once such a row is deleted, so that event (and its undo) is the claim's
# only while its article and offsets are those of the claim's row, when there is one.
_EVENTS = """
SELECT e.id, e.at, e.reviewer, e.action, e.before, e.after,
       u.at, u.reviewer, u.after,
       o.id, o.at, o.reviewer, o.action, o.before, o.after
FROM events e
LEFT JOIN events u ON u.undoes = e.id
LEFT JOIN events o ON o.id = e.undoes
LEFT JOIN claims c ON c.id = :claim
WHERE e.claim_id = :claim
   OR (e.claim_id IS NULL AND e.action IN ('claim_add', 'undo')
       AND json_extract(coalesce(o.after, e.after), '$.claim.id') = :claim
       AND (c.id IS NULL
            OR (json_extract(coalesce(o.after, e.after), '$.claim.article_id') = c.article_id
                AND json_extract(coalesce(o.after, e.after), '$.claim.start') = c.start
                AND json_extract(coalesce(o.after, e.after), '$.claim.end') = c.end)))
ORDER BY e.id DESC
"""


def _json(text: str | None) -> dict[str, Any] | None:
    value = None if text is None else json.loads(text)
    return value if isinstance(value, dict) else None


def _decoded(action: str, after: str | None) -> dict[str, Any] | None:
    """An event's ``after``; a merged event's holds the original event, whose before and
    after are JSON text of their own."""
    value = _json(after)
    if action == "merged" and value is not None:
        for key in ("before", "after"):
            raw = value.get(key)
            value[key] = _json(raw) if isinstance(raw, str) else raw
    return value


class HistoryQueries:
    """A claim's events, newest first, each with the undo that took it back."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def claim_events(self, claim_id: int) -> list[LoggedEvent]:
        """Every event on the claim, newest first (undos included)."""
        events = []
        for row in self.conn.execute(_EVENTS, {"claim": claim_id}):
            undo_after = _json(row[8])
            skipped = undo_after is not None and "skipped" in undo_after
            reverted = None
            if row[9] is not None:
                reverted = LoggedEvent(
                    row[9], row[10], row[11], row[12], _json(row[13]), _decoded(row[12], row[14])
                )
            events.append(
                LoggedEvent(
                    id=row[0],
                    at=row[1],
                    reviewer=row[2],
                    action=row[3],
                    before=_json(row[4]),
                    after=_decoded(row[3], row[5]),
                    undone_at=None if row[6] is None or skipped else row[6],
                    undone_by=None if row[6] is None or skipped else row[7],
                    passed_over=skipped,
                    reverted=reverted,
                )
            )
        return events

    def exists(self, claim_id: int) -> bool:
        """Whether the claim is in the database now."""
        return (
            self.conn.execute("SELECT 1 FROM claims WHERE id = ?", (claim_id,)).fetchone()
            is not None
        )
