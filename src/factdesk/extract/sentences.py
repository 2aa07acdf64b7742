"""Split article text into units (paragraphs, headlines, bullets) and sentences with
exact offsets: for every ``(start, end)`` returned, ``text[start:end]`` is the sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Characters that may close a sentence after its final punctuation.
_CLOSERS = "\"'”’»)]"
# A candidate boundary: terminal punctuation, closers, then whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_SPACE = re.compile(r"\s+")
_BULLET = re.compile(r"(?:[•●▪‣◦·*]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*")
_TERMINAL_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_][\w’'.-]*")

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen lt col capt cmdr sgt maj adm st mt ft rev hon pres
    supt insp det jr sr inc ltd co corp bros vs etc no nos vol fig approx est dept univ assn
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# After these, a capitalised word usually begins a new sentence even so.
_ENDING_ABBREVIATIONS = frozenset("etc inc ltd co corp bros jr sr".split())
SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i you his her its their our this that these those there
    but and or so yet however meanwhile still in on at for after before when while as if
    some many most all no one two three what who why how""".split()
)
_ATTRIBUTION_VERBS = (
    r"said|says|say|told|tells|asked|asks|added|adds|wrote|writes|tweeted|claimed|claims"
    r"|alleged|insisted|warned|argued|stated|declared|noted|continued|replied|explained"
)
# After a closing quote: "..., he said." or "...?" Pompeo asked.
_ATTRIBUTION_AFTER_QUOTE = re.compile(
    r"(?:(?:[A-Z][\w’'.-]*|of|the)\s+){0,5}(?:has\s+|had\s+|also\s+|then\s+)*"
    rf"(?:{_ATTRIBUTION_VERBS})\b"
)
_TITLE_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into is of on or the to with vs via over".split()
)


@dataclass(frozen=True, slots=True)
class Unit:
    """A paragraph, headline or bullet: the text between hard breaks."""

    start: int
    end: int


def _lines(text: str) -> list[tuple[int, int]]:
    """Each non-blank line as (start, end) with surrounding whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        start, end = pos, nl
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
        pos = nl + 1
    return spans


def looks_like_heading(line: str) -> bool:
    """A short line without closing punctuation whose words are mostly capitalised."""
    if _TERMINAL_END.search(line):
        return False
    words = _WORD.findall(line)
    if not words or len(words) > 14:
        return False
    big = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    if not big:
        return False
    capitalised = sum(1 for w in big if w[0].isupper())
    return capitalised / len(big) >= 0.75


HEADLINE_WORDS = 25


def opens_with_headline(text: str, found: Sequence[Unit]) -> bool:
    """Whether an article's first unit is its headline: a single line, not a bullet, of at
    most HEADLINE_WORDS words, without terminal punctuation, with more text after it
    ("Harbour town votes to expand ferry service"). An article of one such line is a
    sentence (a transcript's line, a one-sentence input), not a headline."""
    if len(found) < 2:
        return False
    line = text[found[0].start : found[0].end]
    return (
        "\n" not in line
        and not _TERMINAL_END.search(line)
        and not _BULLET.match(line)
        and len(line.split()) <= HEADLINE_WORDS
    )


def _joins(text: str, prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """Whether a single line break between two lines is only a wrap inside a paragraph."""
    prev_line = text[prev[0] : prev[1]]
    if _TERMINAL_END.search(prev_line) or len(prev_line) < 40:
        return False
    if _BULLET.match(text, nxt[0]) or _BULLET.match(text, prev[0]):
        return False
    if looks_like_heading(prev_line):
        return False
    # A wrapped line continues mid-sentence; a new one would start with a capital.
    first = text[nxt[0]]
    return first.islower() or first.isdigit() or prev_line[-1] in ",;-–—("


def units(text: str) -> list[Unit]:
    """Paragraphs, headlines and bullets: blank lines always separate units; a single
    line break does too unless it only wraps a paragraph."""
    result: list[Unit] = []
    prev_line_end = -2
    current: tuple[int, int] | None = None
    prev: tuple[int, int] | None = None
    for line in _lines(text):
        adjacent = prev is not None and text.count("\n", prev_line_end, line[0]) == 1
        if current is not None and prev is not None and adjacent and _joins(text, prev, line):
            current = (current[0], line[1])
        else:
            if current is not None:
                result.append(Unit(*current))
            current = line
        prev = line
        prev_line_end = line[1]
    if current is not None:
        result.append(Unit(*current))
    return result


def _token_before(text: str, start: int, punct: int) -> str:
    """The word that the punctuation at ``punct`` closes, without opening quotes."""
    i = punct
    while i > start and not text[i - 1].isspace():
        i -= 1
    return text[i:punct].lstrip("\"'“‘([")


def _is_boundary(text: str, unit: Unit, match: re.Match[str], next_start: int) -> bool:
    """Decide whether a candidate boundary really ends a sentence."""
    mark = match.group()
    nxt = text[next_start] if next_start < unit.end else ""
    if not nxt:
        return True
    if nxt.islower():
        return False  # "… by Pompeo", "e.g. the", "… ,” he said"
    closed_quote = any(ch in "\"'”’»" for ch in mark)
    if closed_quote and mark[0] in "!?" and _ATTRIBUTION_AFTER_QUOTE.match(text, next_start):
        return False
    if mark[0] != "." or len(mark.rstrip(_CLOSERS)) > 1:
        return True
    token = _token_before(text, unit.start, match.start())
    lower = token.lower()
    next_word = _WORD.match(text, next_start)
    starter = bool(next_word) and next_word.group().lower() in SENTENCE_STARTERS  # type: ignore[union-attr]
    if lower == "no":  # "No. 5" is an abbreviation; "Tehran said no." ends a sentence
        return not nxt.isdigit()
    if lower in ABBREVIATIONS:
        return lower in _ENDING_ABBREVIATIONS and starter
    if len(token) == 1 and token.isupper():
        return False  # an initial: "George W. Bush"
    if "." in token and re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):
        return starter  # "U.S.", "D.C.": a sentence ends there only before "The", "He", …
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    bullet = _BULLET.match(text, start, end)
    if bullet and bullet.end() < end:
        start = bullet.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def unit_sentences(text: str, unit: Unit) -> list[tuple[int, int]]:
    """The sentences of one unit."""
    spans: list[tuple[int, int]] = []
    start = unit.start
    for match in _BOUNDARY.finditer(text, unit.start, unit.end):
        ws = _SPACE.match(text, match.end(), unit.end)
        next_start = ws.end() if ws else match.end()
        if match.end() <= start or not _is_boundary(text, unit, match, next_start):
            continue
        s, e = _trim(text, start, match.end())
        if e > s:
            spans.append((s, e))
        start = next_start
    s, e = _trim(text, start, unit.end)
    if e > s:
        spans.append((s, e))
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Every sentence of ``text`` as ``(start, end)`` offsets, in order."""
    return [span for unit in units(text) for span in unit_sentences(text, unit)]
