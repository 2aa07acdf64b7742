"""Readers: the articles of each input format, as the store keeps them. Plain text and
JSON Lines are stored as decoded; Markdown, web pages (saved or fetched from a link) and
spreadsheets are stored as the text a reader sees, which is what offsets index."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from factdesk.models import READABLE, ArticleInput, ImportReport
from factdesk.readers.links import fetch, is_link
from factdesk.readers.table import Columns, table_articles
from factdesk.readers.text import (
    Skip,
    check_text,
    decode,
    normalise,
    read_bytes,
    title_for,
)

# Each file suffix read, and the format it names.
FORMATS = {
    ".txt": "text", ".md": "Markdown", ".markdown": "Markdown", ".html": "HTML",
    ".htm": "HTML", ".jsonl": "JSON Lines", ".csv": "CSV", ".tsv": "TSV",
}  # fmt: skip
SUPPORTED = tuple(FORMATS)
DESCRIBED = READABLE

__all__ = ["DESCRIBED", "FORMATS", "SUPPORTED", "ReadOptions", "Skip", "is_link", "read"]


@dataclass(frozen=True)
class ReadOptions:
    """How to read what import is given: spreadsheet columns, and how long a link may take."""

    columns: Columns = field(default_factory=Columns)
    timeout: float | None = None  # None: links.TIMEOUT


def read(item: Path | str, report: ImportReport, options: ReadOptions) -> list[ArticleInput]:
    """The articles of one file or link; a bad line or row of a file goes to the report,
    a file or link that cannot be read at all raises Skip."""
    if isinstance(item, str):
        final, data, charset = (
            fetch(item) if options.timeout is None else fetch(item, options.timeout)
        )
        report.bytes_read += len(data)
        return [_page(data, final, final, charset, item, "link")]
    data = read_bytes(item)
    report.bytes_read += len(data)
    kind = FORMATS.get(item.suffix.lower(), "text")
    if kind == "HTML":
        return [_page(data, str(item.resolve()), None, None, str(item), kind)]
    text, encoding = decode(data)
    text = normalise(text)
    if kind == "JSON Lines":
        from factdesk.readers.jsonl import jsonl_articles

        return list(jsonl_articles(text, encoding, item, report))
    if kind in ("CSV", "TSV"):
        return list(table_articles(text, encoding, item, report, options.columns))
    if not text.strip():
        raise Skip("empty file")
    check_text(text)
    source, title = str(item.resolve()), None
    headings: tuple[tuple[int, int], ...] = ()
    if kind == "Markdown":
        from factdesk.readers.markdown import markdown_text

        text, headings, title = markdown_text(text)
        if not text.strip():
            raise Skip("no text (only markup)")
    return [
        ArticleInput(
            source,
            text,
            title or title_for(text, item.stem),
            encoding,
            where=str(item),
            headings=headings,
            kind=kind,
        )  # fmt: skip
    ]


def _page(
    data: bytes, source: str, url: str | None, charset: str | None, where: str, kind: str
) -> ArticleInput:
    from factdesk.readers.html import read_page

    page = read_page(data, url, charset)
    return ArticleInput(
        source=source,
        text=page.text,
        title=page.title or title_for(page.text, Path(where).stem),
        encoding=page.encoding,
        url=page.url,
        outlet=page.site,
        published=page.published,
        where=where,
        author=page.author,
        raw_sha256=hashlib.sha256(data).hexdigest(),
        headings=page.headings,
        kind=kind,
    )
