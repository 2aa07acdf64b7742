"""The ``factdesk reextract`` command: this factdesk's extractor over stored articles again."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factdesk.cli_common import before_command, db_option, open_store, reviewer_option
from factdesk.cli_progress import Progress
from factdesk.paths import reviewer_name


@click.command("reextract")
@click.option("--dry-run", is_flag=True, help="Say what would change, and change nothing.")
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Every current article, also those this extractor version has already done.",
)
@db_option
@reviewer_option
def reextract_command(dry_run: bool, every: bool, db: Path | None, reviewer: str | None) -> None:
    """Run this factdesk's extractor again over the current version of every article
    whose claims were found by another extractor version.

    A claim still found keeps its id and all its review work (its score, speaker and
    verb are updated); new candidates become claims; a claim no longer found is
    removed, unless it has review work (a verdict, flag, evidence, note, dismissal, an
    entry in the log), was added by a reviewer, or is where a reviewer left off: then
    it stays, with its score. Earlier versions of articles are not touched. Each
    article is saved on its own, so an interrupted run can simply be run again.

    \b
    Example:
      factdesk reextract --dry-run
      factdesk reextract
    """
    from factdesk.reextract import prepare, run

    name = reviewer_name(reviewer if reviewer is not None else before_command("reviewer"))
    with open_store(db) as store:
        report = prepare(store, every=every, dry_run=dry_run)
        try:
            label = "Checking" if dry_run else "Re-extracting"
            with Progress(label, len(report.due), "articles") as bar:
                run(store, report, name, progress=bar.advance)
        except KeyboardInterrupt:
            click.echo(f"Interrupted: {report.stopped()}.", err=True)
            sys.exit(130)
    click.echo(report.summary(), err=True)
