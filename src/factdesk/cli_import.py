"""The ``factdesk import`` command, and reading what import and review are given: files,
folders and links, with the options that say how (a spreadsheet's columns, a link's
timeout)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from factdesk.cli_common import db_option, open_store
from factdesk.cli_progress import Progress
from factdesk.import_report import ImportReport
from factdesk.models import FactdeskError
from factdesk.readers import ReadOptions, is_link
from factdesk.readers.links import TIMEOUT
from factdesk.readers.table import Columns
from factdesk.store import Store

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
        help="How long each link may take in all (to answer and send its page).",
    )(func)


def read_options(params: dict[str, Any]) -> ReadOptions:
    """The reading options from a command's parameters (taken out of them)."""
    columns = Columns(**{name: params.pop(f"{name}_column") for name in COLUMNS})
    return ReadOptions(columns, params.pop("timeout"))


Missing = tuple[tuple[str, str], ...]  # (argument, why it was skipped)


def inputs(args: tuple[str, ...]) -> tuple[tuple[Path | str, ...], Missing]:
    """What import is given: links as they are, paths that exist, and the arguments that
    name nothing with why (one more skipped item each). Raises FactdeskError when every
    argument names nothing: then there is nothing to do, and no database is made."""
    items: list[Path | str] = []
    missing: list[tuple[str, str]] = []
    for arg in args:
        if is_link(arg):
            items.append(arg)
            continue
        path = Path(arg)
        if not path.exists() and not path.is_symlink():
            missing.append((arg, f"no such file or folder{_hint(arg)}"))
            continue
        items.append(path)
    if missing and not items:
        said = "; ".join(f"{arg}{_hint(arg)}" for arg, _ in missing)
        first = "nothing to import: " if len(missing) > 1 else ""
        raise FactdeskError(f"{first}no such file or folder: {said}")
    return tuple(items), tuple(missing)


def _hint(arg: str) -> str:
    """What a missing path may have meant, when it looks like a link."""
    if "://" in arg:
        return " (links start with http:// or https://)"
    if re.match(r"(www\.)?[\w-]+(\.[\w-]+)+/", arg):
        return f" (a link? give it as https://{arg})"
    return ""


def run_import(
    store: Store,
    items: tuple[Path | str, ...],
    options: ReadOptions | None = None,
    missing: Missing = (),
) -> ImportReport:
    """Import files, folders and links with a progress bar on stderr when there are many,
    then print the summary on stderr (the missing paths in it, skipped)."""
    from factdesk.importer import find_files, import_files

    report = ImportReport()
    for arg, reason in missing:
        report.skip(arg, reason)
    files = find_files(items, report)
    with Progress("Importing", len(files), "files", lambda bar: _doing(files, bar, report)) as bar:
        import_files(store, files, report, bar.advance, options)
    click.echo(report.summary(), err=True)
    return report


def _doing(files: list[Path | str], bar: Progress, report: ImportReport) -> str:
    """What an import is doing, for its progress line: the file it reads (a big one with
    its size) and the articles through each stage so far."""
    parts = []
    if bar.done < len(files):
        item = files[bar.done]
        parts.append(item if isinstance(item, str) else item.name)
        try:
            size = item.stat().st_size if isinstance(item, Path) else 0
        except OSError:
            size = 0
        if size >= 1 << 20:
            parts[-1] += f" ({size / 1e6:.0f} MB)"
    read = sum(report.formats.values())
    if read:  # each stage: read, then extracted (on every core), then clustered and stored
        said = f"articles: {read:,} read, {report.extracted:,} extracted"
        said += f", {report.new + report.versions:,} clustered and stored"
        if report.unchanged:
            said += f", {report.unchanged:,} unchanged"
        parts.append(said)
    return " · ".join(parts)


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
    items, missing = inputs(paths)
    with open_store(db, create=True) as store:
        run_import(store, items, options, missing)
