"""The ``factdesk status`` command: articles, claims, and each reviewer's progress."""

from __future__ import annotations

from pathlib import Path

import click

from factdesk.cli_common import db_option, open_store
from factdesk.inert import one_line
from factdesk.models import THRESHOLD, Verdict


@click.command("status")
@click.option("--by-article", is_flag=True, help="Also show progress for each article.")
@db_option
def status_command(by_article: bool, db: Path | None) -> None:
    """Show articles, claims, and progress per reviewer and per verdict, and whether
    claims were found by another extractor version than this factdesk's.

    claims counts those at the default threshold and the added ones; candidates, every
    sentence scored. Each reviewer's progress is over their own queue (their threshold,
    less the claims they dismissed); the judged totals are the sum of the reviewers'
    (a verdict on a claim its reviewer dismissed counts in neither).

    \b
    Example:
      factdesk status
      factdesk status --by-article
    """
    from factdesk.reextract import extractor_notice, other_extractors

    with open_store(db) as store:
        counts = store.status()
        click.echo(f"database: {store.path}")
        for key, value in counts.items():
            click.echo(f"{key}: {value}")
        changed = store.changed_since_judged()
        progress = dict(store.progress_by_reviewer())
        dismissed = store.dismissed_by_reviewer()
        nothing = {"judged": 0, "flagged": 0} | dict.fromkeys(Verdict, 0)
        for name in sorted(progress.keys() | changed.keys() | dismissed.keys()):
            per = progress.get(name, nothing)
            verdicts = ", ".join(f"{v.value} {per[v]}" for v in Verdict)
            pending, gone = changed.get(name, (0, 0))
            threshold = store.min_score(name)  # their queue, as their desk shows it
            total = store.claim_count(threshold, name)
            click.echo(
                f"reviewer {one_line(name)}: {per['judged']} of {total} judged ({verdicts}),"
                f" {per['flagged']} flagged"
                + (f", {dismissed[name]} dismissed" if dismissed.get(name) else "")
                + (f", {pending} changed since judged" if pending else "")
                + (f", {gone} judged on sentences since removed" if gone else "")
                + (f"; threshold {threshold:g}" if threshold != THRESHOLD else "")
            )
        double = _agreement_line(store.verdict_rows(), store.adjudication_progress().judged)
        if double:
            click.echo(double)
        notice = extractor_notice(other_extractors(store))
        if notice:
            click.echo(notice)
        if by_article:
            click.echo(f"\n{'article':>7}  {'judged':>13}  title")
            for article_id, source, title, claims, judged in store.progress_by_article():
                label = one_line(title if title else Path(source).name)
                click.echo(f"{article_id:>7}  {judged:>6} of {claims:<4}  {label}")


def _agreement_line(rows: list[tuple[int, int, str, str, str]], adjudicated: int) -> str:
    """'agreement: 4 claims judged by two or more reviewers, 3 agree, 1 disagree, 0
    adjudicated (factdesk agreement for kappa and alpha; factdesk review --adjudicate
    settles them)'; empty when no claim is judged twice."""
    verdicts: dict[int, set[str]] = {}
    counts: dict[int, int] = {}
    for claim_id, _, _, _, verdict in rows:
        verdicts.setdefault(claim_id, set()).add(verdict)
        counts[claim_id] = counts.get(claim_id, 0) + 1
    double = [c for c, n in counts.items() if n >= 2]
    if not double:
        return ""
    agree = sum(1 for c in double if len(verdicts[c]) == 1)
    disagree = len(double) - agree
    line = (
        f"agreement: {len(double)} claim{'s' * (len(double) != 1)} judged by two or more"
        f" reviewers, {agree} agree, {disagree} disagree, {adjudicated} adjudicated"
        " (factdesk agreement for kappa and alpha"
    )
    if disagree > adjudicated:
        line += "; factdesk review --adjudicate settles the rest"
    return line + ")"
