"""Import articles from files, folders and links into the store: each read by its format's
reader (factdesk.readers), their claims extracted on every core, stored in chunks."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from factdesk.cluster.facts import facts
from factdesk.cluster.index import ClusterIndex, Vocabulary
from factdesk.evidence.suggest import Suggested, read_article, suggest
from factdesk.extract import (
    EXTRACTOR_VERSION,
    THRESHOLD,
    extract_candidates,
    outside,
    split_sentences,
)
from factdesk.models import ArticleInput, ExtractedClaim, ImportOutcome, ImportReport
from factdesk.readers import DESCRIBED, SUPPORTED, ReadOptions, Skip, is_link, read
from factdesk.store import NewArticle, Store, content_hash
from factdesk.store_clusters import Prepared

CHUNK_FILES = 256  # files read, extracted and stored together (one transaction)
PARALLEL_MIN_ARTICLES = 64  # below this, starting worker processes costs more than it saves

Progress = Callable[[int], None]


def find_files(paths: Iterable[Path | str], report: ImportReport) -> list[Path | str]:
    """Every importable file named or found (recursively) under the paths, in order, each
    once (``factdesk import corpus corpus/a.txt`` reads a.txt once); links as they are."""
    files: list[Path | str] = []
    for item in paths:
        if isinstance(item, str) and is_link(item):
            files.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            files.extend(_walk(path, report))
        elif path.suffix.lower() in SUPPORTED or not path.exists():
            files.append(path)
        else:
            report.skip(str(path), f"not a {DESCRIBED} file")
    seen: set[Path | str] = set()
    unique: list[Path | str] = []
    for file in files:
        key = file.resolve() if isinstance(file, Path) and file.exists() else file
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique


def _walk(root: Path, report: ImportReport) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()

    def onerror(exc: OSError) -> None:
        report.skip(str(exc.filename), f"cannot read folder: {exc.strerror}")

    for folder, dirs, names in os.walk(root, followlinks=True, onerror=onerror):
        try:
            st = os.stat(folder)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in seen:  # a symlink loop
            report.skip(folder, "folder already visited (a symlink loop or a second link)")
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in sorted(names):
            if Path(name).suffix.lower() in SUPPORTED:
                yield Path(folder, name)
            else:
                report.ignore(str(Path(folder, name)))


def import_paths(
    store: Store,
    paths: Iterable[Path | str],
    progress: Progress | None = None,
    options: ReadOptions | None = None,
) -> ImportReport:
    """Import files, folders and links; one bad file never stops the rest."""
    report = ImportReport()
    return import_files(store, find_files(list(paths), report), report, progress, options)


def import_files(
    store: Store,
    files: list[Path | str],
    report: ImportReport,
    progress: Progress | None = None,
    options: ReadOptions | None = None,
) -> ImportReport:
    """Import files already found by :func:`find_files`. Files are read in chunks; each
    chunk's claims are extracted on every core while the previous chunk is stored, one
    transaction per chunk (an article that cannot be stored is skipped alone)."""
    report.files = len(files)
    report.links = sum(1 for item in files if isinstance(item, str))
    seen: dict[str, str] = {}  # source -> where this import found it first
    cores = os.cpu_count() or 1
    pool: ProcessPoolExecutor | None = None  # started once a chunk holds many articles
    try:
        previous: tuple[list[tuple[ArticleInput, str]], list[Future[Claims]]] | None = None
        for first in range(0, len(files), CHUNK_FILES):
            chunk = files[first : first + CHUNK_FILES]
            fresh = _read_chunk(store, chunk, report, progress, seen, options or ReadOptions())
            texts = [(article.text, article.not_claims) for article, _ in fresh]
            if pool is None and cores > 1 and len(texts) >= PARALLEL_MIN_ARTICLES:
                pool = ProcessPoolExecutor(cores)
            if pool:
                futures = [pool.submit(_extract_all, part) for part in _split(texts, cores)]
            else:
                futures = [_done(_extract_all(texts))]
            if previous:
                _store(store, *previous, report)
            previous = (fresh, futures)
        if previous:
            _store(store, *previous, report)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return report


Headings = tuple[tuple[int, int], ...]
T = TypeVar("T")
Claims = tuple[list[tuple[list[ExtractedClaim], list[Prepared], list[list[Suggested]]]], Vocabulary]


def _extract_all(texts: list[tuple[str, Headings]]) -> Claims:
    """Every candidate of each text, with its score (run in a worker process): all are
    stored, and each reviewer's threshold chooses the queue from them. With each, its
    clustering profile and facts (the names and acronyms known are those these articles
    write: the store's index knows every article's, a worker those of its share), its
    suggested evidence, and what these articles taught of acronyms and names, for the
    store's index."""
    known = ClusterIndex()  # the names and acronyms these articles write
    for text, _ in texts:
        known.learn_acronyms(text)
    names = known.names()
    result = []
    for text, not_claims in texts:
        found = outside(extract_candidates(text), not_claims)
        prepared = []
        for claim in found:
            read = known.parse(claim.text)
            prepared.append((read[0], facts(claim.text, names, read)))
        article = read_article(text, split_sentences(text))
        result.append((found, prepared, [suggest(article, claim) for claim in found]))
    return result, known.vocabulary()


