"""The re-extraction half of the Store: which current articles hold claims found by another
extractor version, and storing a new extraction of one article over its claims in place,
keeping every claim that has review work or that anything refers to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from factdesk.models import ExtractedClaim
from factdesk.store_clusters import DERIVED, ClusterQueries

_CLAIM_FIELDS = "id, start, end, speaker, verb, score, extractor, origin"


@dataclass
class Reextracted:
    """What a new extraction does to one article's claims (or, in a dry run, would do)."""

    article_id: int
    appeared: int = 0  # new candidates, stored as new claims
    went: int = 0  # claims the extractor no longer finds, deleted
    kept: int = 0  # claims it no longer finds, kept for their review work
    found: int = 0  # candidates at the offsets of a claim already there (id and work stay)
    rescored: int = 0  # of those, how many got a new score
    claims: int = 0  # the article's claims afterwards
    checkworthy: int = 0  # of those, how many score at or above the threshold
    was: list[str] = field(default_factory=list)  # the other versions its claims came from
    # What the writes need: rows to insert, update and delete.
    inserts: list[ExtractedClaim] = field(default_factory=list, repr=False)
    updates: list[tuple[ExtractedClaim, int]] = field(default_factory=list, repr=False)
    marks: list[int] = field(default_factory=list, repr=False)  # kept: version stamped
    # Claims reviewers added that the extractor now gives too (the same offsets): they
    # stay added, and the reextract event names them, so that undoing such an add hands
    # the claim back to the extractor instead of deleting a candidate it gives.
    found_added: list[int] = field(default_factory=list, repr=False)
    deletes: list[int] = field(default_factory=list, repr=False)

    @property
    def changed(self) -> bool:
        """Whether storing it writes anything."""
        return bool(self.inserts or self.updates or self.marks or self.deletes)


