"""The values two reports of one event can disagree on: the year or date the event is
placed at, a number or amount, and polarity (one says it happened or was said, the other
that it was denied or dismissed).

A year that names a thing rather than dates the event is left out: in "Trump left the
2015 nuclear deal in 2018" the event is dated 2018; "2015" names the deal."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factdesk.cluster.lexicon import NEGATIONS
from factdesk.cluster.terms import core, stem

_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH = (
    r"(?:"
    + "|".join(m.capitalize() for m in _MONTHS)
    + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
# "in 2018", "since 2018", "on January 12, 2021", "in August", "from 2015": the event's time.
_EVENT_YEAR = re.compile(
    r"\b(?:in|since|from|by|until|till|during|of|on|year)\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?:" + _MONTH + r"\s+(?:\d{1,2},?\s+)?)?((?:19|20)\d\d)\b(?![-–]?\d)"
)
_EVENT_MONTH = re.compile(r"\b(?:in|on|since|from|until|by|during)\s+(" + _MONTH + r")(?!\w)")
# A number with the noun it counts ("12 days", "two US embassies", "$3 million").
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
_NUMBER = re.compile(
    r"(?<![\w/.,])(\$|€|£)?(\d(?:[\d,]*\d)?(?:\.\d+)?|"
    + "|".join(_WORD_NUMBERS)
    + r")(\s*(?:%|percent|per cent|million|billion|trillion|thousand))?"
    r"\s+((?:[A-Za-z][\w-]*\s+){0,2}?[a-z][\w-]*)",
    re.IGNORECASE,
)
_ADJECTIVES = frozenset("more than about nearly almost over under some least at".split())


@dataclass(frozen=True, slots=True)
class Facts:
    """What a claim says of its event's time, counts and polarity."""

    years: frozenset[str]
    months: frozenset[str]
    numbers: dict[str, str]  # the stem of the counted noun → the number as written
    negated: bool


def facts(text: str) -> Facts:
    """The facts of one claim's main clause and its whole text (years from the whole:
    "Relations soured in 2018 when …" dates its event in a clause of its own)."""
    years = frozenset(m.group(1) for m in _EVENT_YEAR.finditer(text))
    months = frozenset(m.group(1).rstrip(".")[:3].lower() for m in _EVENT_MONTH.finditer(text))
    numbers: dict[str, str] = {}
    for m in _NUMBER.finditer(text):
        value = m.group(2)
        if re.fullmatch(r"(?:19|20)\d\d", value):
            continue  # a year, not a count
        noun = m.group(4).split()[-1].lower()
        if noun in _ADJECTIVES:
            continue
        numbers.setdefault(stem(noun), (m.group(1) or "") + value + (m.group(3) or ""))
    main = core(text)
    negated = bool(set(re.findall(r"[a-z']+", main.lower())) & NEGATIONS) or "n't" in main
    return Facts(years, months, numbers, negated)


def _number(value: str) -> float | None:
    word = _WORD_NUMBERS.get(value.lower())
    if word is not None:
        return float(word)
    digits = re.sub(r"[^\d.]", "", value)
    try:
        return float(digits)
    except ValueError:
        return None


def disagreements(a: Facts, b: Facts) -> list[tuple[str, str, str]]:
    """Where two reports of one event disagree: (kind, value in a, value in b)."""
    found: list[tuple[str, str, str]] = []
    if a.years and b.years and not a.years & b.years:
        found.append(("date", ", ".join(sorted(a.years)), ", ".join(sorted(b.years))))
    elif a.months and b.months and not a.months & b.months:
        found.append(("date", ", ".join(sorted(a.months)), ", ".join(sorted(b.months))))
    for noun in sorted(a.numbers.keys() & b.numbers.keys()):
        x, y = a.numbers[noun], b.numbers[noun]
        if _number(x) != _number(y):
            found.append(("number", x, y))
    if a.negated != b.negated:
        found.append(("polarity", "denied" if a.negated else "asserted",
                      "denied" if b.negated else "asserted"))  # fmt: skip
    return found
