"""A claim as the set of terms that say what it asserts, the same for two wordings of it:
stems ("killed", "killing" → kill), news synonyms folded ("shot dead", "gunned down" →
kill), a name by its last word ("Mike Pompeo", "Secretary Pompeo" → pompeo; "al-Qaeda",
"Al Qaeda" → qaeda), a country by one term whether named, its people or its capital
("Tehran", "Iranian" → iran), and an acronym by the name it stands for when the text says
so ("the Joint Comprehensive Plan of Action (JCPOA)").

Reporting words, function words and numbers are left out: two outlets differ in those
(numbers and dates are what a conflict compares, in facts.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import snowballstemmer

from factdesk.cluster.lexicon import (
    NAME_PARTICLES,
    NEGATIONS,
    NOW,
    PAST,
    PHRASES,
    PLACES,
    STOPWORDS,
    SYNONYMS,
)

_STEMMER = snowballstemmer.stemmer("english")
_STEMS: dict[str, str] = {}
# Words (with inner apostrophes, dots of "U.S." and hyphens), numbers, and brackets.
_TOKEN = re.compile(r"[^\W\d_](?:[\w.'’-]*\w)?\.?|\d[\d,.]*\d|\d|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s?$")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_LONGEST = 4  # the most words a phrase or place name has


def stem(word: str) -> str:
    """The Snowball stem of a lower-case word (cached: news repeats its words)."""
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = _STEMMER.stemWord(word)
    return found


def _fold_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for key, words in SYNONYMS.items():
        for word in (key, *words):
            table.setdefault(stem(word), key)
    return table


_FOLD = _fold_table()
_MULTI: dict[tuple[str, ...], str] = {}
for _phrase, _term in PHRASES:
    _MULTI[tuple(_phrase.split())] = _term
for _place, _aliases in PLACES.items():
    for _alias in (_place, *_aliases):
        _MULTI[tuple(_alias.split())] = "@" + _place.replace(" ", "_")


_FIRST = frozenset(key[0] for key in _MULTI)


@dataclass(frozen=True, slots=True)
class Word:
    """A token of a claim: its lower-case form and whether it was capitalised."""

    lower: str
    capital: bool
    acronym: bool


def words(text: str) -> list[Word]:
    """The claim's tokens, possessives cut ("Iran's" → iran)."""
    known = _WORDS
    if len(known) > 200_000:  # a bound on the cache of words seen
        known.clear()
    result = []
    for token in _TOKEN.findall(text):
        word = known.get(token)
        if word is None:
            word = known[token] = _word(token)
        result.append(word)
    return result


def _word(token: str) -> Word:
    if token[0].isalpha():
        if "'" in token or "’" in token:
            token = _POSSESSIVE.sub("", token.replace("’", "'")) or token
        if token.count(".") == 1:
            token = token.rstrip(".")
    return Word(token.lower(), token[:1].isupper(), bool(_ACRONYM.match(token)))


_WORDS: dict[str, Word] = {}


@dataclass(frozen=True, slots=True)
class Terms:
    """What a claim asserts, as terms: ``names`` are the named actors (people, places,
    organisations: "@iran" for a place), ``words`` the rest."""

    names: frozenset[str]
    words: frozenset[str]
    all: frozenset[str]  # both


@dataclass(frozen=True, slots=True)
class Profile:
    """A claim as clustering compares it: the terms of the whole claim and of its main
    clause (:func:`core`), when it places its event ("past", "now" or None), and whether
    its main clause is negated or a denial."""

    full: Terms
    core: Terms
    when: str | None
    negated: bool


def profile(text: str, aliases: dict[str, str] | None = None) -> Profile:
    """The profile of one claim."""
    main = core(text)
    full = terms(text, aliases)
    lowered = {w.lower for w in words(text)}
    when = "past" if lowered & PAST else "now" if lowered & NOW else None
    negated = bool({w.lower for w in words(main)} & NEGATIONS) or "n't" in main
    return Profile(full, full if main == text else terms(main, aliases), when, negated)


def acronyms(text: str) -> dict[str, str]:
    """The acronyms a text defines, each with the term of the name it stands for: "the
    Joint Comprehensive Plan of Action (JCPOA)" and "AQ [Al Qaeda]" both count, as does an
    acronym made of a name's initials written next to it."""
    found: dict[str, str] = {}
    tokens = words(text)
    for i, word in enumerate(tokens):
        if not word.acronym:
            continue
        # "Name (ACR)": the capitalised words before the bracket.
        if i >= 2 and tokens[i - 1].lower in "([" and i + 1 < len(tokens):
            name = _name_before(tokens, i - 1)
            if name and _initials(name) == word.lower:
                found[word.lower] = name[-1].lower
        # "ACR [Name]" / "ACR (Name)"
        if i + 2 < len(tokens) and tokens[i + 1].lower in "([":
            name = _name_after(tokens, i + 2)
            if name and _initials(name) == word.lower:
                found[word.lower] = name[-1].lower
    return found


