"""Ask where to write an export."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from factdesk.ui.widgets.field import Field


class ExportScreen(ModalScreen[Path | None]):
    """A path box, filled with a default; enter exports. When an export has just failed,
    it opens again with the path the reviewer typed and the error, to fix the path."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, default: Path, what: str = "CSV", error: str = "", final: bool = False
    ) -> None:
        super().__init__()
        self.default = default
        self.what = what
        self.error = error
        self.final = final  # the team's final verdicts (export --final)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            whose = "the team's final verdict on " if self.final else ""
            yield Static(f"Export {whose}every judged claim as {self.what} to:", markup=False)
            yield Field(str(self.default), id="export-path")
            if self.error:
                yield Static(self.error, id="export-error", classes="error", markup=False)
            yield Static("enter export · escape cancel", classes="hint", markup=False)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(Path(value).expanduser() if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
