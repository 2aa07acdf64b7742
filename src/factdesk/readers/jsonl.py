"""JSON Lines: one article per line, ``{"text": ..., "title", "url", "outlet",
"published", "id"}``; a bad line is reported by its number and the rest are read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from factdesk.import_report import ImportReport
from factdesk.models import ArticleInput
from factdesk.readers.text import Skip, check_text, headline, lines, normalise, record_source

_JSONL_FIELDS = ("title", "url", "outlet", "published")


def jsonl_articles(path: Path, report: ImportReport) -> Iterator[ArticleInput]:
    """Each good line of a JSON Lines file, read a line at a time (a file of any size;
    one article at most 16 MiB). An article's source is its ``url``, else its ``id``
    within the file, else its text's hash: never its line number, which shifts when a
    line is added above it."""
    resolved = path.resolve()
    for line in lines(path):
        number, encoding = line.number, line.encoding
        where = f"{path}:{number}"
        if line.problem:
            report.skip(where, line.problem)
            continue
        if not line.text.strip():
            continue
        try:
            obj = json.loads(line.text)
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
        if isinstance(key, str):
            try:
                check_text(key)
            except Skip as exc:
                report.skip(where, f"its id {exc}")
                continue
        yield ArticleInput(
            source=record_source(resolved, fields["url"], key, body),
            text=body,
            title=fields["title"] or headline(body),
            encoding=encoding,
            url=fields["url"],
            outlet=fields["outlet"],
            published=fields["published"],
            where=where,
            kind="JSON Lines",
        )
