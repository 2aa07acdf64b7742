"""Import articles from files, folders and links into the store: each read by its format's
reader (factdesk.readers), their claims extracted on every core, stored in chunks."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from factdesk.cluster.facts import Prepared, facts
from factdesk.cluster.index import ClusterIndex, Vocabulary
from factdesk.evidence.suggest import Suggested, read_article, suggest
from factdesk.extract import (
    EXTRACTOR_VERSION,
    THRESHOLD,
    extract_candidates,
    outside,
    split_sentences,
)
from factdesk.extract.language import looks_english
from factdesk.import_report import ImportReport
from factdesk.models import READABLE, ArticleInput, ExtractedClaim, ImportOutcome, record_kin
from factdesk.readers import SUPPORTED, ReadOptions, Skip, is_link, read
from factdesk.store import NewArticle, Store, content_hash
from factdesk.workers import worker_pool

CHUNK_ARTICLES = 256  # articles read, extracted and stored together (one transaction)
# ... or fewer, when they hold this much text (about 60 news articles): what a batch's
# claims, profiles and suggestions hold in memory while it is stored grows with its text.
CHUNK_CHARS = 1 << 17
# Below this many articles and characters, starting worker processes costs more than it saves.
PARALLEL_MIN_ARTICLES = 64
PARALLEL_MIN_CHARS = 1 << 16

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
            report.skip(str(path), f"not a {READABLE} file")
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
    cores = os.cpu_count() or 1
    pool: ProcessPoolExecutor | None = None  # started once a batch holds many articles
    fresh = _fresh(store, files, report, progress, options or ReadOptions())
    try:
        previous: tuple[list[tuple[ArticleInput, str]], list[Future[Claims]]] | None = None
        for batch in _batches(fresh):
            texts = [(article.text, article.not_claims) for article, _ in batch]
            many = len(texts) >= PARALLEL_MIN_ARTICLES
            if pool is None and cores > 1 and (many or _chars(batch) >= PARALLEL_MIN_CHARS):
                pool = worker_pool(cores)
            if pool:
                futures = [pool.submit(_extract_all, part) for part in _split(texts, cores)]
            else:
                futures = [_done(_extract_all(texts))]
            for future in futures:  # (counted as each part is done, for the progress line)
                future.add_done_callback(report.count_extracted)
            if previous:
                _store(store, *previous, report)
            previous = (batch, futures)
        if previous:
            _store(store, *previous, report)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return report


def _batches(
    fresh: Iterator[tuple[ArticleInput, str]],
) -> Iterator[list[tuple[ArticleInput, str]]]:
    """The articles to store, a bounded batch at a time (so many articles, or so many
    characters of text), however many the files hold."""
    batch: list[tuple[ArticleInput, str]] = []
    size = 0
    for item in fresh:
        batch.append(item)
        size += len(item[0].text)
        if len(batch) >= CHUNK_ARTICLES or size >= CHUNK_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


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
    alike: dict[str, Prepared] = {}  # a sentence said again (a copy, a repeat) is read once
    for text, not_claims in texts:
        found = outside(extract_candidates(text), not_claims)
        prepared = []
        for claim in found:
            ready = alike.get(claim.text)
            if ready is None:
                read = known.parse(claim.text)
                ready = alike[claim.text] = (read[0], facts(claim.text, names, read))
            prepared.append(ready)
        article = read_article(text, split_sentences(text))
        result.append((found, prepared, [suggest(article, claim) for claim in found]))
    return result, known.vocabulary()


def _chars(batch: list[tuple[ArticleInput, str]]) -> int:
    return sum(len(article.text) for article, _ in batch)


def _split(items: list[T], parts: int) -> list[list[T]]:
    size = max(1, -(-len(items) // parts))
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _done(value: Claims) -> Future[Claims]:
    future: Future[Claims] = Future()
    future.set_result(value)
    return future


def _fresh(
    store: Store,
    files: list[Path | str],
    report: ImportReport,
    progress: Progress | None,
    options: ReadOptions,
) -> Iterator[tuple[ArticleInput, str]]:
    """The articles of these files and links that are not already stored, with their
    hashes, in order (asked of the store a few hundred at a time). An article whose source
    this import has already met (two JSON Lines records with one url or id) is reported,
    never stored as a version of the first."""
    seen = _Seen(store)
    waiting: list[tuple[ArticleInput, str]] = []
    for path in files:
        try:
            for article in read(path, report, options):
                report.formats[article.kind] = report.formats.get(article.kind, 0) + 1
                first = seen.first(article)
                if first:
                    report.skip(
                        article.where, f"same source as {first} ({article.source}); not imported"
                    )
                    continue
                waiting.append((article, content_hash(article.text)))
                if len(waiting) >= ASKED:
                    yield from _unknown(store, seen, waiting, report)
        except Skip as exc:
            report.skip(str(path), str(exc))
        if progress:
            progress(1)
    yield from _unknown(store, seen, waiting, report)


ASKED = 256  # articles whose being known already the store is asked about together


def _unknown(
    store: Store, seen: _Seen, waiting: list[tuple[ArticleInput, str]], report: ImportReport
) -> Iterator[tuple[ArticleInput, str]]:
    """Those of the articles waiting, in order, that the store does not hold and this
    import has not met at another source (a source the store holds is a new version,
    whatever other source has its text); the list is emptied."""
    asked = [(article.source, sha, article.raw_sha256) for article, sha in waiting]
    known = store.known_articles(asked)
    held = store.held_sources([source for source, _, _ in asked])
    fresh = []
    for (article, sha), is_known in zip(waiting, known, strict=True):
        met = seen.same_text(article, sha)  # (remembered either way)
        if is_known or (met and article.source not in held):
            report.unchanged += 1
        else:
            fresh.append((article, sha))
    waiting.clear()
    yield from fresh


class _Seen:
    """The sources and texts an import has met, where it met them: the latest ones in
    memory (two generations, so those not yet stored are always there), the rest found in
    the database as article versions stored since the import began (memory stays flat).
    While the import has forgotten none, the database is not asked."""

    KEPT = 50_000

    def __init__(self, store: Store) -> None:
        self.store = store
        self.since = store.newest_article()
        self.recent: dict[str, str] = {}
        self.older: dict[str, str] = {}
        self.texts: dict[str, str] = {}  # the text (by its hash) of each source met lately
        self.forgot = False

    def first(self, article: ArticleInput) -> str:
        """Where this import met the article's source before ('' if it did not)."""
        source = article.source
        found = self.recent.get(source) or self.older.get(source) or ""
        if not found and self.forgot and self.store.stored_since(source, self.since):
            found = "an earlier record of this import"
        if not found:
            if len(self.recent) >= self.KEPT:
                self.older, self.recent, self.forgot = self.recent, {}, True
            self.recent[source] = article.where
        return found

    def same_text(self, article: ArticleInput, sha: str) -> bool:
        """Whether this import met the article's text lately at another source (as the
        store's is_known tells of the texts stored: a record of the same file, with an id
        of its own, is its own article whatever its text)."""
        other = self.texts.get(sha)
        if other is None:
            if len(self.texts) >= self.KEPT:
                self.texts.clear()  # (the older ones are stored: is_known finds them)
            self.texts[sha] = article.source
            return False
        kin = record_kin(article.source)
        return other != article.source and (kin is None or not other.startswith(kin))


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
                best = max((c.score for c in item.claims), default=0.0)
                where = item.article.where or item.article.source
                english = looks_english(item.article.text)
                report.no_claims.append((where, english, len(item.claims), best))
    batch.clear()
