"""Read .txt, .md and .jsonl articles from files and folders into the store."""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from factdesk.cluster.facts import facts
from factdesk.cluster.index import ClusterIndex, Vocabulary
from factdesk.evidence.suggest import Suggested, read_article, suggest
from factdesk.extract import EXTRACTOR_VERSION, THRESHOLD, extract_candidates, split_sentences
from factdesk.models import ArticleInput, ExtractedClaim, ImportOutcome, ImportReport
from factdesk.store import NewArticle, Store, content_hash
from factdesk.store_clusters import Prepared

SUPPORTED = (".txt", ".md", ".jsonl")
MAX_BYTES = 16 * 1024 * 1024  # a news article is far smaller; this keeps memory bounded
CHUNK_FILES = 256  # files read, extracted and stored together (one transaction)
PARALLEL_MIN_FILES = 64  # below this, starting worker processes costs more than it saves
# A well-formed multi-byte UTF-8 sequence (a sign that a file meant to be UTF-8).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSONL_FIELDS = ("title", "url", "outlet", "published")

Progress = Callable[[int], None]


class Skip(Exception):
    """A file or line that cannot be imported; the message says why in one line."""


def normalise(text: str) -> str:
    """Line endings become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> tuple[str, str]:
    """Decode file bytes, returning the text and the encoding used.

    UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as such. Bytes that
    are not UTF-8 but are valid Windows-1252 (the usual "UTF-8" file saved by an old
    editor) are decoded as Windows-1252 and the encoding is recorded; a file mixing
    both is refused, since either reading would garble part of it."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: same start
        return _strict(data, "utf-32"), "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    if b"\x00" in data:
        raise Skip("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise Skip(f"invalid UTF-8 at byte {exc.start}, mixed with valid UTF-8") from None
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise Skip(f"not UTF-8 or Windows-1252 text (byte {exc.start})") from None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Skip(f"invalid {encoding.upper()} at byte {exc.start}") from None


def check_text(text: str) -> None:
    """Refuse text that SQLite cannot hold faithfully: its text functions stop at a NUL
    (so quotes could not be checked), and lone surrogates cannot be stored as UTF-8."""
    if "\x00" in text:
        raise Skip("contains NUL characters (binary data?)")
    if _SURROGATE.search(text):
        raise Skip("contains unpaired surrogate characters")


def title_for(text: str, fallback: str) -> str:
    """The first line when it reads as a headline, else the fallback."""
    for line in text.split("\n", 20)[:20]:
        line = line.strip()
        if not line:
            continue
        if len(line) <= 150 and not line.endswith((".", ",", ";", ":")):
            return line
        break
    return fallback


def find_files(paths: Iterable[Path], report: ImportReport) -> list[Path]:
    """Every importable file named or found (recursively) under the paths, in order, each
    once (``factdesk import corpus corpus/a.txt`` reads a.txt once)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(_walk(path, report))
        elif path.suffix.lower() in SUPPORTED or not path.exists():
            files.append(path)
        else:
            report.skip(str(path), "not a .txt, .md or .jsonl file")
    seen: set[Path] = set()
    unique = []
    for file in files:
        key = file.resolve() if file.exists() else file
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


def read_articles(path: Path, report: ImportReport) -> list[ArticleInput]:
    """The articles in one file; problems with single JSONL lines go to the report."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise Skip("broken link" if path.is_symlink() else "no such file") from None
    except OSError as exc:
        raise Skip(f"cannot read: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise Skip("not a regular file")
    if info.st_size > MAX_BYTES:
        raise Skip(
            f"too large ({info.st_size / 1e6:.0f} MB; the limit is {MAX_BYTES // 2**20} MiB)"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise Skip(f"cannot read: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise Skip(f"too large (over {MAX_BYTES // 2**20} MiB)")
    report.bytes_read += len(data)
    text, encoding = decode(data)
    text = normalise(text)
    if path.suffix.lower() == ".jsonl":
        return list(_jsonl_articles(text, encoding, path, report))
    if not text.strip():
        raise Skip("empty file")
    check_text(text)
    source = str(path.resolve())
    return [ArticleInput(source, text, title_for(text, path.stem), encoding, where=str(path))]


def _jsonl_articles(
    text: str, encoding: str, path: Path, report: ImportReport
) -> Iterator[ArticleInput]:
    """Each good line of a JSON Lines file. An article's source is its ``url``, else its
    ``id`` within the file, else its text's hash: never its line number, which shifts
    when a line is added above it."""
    resolved = path.resolve()
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise Skip("not a JSON object")
            body = obj.get("text")
            if not isinstance(body, str) or not body.strip():
                raise Skip('no "text" field with article text')
            fields = {k: obj[k] if isinstance(obj.get(k), str) else None for k in _JSONL_FIELDS}
            body = normalise(body)
            for value in (body, *fields.values()):
                if value:
                    check_text(value)
        except json.JSONDecodeError as exc:
            report.skip(where, f"not valid JSON ({exc.msg})")
            continue
        except Skip as exc:
            report.skip(where, str(exc))
            continue
        key = obj.get("id")
        if fields["url"]:
            source = fields["url"]
        elif isinstance(key, str | int) and not isinstance(key, bool):
            source = f"{resolved}#id={key}"
        else:
            source = f"{resolved}#sha256={content_hash(body)[:16]}"
        yield ArticleInput(
            source=source,
            text=body,
            title=fields["title"] or title_for(body, f"{path.stem} line {number}"),
            encoding=encoding,
            url=fields["url"],
            outlet=fields["outlet"],
            published=fields["published"],
            where=where,
        )


def import_paths(
    store: Store, paths: Iterable[Path], progress: Progress | None = None
) -> ImportReport:
    """Import files and folders; one bad file never stops the rest."""
    report = ImportReport()
    return import_files(store, find_files(list(paths), report), report, progress)


def import_files(
    store: Store, files: list[Path], report: ImportReport, progress: Progress | None = None
) -> ImportReport:
    """Import files already found by :func:`find_files`. Files are read in chunks; each
    chunk's claims are extracted on every core while the previous chunk is stored, one
    transaction per chunk (an article that cannot be stored is skipped alone)."""
    report.files = len(files)
    seen: dict[str, str] = {}  # source -> where this import found it first
    cores = os.cpu_count() or 1
    pool = ProcessPoolExecutor(cores) if cores > 1 and len(files) >= PARALLEL_MIN_FILES else None
    try:
        previous: tuple[list[tuple[ArticleInput, str]], list[Future[Claims]]] | None = None
        for first in range(0, len(files), CHUNK_FILES):
            chunk = files[first : first + CHUNK_FILES]
            fresh = _read_chunk(store, chunk, report, progress, seen)
            texts = [article.text for article, _ in fresh]
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


Claims = tuple[list[tuple[list[ExtractedClaim], list[Prepared], list[list[Suggested]]]], Vocabulary]


def _extract_all(texts: list[str]) -> Claims:
    """Every candidate of each text, with its score (run in a worker process): all are
    stored, and each reviewer's threshold chooses the queue from them. With each, its
    clustering profile and facts (the names and acronyms known are those these articles
    write: the store's index knows every article's, a worker those of its share), its
    suggested evidence, and what these articles taught of acronyms and names, for the
    store's index."""
    known = ClusterIndex()  # the names and acronyms these articles write
    for text in texts:
        known.learn_acronyms(text)
    names = known.names()
    result = []
    for text in texts:
        found = extract_candidates(text)
        prepared = []
        for claim in found:
            read = known.parse(claim.text)
            prepared.append((read[0], facts(claim.text, names, read)))
        article = read_article(text, split_sentences(text))
        result.append((found, prepared, [suggest(article, claim) for claim in found]))
    return result, known.vocabulary()


def _split(items: list[str], parts: int) -> list[list[str]]:
    size = max(1, -(-len(items) // parts))
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _done(value: Claims) -> Future[Claims]:
    future: Future[Claims] = Future()
    future.set_result(value)
    return future


def _read_chunk(
    store: Store,
    files: list[Path],
    report: ImportReport,
    progress: Progress | None,
    seen: dict[str, str],
) -> list[tuple[ArticleInput, str]]:
    """The articles of these files that are not already stored, with their hashes. An
    article whose source this import has already met (two JSON Lines records with one
    url or id) is reported, never stored as a version of the first."""
    fresh: list[tuple[ArticleInput, str]] = []
    for path in files:
        try:
            articles = read_articles(path, report)
        except Skip as exc:
            report.skip(str(path), str(exc))
            articles = []
        for article in articles:
            if article.source in seen:
                report.skip(
                    article.where,
                    f"same source as {seen[article.source]} ({article.source}); not imported",
                )
                continue
            seen[article.source] = article.where
            sha = content_hash(article.text)
            if store.is_known(article.source, sha):
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
