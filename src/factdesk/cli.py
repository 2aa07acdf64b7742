"""The ``factdesk`` command line."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from factdesk import __version__
from factdesk.cli_clusters import clusters_command, conflicts_command
from factdesk.cli_common import (
    FactdeskGroup,
    before_command,
    chosen_db,
    db_option,
    has_terminal,
    min_score_option,
    open_store,
    reader_left,
    reviewer_option,
    table_option,
)
from factdesk.cli_export import export_command
from factdesk.cli_history import history_command
from factdesk.cli_import import import_command, inputs, read_options, reader_options, run_import
from factdesk.cli_reextract import reextract_command
from factdesk.cli_status import status_command
from factdesk.cli_team import agreement_command, judge_command, merge_command
from factdesk.evidence.views import Suggestion
from factdesk.export import (
    json_line,
)
from factdesk.inert import inert, one_line
from factdesk.models import THRESHOLD, Claim, ClaimStatus, FactdeskError
from factdesk.paths import default_db_path, reviewer_name
from factdesk.store import MissingDatabase, Store


@click.group(
    cls=FactdeskGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="factdesk")
@db_option
@reviewer_option
@click.pass_context
def cli(ctx: click.Context, db: Path | None, reviewer: str | None) -> None:
    """factdesk: a fact-check desk in the terminal.

    Import news articles, extract their check-worthy claims, review them one by one
    and keep everything in one local SQLite file. Without a command, opens the review.
    --db and --reviewer may also come before the command; --reviewer there says who
    you are for the review, as $FACTDESK_REVIEWER does (it does not filter an export).

    \b
    Example:
      factdesk review sample_corpus
      factdesk --db desk.db --reviewer ann
      factdesk claims
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(review_command)


@cli.command("review")
@click.argument("paths", nargs=-1)
@db_option
@reviewer_option
@reader_options
@min_score_option(
    None,
    "Show the claims scoring this or more, for this run (default: the threshold you chose"
    f" in the desk, else {THRESHOLD}).",
)
@click.option(
    "--adjudicate",
    is_flag=True,
    help="Open the desk on the claims reviewers disagree on: e/u/d give the final verdict,"
    " in your name (export --final writes them).",
)
def review_command(
    paths: tuple[str, ...],
    db: Path | None,
    reviewer: str | None,
    min_score: float | None,
    adjudicate: bool,
    **params: Any,
) -> None:
    """Open the review desk, importing PATHs first if any are given.

    Each reviewer has their own verdicts and resumes where they left off. Press ? in
    the desk for the keys. Without PATHs the database must exist, except the default
    one, which a first run creates (the desk then says how to import). The queue holds
    the claims scoring at least your threshold (the palette's "Show more claims" and
    "Show fewer claims" change and remember it), the claims added by hand, and any you
    have worked on, less those you dismissed.

    With --adjudicate, the desk holds the claims two or more reviewers gave different
    verdicts (after factdesk merge, say), each reviewer's verdict, evidence and note side
    by side; e, u or d gives the final verdict in your name.

    \b
    Example:
      factdesk review sample_corpus
      factdesk review --reviewer ann --min-score 0.3
      factdesk review --adjudicate --reviewer lead
    """
    options = read_options(params)
    items, missing = inputs(paths)
    path = chosen_db(db)
    create = bool(paths) or path == default_db_path()
    if not create and not path.exists():
        raise MissingDatabase(path)
    if adjudicate and not paths and path.exists():
        with Store(path, create=False) as store:
            if not store.adjudication_ids():
                click.echo(
                    "Nothing to adjudicate: no claim has different verdicts from two"
                    " reviewers (bring their files together with factdesk merge; factdesk"
                    " agreement compares them).",
                    err=True,
                )
                return
    if not has_terminal():
        raise FactdeskError("the review desk needs a terminal (stdin and stdout are not one)")
    name = reviewer_name(reviewer if reviewer is not None else before_command("reviewer"))
    with Store(path, create=create) as store:
        notice = run_import(store, items, options, missing).summary() if paths else ""
        from factdesk.ui.app import FactdeskApp

        FactdeskApp(store, name, notice=notice, min_score=min_score, adjudicate=adjudicate).run()