class ExtractQueries(ClusterQueries):
    """Mixed into Store: extractor versions and re-extraction."""

    _references: list[tuple[str, str]] | None = None

    def other_extractors(self, version: str) -> dict[str, int]:
        """For each extractor version other than ``version`` that found claims of current
        articles: how many (claims added by reviewers are not counted). Most first."""
        return {
            str(name): int(n)
            for name, n in self.conn.execute(
                "SELECT c.extractor, count(*) FROM claims c JOIN articles a"
                " ON a.id = c.article_id WHERE a.is_current = 1 AND c.origin = 'extractor'"
                " AND c.extractor <> ? GROUP BY c.extractor ORDER BY count(*) DESC, 1",
                (version,),
            )
        }

    def articles_to_reextract(self, version: str, every: bool = False) -> list[tuple[int, bool]]:
        """The current articles a re-extraction with ``version`` looks at, in queue order,
        each with whether it holds claims found by another version: those that do, and
        those without any extracted claim (a new extractor may find some there); with
        ``every``, all of them."""
        rows = self.conn.execute(
            "SELECT a.id, EXISTS (SELECT 1 FROM claims c WHERE c.article_id = a.id"
            " AND c.origin = 'extractor' AND c.extractor <> ?1), EXISTS (SELECT 1 FROM"
            " claims c WHERE c.article_id = a.id AND c.origin = 'extractor')"
            " FROM articles a WHERE a.is_current = 1 ORDER BY a.slot, a.id",
            (version,),
        )
        return [(int(i), bool(other)) for i, other, any_ in rows if every or other or not any_]

    def reextract_article(
        self,
        article_id: int,
        candidates: Sequence[ExtractedClaim],
        version: str,
        reviewer: str,
        threshold: float,
        dry_run: bool = False,
    ) -> Reextracted | None:
        """Store a new extraction of one article (its candidates, with exact offsets) in
        one transaction, and log it as a ``reextract`` event. A candidate at the offsets
        of a claim already there updates that claim in place; other candidates become new
        claims; an extracted claim the new extractor does not give is deleted, unless it
        has work or anything refers to it (see :meth:`_referenced`): then it stays, with
        its score, stamped with ``version``. Claims added by reviewers stay added (when
        found, with the new score, speaker and verb; the event names them).
        With ``dry_run``, only says what it would do. None when the article is no longer
        the current version (a newer one was imported meanwhile)."""
        if dry_run:
            return self._plan(article_id, candidates, version, threshold)
        with self._write():  # decided inside the transaction: no window's work is missed
            plan = self._plan(article_id, candidates, version, threshold)
            if plan is None or not plan.changed:
                return plan
            self._store_plan(plan, version)
            counts = {
                "article": article_id,
                "extractor": version,
                "appeared": plan.appeared,
                "went": plan.went,
                "kept": plan.kept,
                "found": plan.found,
                "rescored": plan.rescored,
                "found_added": plan.found_added,
            }
            self._log(reviewer, None, "reextract", {"extractor": plan.was}, counts)
        return plan

    def _plan(
        self,
        article_id: int,
        candidates: Sequence[ExtractedClaim],
        version: str,
        threshold: float,
    ) -> Reextracted | None:
        row = self.conn.execute(
            "SELECT is_current FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None or not row[0]:
            return None
        plan = Reextracted(article_id)
        existing = {
            (r[1], r[2]): r
            for r in self.conn.execute(
                f"SELECT {_CLAIM_FIELDS} FROM claims WHERE article_id = ?", (article_id,)
            )
        }
        plan.was = sorted(
            {r[6] for r in existing.values() if r[7] == "extractor" and r[6] != version}
        )
        scores: list[float] = []
        for candidate in candidates:
            old = existing.pop((candidate.start, candidate.end), None)
            scores.append(candidate.score)
            if old is None:
                plan.inserts.append(candidate)
                plan.appeared += 1
                continue
            plan.found += 1
            plan.rescored += old[5] != candidate.score
            if old[7] == "reviewer":
                plan.found_added.append(old[0])
            if (old[3], old[4], old[5], old[6]) != (
                candidate.speaker,
                candidate.verb,
                candidate.score,
                version,
            ):
                plan.updates.append((candidate, old[0]))
        referenced = self._referenced(article_id) if existing else set()
        for claim_id, _, _, _, _, score, extractor, origin in existing.values():
            if origin == "reviewer":  # added by hand: not the extractor's to change
                scores.append(score)
            elif claim_id in referenced:
                scores.append(score)
                plan.kept += 1
                if extractor != version:
                    plan.marks.append(claim_id)
            else:
                plan.deletes.append(claim_id)
                plan.went += 1
        plan.claims = len(scores)
        plan.checkworthy = sum(score >= threshold for score in scores)
        return plan

    def _store_plan(self, plan: Reextracted, version: str) -> None:
        conn = self.conn
        self._forget_claims(plan.deletes)
        conn.executemany(
            "DELETE FROM claims WHERE id = ?", [(claim_id,) for claim_id in plan.deletes]
        )
        conn.executemany(
            "UPDATE claims SET speaker = ?, verb = ?, score = ?, extractor = ? WHERE id = ?",
            [(c.speaker, c.verb, c.score, version, i) for c, i in plan.updates],
        )
        conn.executemany(
            "UPDATE claims SET extractor = ? WHERE id = ?", [(version, i) for i in plan.marks]
        )
        conn.executemany(
            "INSERT INTO claims (article_id, start, end, speaker, verb, score, extractor)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (plan.article_id, c.start, c.end, c.speaker, c.verb, c.score, version)
                for c in plan.inserts
            ],
        )
        row = conn.execute("SELECT text FROM articles WHERE id = ?", (plan.article_id,))
        text = str(row.fetchone()[0])
        self._suggest_article(plan.article_id, text, {})
        self._cluster_claims(
            plan.article_id,
            [
                (
                    conn.execute(
                        "SELECT id FROM claims WHERE article_id = ? AND start = ? AND end = ?",
                        (plan.article_id, c.start, c.end),
                    ).fetchone()[0],
                    text[c.start : c.end],
                )
                for c in plan.inserts
            ],
        )

    def _referenced(self, article_id: int) -> set[int]:
        """The claims of an article that have review work or that anything refers to: a
        row of any table with a foreign key to claims (verdicts and flags, spans, notes,
        dismissals, events, positions, superseded work and its successors, and any table
        added later; not what clustering derived), so that deleting them could lose
        nothing."""
        tests = " OR ".join(
            f"EXISTS (SELECT 1 FROM {table} x WHERE x.{column} = c.id)"
            for table, column in self._claim_references()
        )
        return {
            int(row[0])
            for row in self.conn.execute(
                f"SELECT c.id FROM claims c WHERE c.article_id = ? AND ({tests or '0'})",
                (article_id,),
            )
        }

    def _claim_references(self) -> list[tuple[str, str]]:
        """Every (table, column) with a foreign key to claims, from the schema itself."""
        if self._references is not None:
            return self._references
        tables = [
            str(row[0])
            for row in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence'"
            )
        ]
        self._references = sorted(
            (table, str(fk[3]))
            for table in tables
            for fk in self.conn.execute(f"PRAGMA foreign_key_list({table})")
            if fk[2] == "claims" and table not in DERIVED
        )
        return self._references
