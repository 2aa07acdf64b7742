"""The factdesk Textual app: opens the review, or the empty screen for an empty database."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from factdesk.export import ExportOptions, write_file
from factdesk.models import FactdeskError, QueueFilter
from factdesk.store import Store
from factdesk.ui.screens.empty_screen import EmptyScreen
from factdesk.ui.screens.export_screen import ExportScreen
from factdesk.ui.screens.review_screen import ReviewScreen


class FactdeskApp(App[None]):
    """The review desk over one database, for one reviewer."""

    CSS_PATH = "factdesk.tcss"
    TITLE = "factdesk"

    def __init__(self, store: Store, reviewer: str, notice: str = "") -> None:
        super().__init__()
        self.store = store
        # Short waits, retried by the screen with a visible message, keep the desk live
        # while another window or an export holds the database.
        store.set_busy_timeout(200)
        store.start_session()  # this window's undo reverts this window's actions
        self.reviewer = reviewer
        self.notice = notice  # the summary of an import done just before opening

    def on_unmount(self) -> None:
        self.store.end_session()

    def on_mount(self) -> None:
        if self.notice:
            self.call_after_refresh(
                self.notify, self.notice, title="Import", timeout=10, markup=False
            )
        if self.store.claim_count():
            self.push_screen(ReviewScreen(self.store, self.reviewer))
        else:
            self.push_screen(EmptyScreen(str(self.store.path)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReviewScreen):
            yield SystemCommand(
                "Export CSV…", "Write every judged claim to a CSV file", self.ask_export
            )
            for which in QueueFilter:
                yield SystemCommand(
                    f"Show {which.value} claims",
                    f"Filter the queue to {which.value} claims",
                    partial(screen.apply_filter, which),
                )

    def ask_export(self) -> None:
        """Ask for a path (default: beside the database), then export in a worker."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        default = self.store.path.with_name(f"factdesk-export-{stamp}.csv")

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Exporting to {path} …", markup=False)
                self.export_csv(path)

        self.push_screen(ExportScreen(default), chosen)

    @work(thread=True, exclusive=True, group="export")
    def export_csv(self, path: Path) -> None:
        """Export on a thread of its own, with a connection of its own."""
        try:
            with Store(self.store.path) as store:
                count = write_file(store, ExportOptions(), path)
        except FactdeskError as exc:
            self.call_from_thread(
                self.notify, f"Export failed: {exc}", severity="error", markup=False
            )
            return
        rows = "1 row" if count == 1 else f"{count} rows"
        self.call_from_thread(self.notify, f"Exported {rows} to {path}", markup=False)
