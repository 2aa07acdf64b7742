"""A claim as the set of terms that say what it asserts, the same for two wordings of it:
stems ("killed", "killing" → kill), news synonyms folded ("shot dead", "gunned down" →
kill), a name by its last word, its title left out ("Mike Pompeo", "Secretary Pompeo" →
pmp) and by its consonants, so that spellings of one transliteration meet ("al-Qaeda",
"Al Qaeda", "al-Qaida" → qd), a country by one term whether named, its people or its
capital ("Tehran", "Iranian" → @iran), and an acronym by the name it stands for when the
text says so ("the Joint Comprehensive Plan of Action (JCPOA)").

A negation is not a term: "not clear" and "unclear" are both "clear", and the claim is
marked negated (see :func:`negated`). Whether it tells of a plan or forecast, of the past
or of now is marked too (see :func:`tense`).

Reporting words, titles, function words and numbers are left out: two outlets differ in
those (numbers and dates are what a conflict compares, in facts.py); so is the framing of
the main clause (see :func:`core`): who reported it, asides, trailing attributions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass
from typing import NamedTuple

import snowballstemmer

from factdesk.cluster.lexicon import (
    FAILURES,
    FUTURE,
    FUTURE_BEFORE_TO,
    KNOWN_ACRONYMS,
    NAME_PARTICLES,
    NEGATED_ADJECTIVES,
    NEGATIONS,
    NOW,
    PAST,
    PHRASES,
    PLACES,
    STOPWORDS,
    SYNONYMS,
    TITLES,
)

_STEMMER = snowballstemmer.stemmer("english")
_STEMS: dict[str, str] = {}
# Words (with inner apostrophes, dots of "U.S." and hyphens), numbers, and brackets.
_TOKEN = re.compile(r"[^\W\d_](?:[\w.'’-]*\w)?\.?|\d[\d,.]*\d|\d|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s?$")
_VOWELS = re.compile(r"[aeiouy]+")


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
_STOP_STEMS = frozenset(stem(w) for w in STOPWORDS) - set(_FOLD)
_MULTI: dict[tuple[str, ...], str] = {}
# The first words of phrases and place names → the rest of each, longest first.
_FIRST: dict[str, list[tuple[list[str], str]]] = {}
for _phrase, _term in PHRASES:
    _MULTI[tuple(_phrase.split())] = _term
for _place, _aliases in PLACES.items():
    for _alias in (_place, *_aliases):
        _MULTI[tuple(_alias.split())] = "@" + _place.replace(" ", "_")
for _key, _term in sorted(_MULTI.items(), key=lambda item: -len(item[0])):
    _FIRST.setdefault(_key[0], []).append((list(_key[1:]), _term))
_LONGEST = max(map(len, _MULTI))  # the most words of a phrase
_PLACE_WORDS = {key[0]: term for key, term in _MULTI.items() if len(key) == 1 and term[:1] == "@"}


class Word(NamedTuple):
    """A token of a claim: its lower-case form and whether it was capitalised."""

    lower: str
    capital: bool
    acronym: bool


def words(text: str) -> list[Word]:
    """The claim's tokens, possessives cut ("Iran's" → iran)."""
    known = _WORDS
    if len(known) > 200_000:  # a bound on the words remembered
        known.clear()
    result = []
    for token in _TOKEN.findall(text):
        word = known.get(token)
        if word is None:
            word = known[token] = _word(token)
        result.append(word)
    return result


def _word(token: str) -> Word:
    if not token[0].isalpha():
        return Word(token, False, False)
    if "’" in token:
        token = token.replace("’", "'")
    if "'" in token:
        token = _POSSESSIVE.sub("", token) or token
    if token[-1] == "." and token.count(".") == 1:
        token = token[:-1]
    upper = token.isupper()
    acronym = upper and 2 <= len(token) <= 6 and token.isalpha()
    return Word(token.lower(), upper or token[0].isupper(), acronym)


