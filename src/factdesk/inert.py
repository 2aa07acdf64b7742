"""Make article text safe to put on a terminal without changing its offsets."""

from __future__ import annotations

import regex

# Invisible format characters, each shown as its own visible, single-cell stand-in so
# that a reviewer sees what is there (a hidden bidi override, a zero-width space) and
# offsets stay one for one:
#   ¬ soft hyphen              ␣ zero-width space         ⁀ word joiner
#   ⊘ zero-width non-joiner    ⨝ zero-width joiner (outside an emoji sequence)
#   ⇥ left-to-right mark       ⇤ right-to-left mark       ↤ Arabic letter mark
#   ⇉ ⇇ left-to-right / right-to-left embedding          ⊣ pop directional formatting
#   ⇶ ⬱ left-to-right / right-to-left override
#   ⸢ ⸣ ⸤ left-to-right / right-to-left / first-strong isolate, ⸥ pop isolate
#   ⌑ byte order mark (zero-width no-break space)
#   ␤ line separator           ⁋ paragraph separator
#   ⁞ other invisible operators and tags          ⍰ C1 control characters
# C0 controls show as their Control Pictures (␛ for escape, ␇ for bell).
STAND_INS = {
    "\u00ad": "¬",
    "\u061c": "↤",
    "\u200b": "␣",
    "\u200c": "⊘",
    "\u200d": "⨝",
    "\u200e": "⇥",
    "\u200f": "⇤",
    "\u2028": "␤",
    "\u2029": "⁋",
    "\u202a": "⇉",
    "\u202b": "⇇",
    "\u202c": "⊣",
    "\u202d": "⇶",
    "\u202e": "⬱",
    "\u2060": "⁀",
    "\u2066": "⸢",
    "\u2067": "⸣",
    "\u2068": "⸤",
    "\u2069": "⸥",
    "\ufeff": "⌑",
}
_OTHER_INVISIBLE = "⁞"
_C1 = "⍰"
_PICTURES = {chr(i): chr(0x2400 + i) for i in range(0x20)} | {"\x7f": "\u2421"}
# Everything a terminal would act on or not show. Newlines and tabs are kept. A joiner
# between two pictographs ("👩‍💻") and tags after a black flag (🏴 subdivision flags)
# belong to an emoji and stay, so that it renders. A joiner after a mark that is shown
# as a stand-in (a non-joiner, a stray tag) is shown too: the stand-in ends the emoji,
# and a slice of the text must show the same as the whole.
_UNSAFE = regex.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u2028\u2029"
    r"\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
    r"|(?<!\p{Extended_Pictographic}"
    r"(?:(?![\u200c\U000e0000-\U000e007f])\p{Grapheme_Cluster_Break=Extend})*)\u200d"
    r"|\u200d(?!\p{Extended_Pictographic})"
    r"|(?<!\U0001f3f4[\U000e0020-\U000e007e]*)[\U000e0001\U000e0020-\U000e007f]"
)


def _picture(match: regex.Match[str]) -> str:
    char = match.group()
    stand_in = STAND_INS.get(char) or _PICTURES.get(char)
    if stand_in:
        return stand_in
    return _C1 if "\x80" <= char <= "\x9f" else _OTHER_INVISIBLE


def inert(text: str) -> str:
    """The text with every unsafe or invisible character shown as a visible stand-in (one
    for one, so offsets agree); newlines, tabs and emoji sequences are kept."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_picture, text)


def one_line(text: str) -> str:
    """Inert text on a single line, for lists and cards."""
    return " ".join(inert(text).split())


# What a one-line field (a search, a path, a claim number) has no use for and a terminal
# would act on: an escape sequence (CSI, OSC, DCS and the like, taken out whole so that
# no "[5m" is left behind), any other control character, a bidi control or a separator.
_SEQUENCE = regex.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|[\]P^_X][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|[ -/]*[0-~]?)"
)
_NOT_FOR_A_FIELD = regex.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def field_text(text: str) -> str:
    """Text for a one-line field: escape sequences, control characters and bidi controls
    taken out, so that nothing pasted into one is sent to the terminal raw."""
    return _NOT_FOR_A_FIELD.sub("", _SEQUENCE.sub("", text).replace("\t", " "))
