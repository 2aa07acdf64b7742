"""The values two reports of one event can disagree on: the year or date the event is
placed at, a number or amount, and polarity (one says it happened or was said, the other
that it was denied or dismissed).

A date belongs to its clause, and two dates disagree only when their clauses tell of one
event (the same actor and the same act): in "The Times reported in November that Masri
was killed" and "Masri was killed in August" the month dates the report in one and the
killing in the other, so they do not disagree. A date straight after a reporting verb
dates the report and is left out; a clause opened by "when" or "after" straight after a
date is dated by it ("deteriorated in 2018 when Trump withdrew"). A year that names a
thing rather than dates an event is left out: in "Trump left the 2015 nuclear deal in
2018" the event is dated 2018; "2015" names the deal."""

from __future__ import annotations

import math
import re
from collections.abc import Container
from dataclasses import dataclass

from factdesk.cluster.lexicon import ACTS, DENIALS
from factdesk.cluster.terms import Profile, Terms, Word, parsed, stem, terms

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
    r"\b(in|since|from|by|until|till|during|of|on|year)\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?:" + _MONTH + r"\s+(?:\d{1,2},?\s+)?)?((?:19|20)\d\d)\b(?![-–]?\d)"
)
_MONTH_NAMES = {m[:3]: m.capitalize() for m in _MONTHS}
_MONTH_IN = re.compile(_MONTH)
_EVENT_MONTH = re.compile(r"\b(?:in|on|since|from|until|by|during)\s+(" + _MONTH + r")(?!\w)")
# A date right after one of these dates the report, not the event ("reported in November").
_REPORT_BEFORE = re.compile(
    r"\b(?:said|says|reported|reports|announced|announces|told|wrote|writes|confirmed"
    r"|stated|claimed|tweeted|revealed|disclosed|published|added)\s*$",
    re.IGNORECASE,
)
# Where one clause ends and another begins.
_CLAUSE = re.compile(
    r"[;:]\s+|,\s+(?:and|but|while|whereas|which|who|saying|adding|although|though)\s+"
    r"|\s+(?:that|which|while|whereas|although|though|because|after|before|when|as|until)\s+",
    re.IGNORECASE,
)
_TEMPORAL = frozenset("when after before as until".split())
_DATE_AT_END = re.compile(r"(?:(?:19|20)\d\d|" + _MONTH + r")\s*$")
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
# The words that say a claim is asserted, for naming its polarity ("said" / "denied").
_ASSERTING = frozenset(
    """said says reported reports claimed claims alleged alleges accused accuses
    confirmed confirms announced stated asserted asserts insisted insists told wrote
    argued maintained believes""".split()
)
_NEGATORS = {"never": "never", "no": "no", "not": "not", "cannot": "not"}


@dataclass(frozen=True, slots=True)
class Dated:
    """A date a claim gives an event, with the terms of the clause that tells the event."""

    year: str | None
    month: str | None
    names: frozenset[str]
    words: frozenset[str]
    since: bool = False  # "since 2018", "from 2018": that year and every year after

    def contradicts(self, other: Dated) -> bool:
        """Whether two years of one event cannot both be so ("in 2015" / "in 2018"; but
        "since 2018" allows "in 2019")."""
        if not (self.year and other.year) or self.year == other.year:
            return False
        if self.since and other.year > self.year or other.since and self.year > other.year:
            return False
        return True

    def same_event(self, other: Dated) -> bool:
        """Whether two dated clauses tell of one event: they share an actor, no act
        tells them apart ("signed" / "withdrew from"), and they share more than half of
        the shorter clause's other terms."""
        if not self.names & other.names:
            return False
        acts, other_acts = self.words & ACTS, other.words & ACTS
        if acts and other_acts and not acts & other_acts:
            return False
        shared = len(self.words & other.words)
        return shared > 0 and shared > min(len(self.words), len(other.words)) / 2

    def value(self) -> str:
        """The date as written in a conflict: the year, else the month."""
        return self.year or self.month or ""


@dataclass(frozen=True, slots=True)
class Counted:
    """A number a claim gives: the stem of the noun it counts, the number as written, the
    range it allows ("more than 40" allows 41 and up), and the terms of its clause."""

    noun: str
    value: str
    low: float
    high: float
    names: frozenset[str]
    words: frozenset[str]

    def same_event(self, other: Counted) -> bool:
        """Whether two counts of one noun count in one event (see :meth:`Dated.same_event`,
        the counted noun itself left out)."""
        mine = Dated(None, None, self.names, self.words - {self.noun})
        return mine.same_event(Dated(None, None, other.names, other.words - {other.noun}))


@dataclass(frozen=True, slots=True)
class Facts:
    """What a claim says of its event's time, counts and polarity."""

    dates: tuple[Dated, ...]
    numbers: tuple[Counted, ...]
    negated: bool
    verb: str  # the word that says it is so or not ("said", "denied", "not")

    @property
    def years(self) -> frozenset[str]:
        """The years the claim dates its events at."""
        return frozenset(d.year for d in self.dates if d.year)


# A claim's profile and facts, worked out beside its extraction (for the store).
Prepared = tuple[Profile, "Facts"]


def clauses(text: str) -> list[str]:
    """A claim cut into clauses (a clause opened by "when", "after", … straight after a
    date stays with the clause the date is in)."""
    found: list[str] = []
    start = 0
    for match in _CLAUSE.finditer(text):
        word = match.group().strip(" ,").lower()
        if word in _TEMPORAL and _DATE_AT_END.search(text, 0, match.start()):
            continue
        found.append(text[start : match.start()])
        start = match.end()
    found.append(text[start:])
    return [c for c in found if c.strip()]


