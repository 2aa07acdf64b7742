"""Whether a text reads as English: the extractor's rules are English, so an article that
gives no claims is worth a different word when it is in another language."""

from __future__ import annotations

import re

# The commonest English words: a fifth or more of any English prose, rare elsewhere.
_COMMON = frozenset(
    "the of and to in is was that for it with as on by at from be are were have has had"
    " not this which but or an they he she we you his her their its will would said been"
    " who i my our there than about more after".split()
)
_WORD = re.compile(r"\w+")
SAMPLE = 20_000  # characters looked at: the start of a long article says enough


def looks_english(text: str) -> bool:
    """Whether a tenth or more of the words at the start of a text are common English ones
    (a run of Chinese characters counts as one word, never English)."""
    words = _WORD.findall(text[:SAMPLE].lower())
    return bool(words) and sum(word in _COMMON for word in words) * 10 >= len(words)