@cli.command("claims")
@table_option
@min_score_option(
    THRESHOLD, f"List the candidates scoring this or more (default {THRESHOLD}; 0 lists all)."
)
@click.option(
    "--suggest",
    is_flag=True,
    help="Add each claim's suggested evidence (up to three spans, best first).",
)
@db_option
@reviewer_option
def claims_command(
    fmt: str, min_score: float, suggest: bool, db: Path | None, reviewer: str | None
) -> None:
    """List the claims in queue order: the candidates scoring --min-score or more, and
    the claims reviewers added by hand.

    JSON fields: claim_id, article_id, article_source, start, end, text, speaker,
    verb, score, status, cluster_id, cluster_size. Offsets are code-point indices into
    the stored article text. status is `added` (by a reviewer), `dismissed` (by you:
    --reviewer, else $FACTDESK_REVIEWER, else your login name) or `extracted`.
    cluster_id is the same for the claims, in any article, that assert the same thing
    (null for a claim alone; see `factdesk clusters`); cluster_size counts them.
    With --suggest: suggestions, a list of {article_id, start, end, quote, cue, verdict}
    (cue: no-evidence, denial, doubt, confirmation or source; verdict: the one it points
    to), from the claim's article or another article of its cluster.

    \b
    Example:
      factdesk claims --format jsonl > claims.jsonl
      factdesk claims --min-score 0 --format jsonl   # every candidate, to rank them
      factdesk claims --format jsonl --suggest       # with suggested evidence
    """
    name = reviewer_name(reviewer if reviewer is not None else before_command("reviewer"))
    with open_store(db) as store:
        claims = store.claims(min_score=min_score)
        if fmt == "jsonl":
            shown = inert if sys.stdout.isatty() else str
            dismissed = store.dismissed_ids(name)
            clusters = store.cluster_map()
            count = 0
            for claim in claims:
                status = ClaimStatus.of(claim.added, claim.id in dismissed)
                cluster_id, size = clusters.get(claim.id, (None, 1))
                row = claim_json(claim, status) | {"cluster_id": cluster_id, "cluster_size": size}
                if suggest:
                    row["suggestions"] = [suggestion_json(x) for x in store.suggestions(claim.id)]
                click.echo(shown(json_line(row)))
                count += 1
        else:
            count = _print_table(claims, store.suggestions if suggest else None)
    if count == 0:
        click.echo("No claims yet. Import articles first: factdesk import sample_corpus", err=True)


def claim_json(claim: Claim, status: ClaimStatus) -> dict[str, Any]:
    """A claim as the JSON object ``factdesk claims --format jsonl`` prints."""
    return {
        "claim_id": claim.id,
        "article_id": claim.article_id,
        "article_source": claim.article_source,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "speaker": claim.speaker,
        "verb": claim.verb,
        "score": claim.score,
        "status": status.value,
    }


def suggestion_json(found: Suggestion) -> dict[str, Any]:
    """A suggestion as ``claims --suggest`` prints it."""
    return {
        "article_id": found.article_id,
        "start": found.start,
        "end": found.end,
        "quote": found.quote,
        "cue": found.cue,
        "verdict": found.verdict,
    }


def _print_table(
    claims: Iterable[Claim], suggestions: Callable[[int], list[Suggestion]] | None = None
) -> int:
    """Claims grouped under their article (with their suggested evidence, if asked); long
    text is cut to the terminal's width."""
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((120, 24)).columns
    count = 0
    article = None
    for claim in claims:
        if claim.article_id != article:
            article = claim.article_id
            name = Path(claim.article_source).name
            click.echo(f"{'' if count == 0 else chr(10)}article {article}: {name}")
            click.echo(f"{'id':>6}  score  {'speaker, verb':<30}  claim")
        who = ", ".join(x for x in (claim.speaker, claim.verb) if x)
        if len(who) > 30:
            who = who[:29] + "…"
        line = f"{claim.id:>6}  {claim.score:.2f}   {who:<30}  {one_line(claim.text)}"
        lines = [line]
        for found in suggestions(claim.id) if suggestions else ():
            where = "" if found.article_id == claim.article_id else f" (article {found.article_id})"
            lines.append(f"{'':>14}↳ {found.cue}{where}: {one_line(found.quote)}")
        for line in lines:
            click.echo(line[: width - 1] + "…" if tty and len(line) > width else line)
        count += 1
    return count


cli.add_command(import_command)
cli.add_command(export_command)
cli.add_command(reextract_command)
cli.add_command(status_command)
cli.add_command(clusters_command)
cli.add_command(conflicts_command)
cli.add_command(judge_command)
cli.add_command(agreement_command)
cli.add_command(merge_command)
cli.add_command(history_command)


@cli.command("path")
@db_option
def path_command(db: Path | None) -> None:
    """Print the path of the database file in use.

    \b
    Example:
      factdesk path
      FACTDESK_DB=/tmp/desk.db factdesk path
    """
    click.echo(str(chosen_db(db)))


def main() -> None:
    """Entry point of the ``factdesk`` console script."""
    try:
        cli(prog_name="factdesk")
    finally:
        try:  # here rather than at interpreter exit, where a closed pipe prints a warning
            sys.stdout.flush()
        except BrokenPipeError:
            reader_left()
