"""Re-extraction: run this factdesk's extractor again over the current version of every
stored article, keeping every claim that has review work, and say what appeared and what
went. Each article is stored in a transaction of its own, so a run that stops half way
leaves a consistent file, and running it again finishes the job."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from factdesk import extract as extraction
from factdesk.models import ExtractedClaim, FactdeskError, plural
from factdesk.store import Store
from factdesk.store_extract import Reextracted
from factdesk.workers import worker_pool

PARALLEL_MIN_ARTICLES = 64  # below this, extraction runs in this process
BATCH_ARTICLES = 256  # articles whose texts are read and handed to the workers together
Progress = Callable[[int], None]


@dataclass
class ReextractReport:
    """A re-extraction run: what it looks at, and what it did (or in a dry run, would do)."""

    version: str  # the extractor's version now
    threshold: float  # the desk's default threshold, for the count of check-worthy claims
    dry_run: bool = False
    was: dict[str, int] = field(default_factory=dict)  # claims per other version, before
    due: list[tuple[int, bool]] = field(default_factory=list, repr=False)  # see the Store
    articles: int = 0  # articles looked at so far
    changed: int = 0  # of them, those whose claims changed
    replaced: int = 0  # skipped: a newer version of the article came in meanwhile
    appeared: int = 0
    went: int = 0
    kept: int = 0
    found: int = 0
    rescored: int = 0
    claims: int = 0  # claims of the articles looked at, afterwards
    checkworthy: int = 0  # of them, at or above the threshold

    @property
    def stale(self) -> int:
        """How many of the articles due hold claims found by another extractor version."""
        return sum(other for _, other in self.due)

    def add(self, done: Reextracted | None) -> None:
        """Count one article's re-extraction (None: it was replaced meanwhile)."""
        self.articles += 1
        if done is None:
            self.replaced += 1
            return
        self.changed += done.changed
        self.appeared += done.appeared
        self.went += done.went
        self.kept += done.kept
        self.found += done.found
        self.rescored += done.rescored
        self.claims += done.claims
        self.checkworthy += done.checkworthy

    def summary(self) -> str:
        """What the run did, for people (on stderr)."""
        if not self.changed and not self.stale and not self.replaced:
            return f"Nothing to re-extract: every claim is already from {self.version}."
        would = self.dry_run
        was = f" (claims were from {', '.join(self.was)})" if self.was else ""
        parts = [
            f"{plural(self.appeared, 'claim')} {'would appear' if would else 'appeared'}",
            f"{self.went} {'would go' if would else 'went'}",
            f"{self.kept} {'would be ' if would else ''}kept for their review work",
            f"{self.found} {'would still be' if would else 'still'} found"
            f" ({self.rescored} with a new score)",
        ]
        head = (
            f"Dry run, nothing written. Re-extracting {plural(self.articles, 'article')}"
            if would
            else f"Re-extracted {plural(self.articles, 'article')}"
        )
        text = f"{head} with {self.version}{was}: {', '.join(parts)}; "
        text += (
            f"{self.checkworthy} of the {plural(self.claims, 'claim')} in"
            f" {'them' if self.articles > 1 else 'it'} {'would ' if would else ''}"
            f"score {self.threshold:g} or more."
        )
        if self.replaced:
            text += (
                f" {plural(self.replaced, 'article')} skipped: a newer version came in meanwhile."
            )
        return text

    def stopped(self) -> str:
        """How far a run that stopped got, and how to finish it."""
        if self.dry_run:
            return "nothing was written (a dry run)"
        return (
            f"the run stopped after {self.articles} of {plural(len(self.due), 'article')};"
            " run factdesk reextract again to finish"
        )


def prepare(store: Store, every: bool = False, dry_run: bool = False) -> ReextractReport:
    """What a run will look at: the articles holding claims found by another extractor
    version than this factdesk's (or without extracted claims; with ``every``, all)."""
    version = extraction.EXTRACTOR_VERSION
    report = ReextractReport(version, extraction.THRESHOLD, dry_run)
    report.was = store.other_extractors(version)
    report.due = store.articles_to_reextract(version, every)
    return report


