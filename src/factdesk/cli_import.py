"""The ``factdesk import`` command, and reading what import and review are given: files,
folders and links, with the options that say how (a spreadsheet's columns, a link's
timeout)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from factdesk.cli_common import db_option, open_store
from factdesk.models import FactdeskError, ImportReport
from factdesk.readers import ReadOptions, is_link
from factdesk.readers.links import TIMEOUT
from factdesk.readers.table import Columns
from factdesk.store import Store

PROGRESS_MIN_FILES = 20
F = TypeVar("F", bound=Callable[..., Any])
COLUMNS = ("text", "title", "url", "id", "date", "author")


def reader_options(func: F) -> F:
    """The options that say how to read spreadsheets and links (import and review)."""
    for name in reversed(COLUMNS):
        func = click.option(
            f"--{name}-column",
            default=None,
            metavar="NAME",
            help=f"CSV/TSV: the column with each article's {name}"
            + (" (default: text, body, content, article, articleBody or story)." if name == "text"
               else " (default: found by its usual names)."),
        )(func)  # fmt: skip
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=TIMEOUT,
        show_default=True,
        metavar="SECONDS",
        help="How long each link may take to answer.",
    )(func)


def read_options(params: dict[str, Any]) -> ReadOptions:
    """The reading options from a command's parameters (taken out of them)."""
    columns = Columns(**{name: params.pop(f"{name}_column") for name in COLUMNS})
    return ReadOptions(columns, params.pop("timeout"))


def inputs(args: tuple[str, ...]) -> tuple[Path | str, ...]:
    """What import is given: links as they are, anything else a path that must exist."""
    items: list[Path | str] = []
    for arg in args:
        if is_link(arg):
            items.append(arg)
            continue
        path = Path(arg)
        if not path.exists() and not path.is_symlink():
            hint = ""
            if "://" in arg:
                hint = " (links start with http:// or https://)"
            elif re.match(r"(www\.)?[\w-]+(\.[\w-]+)+/", arg):
                hint = f" (a link? give it as https://{arg})"
            raise FactdeskError(f"no such file or folder: {arg}{hint}")
        items.append(path)
    return tuple(items)


def run_import(
    store: Store, items: tuple[Path | str, ...], options: ReadOptions | None = None
) -> ImportReport:
    """Import files, folders and links with a progress bar on stderr when there are many,
    then print the summary on stderr."""
    from factdesk.importer import find_files, import_files

    report = ImportReport()
    files = find_files(items, report)
    if len(files) >= PROGRESS_MIN_FILES:
        with click.progressbar(length=len(files), label="Importing", file=sys.stderr) as bar:
            import_files(store, files, report, bar.update, options)
    else:
        import_files(store, files, report, None, options)
    click.echo(report.summary(), err=True)
    return report


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@db_option
@reader_options
def import_command(paths: tuple[str, ...], db: Path | None, **params: Any) -> None:
    """Import articles from files, folders (recursively) and links.

    \b
    Formats, by file name:
      .txt            plain text, stored as decoded (UTF-8, UTF-16/32, Windows-1252)
      .md             Markdown, stored as a reader sees it (no markup; headings are
                      never claims)
      .html, .htm     a saved web page: its main text (no menus, ads, comments),
                      title, author, date and site from its metadata
      http(s)://...   a link: the page is fetched and read as a saved one
      .jsonl          one article per line: {"text": ..., "title", "url", "id", ...}
      .csv, .tsv      one article per row under a header row (the text column is
                      found by name, or give --text-column)

    Re-importing unchanged files changes nothing; a changed file becomes a new
    version of its article. Files, rows and links that cannot be read are listed with
    the reason, and the rest are imported.

    \b
    Example:
      factdesk import sample_corpus more/article.txt notes.md
      factdesk import saved_pages/ https://example.com/news/story.html
      factdesk import feed.jsonl
      factdesk import scraped.csv --text-column body --title-column headline
    """
    options = read_options(params)
    items = inputs(paths)
    with open_store(db, create=True) as store:
        run_import(store, items, options)
