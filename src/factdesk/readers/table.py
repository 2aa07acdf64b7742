"""Spreadsheets (.csv, .tsv): one article per row under a header row. The text column is
found among common names (or given); title, URL, id and date columns likewise. Quoted
fields may hold line breaks; a bad row is reported by its line and the rest are read."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factdesk.import_report import ImportReport
from factdesk.models import ArticleInput
from factdesk.readers import text as plain
from factdesk.readers.text import (
    MAX_BYTES,
    Skip,
    check_text,
    decode,
    headline,
    normalise,
    record_source,
    regular_size,
)

csv.field_size_limit(MAX_BYTES)  # one article's text may be long; the file is bounded
# The names each column goes by in scrapers' exports and data sets, compared without
# case, spaces, underscores or hyphens (see _folded): "Body ID" is "bodyid".
NAMES = {
    "text": ("text", "body", "content", "article", "articlebody", "story", "bodytext",
             "articletext", "fulltext", "storytext"),
    "title": ("title", "headline", "articletitle", "heading"),
    "url": ("url", "link", "articleurl", "permalink"),
    "id": ("id", "bodyid", "articleid", "docid", "documentid", "storyid", "itemid", "postid",
           "newsid", "recordid", "guid", "uuid"),
    "date": ("date", "published", "datepublished", "pubdate", "publishedat", "publishdate"),
    "author": ("author", "byline", "authors"),
}  # fmt: skip
# What separates a .csv file's cells: the first of these its header row holds most of
# (spreadsheet programs in many countries save with ";").
DELIMITERS = (",", ";", "|")
SAMPLE = 1 << 20  # the bytes read to tell how a spreadsheet is encoded
_SURROGATE = re.compile("[\udc80-\udcff]")  # a byte surrogateescape kept
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16's
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)  # fmt: skip


@dataclass(frozen=True)
class Columns:
    """The columns given by name (``--text-column`` and the rest); None: found by name."""

    text: str | None = None
    title: str | None = None
    url: str | None = None
    id: str | None = None
    date: str | None = None
    author: str | None = None


def table_articles(path: Path, report: ImportReport, columns: Columns) -> Iterator[ArticleInput]:
    """Each good row of a CSV (or, for a .tsv file, tab-separated) file, read a row at a
    time (a file of any size; one article at most 16 MiB)."""
    kind = "TSV" if path.suffix.lower() == ".tsv" else "CSV"
    regular_size(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise Skip(f"cannot read: {exc.strerror}") from None
    with handle:
        encoding = _encoding(handle.read(SAMPLE))
        handle.seek(0)
        # A byte that is not of that encoding further on is kept as a lone surrogate, so
        # that its row alone is skipped (check_text refuses it) and the rest read.
        stream = io.TextIOWrapper(handle, encoding=encoding, newline="", errors="surrogateescape")
        yield from _rows(stream, encoding, kind, path, report, columns)


def _encoding(sample: bytes) -> str:
    """How a spreadsheet is encoded, from its start: a BOM's, else UTF-8 when the start
    reads as UTF-8, else Windows-1252 (see decode)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for bom, name in BOMS:
        if sample.startswith(bom):
            return name
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return decode(sample)[1]  # Windows-1252, or Skip for a mix of both


def _rows(
    stream: io.TextIOWrapper,
    encoding: str,
    kind: str,
    path: Path,
    report: ImportReport,
    columns: Columns,
) -> Iterator[ArticleInput]:
    first = stream.readline()
    delimiter = "\t" if kind == "TSV" else max(DELIMITERS, key=first.count)
    # strict: a stray quote is a reported error, never rows silently run together
    reader = csv.reader(itertools.chain([first], stream), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise Skip("no header row") from None
    where = _columns(header, columns)
    report.note(path.name, _read_from(header, where))
    resolved = path.resolve()
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            report.skip(f"{path}:{line}", f"not a well-formed {kind} row ({exc})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        try:
            yield _article(row, header, where, path, resolved, line, encoding, kind)
        except Skip as exc:
            report.skip(f"{path}:{line}", str(exc))


def _folded(name: str) -> str:
    """A column's name as compared: no case, spaces, underscores or hyphens."""
    return re.sub(r"[\s_\-]+", "", name).casefold()


def _columns(header: list[str], given: Columns) -> dict[str, int | None]:
    """Where each field is: the column given (by its exact name, else as folded), else
    the first with one of its usual names."""
    exact = [name.strip().casefold() for name in header]
    folded = [_folded(name) for name in header]
    where: dict[str, int | None] = {}
    for field, names in NAMES.items():
        chosen = getattr(given, field)
        if chosen is not None:
            if chosen.strip().casefold() in exact:
                where[field] = exact.index(chosen.strip().casefold())
            elif _folded(chosen) in folded:
                where[field] = folded.index(_folded(chosen))
            else:
                raise Skip(f"no column {chosen!r} (the columns: {', '.join(header)})")
        else:
            where[field] = next((folded.index(n) for n in names if n in folded), None)
    if where["text"] is None:
        raise Skip(
            f"no text column (named {', '.join(NAMES['text'])}; or give --text-column;"
            f" the columns: {', '.join(header)})"
        )
    return where


def _read_from(header: list[str], where: dict[str, int | None]) -> str:
    """Which columns a spreadsheet's articles are read from, for the summary."""
    parts = [f"{field} from {header[i].strip()!r}" for field, i in where.items() if i is not None]
    if where["title"] is None:
        parts.append("no title column (titles from each text's first line)")
    if where["id"] is None and where["url"] is None:
        parts.append("no id or url column (a row is known by its text)")
    return ", ".join(parts)


def _article(
    row: list[str],
    header: list[str],
    where: dict[str, int | None],
    path: Path,
    resolved: Path,
    line: int,
    encoding: str,
    kind: str,
) -> ArticleInput:
    if len(row) != len(header):
        raise Skip(f"has {len(row)} fields where the header has {len(header)}")
    cell = {
        field: (row[i].strip() or None) if i is not None else None for field, i in where.items()
    }
    body = normalise(row[where["text"] or 0])
    if not body.strip():
        raise Skip(f"no text in column {header[where['text'] or 0]!r}")
    if len(body) > plain.MAX_BYTES:
        raise Skip(f"text too large (over {plain.limit_said(plain.MAX_BYTES)})")
    for value in (body, *cell.values()):
        if value and _SURROGATE.search(value):
            raise Skip(f"holds bytes that are not {encoding} text")
        if value:
            check_text(value)
    return ArticleInput(
        source=record_source(resolved, cell["url"], cell["id"], body),
        text=body,
        title=cell["title"] or headline(body),
        encoding=encoding,
        url=cell["url"],
        published=cell["date"],
        author=cell["author"],
        where=f"{path}:{line}",
        kind=kind,
    )
