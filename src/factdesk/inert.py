"""Make article text safe to put on a terminal without changing its offsets."""

from __future__ import annotations

import re

# Control characters, line and paragraph separators that a text widget would treat as a
# line break, and bidirectional overrides: each is replaced by one visible character, so
# that code point offsets stay the same as in the stored text.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_PICTURES = {i: chr(0x2400 + i) for i in range(0x20)} | {0x7F: "\u2421"}


def _picture(match: re.Match[str]) -> str:
    return _PICTURES.get(ord(match.group()), "\ufffd")


def inert(text: str) -> str:
    """The text with every unsafe character shown as a visible stand-in (one for one);
    newlines and tabs are kept."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_picture, text)


def one_line(text: str) -> str:
    """Inert text on a single line, for lists and cards."""
    return " ".join(inert(text).split())
