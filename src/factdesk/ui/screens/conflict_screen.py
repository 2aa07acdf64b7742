"""Choose which of a claim's conflicts to dismiss (C, when the card shows several)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from factdesk.cluster.views import Conflict
from factdesk.ui.widgets.story import conflict_line


class ConflictScreen(ModalScreen[int | None]):
    """The claim's conflicts; dismissed with the one to dismiss, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, claim_id: int, conflicts: Sequence[Conflict]) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.conflicts = conflicts

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-box"):
            yield Static(f"Dismiss which conflict of claim {self.claim_id}?", markup=False)
            yield OptionList(
                *(
                    Option(conflict_line(self.claim_id, c), id=str(c.conflict_id))
                    for c in self.conflicts
                ),
                id="conflict-list",
            )
            yield Static(
                "enter dismiss it as wrong · escape cancel · ctrl+z in the desk brings it back",
                classes="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
