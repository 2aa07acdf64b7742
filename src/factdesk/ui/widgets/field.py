"""The desk's one-line text field: what is pasted, typed or set in it is never sent raw."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from factdesk.inert import field_text


class Field(Input):
    """An Input whose value never holds an escape sequence, a control character or a bidi
    control: Textual draws a value as it is, so the terminal would act on them (a pasted
    ESC ] 0 sets the window title, ESC ] 52 the clipboard)."""

    def validate_value(self, value: str) -> str:
        return field_text(value)

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(field_text(text), start, end)  # the cursor goes after what stays


def paste_for_field(event: events.Paste) -> events.Paste:
    """A paste, made fit for a one-line field: its first line, cleaned as a Field cleans
    (for Textual's own fields, the command palette's)."""
    lines = event.text.splitlines()
    return events.Paste(field_text(lines[0]) if lines else "")