def _split(items: list[T], parts: int) -> list[list[T]]:
    size = max(1, -(-len(items) // parts))
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _done(value: Claims) -> Future[Claims]:
    future: Future[Claims] = Future()
    future.set_result(value)
    return future


def _read_chunk(
    store: Store,
    files: list[Path | str],
    report: ImportReport,
    progress: Progress | None,
    seen: dict[str, str],
    options: ReadOptions,
) -> list[tuple[ArticleInput, str]]:
    """The articles of these files that are not already stored, with their hashes. An
    article whose source this import has already met (two JSON Lines records with one
    url or id) is reported, never stored as a version of the first."""
    fresh: list[tuple[ArticleInput, str]] = []
    for path in files:
        try:
            articles = read(path, report, options)
        except Skip as exc:
            report.skip(str(path), str(exc))
            articles = []
        for article in articles:
            report.formats[article.kind] = report.formats.get(article.kind, 0) + 1
            if article.source in seen:
                report.skip(
                    article.where,
                    f"same source as {seen[article.source]} ({article.source}); not imported",
                )
                continue
            seen[article.source] = article.where
            sha = content_hash(article.text)
            if store.is_known(article.source, sha, article.raw_sha256):
                report.unchanged += 1
            else:
                fresh.append((article, sha))
        if progress:
            progress(1)
    return fresh


def _store(
    store: Store,
    fresh: list[tuple[ArticleInput, str]],
    futures: list[Future[Claims]],
    report: ImportReport,
) -> None:
    results = [future.result() for future in futures]
    for _, vocabulary in results:
        store.learn_vocabulary(vocabulary)
    claims = [found for extracted, _ in results for found in extracted]
    batch = [
        NewArticle(article, sha, found, EXTRACTOR_VERSION, profiles, suggested)
        for (article, sha), (found, profiles, suggested) in zip(fresh, claims, strict=True)
    ]
    if batch:
        _flush(store, batch, report)


def _flush(store: Store, batch: list[NewArticle], report: ImportReport) -> None:
    for item, stored in zip(batch, store.add_articles(batch), strict=True):
        if stored.error:
            report.skip(item.article.source, f"could not be stored: {stored.error}")
        else:
            # Counted as claims: the candidates at the default threshold.
            found = sum(1 for c in item.claims if c.score >= THRESHOLD) if stored.claims else 0
            report.count(stored.outcome, found)
            report.continued += stored.carried.continued
            report.changed += stored.carried.changed
            report.removed += stored.carried.removed
            if not found and stored.outcome is not ImportOutcome.UNCHANGED:
                report.no_claims.append(item.article.where or item.article.source)
    batch.clear()
