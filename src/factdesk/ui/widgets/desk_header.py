"""The header line: reviewer, database, progress per verdict, and the latest message."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from factdesk.inert import one_line
from factdesk.models import THRESHOLD, Progress, QueueFilter, Verdict

NAME_CELLS = 24  # a longer reviewer name is cut (by cells) so progress stays in view


class DeskHeader(Static):
    """One line at the top of the review screen."""

    _shown: Text | None = None

    def show(
        self,
        reviewer: str,
        db: str,
        progress: Progress,
        which: QueueFilter,
        message: str = "",
        *,
        read_only: bool = False,
        old_extractors: str = "",
        min_score: float = THRESHOLD,
        by_cluster: bool = False,
        adjudicating: bool = False,
    ) -> None:
        """Redraw with the latest figures (and lasting marks: READ-ONLY for a database
        that cannot be written; a threshold other than the default, as ≥0.4; the queue
        ordered by cluster; the other extractor versions that found claims, which
        factdesk reextract brings up to date)."""
        counts = progress.counts
        name = Text(one_line(reviewer), "cyan")
        name.truncate(NAME_CELLS, overflow="ellipsis")
        name.append(" ")
        text = Text.assemble(
            ("factdesk ", "bold"),
            ("adjudicating: " if adjudicating else "", "bold magenta"),
            name,
            (f"{progress} ", "bold"),
            ("✔", "green"),
            f"{counts[Verdict.EVIDENCED]} ",
            ("?", "yellow"),
            f"{counts[Verdict.UNEVIDENCED]} ",
            ("✘", "red"),
            f"{counts[Verdict.DISPUTED]}  ",
            (f"[{which.value}]  " if which is not QueueFilter.ALL else "", "magenta"),
            (f"≥{min_score:g}  " if min_score != THRESHOLD else "", "magenta"),
            ("by cluster  " if by_cluster else "", "magenta"),
            ("READ-ONLY  " if read_only else "", "bold red"),
            (
                f"claims by {one_line(old_extractors)}: reextract  " if old_extractors else "",
                "yellow",
            ),
            (f"{message}" if message else "", "bold"),
            (f"  {one_line(db)}", "dim"),
        )
        text.no_wrap = True
        text.overflow = "ellipsis"
        if text != self._shown:  # an unchanged header need not be drawn again
            self._shown = text
            self.update(text, layout=False)  # one line, always: no need to re-arrange the screen
