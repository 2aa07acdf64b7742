"""The ``factdesk history`` command: who did what to a claim, when, and what was undone."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import click

from factdesk.cli_common import db_option, open_store, table_option
from factdesk.export import json_line
from factdesk.history import HistoryEntry, history, utc_time
from factdesk.inert import inert, one_line
from factdesk.models import FactdeskError, claim_number


@click.command("history")
@click.argument("claim_id", metavar="CLAIM_ID")
@table_option
@db_option
def history_command(claim_id: str, fmt: str, db: Path | None) -> None:
    """Show a claim's history, newest first: every reviewer's actions on it (verdicts,
    evidence spans, notes, flags, dismissals, cluster moves, merges), when, and which
    were undone. Times are in UTC. The claim ids are those `factdesk claims` lists.

    JSON fields: event_id, at (ISO 8601, UTC), reviewer, action (as logged), description,
    undone, undone_at, undone_by, passed_over (an undo could not take it back and went
    on to the action before), before, after (what the action changed, as logged).

    \b
    Example:
      factdesk history 12
      factdesk history 12 --format jsonl
    """
    number = claim_number(claim_id)
    with open_store(db) as store:
        events = store.history.claim_events(number)
        if not events and not store.history.exists(number):  # (an undone add has events)
            raise FactdeskError(f"no claim with id {number}; `factdesk claims` lists them")
        entries = history(events)
        if fmt == "jsonl":
            shown = inert if sys.stdout.isatty() else str
            for entry in entries:
                click.echo(shown(json_line(entry_json(entry))))
            return
        try:
            claim = store.claim(number)
            click.echo(f"claim {number}: {one_line(claim.text)}")
            click.echo(f"article {claim.article_id}: {one_line(Path(claim.article_source).name)}")
        except FactdeskError:  # an added claim whose adding was undone
            click.echo(f"claim {number} (no longer in the database)")
    if not entries:
        click.echo("No actions on this claim yet.", err=True)
        return
    _print_table(entries)


def entry_json(entry: HistoryEntry) -> dict[str, Any]:
    """A history entry as ``factdesk history --format jsonl`` prints it."""
    event = entry.event
    return {
        "event_id": event.id,
        "at": event.at,
        "reviewer": event.reviewer,
        "action": event.action,
        "description": entry.what,
        "undone": entry.undone,
        "undone_at": event.undone_at,
        "undone_by": event.undone_by,
        "passed_over": event.passed_over,
        "before": event.before,
        "after": event.after,
    }


def _print_table(entries: list[HistoryEntry]) -> None:
    """One line an action; long lines are cut to the terminal's width."""
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((120, 24)).columns
    who = max(8, *(len(one_line(e.event.reviewer)) for e in entries))
    click.echo(f"{'time (UTC)':<19}  {'reviewer':<{who}}  {'undone':<6}  action")
    for entry in entries:
        event = entry.event
        line = (
            f"{utc_time(event.at):<19}  {one_line(event.reviewer):<{who}}"
            f"  {'undone' if entry.undone else '':<6}  {entry.what}"
        )
        if entry.undone:
            line += (
                f" (undone {utc_time(event.undone_at or '')} by {one_line(event.undone_by or '')})"
            )
        click.echo(line[: width - 1] + "…" if tty and len(line) > width else line)