def _name_before(tokens: list[Word], end: int) -> list[Word]:
    name: list[Word] = []
    j = end - 1
    while j >= 0 and (tokens[j].capital or tokens[j].lower in ("of", "and", "for", "the")):
        name.insert(0, tokens[j])
        j -= 1
    while name and not name[0].capital:
        name.pop(0)
    return name


def _name_after(tokens: list[Word], start: int) -> list[Word]:
    name: list[Word] = []
    j = start
    while j < len(tokens) and tokens[j].lower not in ")]":
        name.append(tokens[j])
        j += 1
    return name


def _initials(name: list[Word]) -> str:
    letters = []
    for word in name:
        parts = word.lower.split("-")
        letters += [p[0] for p in parts if p and (word.capital or p in NAME_PARTICLES)]
    return "".join(letters)


def terms(text: str, aliases: dict[str, str] | None = None) -> Terms:
    """The terms of one claim. ``aliases`` maps acronyms to the name terms they stand for
    (from :func:`acronyms` over the articles read so far)."""
    aliases = aliases or {}
    tokens = words(text)
    names: set[str] = set()
    found: set[str] = set()
    i = 0
    run: str | None = None  # the last word of the run of capitalised words being read
    while i < len(tokens):
        word = tokens[i]
        multi = _match(tokens, i)
        if multi is not None:
            term, length = multi
            (names if term.startswith("@") else found).add(term)
            if run:
                names.add(run)
                run = None
            i += length
            continue
        i += 1
        lower = word.lower
        if not lower[0].isalpha():
            if run:
                names.add(run)
                run = None
            continue
        if word.acronym and lower in aliases:
            names.add(aliases[lower])
            continue
        starts_name = i > 1 or (i < len(tokens) and tokens[i].capital)
        if word.capital and starts_name and lower not in STOPWORDS or word.acronym:
            # A name, read to its last word ("Abu Muhammad al-Masri" → masri).
            run = _name_word(lower)
            continue
        if run and lower == "of" and i < len(tokens) and tokens[i].capital:
            continue  # "Secretary of State Mike Pompeo": one name, its last word
        if run and lower in NAME_PARTICLES:
            continue  # "Muhammad al Masri": the particle stays inside the name
        if lower.partition("-")[0] in NAME_PARTICLES and "-" in lower:
            run = _name_word(lower)  # "al-Masri", "bin-Laden"
            continue
        if run:
            names.add(run)
            run = None
        if lower in STOPWORDS or lower in NAME_PARTICLES:
            continue
        for part in lower.split("-"):
            if len(part) > 1 and part not in STOPWORDS and part.isalpha():
                found.add(_FOLD.get(stem(part), stem(part)))
    if run:
        names.add(run)
    return Terms(frozenset(names), frozenset(found - names), frozenset(names | found))


def _name_word(lower: str) -> str:
    """A name's word as a term: a particle joined by a hyphen goes ("al-masri" → masri)."""
    head, _, rest = lower.partition("-")
    if rest and head in NAME_PARTICLES:
        lower = rest
    return stem(lower.replace(".", ""))


def _match(tokens: list[Word], i: int) -> tuple[str, int] | None:
    """The longest phrase or place name starting at token ``i``, with its length."""
    if tokens[i].lower not in _FIRST:
        return None
    for length in range(min(_LONGEST, len(tokens) - i), 0, -1):
        key = tuple(t.lower for t in tokens[i : i + length])
        term = _MULTI.get(key)
        if term is not None:
            return term, length
    return None


# What frames a claim rather than states it: a leading subordinate clause ("Though he
# failed to …, Pompeo confirmed …"), an aside between commas ("Masri, accused of …, was
# killed"), a trailing participle or relative clause (", saying …", ", which was …").
_LEAD = re.compile(
    r"^(?:though|although|while|whereas|with|following|after|before|despite|as|since|when"
    r"|if|unlike|meanwhile|however|in|on|at|for|from|during|amid|ironically|according\s+to)"
    r"\b[^,]{3,160},\s+",
    re.IGNORECASE,
)
_ASIDE = re.compile(r",\s+(?:[^,]{3,140}),(?=\s)")
_TAIL = re.compile(
    r",\s+(?:saying|adding|describing|stressing|calling|noting|insisting|claiming|referring"
    r"|arguing|citing|which|who|whose|according|while)\b.*$",
    re.IGNORECASE | re.DOTALL,
)


def core(text: str) -> str:
    """The main clause of a claim, its framing cut (the whole claim if too little is left)."""
    cut = _TAIL.sub("", _LEAD.sub("", text))
    cut = _ASIDE.sub(_unless_name, cut)
    return cut if len(cut.split()) >= 4 else text


def _unless_name(aside: re.Match[str]) -> str:
    """An aside goes, unless it is a name ("the group's deputy, Abu Muhammad al-Masri,")."""
    inner = aside.group()[1:-1].split()
    named = sum(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in inner)
    return aside.group() if named == len(inner) else ""
