"""Noun phrases cut from a sentence by offsets: tokens that know where they are, names
without their titles, the subject before a verb (with its apposition or aside) or after an
inverted one, and which words are pronouns, sentence openers or the first person.

Every phrase is ``sentence[a:b]``, never put together from words, so a speaker taken from
here is an exact substring of the article or nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence

import regex

from factdesk.extract.sentences import ABBREVIATIONS

# What may close a sentence after its full stop.
CLOSERS = "\"'”’»)]"
# Words that may stand between a subject and its verb: "has also claimed".
BETWEEN = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|also|further|additionally|publicly|reportedly"
    r"|repeatedly|previously|again|then|later|earlier|on\s+\w+day|last\s+\w+|this\s+\w+"
    r"|himself|herself|itself|themselves|openly|quickly|flatly|categorically"
    r"|at\s+the\s+time|went\s+on\s+to"
    # "I do not believe", "they would say", "we strongly believe": lower case only, so that
    # a name ("Theresa May said") is never taken for one of these.
    r"|(?:do|does|did|would|could|should|might|must|need|has|have|had)(?:n[’']t)?"
    r"|can|will|may|(?:ca|wo)n[’']t|not|never|still|just|really|strongly|firmly|truly"
    r"|always|personally|certainly|simply|genuinely|honestly))*\s*$"
)
# A word (letters keep their combining marks: "Zoë" in NFD is one word, and so is
# "Nguyễn"; apostrophes stay inside: "Saldaña’s", "O’Brien"), an emoji sequence as one
# token (🇬🇧, 👍🏽, 👩‍👩‍👧), or a punctuation mark.
_TOKEN = regex.compile(
    r"(?=[\p{Extended_Pictographic}\p{Regional_Indicator}])\X|[\w’'.@&-]+|[^\w\s]\p{M}*"
)
_EMOJI = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}]")
_WORD = re.compile(r"\S+")
_DASHES = frozenset("—–")
NOUN_MARKERS = frozenset(
    """his her its their the a an this that these those such our my been are were many some
    several more no new recent of emerging being""".split()
)
_STOP = frozenset(
    """that which who whom whose and but while as after before when because since although
    though if whether where so than then to also""".split()
)
_PREPOSITIONS = frozenset("to with for from at in on by about over under into".split())
LOOKBACK = 300
_PRONOUNS = frozenset("he she they it".split())
# The writer or the speaker of a transcript: not a speaker to record, and never one to
# resolve to the last person named ("I believe our country deserves better.").
_FIRST_PERSON = frozenset("i we me us i'm i've i'd i'll we're we've we'd we'll".split())
# Words that open a sentence, capitalised there, and never open a name: "So Pompeo said",
# "But Sara Patel said", "Does Secretary Clinton …" ("May", "Will" are names: not here).
OPENERS = frozenset(
    """so and but or yet if when while because since although though now then well yes no
    oh okay hey please let also still however meanwhile maybe perhaps both either neither
    do does did is are was were has have had can could should what why how who where which
    only once unless until whether even just that this these those there here
    after before as in on at for of to with by from about over under against without like
    unlike despite during among between through into upon around across toward towards
    don't doesn't didn't isn't aren't wasn't weren't can't won't""".split()
)
# Words that make a phrase a clause: "…, said the plan was rushed" has no speaker after
# "said"; "…, said a spokesman for the council" has one.
_NEGATED = "isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't"
_AUXILIARIES = frozenset(
    """is are was were be been being am has have had will would shall should can could may
    might must do does did""".split()
    + f"{_NEGATED} didn't doesn't don't".split()
    + f"{_NEGATED} didn't doesn't don't".replace("'", "’").split()
)
# What may open a noun phrase in an apposition ("The opposition leader, Sara Patel, said").
DETERMINERS = frozenset("the a an his her its their our this that these those".split())
# Marks that separate the parts of a sentence before its verb.
_SEGMENT_MARKS = frozenset([",", ";", ":", "(", ")", "“", "”", '"', *"—–"])
TITLES = frozenset(
    """us u.s. uk u.n. un eu secretary state minister foreign prime president president-elect
    vice supreme leader ayatollah spokesman spokeswoman spokesperson senator sen. rep.
    representative republican democratic democrat gen. general chief director ambassador
    mr. mrs. ms. dr. prof. german israeli iranian american british french chinese russian
    ministry official officials former senior deputy interior defense defence envoy analyst
    king queen prince sheikh governor mayor commander lieutenant colonel judge justice
    chairman chairwoman ceo""".split()
)
DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december""".split()
)


class Token(str):
    """A word or mark of a sentence that knows where it is: ``sentence[start:end]``."""

    start: int
    end: int

    @classmethod
    def at(cls, text: str, start: int) -> Token:
        token = cls(text)
        token.start, token.end = start, start + len(text)
        return token


def tokens_in(sentence: str, start: int, end: int) -> list[Token]:
    return [Token.at(m.group(), m.start()) for m in _TOKEN.finditer(sentence, start, end)]


def cut(sentence: str, tokens: list[Token]) -> str:
    """The sentence from the first token to the last, exactly as written."""
    return sentence[tokens[0].start : tokens[-1].end]


def _is_emoji(token: str) -> bool:
    return _EMOJI.match(token) is not None


def capitalised(token: str) -> bool:
    return token[:1].isupper()


def possessive(token: str) -> bool:
    return token.endswith(("’s", "'s", "’"))


def phrase_head(tokens: list[Token]) -> list[Token]:
    """The phrase up to its first preposition ("Advisers to …" → "Advisers"); "of"
    followed by a capital stays inside a title ("Secretary of State")."""
    for i, tok in enumerate(tokens[1:], start=1):
        low = tok.lower()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if low in _PREPOSITIONS or (low == "of" and not capitalised(nxt)):
            return tokens[:i]
    return tokens


def _run(tokens: list[Token]) -> list[Token]:
    """The last run of capitalised words, without its leading titles and articles."""
    run: list[Token] = []
    for tok in reversed(tokens):
        if not capitalised(tok) or possessive(tok):
            break
        run.append(tok)
    run.reverse()
    if any(is_first_person(tok) for tok in run):
        return []  # "So I", "Can I", "And I'm": never a name
    while run and (run[0].lower() in TITLES or is_opener(run[0]) or run[0] in ("The", "A", "An")):
        run.pop(0)
    return run


def is_opener(word: str) -> bool:
    """Whether a word is one that opens sentences and never names ("So", "But", "On")."""
    return word.lower().replace("’", "'") in OPENERS


def name_from(sentence: str, tokens: list[Token]) -> str | None:
    """The speaker inside a noun phrase: a name with its titles taken off, or the whole
    phrase when its head is a common noun ("the sources", "a former official")."""
    head = phrase_head([t for t in tokens if t.lower() not in DATE_WORDS])
    if not head:
        return None
    if is_first_person(head[-1]) or is_pronoun(head[-1]):
        return cut(sentence, head[-1:])  # "what I said", "as he said": the pronoun
    if all(is_opener(t) for t in head):
        return None  # "Why not just say …"
    if capitalised(head[-1]) and not possessive(head[-1]):
        run = _run(head)
        if run:
            return cut(sentence, run)
    return cut(sentence, head) if len(head) <= 8 else None


def subject_before(sentence: str, end: int, start: int) -> list[Token] | None:
    """The noun phrase that ends at ``end`` (the words before a verb), looking no further
    back than ``start``, or None."""
    between = BETWEEN.search(sentence, start, end)
    tokens = tokens_in(sentence, start, between.start() if between else end)
    while tokens and _is_emoji(tokens[-1]):  # "Jane Smith 🇬🇧 said"
        tokens.pop()
    if tokens and tokens[-1] == ",":  # "Netanyahu, a fierce critic of …, has warned"
        return _before_apposition(sentence, tokens[:-1], start)
    aside = _aside(tokens)
    if aside is not None:  # "X (who asked not to be named) said", "X — an ally — said"
        return subject_before(sentence, tokens[aside].start, start)
    phrase: list[Token] = []
    for i in range(len(tokens) - 1, -1, -1):
        tok, low = tokens[i], tokens[i].lower()
        before = tokens[i - 1].lower() if i else ""
        if not (tok[0].isalnum() or tok[0] == "@") or (
            low in _STOP and not _joins_name(tok, phrase)
        ):
            break
        phrase.append(tok)
        if (
            low in ("the", "a", "an")
            and before not in _PREPOSITIONS | {"of"}
            and not name_part(tokens[: i + 1])
        ):
            break  # the article opens the phrase, unless it follows "of", "with", … or
            # is a name's ("Nguyễn Văn An")
        if len(phrase) > 14:
            break
    phrase.reverse()
    if not phrase or phrase[0].lower() in NOUN_MARKERS and len(phrase) == 1:
        return None
    return phrase


def name_part(words: Sequence[str]) -> bool:
    """Whether the last word, "A" or "An", ends a name rather than opening a phrase
    ("Nguyễn Văn An said")."""
    return len(words) > 1 and words[-1] in ("A", "An") and capitalised(words[-2])


def _aside(tokens: list[Token]) -> int | None:
    """Where a parenthesis or a dashed aside that ends ``tokens`` opens, if one does."""
    if not tokens or (tokens[-1] != ")" and tokens[-1] not in _DASHES):
        return None
    closing, depth = tokens[-1], 0
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        if closing == ")":
            depth += (tok == ")") - (tok == "(")
            if depth == 0:
                return i
        elif i < len(tokens) - 1 and tok in _DASHES:
            return i
    return None


def _joins_name(token: str, following: list[Token]) -> bool:
    """ "to" before a name belongs to the phrase ("Advisers to President-elect Joe Biden");
    before a verb ("wants to reveal") it ends it."""
    return token.lower() == "to" and bool(following) and capitalised(following[-1])


def _before_apposition(sentence: str, tokens: list[Token], start: int) -> list[Token] | None:
    """For ``NAME, apposition,`` return NAME, or the apposition when it is the name
    ("an Iranian foreign ministry spokesman, Saeed Khatibzadeh,")."""
    if "," not in tokens:
        return None
    comma = max(i for i, tok in enumerate(tokens) if tok == ",")
    apposition = tokens[comma + 1 :]
    if apposition and all(capitalised(t) for t in apposition) and len(apposition) <= 4:
        return apposition
    return subject_before(sentence, tokens[comma].start, start)


def after_verb(sentence: str, start: int) -> list[Token] | None:
    """The subject of an inverted attribution: "…, said a source who spoke …", without the
    full stop that ends the sentence ("…,” said Tom Reilly.")."""
    phrase: list[Token] = []
    for tok in tokens_in(sentence, start, min(len(sentence), start + LOOKBACK)):
        if not (tok[0].isalnum() or tok[0] == "@") or tok.lower() in _STOP:
            break
        phrase.append(tok)
        if len(phrase) > 8:
            break
    if phrase and phrase[-1].endswith(".") and not abbreviation(phrase[-1][:-1]):
        last = phrase[-1]
        if not sentence[last.end :].strip(CLOSERS + " \t\n\u00a0"):
            phrase[-1] = Token.at(last[:-1], last.start)
    return phrase or None


def abbreviation(word: str) -> bool:
    """Whether a word before a full stop is an abbreviation or an initial, whose stop is
    part of it ("Mr.", "Jr.", "U.S.", "W.")."""
    word = word.lstrip("\"'“‘([")
    return (
        word.lower() in ABBREVIATIONS
        or (len(word) == 1 and word.isupper())
        or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word) is not None
    )


def is_clause(tokens: list[Token]) -> bool:
    """Whether words after "said" are a clause ("the plan was rushed"), not a speaker."""
    return any(tok.lower() in _AUXILIARIES for tok in tokens)


def ends_in_apposition(sentence: str, start: int, end: int) -> bool:
    """Whether the words before a verb that follows a comma are a subject with an
    apposition ("The opposition leader, Sara Patel, said …"; "Sara Patel, the leader of
    the opposition, said …"), rather than a reported clause ("Prices rose, said Sara
    Patel"). Both parts are short noun phrases; the first is a name or opens with "the",
    "a", "her", …"""
    tokens = tokens_in(sentence, start, end)
    marks = [i for i, tok in enumerate(tokens[:-1]) if tok in _SEGMENT_MARKS]
    if not tokens or tokens[-1] != "," or not marks or tokens[marks[-1]] != ",":
        return False
    first = tokens[marks[-2] + 1 if len(marks) > 1 else 0 : marks[-1]]
    middle = tokens[marks[-1] + 1 : -1]
    if not first or not middle or len(first) > 8 or len(middle) > 12:
        return False
    if is_clause(first) or is_clause(middle):
        return False
    opens = first[0].lower() in DETERMINERS
    return opens or all(capitalised(t) or t.lower() in ("of", "the", "and") for t in first)


def is_first_person(speaker: str) -> bool:
    """Whether a speaker is "I" or "we": the writer or the transcript's speaker, never a
    person to record or to resolve."""
    word = speaker.replace("’", "'")
    if word.isupper() and word != "I":
        return False  # "US" is a country
    return word.lower() in _FIRST_PERSON


def subject_at_start(clause: str) -> str | None:
    """The name that opens a clause: "Iranian Foreign Ministry Spokesman Saeed Khatibzadeh",
    "Defence minister Ana Ruiz"."""
    tokens: list[Token] = []
    for match in _WORD.finditer(clause):
        tok = match.group()
        if not (capitalised(tok) or tok in TITLES and tokens) or possessive(tok):
            break
        if tok.endswith(".") and not abbreviation(tok[:-1]):
            tok = tok.rstrip(".")  # "Melania Trump." alone on a line
        tokens.append(Token.at(tok.rstrip(","), match.start()))
        if tok.endswith(",") or len(tok) < len(match.group()):
            break
    run = _run(tokens)
    return cut(clause, run) if run else None


def is_pronoun(speaker: str) -> bool:
    """Whether a speaker is only a pronoun ("he"), to be resolved from context."""
    return speaker.lower() in _PRONOUNS
