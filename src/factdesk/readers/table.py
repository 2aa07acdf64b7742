"""Spreadsheets (.csv, .tsv): one article per row under a header row. The text column is
found among common names (or given); title, URL, id and date columns likewise. Quoted
fields may hold line breaks; a bad row is reported by its line and the rest are read."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factdesk.models import ArticleInput, ImportReport
from factdesk.readers.text import MAX_BYTES, Skip, check_text, normalise, title_for
from factdesk.store import content_hash

csv.field_size_limit(MAX_BYTES)  # one article's text may be long; the file is bounded
# The names each column goes by in scrapers' exports, compared without case.
NAMES = {
    "text": ("text", "body", "content", "article", "articlebody", "story"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "id": ("id",),
    "date": ("date", "published", "datepublished", "pubdate"),
    "author": ("author", "byline"),
}
# What separates a .csv file's cells: the first of these its header row holds most of
# (spreadsheet programs in many countries save with ";").
DELIMITERS = (",", ";", "|")


@dataclass(frozen=True)
class Columns:
    """The columns given by name (``--text-column`` and the rest); None: found by name."""

    text: str | None = None
    title: str | None = None
    url: str | None = None
    id: str | None = None
    date: str | None = None
    author: str | None = None


def table_articles(
    text: str, encoding: str, path: Path, report: ImportReport, columns: Columns
) -> Iterator[ArticleInput]:
    """Each good row of a CSV (or, for a .tsv file, tab-separated) file."""
    kind = "TSV" if path.suffix.lower() == ".tsv" else "CSV"
    first = text.split("\n", 1)[0]
    delimiter = "\t" if kind == "TSV" else max(DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise Skip("no header row") from None
    where = _columns(header, columns)
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


def _columns(header: list[str], given: Columns) -> dict[str, int | None]:
    """Where each field is: the column given, else the first with one of its names."""
    folded = [name.strip().casefold() for name in header]
    where: dict[str, int | None] = {}
    for field, names in NAMES.items():
        chosen = getattr(given, field)
        if chosen is not None:
            if chosen.strip().casefold() not in folded:
                raise Skip(f"no column {chosen!r} (the columns: {', '.join(header)})")
            where[field] = folded.index(chosen.strip().casefold())
        else:
            where[field] = next((folded.index(n) for n in names if n in folded), None)
    if where["text"] is None:
        raise Skip(
            f"no text column (named {', '.join(NAMES['text'])}; or give --text-column;"
            f" the columns: {', '.join(header)})"
        )
    return where


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
    if len(body) > MAX_BYTES:
        raise Skip(f"text too large (over {MAX_BYTES // 2**20} MiB)")
    for value in (body, *cell.values()):
        if value:
            check_text(value)
    if cell["url"]:
        source = cell["url"]
    elif cell["id"]:
        source = f"{resolved}#id={cell['id']}"
    else:
        source = f"{resolved}#sha256={content_hash(body)[:16]}"
    return ArticleInput(
        source=source,
        text=body,
        title=cell["title"] or title_for(body, f"{path.name}, line {line}"),
        encoding=encoding,
        url=cell["url"],
        published=cell["date"],
        author=cell["author"],
        where=f"{path}:{line}",
        kind=kind,
    )
