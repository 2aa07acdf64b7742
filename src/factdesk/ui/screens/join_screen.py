"""Ask which claim's cluster the current claim should join (J); the join is saved by the
caller, and the prompt stays open with the reason when it cannot be done."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from factdesk.models import FactdeskError, claim_number
from factdesk.ui.widgets.field import Field


class JoinScreen(ModalScreen[int | None]):
    """A claim number; ``join`` saves the move and returns None, or returns why it could
    not. Dismissed with the claim joined, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, claim_id: int, join: Callable[[int], Awaitable[str | None]]) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.join = join
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="join-box"):
            yield Static(f"Join claim {self.claim_id} to the cluster of claim #…", markup=False)
            yield Field(placeholder="claim number", id="join-input", restrict=r"#?\d*")
            yield Static("", id="join-error", classes="error", markup=False)
            yield Static(
                "enter join · escape cancel · ctrl+z in the desk undoes it",
                classes="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#join-error", Static).display = False

    @property
    def error(self) -> str:
        """The error shown under the number (empty when there is none)."""
        shown = self.query_one("#join-error", Static)
        return str(shown.content) if shown.display else ""

    def show_error(self, error: str) -> None:
        shown = self.query_one("#join-error", Static)
        shown.update(error)
        shown.display = bool(error)

    @on(Input.Changed)
    def changed(self) -> None:
        self.show_error("")  # the error was about the number typed before

    @on(Input.Submitted)
    async def submitted(self, event: Input.Submitted) -> None:
        if self.saving:
            return
        digits = event.value.strip().lstrip("#")
        if not digits.isdecimal():
            self.show_error("Type the number of a claim (the card shows each claim's number)")
            return
        try:
            other = claim_number(digits)
        except FactdeskError:  # 0, or past any id the database can hold
            self.show_error(f"There is no claim {digits[:20]}" + "…" * (len(digits) > 20))
            return
        self.saving = True
        try:
            error = await self.join(other)
        finally:
            self.saving = False
        if error is None:
            self.dismiss(other)
        else:
            self.show_error(error)

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(None)
