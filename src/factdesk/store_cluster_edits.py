"""The reviewer's corrections to clusters and conflicts, each an undoable event: moving a
claim out of its cluster or into another, dismissing a conflict, giving a verdict to the
cluster's unjudged claims (g); and the queue's order each reviewer chose."""

from __future__ import annotations

from typing import Any

from factdesk.models import FactdeskError
from factdesk.store_clusters import ClusterQueries

ORDER, BY_CLUSTER = "queue_order", "cluster"  # the settings row of a reviewer's queue order


class ClusterEdits(ClusterQueries):
    """Mixed into Store: what reviewers change in clusters and conflicts."""

    # -- the queue's order, per reviewer -----------------------------------------------

    def orders_by_cluster(self, reviewer: str) -> bool:
        """Whether this reviewer chose to work the queue by cluster (see queue_ids)."""
        row = self.conn.execute(
            "SELECT value FROM settings WHERE reviewer = ? AND name = ?", (reviewer, ORDER)
        ).fetchone()
        return row is not None and row[0] == BY_CLUSTER

    def remember_order(self, reviewer: str, by_cluster: bool) -> None:
        """Remember the queue's order for this reviewer's next desk."""
        with self._write():
            self.conn.execute(
                "INSERT INTO settings (reviewer, name, value) VALUES (?, ?, ?)"
                " ON CONFLICT (reviewer, name) DO UPDATE SET value = excluded.value",
                (reviewer, ORDER, BY_CLUSTER if by_cluster else "article"),
            )

    # -- the reviewer's corrections ----------------------------------------------------

    def move_claim(self, claim_id: int, reviewer: str, to_claim: int | None) -> int | None:
        """Take a claim out of its cluster (``to_claim`` None) or join it to the cluster of
        another claim (which starts one with it when alone); an undoable event. Returns
        the claim's cluster afterwards."""
        with self._write():
            self._check_current(claim_id)
            before = self._member_row(claim_id)
            after: dict[str, Any] = {"cluster": None}
            if to_claim is not None:
                if to_claim == claim_id:
                    raise FactdeskError("a claim cannot join itself")
                self._check_current(to_claim)
                target = self._member_row(to_claim)
                if target is None:
                    cluster = self._new_cluster()
                    self._put_member(to_claim, cluster, None, reviewer)
                    after["started_with"] = to_claim
                else:
                    cluster = int(target["cluster"])
                if before is not None and before["cluster"] == cluster:
                    raise FactdeskError(f"claim {claim_id} is in that cluster already")
                self._put_member(claim_id, cluster, None, reviewer)
                after["cluster"] = cluster
            elif before is None:
                raise FactdeskError(f"claim {claim_id} is in no cluster")
            else:
                self.conn.execute("DELETE FROM cluster_members WHERE claim_id = ?", (claim_id,))
            self._log(reviewer, claim_id, "cluster_move", {"member": before}, after)
        self._cluster_index = None
        return after["cluster"]  # type: ignore[no-any-return]

    def _member_row(self, claim_id: int) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT cluster_id, score, placed_by FROM cluster_members WHERE claim_id = ?",
            (claim_id,),
        ).fetchone()
        if row is None:
            return None
        return {"cluster": row[0], "score": row[1], "placed_by": row[2]}

    def _undo_move(self, claim_id: int, before: dict[str, Any], after: dict[str, Any]) -> None:
        """Put a moved claim back (inside the undo's transaction)."""
        member = before.get("member")
        if member is None:
            self.conn.execute("DELETE FROM cluster_members WHERE claim_id = ?", (claim_id,))
        else:
            self._put_member(claim_id, member["cluster"], member["score"], member["placed_by"])
        started = after.get("started_with")
        if started is not None:
            self.conn.execute(
                "DELETE FROM cluster_members WHERE claim_id = ? AND cluster_id = ?",
                (started, after["cluster"]),
            )
        self._cluster_index = None

    def _cluster_still(self, claim_id: int, after: dict[str, Any]) -> bool:
        """Whether a moved claim is still where the move put it."""
        row = self._member_row(claim_id)
        return (row["cluster"] if row else None) == after.get("cluster")

    def set_conflict_dismissed(self, conflict_id: int, reviewer: str, dismissed: bool) -> None:
        """Dismiss a conflict the reviewer judges wrong (or bring it back); an event."""
        with self._write():
            row = self.conn.execute(
                "SELECT claim_a, dismissed_by FROM conflicts WHERE id = ?", (conflict_id,)
            ).fetchone()
            if row is None:
                raise FactdeskError(f"no conflict with id {conflict_id}")
            self._put_conflict(conflict_id, reviewer if dismissed else None)
            self._log(
                reviewer, row[0], "conflict_dismiss",
                {"conflict": conflict_id, "dismissed_by": row[1]},
                {"conflict": conflict_id, "dismissed_by": reviewer if dismissed else None},
            )  # fmt: skip

    def _put_conflict(self, conflict_id: int, dismissed_by: str | None) -> None:
        self.conn.execute(
            "UPDATE conflicts SET dismissed_by = ?, dismissed_at = ? WHERE id = ?",
            (dismissed_by, self._now() if dismissed_by else None, conflict_id),
        )

    def _conflict_still(self, after: dict[str, Any]) -> bool:
        row = self.conn.execute(
            "SELECT dismissed_by FROM conflicts WHERE id = ?", (after["conflict"],)
        ).fetchone()
        return row is not None and row[0] == after["dismissed_by"]

    def cluster_unjudged(self, claim_id: int, reviewer: str) -> list[int]:
        """The other claims of a claim's cluster this reviewer has neither judged nor
        dismissed: what ``g`` would give the claim's verdict to."""
        cluster = self.cluster_of(claim_id)
        if cluster is None:
            return []
        ids = [m.claim_id for m in cluster.members if m.claim_id != claim_id]
        return [
            i
            for i in ids
            if self._verdict_row(i, reviewer)[0] is None and not self.is_dismissed(i, reviewer)
        ]

    def give_verdict(self, claim_id: int, reviewer: str) -> list[int]:
        """Give this reviewer's verdict on a claim to the claims of its cluster they have
        not judged: each recorded as its own verdict event, and undone together (the
        events are consecutive, and each names the claim it came from and how many)."""
        with self._write():
            self._check_current(claim_id)
            verdict = self._verdict_row(claim_id, reviewer)[0]
            if verdict is None:
                raise FactdeskError("judge this claim first: g gives its verdict to the others")
            targets = self.cluster_unjudged(claim_id, reviewer)
            for target in targets:
                self._put_verdict(target, reviewer, verdict)
                given = {"from": claim_id, "count": len(targets)}
                self._log(
                    reviewer, target, "verdict", {"verdict": None},
                    {"verdict": verdict, "given": given},
                )  # fmt: skip
        return targets
