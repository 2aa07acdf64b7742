"""The factdesk Textual app: opens the review, or the empty screen for an empty database."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.screen import Screen

from factdesk.models import QueueFilter
from factdesk.store import Store
from factdesk.ui.screens.empty_screen import EmptyScreen
from factdesk.ui.screens.review_screen import ReviewScreen


class FactdeskApp(App[None]):
    """The review desk over one database, for one reviewer."""

    CSS_PATH = "factdesk.tcss"
    TITLE = "factdesk"

    def __init__(self, store: Store, reviewer: str, notice: str = "") -> None:
        super().__init__()
        self.store = store
        self.reviewer = reviewer
        self.notice = notice  # the summary of an import done just before opening

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
            for which in QueueFilter:
                yield SystemCommand(
                    f"Show {which.value} claims",
                    f"Filter the queue to {which.value} claims",
                    partial(screen.apply_filter, which),
                )
