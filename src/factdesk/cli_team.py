"""Commands for work done outside the desk: ``factdesk judge``."""

from __future__ import annotations

from pathlib import Path

import click

from factdesk.cli_common import before_command, db_option, open_store, reviewer_option
from factdesk.judge import Judgement, Outcome, apply, from_export, parse_span, parse_verdict
from factdesk.models import FactdeskError
from factdesk.paths import reviewer_name
from factdesk.store import Store


@click.command("judge")
@click.argument("claim_id", type=int, required=False)
@click.argument("verdict", required=False)
@click.option(
    "--evidence",
    "spans",
    multiple=True,
    metavar="START:END",
    help="Attach this span of the claim's article (A<id>:START:END: of article <id>); repeat.",
)
@click.option("--note", default=None, help="Set your note on the claim.")
@click.option("--flag", is_flag=True, help="Flag the claim for later.")
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Read the records of a factdesk JSON Lines export (factdesk export --format jsonl).",
)
@db_option
@reviewer_option
def judge_command(
    claim_id: int | None,
    verdict: str | None,
    spans: tuple[str, ...],
    note: str | None,
    flag: bool,
    source: Path | None,
    db: Path | None,
    reviewer: str | None,
) -> None:
    """Record a verdict without the desk: for scripts, and to bring in earlier work. Each
    goes through the same checks as the desk (evidence must match the article's text), is
    logged as an event and can be undone in the desk (ctrl+z, as its reviewer).

    With --from, every record of the export is judged as its own reviewer (--reviewer for
    records without one); a bad record is reported by line and the good ones are saved.
    A record already as it is here changes nothing, so an export can be read back.

    \b
    Example:
      factdesk judge 12 disputed --evidence 310:352 --note "denied by the ministry"
      factdesk judge 12 unevidenced --evidence A3:1310:1379 --flag
      factdesk export --format jsonl --all > work.jsonl && factdesk judge --from work.jsonl
    """
    name = reviewer_name(reviewer if reviewer is not None else before_command("reviewer"))
    if source is None and (claim_id is None or verdict is None):
        raise click.UsageError("give CLAIM_ID and VERDICT, or --from FILE.jsonl")
    if source is not None and (claim_id is not None or spans or note or flag):
        raise click.UsageError("--from reads whole records: give no CLAIM_ID, VERDICT or flags")
    outcome = Outcome()
    with open_store(db) as store:
        if source is not None:
            for where, record in from_export(store, source, name):
                _judge(store, record, where, outcome)
        else:
            assert claim_id is not None and verdict is not None
            try:
                judged: Judgement | FactdeskError = Judgement(
                    claim_id,
                    name,
                    parse_verdict(verdict),
                    [(*parse_span(s), None) for s in spans],
                    note,
                    True if flag else None,
                )
            except FactdeskError as exc:
                judged = exc
            _judge(store, judged, f"claim {claim_id}", outcome)
    for line in outcome.bad:
        click.echo(line, err=True)
    total = outcome.saved + outcome.unchanged + len(outcome.bad)
    summary = (
        f"Judged {total} record{'s' * (total != 1)}: {outcome.saved} saved ({outcome.changes}"
        f" change{'s' * (outcome.changes != 1)}), {outcome.unchanged} unchanged,"
        f" {len(outcome.bad)} bad."
    )
    click.echo(summary, err=True)
    if outcome.bad:
        raise SystemExit(1)


def _judge(store: Store, judged: Judgement | FactdeskError, where: str, out: Outcome) -> None:
    if isinstance(judged, FactdeskError):
        out.bad.append(f"{where}: {judged}; not saved")
        return
    try:
        changes = apply(store, judged)
    except FactdeskError as exc:
        out.bad.append(f"{where}: {exc}; not saved")
        return
    if changes:
        out.saved += 1
        out.changes += changes
    else:
        out.unchanged += 1
