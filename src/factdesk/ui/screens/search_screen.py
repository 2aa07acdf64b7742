"""Ask for text to find in the queue, and go to the next claim that matches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from factdesk.inert import inert
from factdesk.ui.screens import queue_behind
from factdesk.ui.widgets.field import Field

if TYPE_CHECKING:
    from factdesk.ui.screens.review_screen import ReviewScreen


class SearchScreen(ModalScreen[str | None]):
    """A one-line search box; enter searches, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, previous: str = "") -> None:
        super().__init__()
        self.previous = previous

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Static("Find claims by text, speaker or article title", markup=False)
            yield Field(self.previous, placeholder="search", id="search-input")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def find(screen: ReviewScreen) -> None:
    """Ask for text and go to the next claim of the queue (after the current one, round
    to the first) whose text, speaker or article title holds it."""

    def found(query: str | None) -> None:
        if not query:
            return
        screen.last_search = query
        queue_behind.read_now(screen)  # the queue may still be being read
        hits = [h for h in screen.store.search(query) if screen.queue.index_of(h) >= 0]
        if not hits:
            screen.say(f"No claims in this queue match “{inert(query)}”")
            return
        after = [h for h in hits if screen.queue.index_of(h) > screen.queue.cursor]
        target = (after or hits)[0]
        screen.go_to(target)
        place = f"{hits.index(target) + 1} of {len(hits)}"
        screen.say(f"Match {place} for “{inert(query)}”; press / and enter for the next")

    screen.app.push_screen(SearchScreen(screen.last_search), found)
