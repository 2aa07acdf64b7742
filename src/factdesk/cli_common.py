"""What every factdesk command shares: errors as one line, the --db and --reviewer options
(also before the command), which database to open, and output to terminals and pipes."""

from __future__ import annotations

import math
import os
import shlex
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from factdesk.export import Interrupted
from factdesk.inert import inert
from factdesk.models import FactdeskError
from factdesk.paths import db_path, default_db_path
from factdesk.store import MissingDatabase, Store
from factdesk.store_claims import check_min_score

F = TypeVar("F", bound=Callable[..., Any])


class FactdeskGroup(click.Group):
    """Turns the errors a user can act on into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # `factdesk export | head`: the reader left; that is normal
            reader_left()
            ctx.exit(0)
        except Interrupted as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(128 + exc.signum)
        except MissingDatabase as exc:
            raise click.ClickException(
                f"{exc}; start one with: {start_command(exc.path)}"
            ) from None
        except FactdeskError as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.Error as exc:
            raise click.ClickException(f"database error: {exc}") from None
        except OSError as exc:
            raise click.ClickException(str(exc)) from None


def reader_left() -> None:
    """The other end of a pipe was closed: send what is still buffered, and anything
    said later, nowhere, so that nothing fails or complains at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):  # not a real file (as under a test runner)
            pass
    os.close(devnull)


def start_command(path: Path) -> str:
    """How to start a database at this path."""
    where = "" if path == default_db_path() else f"--db {shlex.quote(str(path))} "
    return f"factdesk import {where}FOLDER"


def db_option(func: F) -> F:
    """The ``--db`` option every command takes (and ``factdesk`` itself, before one)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(path_type=Path),
        default=None,
        help="Database file (default: $FACTDESK_DB, else the user data folder; "
        "see `factdesk path`).",
    )(func)


def table_option(func: F) -> F:
    """The ``--format table|jsonl`` option of the commands that list things."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "jsonl"]),
        default="table",
        show_default=True,
        help="A table for people, or one JSON object per line for other tools.",
    )(func)


def reviewer_option(func: F) -> F:
    """The ``--reviewer`` option that says who is reviewing."""
    return click.option(
        "--reviewer",
        default=None,
        help="Your name on verdicts (default: $FACTDESK_REVIEWER, else your login name).",
    )(func)


def min_score_option(default: float | None, description: str) -> Callable[[F], F]:
    """The ``--min-score`` option (review, claims, export): a threshold from 0 to 1,
    refused in one line otherwise."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
        if value is None:
            return default
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not 0 <= number <= 1:  # also NaN
            raise FactdeskError(f"--min-score must be a number from 0 to 1, not {value!r}")
        return check_min_score(number)

    return click.option(
        "--min-score",
        "min_score",
        default=None,
        metavar="FLOAT",
        callback=parse,
        help=description,
    )


def given(name: str) -> bool:
    """Whether the user gave this option of the running command (not its default)."""
    source = click.get_current_context().get_parameter_source(name)
    return source not in (None, click.core.ParameterSource.DEFAULT)


def before_command(name: str) -> Any:
    """An option given to ``factdesk`` itself, before the command (``factdesk --db X
    status``); the command's own option, when given too, wins."""
    ctx = click.get_current_context(silent=True)
    return ctx.find_root().params.get(name) if ctx is not None else None


def chosen_db(db: Path | None) -> Path:
    """The database file: the command's ``--db``, else the one before the command, else
    ``$FACTDESK_DB``, else the default."""
    return db_path(db if db is not None else before_command("db"))


def open_store(db: Path | None, create: bool = False) -> Store:
    """Open the database the options and environment point at. Only commands that add
    work create a missing file; the others say how to start one."""
    return Store(chosen_db(db), create=create)


def has_terminal() -> bool:
    """Whether the desk can run here: stdin and stdout are a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


class TerminalText:
    """A text stream for a terminal: control and escape characters become visible
    stand-ins, as in the desk (CSV's CRLF line ends become plain line ends)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(inert(text.replace("\r\n", "\n")))
