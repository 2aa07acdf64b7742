"""A claim's history (h): who did what to it and when, newest first, and what was undone."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from factdesk.history import HistoryEntry, history, utc_time
from factdesk.inert import one_line
from factdesk.store import Store

HINT = "escape close · times in UTC · ctrl+z in the desk undoes your last action"


class HistoryScreen(ModalScreen[None]):
    """The actions logged on one claim, by every reviewer, newest first."""

    DEFAULT_CSS = """
    HistoryScreen {
        align: center middle;
    }
    #history-box {
        width: 95%;
        max-width: 130;
        height: auto;
        max-height: 90%;
        background: $panel;
        border: round $primary;
        padding: 1 2;
    }
    #history-body {
        height: auto;
        max-height: 30;
        margin: 1 0;
    }
    #history-hint {
        color: $text-muted;
    }
    """

    BINDINGS = [Binding("escape,h,q", "close", "Close history")]

    def __init__(self, store: Store, claim_id: int) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.entries: list[HistoryEntry] = history(store.history.claim_events(claim_id))

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box"):
            yield Static(
                Text(f"History of claim {self.claim_id}, newest first", "bold"), id="history-title"
            )
            with VerticalScroll(id="history-body"):
                yield Static(self.table(), id="history-table")
            yield Static(HINT, id="history-hint", markup=False)

    def table(self) -> Table | Text:
        """The entries as a table: time (UTC), reviewer, whether undone, the action."""
        if not self.entries:
            return Text("No actions on this claim yet.", "dim")
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True, max_width=20)
        table.add_column(no_wrap=True)
        table.add_column()
        table.add_row(*(Text(h, "bold") for h in ("Time (UTC)", "Reviewer", "", "Action")))
        for entry in self.entries:
            event = entry.event
            what = Text(entry.what, "dim" if entry.undone else "")
            if entry.undone:
                what.append(
                    f" (undone {utc_time(event.undone_at or '')} by"
                    f" {one_line(event.undone_by or '')})"
                )
            table.add_row(
                utc_time(event.at),
                Text(one_line(event.reviewer)),
                Text("undone", "bold yellow") if entry.undone else "",
                what,
            )
        return table

    def action_close(self) -> None:
        self.dismiss(None)
