"""The factdesk Textual app: opens the review, or the empty screen for an empty database."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from functools import partial
from pathlib import Path

from textual import events, work
from textual.app import App, SystemCommand
from textual.driver import Driver
from textual.screen import Screen
from textual.widgets import Input

from factdesk.desk_state import last_export_folder, remember_export_folder
from factdesk.export import ExportOptions, write_file
from factdesk.models import FactdeskError, QueueFilter
from factdesk.store import Store
from factdesk.ui.paste import take_pastes_whole
from factdesk.ui.screens.adjudicate import AdjudicationScreen
from factdesk.ui.screens.claim_list import STEP
from factdesk.ui.screens.clusters import order_by_cluster
from factdesk.ui.screens.empty_screen import EmptyScreen
from factdesk.ui.screens.export_screen import ExportScreen
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.widgets.field import paste_for_field

# The exports the palette offers: format, name, file extension.
EXPORTS = (
    ("csv", "CSV", "csv"),
    ("jsonl", "JSON Lines", "jsonl"),
    ("claimreview", "ClaimReview", "json"),
)


class FactdeskApp(App[None]):
    """The review desk over one database, for one reviewer."""

    CSS_PATH = "factdesk.tcss"
    TITLE = "factdesk"

    def __init__(
        self,
        store: Store,
        reviewer: str,
        notice: str = "",
        min_score: float | None = None,
        adjudicate: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        # Short waits, retried by the screen with a visible message, keep the desk live
        # while another window or an export holds the database.
        store.set_busy_timeout(200)
        store.start_session()  # this window's undo reverts this window's actions
        self.reviewer = reviewer
        self.notice = notice  # the summary of an import done just before opening
        self.min_score = min_score  # the queue's threshold for this run (else remembered)
        self.adjudicate = adjudicate  # the claims reviewers disagree on, for final verdicts
        self.key_time = math.inf  # when the key being handled was pressed (Textual's clock)

    def get_driver_class(self) -> type[Driver]:
        take_pastes_whole()  # a pasted note keeps its escape bytes, in order
        return super().get_driver_class()

    def on_unmount(self) -> None:
        self.store.end_session()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):  # a key pressed while an undo ran is not another
            self.key_time = event.time
        elif isinstance(event, events.Paste) and isinstance(self.focused, Input):
            event = paste_for_field(event)  # Textual's own fields (the palette's) too
        await super().on_event(event)

    def on_mount(self) -> None:
        if self.notice:
            self.call_after_refresh(
                self.notify, self.notice, title="Import", timeout=10, markup=False
            )
        if self.adjudicate:
            self.push_screen(AdjudicationScreen(self.store, self.reviewer))
        elif self.store.has_candidates():  # the queue may be empty at the threshold
            self.push_screen(ReviewScreen(self.store, self.reviewer, self.min_score))
            self.call_after_refresh(self.check_extractor)
        else:
            self.push_screen(EmptyScreen(str(self.store.path)))

    @work(thread=True, exclusive=True, group="extractor")
    def check_extractor(self) -> None:
        """Say when claims were found by another extractor version than this factdesk's.
        On a thread of its own, with a connection of its own: loading the extractor and
        reading every claim's version take a few tens of milliseconds on a large desk."""
        from factdesk.reextract import other_extractors

        try:
            with Store(self.store.path, create=False) as store:
                others = other_extractors(store)
        except (FactdeskError, sqlite3.Error):
            return  # the desk says itself when it cannot read the database
        if others:
            self.call_from_thread(self.old_extractor_found, others)

    def old_extractor_found(self, others: dict[str, int]) -> None:
        """Tell the reviewer, and mark the review's header, until the desk is closed."""
        from factdesk.reextract import extractor_notice

        self.notify(
            extractor_notice(others), title="Extractor", severity="warning", timeout=20,
            markup=False,
        )  # fmt: skip
        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.old_extractors = ", ".join(others)
                screen.refresh_header()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReviewScreen):
            final = screen.adjudicating
            for fmt, name, ext in EXPORTS:
                yield SystemCommand(
                    f"Export {'final verdicts as ' if final else ''}{name}…",
                    f"Write every judged claim to a {name} file (.{ext})"
                    + (", one row each with the team's final verdict" if final else ""),
                    partial(self.ask_export, fmt),
                )
        if isinstance(screen, ReviewScreen) and not screen.adjudicating:
            for which in QueueFilter:
                yield SystemCommand(
                    f"Show {which.value} claims",
                    "The claims you dismissed as not check-worthy (delete restores one)"
                    if which is QueueFilter.DISMISSED
                    else f"Filter the queue to {which.value} claims",
                    partial(screen.apply_filter, which),
                )
            by_cluster = not screen.by_cluster
            yield SystemCommand(
                "Order by cluster" if by_cluster else "Order by article",
                "Bring each cluster's claims together, to work one story through across outlets"
                if by_cluster
                else "Put the queue back in article order",
                partial(order_by_cluster, screen, by_cluster),
            )
            yield SystemCommand(
                "Show more claims",
                f"Lower your threshold by {STEP:g}: claims scoring less come into the queue",
                screen.show_more,
            )
            yield SystemCommand(
                "Show fewer claims",
                f"Raise your threshold by {STEP:g}: only claims scoring more stay (and"
                " those you worked on)",
                partial(screen.show_more, -STEP),
            )

    def ask_export(self, fmt: str = "csv", path: Path | None = None, error: str = "") -> None:
        """Ask for a path, then export in a worker. The dialog starts in the folder of the
        last export (remembered across restarts), else beside the database, with a fresh
        name; after a failure it shows the path that failed and why."""
        _, name, ext = next(e for e in EXPORTS if e[0] == fmt)
        if path is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            folder = last_export_folder() or self.store.path.parent
            kind = "final" if self.adjudicate else "export"
            path = folder / f"factdesk-{kind}-{stamp}.{ext}"

        def chosen(target: Path | None) -> None:
            if target is not None:
                self.notify(f"Exporting to {target} …", markup=False)
                self.export_file(fmt, target)

        self.push_screen(ExportScreen(path, name, error, final=self.adjudicate), chosen)

    @work(thread=True, exclusive=True, group="export")
    def export_file(self, fmt: str, path: Path) -> None:
        """Export on a thread of its own, with a connection of its own."""
        try:
            with Store(self.store.path) as store:
                count = write_file(store, ExportOptions(fmt=fmt, final=self.adjudicate), path)
        except FactdeskError as exc:
            self.call_from_thread(self.export_failed, fmt, path, f"Export failed: {exc}")
            return
        remember_export_folder(path.expanduser().parent)
        noun = "review" if fmt == "claimreview" else "row"
        done = f"1 {noun}" if count == 1 else f"{count} {noun}s"
        self.call_from_thread(self.notify, f"Exported {done} to {path}", markup=False)

    def export_failed(self, fmt: str, path: Path, error: str) -> None:
        """Say why an export failed and, from the desk, ask again with the same path."""
        self.notify(error, severity="error", markup=False)
        if isinstance(self.screen, ReviewScreen):
            self.ask_export(fmt, path, error)
