"""The cluster of a claim: its claims side by side, each with its article, speaker and
verdicts; enter opens one in the desk, x takes one out of the cluster."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from factdesk.cluster.views import Cluster, Member
from factdesk.inert import one_line
from factdesk.models import plural
from factdesk.store import Store
from factdesk.ui.widgets.story import short_title, verdicts_text

HINT = "enter open in the desk · x take out of the cluster · escape back"
# The claims listed of one article: one that says a thing thousands of times lists a few
# (a table of thousands of rows takes seconds to draw), and the title counts the rest.
PER_ARTICLE = 5


class ClusterScreen(ModalScreen[int | None]):
    """The claims of one cluster; dismissed with the claim to open, or None."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("x", "take_out", "Take out of the cluster"),
    ]

    def __init__(
        self,
        store: Store,
        reviewer: str,
        claim_id: int,
        cluster: Cluster,
        take_out: Callable[[int], Awaitable[bool]],
    ) -> None:
        super().__init__()
        self.store = store
        self.reviewer = reviewer
        self.claim_id = claim_id  # the desk's current claim, marked ▶
        self.cluster = cluster
        self.take_out = take_out
        self.busy = False
        self.rows: list[Member] = []  # the members listed, in the table's order

    def compose(self) -> ComposeResult:
        with Vertical(id="cluster-box"):
            yield Static("", id="cluster-title", markup=False)
            yield DataTable(id="cluster-table", cursor_type="row", zebra_stripes=True)
            yield Static(HINT, classes="hint", markup=False)

    def on_mount(self) -> None:
        self.fill()
        table = self.query_one(DataTable)
        if (row := self.row_of(self.claim_id)) >= 0:
            table.move_cursor(row=row, animate=False)
        table.focus()

    def on_resize(self) -> None:
        self.fill()  # the text's column takes the width there is

    @property
    def members(self) -> tuple[Member, ...]:
        return self.cluster.members

    @property
    def listed(self) -> list[Member]:
        """The claims shown: the first few of each article, and the desk's claim."""
        seen: dict[int, int] = {}
        listed = []
        for member in self.members:
            seen[member.article_id] = seen.get(member.article_id, 0) + 1
            if seen[member.article_id] <= PER_ARTICLE or member.claim_id == self.claim_id:
                listed.append(member)
        return listed

    def row_of(self, claim_id: int) -> int:
        ids = [m.claim_id for m in self.rows]
        return ids.index(claim_id) if claim_id in ids else -1

    def fill(self) -> None:
        """Show the cluster's claims, one row each (the text wrapped in its column)."""
        self.rows = self.listed
        articles = len(self.cluster.articles)
        size = f"{plural(len(self.members), 'claim')} in {plural(articles, 'article')}"
        if len(self.rows) < len(self.members):
            size += f" ({len(self.members) - len(self.rows)} more in their articles not listed)"
        if self.row_of(self.claim_id) >= 0:
            title = Text.assemble((f"Cluster of claim {self.claim_id}", "bold"), f": {size}")
        else:
            title = Text.assemble(("Cluster", "bold"), f": {size} (claim {self.claim_id} is out)")
        self.query_one("#cluster-title", Static).update(title)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        width = max(self.app.size.width - 12, 50)  # the box's border and padding
        side = max(14, min(24, width // 5))
        # "▶ " and the longest id on one line (a five-digit id wrapped in a column of 6)
        id_width = max(6, 2 + max((len(str(m.claim_id)) for m in self.members), default=0))
        text_width = max(20, width - id_width - side - 16 - 8)
        table.add_column("Claim", width=id_width, key="claim")
        table.add_column("Article, speaker", width=side, key="article")
        table.add_column("Text", width=text_width, key="text")
        table.add_column("Verdicts", width=16, key="verdicts")
        for member in self.rows:
            current = member.claim_id == self.claim_id
            mark = Text(f"▶ {member.claim_id}" if current else f"  {member.claim_id}")
            if current:
                mark.stylize("bold")
            where = Text(short_title(member.title, side), "italic")
            where.append(f"\n{one_line(member.speaker)}" if member.speaker else "", "dim")
            verdicts = (
                verdicts_text(member.verdicts, self.reviewer, "\n")
                if member.verdicts
                else Text("not judged", "dim")
            )
            table.add_row(
                mark, where, Text(one_line(member.text)), verdicts,
                height=None, key=str(member.claim_id),
            )  # fmt: skip
        table.move_cursor(row=min(max(row, 0), len(self.rows) - 1), animate=False)

    def highlighted(self) -> Member | None:
        table = self.query_one(DataTable)
        if not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    @on(DataTable.RowSelected)
    def selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        member = self.highlighted()
        if member is not None:
            self.dismiss(member.claim_id)

    async def action_take_out(self) -> None:
        member = self.highlighted()
        if member is None or self.busy:
            return
        self.busy = True
        try:
            saved = await self.take_out(member.claim_id)
        finally:
            self.busy = False
        if not saved:
            return
        self.notify(
            f"Took claim {member.claim_id} out of the cluster: ctrl+z in the desk puts it back",
            markup=False,
        )
        rest = [m.claim_id for m in self.members if m.claim_id != member.claim_id]
        cluster = self.store.cluster_of(rest[0]) if rest else None
        if cluster is None:  # one claim was left: no cluster any more
            self.dismiss(None)
            return
        self.cluster = cluster
        self.fill()

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss(None)
