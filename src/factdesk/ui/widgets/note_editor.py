"""The note editor's text area: it keeps exactly what was typed or pasted and shows it inert."""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.document._document import Document, EditResult, Location
from textual.document._document_navigator import DocumentNavigator
from textual.document._wrapped_document import WrappedDocument
from textual.geometry import Size
from textual.widgets import TextArea

from factdesk.inert import inert

# Only these end a line; str.splitlines() would also break at form feeds, file separators
# and U+2028, and join the pieces back with "\n", which changes the note.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class InertDocument(Document):
    """A document whose text is what was entered, byte for byte, but whose lines, as the
    text area draws, wraps and measures them, are inert: control and bidi characters are
    visible one-cell stand-ins, one for one, so columns and cells agree with what is drawn."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._lines = _LINE_BREAK.split(text)

    @property
    def lines(self) -> list[str]:
        return [inert(line) for line in self._lines]

    def __getitem__(self, line_index: int | slice) -> str | list[str]:  # type: ignore[override]
        if isinstance(line_index, slice):
            return [inert(line) for line in self._lines[line_index]]
        return inert(self._lines[line_index])

    def get_size(self, tab_width: int) -> Size:
        widths = [cell_len(line.expandtabs(tab_width)) for line in self.lines]
        return Size(max(widths, default=0), len(self._lines))

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        top, bottom = sorted((start, end))
        (top_row, top_column), (bottom_row, bottom_column) = top, bottom
        replaced = self.get_text_range(top, bottom)
        lines = self._lines
        before = lines[top_row][:top_column] if top_row < len(lines) else ""
        after = lines[bottom_row][bottom_column:] if bottom_row < len(lines) else ""
        inserted = _LINE_BREAK.split(text)
        inserted[0] = before + inserted[0]
        column = len(inserted[-1])
        inserted[-1] += after
        lines[top_row : bottom_row + 1] = inserted
        return EditResult((top_row + len(inserted) - 1, column), replaced)


class NoteEditor(TextArea):
    """A soft-wrapped text area over an ``InertDocument``."""

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, None)
        self.document = InertDocument(text)
        self.wrapped_document = WrappedDocument(self.document, tab_width=self.indent_width)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self._rewrap_and_refresh_virtual_size()
