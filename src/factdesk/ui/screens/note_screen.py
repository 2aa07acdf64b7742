"""The note editor: a modal that saves the note itself and stays open, with the text and
the error, when the save fails."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from factdesk.ui.widgets.note_editor import NoteEditor

HINT = "ctrl+s save · escape cancel"


class NoteScreen(ModalScreen[str | None]):
    """Edit this reviewer's note on the claim. ``save`` stores the text and returns None,
    or returns why it could not; the editor closes only once the note is saved."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(
        self, note: str, claim_label: str, save: Callable[[str], Awaitable[str | None]]
    ) -> None:
        super().__init__()
        self.note = note
        self.claim_label = claim_label
        self.save = save
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(f"Note on {self.claim_label}", id="note-title", markup=False)
            yield NoteEditor(self.note, id="note-text", soft_wrap=True)
            yield Static("", id="note-error", markup=False)
            yield Static(HINT, id="note-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#note-error", Static).display = False
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    @property
    def error(self) -> str:
        """The error shown under the text (empty when there is none)."""
        shown = self.query_one("#note-error", Static)
        return str(shown.content) if shown.display else ""

    def show_error(self, error: str) -> None:
        shown = self.query_one("#note-error", Static)
        shown.update(error)
        shown.display = bool(error)

    async def action_save(self) -> None:
        if self.saving:  # a save is still retrying
            return
        text = self.query_one(TextArea).text
        self.saving = True
        self.query_one("#note-hint", Static).update("Saving…")
        try:
            error = await self.save(text)
        finally:
            self.saving = False
            self.query_one("#note-hint", Static).update(HINT)
        if error is None:
            self.dismiss(text)
        else:
            self.show_error(f"{error}. Your text is still here: ctrl+s to try again.")

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(None)
