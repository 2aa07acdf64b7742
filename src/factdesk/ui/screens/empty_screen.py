"""What an empty database shows: how to import, not an empty grid."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, Static


class EmptyScreen(Screen[None]):
    """Shown when the database holds no claims yet."""

    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def __init__(self, db: str) -> None:
        super().__init__()
        self.db = db

    def compose(self) -> ComposeResult:
        message = Text.assemble(
            ("No claims to review yet.\n\n", "bold"),
            "This database has no articles:\n",
            (self.db, "dim"),
            "\n\nImport some and open the review in one go, for example the sample corpus\n"
            "that comes with factdesk:\n\n",
            ("    factdesk review sample_corpus\n\n", "bold cyan"),
            "or import first with ",
            ("factdesk import PATH ...", "bold"),
            " (.txt, .md, .jsonl files and folders).\n\nPress q to quit.",
        )
        with Middle(), Center():
            yield Static(message, id="empty-message")
        yield Footer()