_WORDS: dict[str, Word] = {}  # each token seen, as a Word (news repeats its words)


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
    clause (:func:`core`), when it places its event ("past", "now", "future" for a plan or
    a forecast, or None), and whether its main clause is negated or a denial."""

    full: Terms
    core: Terms
    when: str | None
    negated: bool


# "JAKARTA - ", "WASHINGTON (Reuters) — ": a dateline, where the report was filed.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’]{2,40}(?:\([^)]{1,40}\))?\s*[-–—]+\s+")


def profile(
    text: str, aliases: dict[str, str] | None = None, names: Container[str] = ()
) -> Profile:
    """The profile of one claim. ``aliases`` maps acronyms to the name terms they stand
    for, ``names`` holds words known to be names (so that a name opening a sentence is
    read as one): both from :func:`vocabulary` over the articles read so far."""
    return parsed(text, aliases, names)[0]


def parsed(
    text: str, aliases: dict[str, str] | None = None, names: Container[str] = ()
) -> tuple[Profile, list[Word], list[Word]]:
    """A claim's profile, with the tokens of its main clause and of the whole claim (its
    dateline cut), for :func:`factdesk.cluster.facts.facts` to read without tokenising
    the claim again."""
    text = _DATELINE.sub("", text, count=1)
    main = core(text)
    tokens = words(text)
    full = _terms(tokens, aliases, names)
    if main == text:
        main_tokens, main_terms = tokens, full
    else:
        main_tokens = words(main)
        main_terms = _terms(main_tokens, aliases, names)
    if not full.words or len(full.all) < 2:
        # Too few terms to compare ("No one is fooled."): the wording itself is one.
        key = "=" + "_".join(w.lower for w in tokens if w.lower[0].isalnum())
        if key != "=":
            full = Terms(full.names, full.words | {key}, full.all | {key})
            main_terms = full
    found = Profile(full, main_terms, tense(main_tokens, tokens), negated(main_tokens))
    return found, main_tokens, tokens


def tense(main: list[Word], tokens: list[Word]) -> str | None:
    """When a claim places its event: "future" when its main clause plans or forecasts
    it ("will", "could", "is expected to", "plans to"), else "past" or "now" when a word
    of the claim says so, else None."""
    for i, word in enumerate(main):
        lower = word.lower
        if lower in FUTURE or lower.startswith("won'") or (lower == "may" and not word.capital):
            return "future"
        if lower in FUTURE_BEFORE_TO and i + 1 < len(main) and main[i + 1].lower == "to":
            return "future"
    lowered = {w.lower for w in tokens}
    return "past" if lowered & PAST else "now" if lowered & NOW else None


def negated(tokens: list[Word]) -> bool:
    """Whether a clause says its statement is not so: an odd number of negations and
    denials ("not", "never", "denied", "failed to", "unclear"). "Denied that it had ever"
    and "said it had never" are both negated; "not clear" and "unclear" both are. Only
    the first of coordinated clauses counts ("accused Iran, but did not provide …"), and
    a negation of the evidence is not one of the statement ("made the claim without
    evidence", "failed to provide proof")."""
    count = 0
    for i, word in enumerate(tokens):
        lower = word.lower
        if lower == "but" and i > 0:
            break
        if lower in NEGATIONS or lower in NEGATED_ADJECTIVES or lower.endswith("n't"):
            if lower == "not" and i + 1 < len(tokens) and tokens[i + 1].lower == "only":
                continue  # "not only … but also"
        elif not (lower in FAILURES and i + 1 < len(tokens) and tokens[i + 1].lower == "to"):
            continue
        if not any(t.lower in _EVIDENCE for t in tokens[i + 1 : i + 6]):
            count += 1
    return count % 2 == 1


_EVIDENCE = frozenset("evidence proof proofs details explanation substantiation".split())


def acronyms(text: str) -> dict[str, str]:
    """The acronyms a text defines, each with the term of the name it stands for: "the
    Joint Comprehensive Plan of Action (JCPOA)" and "AQ [Al Qaeda]" both count, as does an
    acronym made of a name's initials written next to it."""
    return _acronyms(words(text))


def vocabulary(text: str, capital: Counter[str], lower: Counter[str]) -> dict[str, str]:
    """Read an article: count its words written capitalised inside a sentence into
    ``capital`` and written in lower case into ``lower`` (a word only ever capitalised
    inside sentences is a name, see :func:`is_name`), and return the acronyms it defines."""
    tokens = words(text)
    previous = "."
    for word in tokens:
        if word.lower[0].isalpha() and not word.acronym:
            if not word.capital:
                lower[word.lower] += 1
            elif previous not in _SENTENCE_OPENERS:
                capital[word.lower] += 1
        previous = word.lower
    return _acronyms(tokens)


_SENTENCE_OPENERS = frozenset(". ! ? : ; “ \" ‘ ' ( [ - – —".split())


def is_name(word: str, capital: Counter[str], lower: Counter[str]) -> bool:
    """Whether a word is a name: written capitalised inside sentences, never in lower case
    (headlines glued to paragraphs capitalise common words: "Relations" is not a name
    once some sentence writes "relations")."""
    return capital[word] > 0 and lower[word] == 0 and word not in STOPWORDS


def _acronyms(tokens: list[Word]) -> dict[str, str]:
    found: dict[str, str] = {}
    for i, word in enumerate(tokens):
        if not word.acronym:
            continue
        # "Name (ACR)": the capitalised words before the bracket.
        if i >= 2 and tokens[i - 1].lower in "([" and i + 1 < len(tokens):
            name = _name_before(tokens, i - 1)
            if name and word.lower in _initials(name):
                found[word.lower] = name[-1].lower
        # "ACR [Name]" / "ACR (Name)"
        if i + 2 < len(tokens) and tokens[i + 1].lower in "([":
            name = _name_after(tokens, i + 2)
            if name and word.lower in _initials(name):
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


def _initials(name: list[Word]) -> tuple[str, str]:
    """A name's initials, without and with its small words ("Plan of Action": pa, poa)."""
    short, long = [], []
    for word in name:
        parts = word.lower.split("-")
        short += [p[0] for p in parts if p and (word.capital or p in NAME_PARTICLES)]
        long += [p[0] for p in parts if p]
    return "".join(short), "".join(long)


def terms(text: str, aliases: dict[str, str] | None = None, names: Container[str] = ()) -> Terms:
    """The terms of one claim. ``aliases`` maps acronyms to the name terms they stand for
    (from :func:`acronyms` over the articles read so far), ``names`` holds words known to
    be names."""
    return _terms(words(text), aliases, names)


def _terms(tokens: list[Word], aliases: dict[str, str] | None, known: Container[str]) -> Terms:
    aliases = aliases or {}
    names: set[str] = set()
    found: set[str] = set()
    i = 0
    run: str | None = None  # the last word of the run of capitalised words being read
    count = len(tokens)
    while i < count:
        word = tokens[i]
        lower = word.lower
        if not word.capital:
            plain = _PLAIN.get(lower, _UNREAD)
            if plain is _UNREAD:
                if len(_PLAIN) > 200_000:  # a bound on the words remembered
                    _PLAIN.clear()
                plain = _PLAIN[lower] = _plain(lower)
            if plain is not None:  # a common word: it ends a name, its terms read once
                i += 1
                if run:
                    names.add(run)
                run = None
                for term in plain:
                    (names if term[0] == "@" else found).add(term)
                continue
        if lower in _FIRST:
            multi = _match(tokens, i)
            if multi is not None:
                term, length = multi
                if term:
                    (names if term.startswith("@") else found).add(term)
                if run:
                    names.add(run)
                    run = None
                i += length
                continue
        i += 1
        if not lower[0].isalpha():
            if run:
                names.add(run)
                run = None
            continue
        if word.acronym and (lower in aliases or lower in KNOWN_ACRONYMS):
            names.add(name_term(aliases.get(lower) or KNOWN_ACRONYMS[lower]))
            continue
        if "-" in lower and word.capital and lower.partition("-")[0] in _PLACE_WORDS:
            if run:
                names.add(run)
                run = None
            names.update(_PLACE_WORDS.get(p, name_term(p)) for p in lower.split("-") if p)
            continue  # "US-Iran ties"
        starts_name = i > 1 or (i < count and tokens[i].capital) or lower in known
        if word.capital and starts_name and lower not in STOPWORDS or word.acronym:
            # A name, read to its last word ("Abu Muhammad al-Masri" → masri), its title
            # left out ("Secretary of State Mike Pompeo" → pompeo).
            if lower not in TITLES:
                run = name_term(lower)
            elif run is None:
                run = ""
            continue
        if run is not None and lower == "of" and i < count and tokens[i].capital:
            continue  # "Secretary of State Mike Pompeo": one name, its last word
        if run is not None and lower in NAME_PARTICLES:
            continue  # "Muhammad al Masri": the particle stays inside the name
        if "-" in lower and lower.partition("-")[0] in NAME_PARTICLES:
            run = name_term(lower)  # "al-Masri", "bin-Laden"
            continue
        if run:
            names.add(run)
        run = None
        if lower in STOPWORDS or lower in NAME_PARTICLES or lower in TITLES:
            continue
        positive = NEGATED_ADJECTIVES.get(lower)
        if positive is not None:
            lower = positive  # "unclear": "clear", the claim negated
        for part in lower.split("-") if "-" in lower else (lower,):
            place = _PLACE_WORDS.get(part)
            if place is not None:
                names.add(place)  # "US-Iran ties", "anti-Iran"
            elif len(part) > 2 and part.isalpha():
                stemmed = stem(part)
                if stemmed not in _STOP_STEMS:
                    found.add(_FOLD.get(stemmed, stemmed))
    if run:
        names.add(run)
    return Terms(frozenset(names), frozenset(found - names), frozenset(names | found))


def _plain(lower: str) -> tuple[str, ...] | None:
    """The terms of a lower-case word that can begin no phrase and sit inside no name,
    as :func:`_terms` reads it; None for any other word."""
    if lower in _FIRST or not lower[0].isalpha() or lower == "of" or lower in NAME_PARTICLES:
        return None
    if "-" in lower and lower.partition("-")[0] in NAME_PARTICLES:
        return None
    if lower in STOPWORDS or lower in TITLES:
        return ()
    lower = NEGATED_ADJECTIVES.get(lower, lower)  # "unclear": "clear", the claim negated
    found = []
    for part in lower.split("-") if "-" in lower else (lower,):
        place = _PLACE_WORDS.get(part)
        if place is not None:
            found.append(place)  # "anti-Iran"
        elif len(part) > 2 and part.isalpha():
            stemmed = stem(part)
            if stemmed not in _STOP_STEMS:
                found.append(_FOLD.get(stemmed, stemmed))
    return tuple(found)


_UNREAD = ("",)  # a word not yet looked up in _PLAIN
_PLAIN: dict[str, tuple[str, ...] | None] = {}  # see _plain (news repeats its words)


def name_term(lower: str) -> str:
    """A name's word as a term (see :func:`_name_term`; cached)."""
    found = _NAME_TERMS.get(lower)
    if found is None:
        if len(_NAME_TERMS) > 200_000:
            _NAME_TERMS.clear()
        found = _NAME_TERMS[lower] = _name_term(lower)
    return found


_NAME_TERMS: dict[str, str] = {}


def _name_term(lower: str) -> str:
    """A name's word as a term, by its consonants: a particle joined by a hyphen goes
    ("al-masri" → msr), and spellings of one name meet ("Qaeda", "Qaida" → qd;
    "Muhammad", "Mohammed" → mhmd). Short names and acronyms stay as they are."""
    head, _, rest = lower.partition("-")
    if rest and head in NAME_PARTICLES:
        lower = rest
    lower = lower.replace(".", "").replace("'", "")
    if len(lower) < 4:
        return lower
    skeleton = lower[0] + _VOWELS.sub("", lower[1:])
    return "".join(c for j, c in enumerate(skeleton) if j == 0 or c != skeleton[j - 1])


def _match(tokens: list[Word], i: int) -> tuple[str, int] | None:
    """The longest phrase or place name starting at token ``i``, with its length."""
    following: list[str] | None = None
    for rest, term in _FIRST[tokens[i].lower]:
        if rest:
            if following is None:
                following = [t.lower for t in tokens[i + 1 : i + _LONGEST]]
            if following[: len(rest)] != rest:
                continue
        return term, len(rest) + 1
    return None


# What frames a claim rather than states it: a leading subordinate clause ("Though he
# failed to …, Pompeo confirmed …"), an aside between commas ("Masri, accused of …, was
# killed"), a trailing participle or relative clause (", saying …", ", which was …"), a
# trailing attribution (", said a source"), and who reported it ("The Times reported that").
_OPENER = re.compile(
    r"^(?:(?:meanwhile|however|ironically|moreover|furthermore|indeed|separately|but|and|yet"
    r"|so|still|also)\b,?\s+)+",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:though|although|while|whereas|with|following|after|before|despite|as|since|when"
    r"|if|unlike|in|on|at|for|from|during|amid|according\s+to)"
    r"\b[^,]{3,160},\s+",
    re.IGNORECASE,
)
_ASIDE = re.compile(r",\s+(?:[^,]{3,140}),(?=\s)")
_TAIL = re.compile(
    r"(?:,\s+(?:saying|adding|describing|stressing|calling|noting|insisting|claiming"
    r"|referring|arguing|citing|which|who|whose|according|while|said|says|told)\b"
    r"|\s+while\s+\w+ing\b).*$",
    re.IGNORECASE | re.DOTALL,
)
_REPORTED = re.compile(
    r"^(?:[^,;:“”\"]{2,80}?\s)?(?:said|says|reported|reports"
    r"|claimed|claims|alleged|alleges|confirmed|confirms|announced|stated|asserted|asserts"
    r"|insisted|insists|added|wrote|argued|believes?|noted|maintained|maintains"
    r"|have\s+emerged|has\s+emerged|emerged)\b[^,;:“”\"]{0,40}?\s+that\s+",
    re.IGNORECASE,
)


def core(text: str) -> str:
    """The main clause of a claim, its framing cut (the whole claim if too little is left)."""
    cut = _TAIL.sub("", _LEAD.sub("", _OPENER.sub("", text, count=1), count=1))
    reported = _REPORTED.sub("", cut, count=1)
    if len(reported.split()) >= 4:
        cut = reported
    cut = _ASIDE.sub(_unless_name, cut)
    cut = _APPOSITION.sub(_name_for_description, cut, count=1)
    return cut if len(cut.split()) >= 4 else text


# "The group's deputy, Abu Muhammad al-Masri, was killed": the name, not its description.
_APPOSITION = re.compile(
    r"^(?:the|a|an|its|his|her|their)\s[^,]{2,80},\s+([^,]{3,60}),\s+", re.IGNORECASE
)


def _name_for_description(match: re.Match[str]) -> str:
    name = match.group(1).split()
    if all(w[:1].isupper() or w.lower().partition("-")[0] in NAME_PARTICLES for w in name):
        return match.group(1) + " "
    return match.group()


def _unless_name(aside: re.Match[str]) -> str:
    """An aside goes, unless it is a name ("the group's deputy, Abu Muhammad al-Masri,"),
    or it follows a lone opening word ("Ironically, the … administration had …, ")."""
    before = aside.string[: aside.start()].rsplit(",", 1)[-1]
    if len(before.split()) < 2:
        return aside.group()
    inner = aside.group()[1:-1].split()
    named = sum(w[:1].isupper() or w.lower().partition("-")[0] in NAME_PARTICLES for w in inner)
    return aside.group() if named == len(inner) else ""
