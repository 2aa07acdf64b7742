"""The claim card's lines about the story across outlets: the other articles that report
the same claim, with any verdicts given there, and the claim's conflicts with them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.text import Text

from factdesk.cluster.views import Cluster, Conflict, Member
from factdesk.inert import one_line
from factdesk.models import Verdict, plural

VERDICT_STYLES = {
    Verdict.EVIDENCED: "bold green",
    Verdict.UNEVIDENCED: "bold yellow",
    Verdict.DISPUTED: "bold red",
}
VERDICTS = frozenset(v.value for v in Verdict)
TITLE_CELLS = 28  # a title longer than this is cut, so a line names several articles
MAX_TITLES = 3
MAX_CONFLICTS = 3
# How a polarity conflict's values read after an article's title, and after "this".
POLARITY = {"denied": "denies it", "asserted": "asserts it"}


@dataclass(frozen=True, slots=True)
class Story:
    """What the card tells of a claim beyond its article: its cluster (None when it is
    alone) and its conflicts not dismissed, as this reviewer sees them."""

    reviewer: str
    cluster: Cluster | None = None
    conflicts: Sequence[Conflict] = ()  # the first few
    conflict_total: int = 0  # all of them


def short_title(title: str, cells: int = TITLE_CELLS) -> str:
    """An article's title on one line, cut with an ellipsis past ``cells`` characters."""
    title = one_line(title) or "untitled"
    return title if len(title) <= cells else title[: cells - 1].rstrip() + "…"


def verdicts_text(verdicts: dict[str, str], reviewer: str, sep: str = "; ") -> Text:
    """'you: evidenced; bob: disputed' (this reviewer first, named "you")."""
    order = sorted(verdicts, key=lambda name: (name != reviewer, name))
    parts: list[Text | str] = []
    for name in order:
        if parts:
            parts.append(sep)
        who = "you" if name == reviewer else one_line(name)
        value = verdicts[name]
        style = VERDICT_STYLES[Verdict(value)] if value in VERDICTS else ""
        parts.append(Text.assemble(f"{who}: ", (value, style)))
    return Text.assemble(*parts)


def _merged(members: Iterable[Member]) -> dict[str, str]:
    """The verdicts given on some claims of one article (a reviewer's first one each)."""
    merged: dict[str, str] = {}
    for member in members:
        for name, verdict in member.verdicts.items():
            merged.setdefault(name, verdict)
    return merged


def also_line(claim_id: int, article_id: int, cluster: Cluster, reviewer: str) -> Text:
    """'⧉ Also in 2 other articles (o): A (you: evidenced), B' (o: the key that opens
    the cluster)."""
    others = [m for m in cluster.members if m.claim_id != claim_id]
    here = [m for m in others if m.article_id == article_id]
    times = cluster.claims_in(article_id) - 1  # its copies: counted, not all read
    elsewhere: dict[int, list[Member]] = {}
    for member in others:
        if member.article_id != article_id:
            elsewhere.setdefault(member.article_id, []).append(member)
    line = Text("⧉ ", "bold cyan")
    if elsewhere:
        n = max(len(elsewhere), cluster.article_count - 1)  # all of them, not only those read
        line.append(f"Also in {n} other article{'s' * (n != 1)}", "bold cyan")
        line.append(" (o): ", "dim")
        for i, members in enumerate(list(elsewhere.values())[:MAX_TITLES]):
            if i:
                line.append(", ")
            line.append(short_title(members[0].title), "italic")
            verdicts = _merged(members)
            if verdicts:
                line.append_text(Text.assemble(" (", verdicts_text(verdicts, reviewer), ")"))
        if n > MAX_TITLES:
            line.append(f" and {n - MAX_TITLES} more")
        if times > 0:
            line.append(f"; {plural(times, 'more time')} in this article")
    else:
        line.append(f"Said {plural(times, 'more time')} in this article", "bold cyan")
        line.append(" (o)", "dim")
        verdicts = _merged(here)
        if verdicts:
            line.append_text(Text.assemble(" · ", verdicts_text(verdicts, reviewer)))
    return line


def _shown(value: str) -> str:
    """A conflict's value as the card shows it: a month, stored as "aug", as "Aug"."""
    return value.capitalize() if value.isalpha() else value


def conflict_line(claim_id: int, conflict: Conflict) -> Text:
    """'⚠ conflict (date): Other title #51 says 2018, this says 2015' (#51: the other
    claim's number)."""
    mine = 0 if conflict.claim_ids[0] == claim_id else 1
    other = 1 - mine
    ours, theirs = conflict.values[mine], conflict.values[other]
    title = short_title(conflict.titles[other])
    if conflict.kind == "polarity" and ours in POLARITY and theirs in POLARITY:
        said = f" {POLARITY[theirs]}, this {POLARITY[ours]}"
    else:
        said = f" says {_shown(theirs)}, this says {_shown(ours)}"
    return Text.assemble(
        ("⚠ conflict", "bold red"),
        f" ({conflict.kind}): ",
        (title, "italic"),
        (f" #{conflict.claim_ids[other]}", "dim"),
        said,
    )


def conflict_count(n: int) -> str:
    """'   ⚠ 2 conflicts (C dismisses)' on the verdict's line: seen even when the card is
    too short to show the conflicts' own lines under the claim."""
    return f"   ⚠ {n} conflict{'s' * (n != 1)} (C dismisses)" if n else ""


def conflict_lines(claim_id: int, conflicts: Sequence[Conflict], total: int) -> list[Text]:
    """One line per conflict (the first few), and how many more there are."""
    lines = [conflict_line(claim_id, c) for c in conflicts[:MAX_CONFLICTS]]
    more = total - len(lines)
    if more > 0:
        lines.append(Text(f"⚠ and {more} more conflict{'s' * (more != 1)}", "bold red"))
    return lines