def run(
    store: Store, report: ReextractReport, reviewer: str, progress: Progress | None = None
) -> ReextractReport:
    """Re-extract the articles of a prepared run, one transaction each (each logged as a
    ``reextract`` event by ``reviewer``), counting into ``report`` as it goes."""
    if not report.dry_run and report.stale and store.is_read_only():
        raise FactdeskError(f"{store.path} is read-only: nothing was re-extracted")
    ids = [article_id for article_id, _ in report.due]
    cores = os.cpu_count() or 1
    parallel = cores > 1 and len(ids) >= PARALLEL_MIN_ARTICLES
    pool = worker_pool(cores) if parallel else None
    try:
        for article_id, text, found in _extracted(store, ids, pool):
            try:
                done = store.reextract_article(
                    article_id, _checked(article_id, text, found), report.version, reviewer,
                    report.threshold, dry_run=report.dry_run,
                )  # fmt: skip
            except FactdeskError as exc:
                raise FactdeskError(f"{exc}; {report.stopped()}") from exc
            except sqlite3.Error as exc:
                raise FactdeskError(
                    f"could not store article {article_id}'s claims ({exc}); {report.stopped()}"
                ) from exc
            report.add(done)
            if progress:
                progress(1)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return report


def other_extractors(store: Store) -> dict[str, int]:
    """Claims of current articles found by another extractor version than this
    factdesk's, per version (claims added by reviewers are not counted)."""
    return store.other_extractors(extraction.EXTRACTOR_VERSION)


def extractor_notice(others: dict[str, int]) -> str:
    """One line saying that claims were found by other extractor versions (from
    :func:`other_extractors`) and what to do; '' when there are none."""
    if not others:
        return ""
    total = sum(others.values())
    verb = "was" if total == 1 else "were"
    return (
        f"{plural(total, 'claim')} {verb} found by another extractor version"
        f" ({', '.join(others)}) than this factdesk's ({extraction.EXTRACTOR_VERSION}):"
        " run factdesk reextract"
    )


def _candidates(article: tuple[str, tuple[tuple[int, int], ...]]) -> list[ExtractedClaim]:
    """Every candidate claim of one article, none where its markup says it is not prose
    (headings, tables, code: see outside) (in a worker process
    when there are many)."""
    text, not_claims = article
    return extraction.outside(extraction.extract_candidates(text), not_claims)


def _extracted(
    store: Store, ids: list[int], pool: ProcessPoolExecutor | None
) -> Iterator[tuple[int, str, list[ExtractedClaim]]]:
    """Each article's id, text and candidates, in order, a batch of texts at a time (the
    workers extract ahead while the articles before are stored)."""
    for first in range(0, len(ids), BATCH_ARTICLES):
        batch = ids[first : first + BATCH_ARTICLES]
        articles = [(store.article(i).text, store.not_claims(i)) for i in batch]
        found: Iterable[list[ExtractedClaim]] = (
            pool.map(_candidates, articles, chunksize=8) if pool else map(_candidates, articles)
        )
        yield from zip(batch, (text for text, _ in articles), found, strict=True)


def _checked(article_id: int, text: str, candidates: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """The candidates, each once, after checking that their offsets and scores are what
    the store promises (an extractor that breaks them stops the run, storing nothing of
    this article)."""
    seen: dict[tuple[int, int], ExtractedClaim] = {}
    for c in candidates:
        if not (0 <= c.start < c.end <= len(text) and text[c.start : c.end] == c.text):
            raise FactdeskError(
                f"the extractor gave offsets {c.start}:{c.end} that do not match the text"
                f" of article {article_id}; nothing of it was stored"
            )
        if not 0 <= c.score <= 1:
            raise FactdeskError(
                f"the extractor gave a score of {c.score} (not between 0 and 1) in"
                f" article {article_id}; nothing of it was stored"
            )
        seen.setdefault((c.start, c.end), c)
    return list(seen.values())
