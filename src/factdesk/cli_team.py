"""Commands for a team's work: ``factdesk judge`` (verdicts without the desk), ``factdesk
merge`` (other reviewers' files) and ``factdesk agreement`` (how much reviewers agree)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from factdesk.agreement import report
from factdesk.cli_common import before_command, db_option, open_store, reviewer_option
from factdesk.cli_progress import Progress
from factdesk.inert import one_line
from factdesk.judge import Judgement, Outcome, apply, from_export, parse_span, parse_verdict
from factdesk.models import FactdeskError, claim_number
from factdesk.paths import reviewer_name
from factdesk.store import Store
from factdesk.store_merge import Merged, merge


@click.command("judge")
@click.argument("claim_id", required=False)
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
    claim_id: str | None,
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
            with Progress(f"Judging {source.name}", unit="records") as bar:
                for where, record in from_export(store, source, name):
                    _judge(store, record, where, outcome)
                    bar.advance()
        else:
            assert claim_id is not None and verdict is not None
            number = claim_number(claim_id)
            try:
                judged: Judgement | FactdeskError = Judgement(
                    number,
                    name,
                    parse_verdict(verdict),
                    [(*parse_span(s), None) for s in spans],
                    note,
                    True if flag else None,
                )
            except FactdeskError as exc:
                judged = exc
            _judge(store, judged, f"claim {number}", outcome)
    for line in outcome.bad:
        click.echo(line, err=True)
    total = outcome.saved + outcome.unchanged + len(outcome.bad)
    summary = (
        f"Judged {total} record{'s' * (total != 1)}: {outcome.saved} saved ({outcome.changes}"
        f" change{'s' * (outcome.changes != 1)}), {outcome.unchanged} unchanged,"
        f" {len(outcome.bad)} bad."
    )
    if outcome.empty:
        summary += f" {outcome.empty} without work passed over (unjudged claims)."
    click.echo(summary, err=True)
    if outcome.bad:
        raise SystemExit(1)


def _judge(
    store: Store, judged: Judgement | FactdeskError | None, where: str, out: Outcome
) -> None:
    if judged is None:
        out.empty += 1
        return
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


@click.command("agreement")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)  # fmt: skip
@click.option(
    "--reviewers",
    default=None,
    metavar="A,B,...",
    help="Only these reviewers (default: every one).",
)
@click.option("--by-article", is_flag=True, help="The same figures for each article too.")
@db_option
def agreement_command(fmt: str, reviewers: str | None, by_article: bool, db: Path | None) -> None:
    """How much reviewers agree, over the claims two or more of them judged: for each
    pair, observed agreement, Cohen's kappa (with n), the confusion matrix and how much
    their evidence overlaps where they gave the same verdict (character F1); over all,
    Fleiss' kappa and Krippendorff's alpha (nominal). The JSON keys are in the README.

    \b
    Example:
      factdesk agreement
      factdesk agreement --reviewers ann,bob --by-article --format json
    """
    chosen = [r.strip() for r in reviewers.split(",") if r.strip()] if reviewers else None
    if reviewers is not None and not chosen:
        raise click.UsageError("--reviewers needs names, as ann,bob")
    with open_store(db) as store, Progress("Comparing reviewers' verdicts") as bar:
        rows = store.verdict_rows()
        bar.say(f"{len(rows):,} verdicts")
        known = {row[3] for row in rows}
        claims = sorted({row[0] for row in rows})
        found = report(rows, store.span_rows(claims), chosen, by_article)
    for name in chosen or ():
        if name not in known:
            click.echo(f"No verdicts by {one_line(name)} in this file.", err=True)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    click.echo("\n".join(_table(found)))
    for article in found.get("by_article", []):  # type: ignore[attr-defined]
        click.echo(f"\narticle {article['article_id']}: {one_line(article['title'])}")
        click.echo("\n".join(_table(article)))


def _table(found: dict[str, Any]) -> list[str]:
    if not found["claims"]:
        return ["No claim was judged by two or more of these reviewers."]
    lines = [
        f"{found['claims']} claims judged by two or more of: {', '.join(found['reviewers'])}",
        f"Fleiss' kappa {_num(found['fleiss_kappa'])}   "
        f"Krippendorff's alpha (nominal) {_num(found['krippendorff_alpha'])}",
        "",
        f"{'pair':<24} {'n':>5}  observed  Cohen's kappa  evidence F1 (n)",
    ]
    for pair in found["pairs"]:
        one, two = pair["reviewers"]
        lines.append(
            f"{one_line(one + ' – ' + two)[:24]:<24} {pair['n']:>5}  {_num(pair['observed']):>8}"
            f"  {_num(pair['cohen_kappa']):>13}  {_num(pair['evidence_f1'])} ({pair['evidence_n']})"
        )
    for pair in found["pairs"]:
        one, two = pair["reviewers"]
        lines += ["", f"{one_line(one)} (rows) by {one_line(two)} (columns):"]
        lines.append(" " * 12 + "".join(f"{label:>12}" for label in found["labels"]))
        for label, row in zip(found["labels"], pair["confusion"], strict=True):
            lines.append(f"{label:<12}" + "".join(f"{n:>12}" for n in row))
    return lines


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


@click.command("merge")
@click.argument("others", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@db_option
def merge_command(others: tuple[Path, ...], db: Path | None) -> None:
    """Bring other factdesk files (other reviewers' laptops) into this one: the articles
    and claims this file lacks, and every reviewer's verdicts, evidence, notes, flags,
    dismissals and events. Articles match by their text, claims by article and offsets.
    When one reviewer judged a claim differently in the two files, the later action wins
    (both stay in the event log) and the summary names the claim. A copy of this file is
    kept beside it first, and each file comes in in one transaction; merging a file again
    changes nothing.

    \b
    Example:
      factdesk merge ~/from-bob/factdesk.db ~/from-cat/factdesk.db
    """
    failed = False
    with open_store(db, create=True) as store:
        for other in others:
            try:
                with Progress(f"Merging {other.name}") as bar:
                    merged = merge(store, other, bar.say)
            except FactdeskError as exc:
                click.echo(f"{other}: {exc}; nothing merged from it", err=True)
                failed = True
                continue
            click.echo(_merge_summary(other, merged, store.backup))
    if failed:
        raise SystemExit(1)


def _merge_summary(other: Path, merged: Merged, backup: Path | None) -> str:
    if not merged.changed:
        return f"{other}: nothing new (merged already?)"
    counts = [
        (merged.articles, "article"), (merged.claims, "claim"), (merged.verdicts, "verdict"),
        (merged.spans, "evidence span"), (merged.notes, "note"),
        (merged.dismissals, "dismissal"), (merged.finals, "final verdict"),
        (merged.events, "event"),
    ]  # fmt: skip
    parts = ", ".join(f"{n} {word}{'s' * (n != 1)}" for n, word in counts if n)
    lines = [f"{other}: merged {parts}" + (f" (a copy of this file: {backup})" if backup else "")]
    for claim_id, reviewer, kept in merged.conflicts:
        lines.append(
            f"  claim {claim_id}: {one_line(reviewer)} judged it differently there; kept {kept}"
            " (the later)"
        )
    for claim_id, kept, adjudicator in merged.final_conflicts:
        lines.append(
            f"  claim {claim_id}: adjudicated differently there; kept {kept}"
            f" by {one_line(adjudicator)} (the later)"
        )
    return "\n".join(lines)