def _dates(clause: str, names: Container[str]) -> list[Dated]:
    """The dates of one clause. Several dates in a clause each take the words from the
    date before them to themselves ("Acme, founded in 1998, was sold in 2020": founding
    in 1998, selling in 2020), and all take the clause's names."""
    spans: list[tuple[int, int, str | None, str | None, bool]] = []
    for m in _EVENT_YEAR.finditer(clause):
        if not _REPORT_BEFORE.search(clause, 0, m.start()):
            written = _MONTH_IN.search(m.group())
            name = _MONTH_NAMES[written.group()[:3].lower()] if written else None
            since = m.group(1).lower() in ("since", "from")
            spans.append((m.start(), m.end(), m.group(2), name, since))
    for m in _EVENT_MONTH.finditer(clause):
        if _REPORT_BEFORE.search(clause, 0, m.start()):
            continue
        if not any(start <= m.start() < end for start, end, *_ in spans):
            spans.append((m.start(), m.end(), None, _MONTH_NAMES[m.group(1)[:3].lower()], False))
    if not spans:
        return []
    spans.sort()
    whole = terms(clause, None, names)
    if len(spans) == 1:
        _, _, year, month, since = spans[0]
        return [Dated(year, month, whole.names, whole.words, since)]
    found = []
    previous = 0
    for i, (_, end, year, month, since) in enumerate(spans):
        part = clause[previous : len(clause) if i == len(spans) - 1 else end]
        found.append(Dated(year, month, whole.names, terms(part, None, names).words, since))
        previous = end
    return found


def facts(
    text: str,
    names: Container[str] = (),
    read: tuple[Profile, list[Word], list[Word]] | None = None,
) -> Facts:
    """The facts of one claim: the dates of its clauses, its counts, and the polarity of
    its main clause. ``names`` holds words known to be names (see ``terms.profile``);
    ``read`` is the claim as ``terms.parsed`` read it, when it already has."""
    dated = _EVENT_YEAR.search(text) or _EVENT_MONTH.search(text)
    counted = _NUMBER.search(text)
    parts = clauses(text) if dated or counted else []
    dates = tuple(d for clause in parts for d in _dates(clause, names)) if dated else ()
    numbers: list[Counted] = []
    for clause in parts if counted else ():
        event: Terms | None = None
        for m in _NUMBER.finditer(clause):
            value = m.group(2)
            if re.fullmatch(r"(?:19|20)\d\d", value):
                continue  # a year, not a count
            noun = m.group(4).split()[-1].lower()
            amount = _number(value, m.group(3))
            if noun in _ADJECTIVES or amount is None:
                continue
            low, high = _range(clause[: m.start()], amount)
            event = event or terms(clause, None, names)
            written = (m.group(1) or "") + value + (m.group(3) or "")
            numbers.append(Counted(stem(noun), written, low, high, event.names, event.words))
    if read is None:
        read = parsed(text, None, names)
    found, main, tokens = read
    return Facts(dates, tuple(numbers), found.negated, _verb(main, tokens, found.negated))


def _verb(main: list[Word], tokens: list[Word], is_negated: bool) -> str:
    """The word that says a claim is so ("said", "reported") or not ("denied", "not")."""
    if is_negated:
        for word in main:
            lower = word.lower
            if lower in DENIALS:
                return lower
            if lower.endswith("n't"):
                return "not"
            if lower in _NEGATORS:
                return _NEGATORS[lower]
        return "not"
    for word in tokens:
        if word.lower in _ASSERTING:
            return word.lower
    return "asserted"


_SCALE = {"million": 1e6, "billion": 1e9, "trillion": 1e12, "thousand": 1e3}
_AT_LEAST = re.compile(r"\b(?:more\s+than|over|at\s+least|upwards\s+of|above)\s*$", re.I)
_AT_MOST = re.compile(
    r"\b(?:nearly|almost|up\s+to|under|fewer\s+than|less\s+than|close\s+to|below)\s*$", re.I
)
_ABOUT = re.compile(
    r"\b(?:about|around|some|roughly|approximately|an\s+estimated|estimated)\s*$", re.I
)


def _number(value: str, unit: str | None = None) -> float | None:
    word = _WORD_NUMBERS.get(value.lower())
    if word is not None:
        amount = float(word)
    else:
        try:
            amount = float(re.sub(r"[^\d.]", "", value))
        except ValueError:
            return None
    return amount * _SCALE.get((unit or "").strip().lower(), 1.0)


def _range(before: str, amount: float) -> tuple[float, float]:
    """The values a number allows, hedged by the words before it."""
    if _AT_LEAST.search(before):
        return amount, math.inf
    if _AT_MOST.search(before):
        return 0.0, amount
    if _ABOUT.search(before):
        return amount * 0.75, amount * 1.25
    return amount, amount


def disagreements(a: Facts, b: Facts) -> list[tuple[str, str, str]]:
    """Where two reports of one event disagree: (kind, value in a, value in b). Dates
    count only between clauses that tell of one event; numbers and polarity are for the
    caller to weigh by how alike the two claims are."""
    found: list[tuple[str, str, str]] = []
    for x in a.dates:
        for y in b.dates:
            if not x.same_event(y):
                continue
            if x.contradicts(y):
                found.append(("date", x.value(), y.value()))
            elif x.month and y.month and x.month != y.month and x.year == y.year:
                found.append(("date", x.month, y.month))
    found = list(dict.fromkeys(found))[:1]  # one date conflict a pair is enough
    counts = []
    for one in a.numbers:
        for two in b.numbers:
            if one.noun != two.noun or not one.same_event(two):
                continue
            if one.high < two.low or two.high < one.low:
                counts.append(("number", one.value, two.value))
    found += list(dict.fromkeys(counts))
    if a.negated != b.negated:
        found.append(("polarity", a.verb, b.verb))
    return found
