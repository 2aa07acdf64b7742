"""The ``factdesk clusters`` and ``factdesk conflicts`` commands: one story across
outlets, and where outlets disagree on it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import click

from factdesk.cli_common import db_option, open_store, table_option
from factdesk.cluster.views import Cluster, Conflict
from factdesk.export import json_line
from factdesk.inert import inert, one_line


def _shown(text: str) -> str:
    return inert(text) if sys.stdout.isatty() else text


@click.command("clusters")
@table_option
@click.option(
    "--min-size",
    type=click.IntRange(min=2),
    default=2,
    show_default=True,
    help="Only clusters of at least this many claims.",
)
@db_option
def clusters_command(fmt: str, min_size: int, db: Path | None) -> None:
    """List the clusters: claims, in any article, that assert the same thing, with their
    articles and the verdicts given so far. Clusters are made at import.

    JSON fields: cluster_id, size, article_ids, claims (each: claim_id, article_id,
    article_title, text, speaker, verdicts as {reviewer: verdict}).

    \b
    Example:
      factdesk clusters
      factdesk clusters --format jsonl --min-size 3
    """
    with open_store(db) as store:
        found = store.clusters(min_size)
    if fmt == "jsonl":
        for cluster in found:
            click.echo(_shown(json_line(cluster_json(cluster))))
    else:
        width = shutil.get_terminal_size((120, 24)).columns
        titles = {m.article_id: m.title for cluster in found for m in cluster.members}
        for cluster in found:
            click.echo(
                f"cluster {cluster.cluster_id}: {len(cluster.members)} claims in"
                f" {len(cluster.articles)} article{'s' * (len(cluster.articles) != 1)}"
            )
            for m in cluster.members:
                verdicts = ", ".join(f"{r}: {v}" for r, v in m.verdicts.items())
                line = f"  {m.claim_id:>6}  a{m.article_id}  {one_line(m.text)}"
                line = line[: width - 1 - len(verdicts) - 3 * bool(verdicts)]
                click.echo(line + (f"  [{one_line(verdicts)}]" if verdicts else ""))
        _legend(titles, width)
    if not found:
        click.echo("No clusters: no claim is restated in another place yet.", err=True)


def _legend(titles: dict[int, str], width: int) -> None:
    """The titles of the articles the table names as a1, a2, …"""
    if titles:
        click.echo("articles:")
    for article_id in sorted(titles):
        click.echo(f"  a{article_id}  {one_line(_shown(titles[article_id]))}"[: width - 1])


def cluster_json(cluster: Cluster) -> dict[str, Any]:
    """A cluster as ``factdesk clusters --format jsonl`` prints it."""
    return {
        "cluster_id": cluster.cluster_id,
        "size": len(cluster.members),
        "article_ids": cluster.articles,
        "claims": [
            {
                "claim_id": m.claim_id,
                "article_id": m.article_id,
                "article_title": m.title,
                "text": m.text,
                "speaker": m.speaker,
                "verdicts": m.verdicts,
            }
            for m in cluster.members
        ],
    }


@click.command("conflicts")
@table_option
@click.option("--all", "everything", is_flag=True, help="Include dismissed conflicts.")
@db_option
def conflicts_command(fmt: str, everything: bool, db: Path | None) -> None:
    """List conflicts: claims of one cluster, or about one event, that disagree on a
    year or date, a number, or polarity (one says it happened or was said, the other
    that it was denied).

    JSON fields: conflict_id, claim_ids [a, b], kind (date, number or polarity),
    values [in a, in b], article_ids [of a, of b], dismissed_by (with --all).

    \b
    Example:
      factdesk conflicts
      factdesk conflicts --format jsonl
    """
    with open_store(db) as store:
        found = store.conflicts(include_dismissed=everything)
        texts = {i: store.claim(i).text for c in found for i in c.claim_ids}
        ids = sorted({i for c in found for i in c.article_ids})
        titles = {i: store.article(i).title for i in ids}
    for conflict in found:
        if fmt == "jsonl":
            click.echo(_shown(json_line(conflict_json(conflict, everything))))
            continue
        a, b = conflict.claim_ids
        gone = (
            f"  (dismissed by {one_line(conflict.dismissed_by)})" if conflict.dismissed_by else ""
        )
        click.echo(
            f"{conflict.kind}: {one_line(conflict.values[0])} / {one_line(conflict.values[1])}"
            f"{gone}\n  {a:>6}  a{conflict.article_ids[0]}  {one_line(texts[a])[:100]}"
            f"\n  {b:>6}  a{conflict.article_ids[1]}  {one_line(texts[b])[:100]}"
        )
    if fmt == "table":
        _legend(titles, shutil.get_terminal_size((120, 24)).columns)
    if not found:
        click.echo("No conflicts found between claims.", err=True)


def conflict_json(conflict: Conflict, with_dismissed: bool = False) -> dict[str, Any]:
    """A conflict as ``factdesk conflicts --format jsonl`` prints it."""
    row: dict[str, Any] = {
        "conflict_id": conflict.conflict_id,
        "claim_ids": list(conflict.claim_ids),
        "kind": conflict.kind,
        "values": list(conflict.values),
        "article_ids": list(conflict.article_ids),
    }
    if with_dismissed:
        row["dismissed_by"] = conflict.dismissed_by
    return row
