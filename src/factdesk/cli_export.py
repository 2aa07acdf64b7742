"""The ``factdesk export`` command: verdicts as CSV, JSON Lines or ClaimReview."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factdesk.cli_common import TerminalText, db_option, given, min_score_option, open_store
from factdesk.cli_progress import Progress
from factdesk.export import DEFAULT_URL_TEMPLATE, ExportOptions, write, write_file
from factdesk.models import THRESHOLD, FactdeskError, Verdict


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "claimreview"]),
    default="csv",
    show_default=True,
    help="CSV for spreadsheets, JSON Lines, or schema.org ClaimReview JSON-LD.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to this file (atomically) instead of standard output.",
)
@click.option(
    "--all",
    "every_claim",
    is_flag=True,
    help="Also the unjudged claims at --min-score, the added and the dismissed ones.",
)
@min_score_option(
    THRESHOLD,
    f"With --all: the unjudged claims scoring this or more (default {THRESHOLD}). Without"
    " --all it changes nothing: every judged claim is exported, whatever its score.",
)
@click.option("--reviewer", default=None, help="Only this reviewer's work (default: everyone's).")
@click.option(
    "--verdict",
    type=click.Choice([v.value for v in Verdict]),
    default=None,
    help="Only claims with this verdict.",
)
@click.option(
    "--final",
    is_flag=True,
    help="One row per claim with the team's final verdict: the adjudicated one, else the"
    " one every reviewer gave, else none (claim_status conflict).",
)
@click.option("--excel", is_flag=True, help="Start the CSV with a BOM, for Excel.")
@click.option(
    "--org", default="factdesk", show_default=True, help="ClaimReview author: your desk's name."
)
@click.option(
    "--url-template",
    default=DEFAULT_URL_TEMPLATE,
    show_default=True,
    help="ClaimReview url of each review; {claim_id} is replaced by the claim's id.",
)
@db_option
def export_command(
    fmt: str,
    output: Path | None,
    every_claim: bool,
    min_score: float,
    reviewer: str | None,
    verdict: str | None,
    final: bool,
    excel: bool,
    org: str,
    url_template: str,
    db: Path | None,
) -> None:
    """Export verdicts: one row per claim and reviewer, judged claims by default.

    By default every judged claim, whatever its score, except those the row's reviewer
    dismissed; with --all also the claims scoring --min-score or more, the claims added
    by hand and the dismissed ones (claim_status says which). Every evidence span is
    checked against its article before it is written; a mismatch stops the export.
    With -o, a failed export leaves no file behind.

    With --final, one row per judged claim instead: the verdict an adjudicator gave
    (factdesk review --adjudicate; reviewer is the adjudicator), else the verdict every
    reviewer gave (reviewer lists them), else no verdict, with claim_status `conflict`.
    Its evidence is the adjudicator's and that of the reviewers who gave that verdict.

    \b
    Example:
      factdesk export -o verdicts.csv
      factdesk export --format jsonl --reviewer ann > ann.jsonl
      factdesk export --final -o final.csv
      factdesk export --format claimreview --org "Our Desk" \\
          --url-template "https://desk.example/checks/{claim_id}" -o reviews.json
    """
    try:
        url_template.format(claim_id=1)
    except (KeyError, IndexError, ValueError):
        raise FactdeskError(
            f"--url-template may only use {{claim_id}}, got {url_template!r}"
        ) from None
    if final and (reviewer is not None or every_claim):
        raise FactdeskError(
            "--final gives one row per claim for the whole team: leave out"
            f" {'--reviewer' if reviewer is not None else '--all'}"
        )
    options = ExportOptions(
        fmt=fmt,
        reviewer=reviewer,
        verdict=Verdict(verdict) if verdict else None,
        every_claim=every_claim,
        min_score=min_score,
        excel=excel,
        org=org,
        url_template=url_template,
        final=final,
    )
    if not every_claim and given("min_score"):  # a threshold only chooses unjudged claims
        click.echo(
            "Note: --min-score chooses the unjudged claims of --all; without --all every"
            " judged claim is exported, whatever its score.",
            err=True,
        )
    with open_store(db) as store:
        tty = sys.stdout.isatty()  # raw bytes to files and pipes
        # No progress on the terminal the rows themselves are written to.
        with Progress("Exporting", unit=_rows(fmt, 2), quiet=output is None and tty) as bar:
            if output is not None:
                count = write_file(store, options, output, bar.advance)
            else:
                out = TerminalText(sys.stdout) if tty else sys.stdout
                count = write(store, options, out, bar.advance)
                sys.stdout.flush()
        if output is not None:
            click.echo(f"Exported {count} {_rows(fmt, count)} to {output}", err=True)
    if count == 0:
        click.echo(
            "Nothing to export: no claim matches (judge some with factdesk review).", err=True
        )


def _rows(fmt: str, count: int) -> str:
    noun = "review" if fmt == "claimreview" else "row"
    return noun if count == 1 else noun + "s"
