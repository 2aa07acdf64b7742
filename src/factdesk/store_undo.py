"""The undo half of the Store: each window's session, and undo that reverts the last
action of the window it is pressed in (across restarts, that of a window now closed),
refusing when another window has changed the claim since."""

from __future__ import annotations

import json
import os
import secrets
import socket
from typing import Any

from factdesk.inert import one_line
from factdesk.models import Undone
from factdesk.store_claims import ClaimQueries
from factdesk.store_cluster_edits import ClusterEdits
from factdesk.store_final import FinalQueries
from factdesk.store_versions import VersionQueries

UNDOABLE = (
    "('verdict', 'flag', 'note', 'span_add', 'span_remove', 'claim_add', 'dismiss', 'restore',"
    " 'cluster_move', 'conflict_dismiss', 'final')"
)
# Sessions of the windows open in this process (a window's Store may outlive it in tests).
_LIVE_SESSIONS: set[str] = set()


def str_or_none(value: object) -> str | None:
    """A JSON value that holds a string or null."""
    return None if value is None else str(value)


class UndoQueries(ClaimQueries, VersionQueries, ClusterEdits, FinalQueries):
    """Mixed into Store: sessions and undo over the review actions' event log."""

    def start_session(self) -> str:
        """Begin a window's session: its actions are logged under its name, and its undo
        reverts only them (and those of windows that are closed)."""
        self.session = f"{socket.gethostname()}/{os.getpid()}/{secrets.token_hex(4)}"
        _LIVE_SESSIONS.add(self.session)
        return self.session

    def end_session(self) -> None:
        """The window closed: its actions become undoable from any later window."""
        if self.session:
            _LIVE_SESSIONS.discard(self.session)
        self.session = None

    def undo(self, reviewer: str) -> Undone | None:
        """Revert this window's last action that is not yet undone (after a restart: the
        last action of a window that is closed). If another window has changed that
        claim since, nothing is changed and the result says so; if the action can never
        be taken back (it was on an article version corrected since), that is logged, so
        the next undo goes on to the action before it."""
        with self._write():
            cursor = self.conn.execute(
                "SELECT e.id, e.claim_id, e.action, e.before, e.after, e.session FROM events e"
                f" WHERE e.reviewer = ? AND e.action IN {UNDOABLE}"
                " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id)"
                " ORDER BY e.id DESC",
                (reviewer,),
            )
            row = next((r for r in cursor if self._may_undo(r[5])), None)
            cursor.close()
            if row is None:
                return None
            event_id, claim_id, action = row[0], row[1], row[2]
            before: dict[str, Any] = json.loads(row[3]) if row[3] else {}
            after: dict[str, Any] = json.loads(row[4]) if row[4] else {}
            if action == "claim_add":
                return self._undo_add(event_id, claim_id, reviewer, before, after)
            if not self.claim(claim_id).current:  # the article was corrected since
                carried = self._carried_to(claim_id, reviewer, action)
                if carried is None:
                    return self._skip(event_id, claim_id, reviewer, action, corrected=True)
                claim_id = carried  # the same work, or sentence, in the new version
            if action == "verdict" and "given" in after:
                return self._undo_given(event_id, reviewer, after["given"])
            if action in ("cluster_move", "conflict_dismiss"):
                return self._undo_cluster(event_id, claim_id, reviewer, action, before, after)
            if not self._still_as_after(claim_id, reviewer, action, after, event_id):
                return Undone(claim_id, action, conflict=True)
            if action == "verdict":
                self._put_verdict(claim_id, reviewer, before["verdict"])
            elif action == "flag":
                self._put_flag(claim_id, reviewer, before["flagged"])
            elif action == "note":
                self._put_note(claim_id, reviewer, before["note"])
            elif action == "span_add":
                self.conn.execute("DELETE FROM spans WHERE id = ?", (after["span"]["id"],))
            elif action == "span_remove":
                s = before["span"]
                self.conn.execute(
                    "INSERT INTO spans (id, claim_id, reviewer, start, end, quote, created_at,"
                    " article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (s["id"], claim_id, reviewer, s["start"], s["end"], s["quote"], self._now(),
                     s.get("article_id")),
                )  # fmt: skip
            elif action in ("dismiss", "restore"):
                self._put_dismissal(claim_id, reviewer, bool(before["dismissed"]))
            elif action == "final":
                self._put_final(claim_id, before["adjudicator"], before["final"])
            self._log(reviewer, claim_id, "undo", after or None, before or None, undoes=event_id)
            if "restored" in before:  # the work restored a dismissed claim: dismiss it again
                return self._undo_restored(int(before["restored"]), claim_id, reviewer, action)
        return Undone(claim_id, action, list_changed=action in ("dismiss", "restore"))

    def _undo_cluster(
        self,
        event_id: int,
        claim_id: int,
        reviewer: str,
        action: str,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> Undone:
        """Put a moved claim back in its cluster, or a dismissed conflict back on the card
        (unless another window changed it since)."""
        if action == "cluster_move":
            if not self._cluster_still(claim_id, after):
                return Undone(claim_id, action, conflict=True)
            self._undo_move(claim_id, before, after)
        else:
            if not self._conflict_still(after):
                return Undone(claim_id, action, conflict=True)
            self._put_conflict(int(before["conflict"]), before["dismissed_by"])
        self._log(reviewer, claim_id, "undo", after, before, undoes=event_id)
        return Undone(claim_id, action)

    def _undo_given(self, event_id: int, reviewer: str, given: dict[str, Any]) -> Undone:
        """Undo the verdicts ``g`` gave to a cluster's claims, all with one ctrl+z: the
        consecutive verdict events that name the same claim they came from (a claim another
        window has judged since keeps that verdict)."""
        source, count = int(given["from"]), int(given["count"])
        rows = self.conn.execute(
            "SELECT e.id, e.claim_id, e.after FROM events e WHERE e.reviewer = ?"
            " AND e.action = 'verdict' AND e.id > ? AND e.id <= ?"
            " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id)",
            (reviewer, event_id - count, event_id),
        ).fetchall()
        kept = 0
        for gave, claim_id, after_text in rows:
            after = json.loads(after_text)
            if after.get("given", {}).get("from") != source:
                continue
            if self._verdict_row(claim_id, reviewer)[0] != after["verdict"]:
                self._log(reviewer, claim_id, "undo", None, {"skipped": "verdict"}, undoes=gave)
                kept += 1
                continue
            self._put_verdict(claim_id, reviewer, None)
            self._log(reviewer, claim_id, "undo", after, {"verdict": None}, undoes=gave)
        undone = len(rows) - kept
        reason = f"Undone: the verdict given to {undone} claim{'s' * (undone != 1)}"
        if kept:
            reason += f" ({kept} judged elsewhere since kept theirs)"
        return Undone(source, "give", reason=reason)

    def _undo_restored(self, event_id: int, claim_id: int, reviewer: str, action: str) -> Undone:
        """After undoing work that restored a claim, undo that restore too (the same
        ctrl+z), unless work another window gave since would be hidden by it."""
        if self._worked_since(claim_id, reviewer, event_id):
            return Undone(
                claim_id,
                action,
                reason=f"Undone; claim {claim_id} stays in your queue (worked on elsewhere)",
                detail=f"This action had restored claim {claim_id} from your dismissed"
                " claims. Another window of yours has worked on it since, and dismissing it"
                " again would hide that work, so it stays in your queue.",
            )
        self._put_dismissal(claim_id, reviewer, True)
        self._log(
            reviewer, claim_id, "undo", {"dismissed": False}, {"dismissed": True}, undoes=event_id
        )
        return Undone(claim_id, action, list_changed=True)

    def _skip(
        self,
        event_id: int,
        claim_id: int | None,
        reviewer: str,
        action: str,
        corrected: bool = False,
        reason: str = "",
    ) -> Undone:
        """Log that an action that can never be taken back was passed over (an undo
        event naming it, with ``{"skipped": action}`` and nothing changed), so that the
        next undo goes on to the one before it instead of sticking here."""
        self._log(reviewer, claim_id, "undo", None, {"skipped": action}, undoes=event_id)
        return Undone(
            claim_id or 0, action, conflict=True, corrected=corrected, reason=reason, skipped=True
        )

    def _undo_add(
        self,
        event_id: int,
        event_claim: int | None,
        reviewer: str,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> Undone:
        """Take back an added claim, unless this reviewer's work (given in another window
        since) is on it: then nothing changes, so that no work is ever hidden. A
        candidate that was below the threshold, or one a reextract has found since, goes
        back to being the extractor's (a candidate the extractor gives is never deleted);
        a claim made from a span is deleted when nothing refers to it but reviewers'
        positions (events are append-only, and their claim_id holds the row). When other
        reviewers acted on it, or this reviewer did (undone since), it stays, dismissed
        for this reviewer. On a version corrected since, it is passed over."""
        claim_id = int(after["claim"]["id"])
        row = self.conn.execute(
            "SELECT c.origin, a.is_current, c.article_id, c.score FROM claims c"
            " JOIN articles a ON a.id = c.article_id WHERE c.id = ?",
            (claim_id,),
        ).fetchone()
        if row is None or row[0] != "reviewer" or not row[1]:
            corrected = row is not None and not row[1]
            gone = "" if corrected else f"Not undone: claim {claim_id} is no longer added"
            return self._skip(event_id, event_claim, reviewer, "claim_add", corrected, gone)
        work = self._live_work(claim_id, reviewer)
        if work:
            return Undone(
                claim_id,
                "claim_add",
                conflict=True,
                reason=f"Not undone: claim {claim_id} has your {work} from another window",
                detail=f"Claim {claim_id} has your {work}, given in another window since you"
                " added it here. Taking the claim back would hide it, so nothing was undone:"
                f" undo the {work} in that window first (or here, once it is closed), or"
                " press delete to dismiss the claim.",
            )
        if before or self._extractor_found(claim_id, row[2], event_id):
            origin = {"origin": "extractor"}
            self.conn.execute("UPDATE claims SET origin = 'extractor' WHERE id = ?", (claim_id,))
            self._log(reviewer, claim_id, "undo", after, before or origin, undoes=event_id)
            found = f"the extractor's candidate again (score {row[3]:.2f})"
            return Undone(
                claim_id,
                "claim_add",
                reason="" if before else f"Undid adding claim {claim_id}: {found}",
                detail=""
                if before
                else "factdesk reextract has found the same sentence since"
                f" you added it, so claim {claim_id} stays, as the extractor's candidate,"
                " instead of being deleted.",
                list_changed=True,
            )
        users = self._acted_on(claim_id)
        if users:  # logged actions refer to it: the row stays, dismissed for this reviewer
            self._put_dismissal(claim_id, reviewer, True)
            self._log(reviewer, claim_id, "undo", after, {"dismissed": True}, undoes=event_id)
            others = ", ".join(one_line(name) for name in sorted(users - {reviewer}))
            why = f"{others} worked on it" if others else "your actions on it are logged"
            return Undone(
                claim_id,
                "claim_add",
                reason=f"Undid adding claim {claim_id}: dismissed for you ({why})",
                detail=f"Claim {claim_id} is not deleted: {why}, and the log keeps it, so it"
                " stays, dismissed for you (ctrl+p Show dismissed claims lists it).",
                list_changed=True,
            )
        self.conn.execute("DELETE FROM positions WHERE claim_id = ?", (claim_id,))
        self._forget_claims([claim_id])
        self.conn.execute("DELETE FROM claims WHERE id = ?", (claim_id,))
        self._log(reviewer, None, "undo", after, None, undoes=event_id)
        return Undone(claim_id, "claim_add", list_changed=True)

    def _live_work(self, claim_id: int, reviewer: str) -> str:
        """The first kind of work this reviewer has on a claim now (verdict, flag, note,
        evidence span), or ''."""
        review = self.review(claim_id, reviewer)
        kinds = (
            ("verdict", review.verdict is not None),
            ("flag", review.flagged),
            ("note", bool(review.note)),
            ("span", bool(review.spans)),
        )
        return next((kind for kind, present in kinds if present), "")

    def _worked_since(self, claim_id: int, reviewer: str, event_id: int) -> bool:
        """Whether this reviewer has work on a claim now that was given after an event
        (and is not undone): dismissing the claim again would hide it. Work carried into
        a new version of the article was given before: it does not count."""
        if not self._live_work(claim_id, reviewer):
            return False
        row = self.conn.execute(
            "SELECT 1 FROM events e WHERE e.claim_id = ? AND e.reviewer = ? AND e.id > ?"
            " AND e.action IN ('verdict', 'flag', 'note', 'span_add')"
            " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id) LIMIT 1",
            (claim_id, reviewer, event_id),
        ).fetchone()
        return row is not None

    def _extractor_found(self, claim_id: int, article_id: int, event_id: int) -> bool:
        """Whether the latest reextract of the article since an add found the added
        claim among its candidates (see Reextracted.found_added)."""
        row = self.conn.execute(
            "SELECT json_extract(after, '$.found_added') FROM events WHERE claim_id IS NULL"
            " AND action = 'reextract' AND id > ? AND json_extract(after, '$.article') = ?"
            " ORDER BY id DESC LIMIT 1",
            (event_id, article_id),
        ).fetchone()
        return row is not None and claim_id in json.loads(row[0] or "[]")

    def _acted_on(self, claim_id: int) -> set[str]:
        """The reviewers whose rows or logged actions refer to a claim."""
        return {
            row[0]
            for row in self.conn.execute(
                "SELECT reviewer FROM verdicts WHERE claim_id = ?1"
                " UNION SELECT reviewer FROM notes WHERE claim_id = ?1"
                " UNION SELECT reviewer FROM spans WHERE claim_id = ?1"
                " UNION SELECT reviewer FROM dismissals WHERE claim_id = ?1"
                " UNION SELECT reviewer FROM superseded WHERE claim_id = ?1 OR successor_id = ?1"
                " UNION SELECT reviewer FROM events WHERE claim_id = ?1",
                (claim_id,),
            )
        }

    def _carried_to(self, claim_id: int, reviewer: str, action: str) -> int | None:
        """The current claim an action on an old-version claim is undone on, or None:
        for a verdict, flag or note, the claim this reviewer's work continued into
        (following the carry events through each version); for a dismissal or a
        restore, the same sentence in the current version (dismissals continue with
        their sentence, and a restored claim has nothing to carry)."""
        if action in ("dismiss", "restore"):
            return self.successor_of(claim_id, same_sentence=True)
        if action not in ("verdict", "flag", "note"):
            return None  # evidence is re-located when it continues: its ids change
        for _ in range(1000):  # a chain of versions; never a loop, but stay bounded
            row = self.conn.execute(
                "SELECT claim_id FROM events WHERE action = 'carry' AND reviewer = ?"
                " AND json_extract(before, '$.claim') = ? ORDER BY id DESC LIMIT 1",
                (reviewer, claim_id),
            ).fetchone()
            if row is None:
                return None
            claim_id = int(row[0])
            if self.claim(claim_id).current:
                return claim_id
        return None

    def _may_undo(self, session: str | None) -> bool:
        """Whether this window may undo an action of that session: its own, or one of a
        window that is closed (a later window of the same process, or a process that is
        gone). An action of a live window elsewhere is that window's to undo."""
        if session is None or session == self.session:
            return True
        host, _, rest = session.partition("/")
        pid = rest.partition("/")[0]
        if host != socket.gethostname() or not pid.isdigit():
            return False  # another machine's window (a shared file): leave it to that one
        if int(pid) == os.getpid():
            return session not in _LIVE_SESSIONS
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False  # it exists but belongs to someone else
        return False

    def _still_as_after(
        self, claim_id: int, reviewer: str, action: str, after: dict[str, Any], event_id: int
    ) -> bool:
        """Whether the claim still shows what the action left (no other window changed it;
        for a restore, no other window worked on it since, which a dismissal would hide)."""
        if action == "verdict":
            return self._verdict_row(claim_id, reviewer)[0] == str_or_none(after["verdict"])
        if action == "flag":
            return self._verdict_row(claim_id, reviewer)[1] is bool(after["flagged"])
        if action == "note":
            return self.review(claim_id, reviewer).note == str(after["note"])
        if action == "final":
            final = self.final(claim_id)
            return (final.verdict if final else None) == str_or_none(after["final"])
        if action == "restore" and self._worked_since(claim_id, reviewer, event_id):
            return False
        if action in ("dismiss", "restore"):
            return self.is_dismissed(claim_id, reviewer) is bool(after["dismissed"])
        span_id = (after or {}).get("span", {}).get("id")
        exists = self.conn.execute("SELECT 1 FROM spans WHERE id = ?", (span_id,)).fetchone()
        return exists is not None if action == "span_add" else True
