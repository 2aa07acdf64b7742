"""Readers: the articles of each input format, as the store keeps them. Plain text and
JSON Lines are stored as decoded; Markdown, web pages (saved or fetched from a link) and
spreadsheets are stored as the text a reader sees, which is what offsets index."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from factdesk.import_report import ImportReport
from factdesk.models import ArticleInput
from factdesk.readers.html import decode_page
from factdesk.readers.links import HTML_TYPES, TIMEOUT, fetch, is_link
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

__all__ = ["FORMATS", "SUPPORTED", "ReadOptions", "Skip", "is_link", "read"]


@dataclass(frozen=True)
class ReadOptions:
    """How to read what import is given: spreadsheet columns, and how long a link may take."""

    columns: Columns = field(default_factory=Columns)
    timeout: float = TIMEOUT


def read(item: Path | str, report: ImportReport, options: ReadOptions) -> Iterator[ArticleInput]:
    """The articles of one file or link, one at a time (a JSON Lines or spreadsheet file
    is read a record at a time, whatever its size); a bad line or row of a file goes to
    the report, a file or link that cannot be read at all raises Skip (as it is read)."""
    kind = FORMATS.get(item.suffix.lower(), "text") if isinstance(item, Path) else "link"
    if kind == "JSON Lines":
        from factdesk.readers.jsonl import jsonl_articles

        assert isinstance(item, Path)
        yield from jsonl_articles(item, report)
    elif kind in ("CSV", "TSV"):
        assert isinstance(item, Path)
        yield from table_articles(item, report, options.columns)
    else:
        yield from _one(item, report, options, kind)


def _one(
    item: Path | str, report: ImportReport, options: ReadOptions, kind: str
) -> list[ArticleInput]:
    """The one article of a text, Markdown or HTML file, or of a link."""
    if isinstance(item, str):
        final, data, charset, media = fetch(item, options.timeout)
        report.bytes_read += len(data)
        if media in HTML_TYPES:
            return [_page(data, final, final, charset, item, "link")]
        text, encoding = decode_page(data, charset)  # plain text or Markdown, as served
        return [_text_article(normalise(text), encoding, item, final, "link", media)]
    data = read_bytes(item)
    report.bytes_read += len(data)
    if kind == "HTML":
        return [_page(data, str(item.resolve()), None, None, str(item), kind)]
    text, encoding = decode(data)
    text = normalise(text)
    media = "text/markdown" if kind == "Markdown" else "text/plain"
    return [_text_article(text, encoding, str(item), str(item.resolve()), kind, media)]


def _text_article(
    text: str, encoding: str, where: str, source: str, kind: str, media: str
) -> ArticleInput:
    """A plain text or Markdown article (a file's, or a link's served as such)."""
    if not text.strip():
        raise Skip("empty file" if kind != "link" else "empty page")
    check_text(text)
    stem = Path(where).stem
    if media != "text/markdown":
        return ArticleInput(source, text, title_for(text, stem), encoding, where=where,
                            kind=kind)  # fmt: skip
    from factdesk.readers.markdown import markdown_text

    doc = markdown_text(text)
    if not doc.text.strip():
        raise Skip("no text (only markup)")
    return ArticleInput(
        source, doc.text, doc.title or title_for(doc.text, stem), encoding,
        where=where, published=doc.date, author=doc.author, not_claims=doc.not_claims,
        kind=kind,
    )  # fmt: skip


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
        not_claims=page.not_claims,
        kind=kind,
    )
