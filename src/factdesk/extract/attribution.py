"""Find who says a sentence and with which reporting verb ("Tehran denied …").

The speaker is always cut from the sentence by offsets (``sentence[a:b]``), never put
together from words, so it is an exact substring of the article or nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import regex

REPORTING_VERBS = (
    r"claim(?:s|ed)?|alleg(?:e|es|ed)|accus(?:e|es|ed)|assert(?:s|ed)?|say|says|said"
    r"|den(?:y|ies|ied)|dismiss(?:es|ed)?|report(?:s|ed)?|confirm(?:s|ed)?|tweet(?:s|ed)?"
    r"|warn(?:s|ed)?|insist(?:s|ed)?|told|tells?|add(?:s|ed)|stat(?:es|ed)"
    r"|announc(?:e|es|ed)|acknowledg(?:e|es|ed)|argu(?:e|es|ed)|admit(?:s|ted)?"
    r"|reveal(?:s|ed)?|vow(?:s|ed)?|promis(?:e|es|ed)|decri(?:ed|es)|condemn(?:s|ed)?"
    r"|reiterat(?:e|es|ed)|stress(?:es|ed)?|suggest(?:s|ed)?|describ(?:e|es|ed)"
    r"|called|reject(?:s|ed)?|believ(?:e|es|ed)|wrote|writes|declar(?:e|es|ed)"
    r"|estimat(?:e|es|ed)|predict(?:s|ed)?|maintain(?:s|ed)?|rebut(?:s|ted)?"
    r"|refut(?:e|es|ed)|quoted as saying"
)
# "X reacted to the remarks, stressing that …": the speaker is the sentence's subject.
_PARTICIPLE = re.compile(
    r",\s+(saying|stressing|adding|claiming|alleging|insisting|arguing|warning|noting)\b"
)
_VERB = re.compile(rf"\b(?:{REPORTING_VERBS})\b")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+([^,.;:()“”\"]+)")
# Words that may stand between a subject and its verb: "has also claimed".
_BETWEEN = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|also|further|additionally|publicly|reportedly"
    r"|repeatedly|previously|again|then|later|earlier|on\s+\w+day|last\s+\w+|this\s+\w+"
    r"|himself|herself|itself|themselves|openly|quickly|flatly|categorically"
    r"|at\s+the\s+time|went\s+on\s+to))*\s*$"
)
# A word (letters keep their combining marks: "Zoë" in NFD is one word, and so is
# "Nguyễn"; apostrophes stay inside: "Saldaña’s", "O’Brien"), an emoji sequence as one
# token (🇬🇧, 👍🏽, 👩‍👩‍👧), or a punctuation mark.
_TOKEN = regex.compile(
    r"(?=[\p{Extended_Pictographic}\p{Regional_Indicator}])\X|[\w’'.@&-]+|[^\w\s]\p{M}*"
)
_EMOJI = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}]")
_WORD = re.compile(r"\S+")
# "claimed that", "said on Monday that", "told reporters in Tehran that": what follows
# "that" is the claimed content, whose own verbs ("… appeared in 14 reports") are not
# the sentence's reporting verb.
_THAT = re.compile(r"(?:\s+\S+){0,4}?\s+that\b")
_DASHES = frozenset("—–")
_NOUN_MARKERS = frozenset(
    """his her its their the a an this that these those such our my been are were many some
    several more no new recent of emerging""".split()
)
# A count before a plural makes it a noun ("14 reports", "three claims"), not a verb.
_COUNTS = frozenset(
    "two three four five six seven eight nine ten dozens hundreds thousands".split()
)
_STOP = frozenset(
    """that which who whom whose and but while as after before when because since although
    though if whether where so than then to also""".split()
)
_PREPOSITIONS = frozenset("to with for from at in on by about over under into".split())
# After a plural noun that looks like a verb: "claims like these", "reports of …".
_NOUN_FOLLOWERS = frozenset(
    "like of about should were are have has will would could may might must is was by".split()
)
_LOOKBACK = 300
_INVERTING = frozenset("said says told added wrote".split())
_PRONOUNS = frozenset("he she they it we i".split())
TITLES = frozenset(
    """us u.s. uk u.n. un eu secretary state minister foreign prime president president-elect
    vice supreme leader ayatollah spokesman spokeswoman spokesperson senator sen. rep.
    representative republican democratic democrat gen. general chief director ambassador
    mr. mrs. ms. dr. prof. german israeli iranian american british french chinese russian
    ministry official officials former senior deputy interior defense defence envoy analyst
    king queen prince sheikh governor mayor commander lieutenant colonel judge justice
    chairman chairwoman ceo""".split()
)
_DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december""".split()
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says it and how."""

    speaker: str
    verb: str


class Token(str):
    """A word or mark of a sentence that knows where it is: ``sentence[start:end]``."""

    start: int
    end: int

    @classmethod
    def at(cls, text: str, start: int) -> Token:
        token = cls(text)
        token.start, token.end = start, start + len(text)
        return token


def _tokens(sentence: str, start: int, end: int) -> list[Token]:
    return [Token.at(m.group(), m.start()) for m in _TOKEN.finditer(sentence, start, end)]


def _span(sentence: str, tokens: list[Token]) -> str:
    """The sentence from the first token to the last, exactly as written."""
    return sentence[tokens[0].start : tokens[-1].end]


def _is_emoji(token: str) -> bool:
    return _EMOJI.match(token) is not None


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


def _possessive(token: str) -> bool:
    return token.endswith(("’s", "'s", "’"))


def _head(tokens: list[Token]) -> list[Token]:
    """The phrase up to its first preposition ("Advisers to …" → "Advisers"); "of"
    followed by a capital stays inside a title ("Secretary of State")."""
    for i, tok in enumerate(tokens[1:], start=1):
        low = tok.lower()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if low in _PREPOSITIONS or (low == "of" and not _capitalised(nxt)):
            return tokens[:i]
    return tokens


def _run(tokens: list[Token]) -> list[Token]:
    """The last run of capitalised words, without its leading titles and articles."""
    run: list[Token] = []
    for tok in reversed(tokens):
        if not _capitalised(tok) or _possessive(tok):
            break
        run.append(tok)
    run.reverse()
    while run and (run[0].lower() in TITLES or run[0] in ("The", "A", "An")):
        run.pop(0)
    return run


def name_from(sentence: str, tokens: list[Token]) -> str | None:
    """The speaker inside a noun phrase: a name with its titles taken off, or the whole
    phrase when its head is a common noun ("the sources", "a former official")."""
    head = _head([t for t in tokens if t.lower() not in _DATE_WORDS])
    if not head:
        return None
    if _capitalised(head[-1]) and not _possessive(head[-1]):
        run = _run(head)
        if run:
            return _span(sentence, run)
    return _span(sentence, head) if len(head) <= 8 else None


def _subject_before(sentence: str, end: int, start: int) -> list[Token] | None:
    """The noun phrase that ends at ``end`` (the words before a verb), looking no further
    back than ``start``, or None."""
    between = _BETWEEN.search(sentence, start, end)
    tokens = _tokens(sentence, start, between.start() if between else end)
    while tokens and _is_emoji(tokens[-1]):  # "Jane Smith 🇬🇧 said"
        tokens.pop()
    if tokens and tokens[-1] == ",":  # "Netanyahu, a fierce critic of …, has warned"
        return _before_apposition(sentence, tokens[:-1], start)
    aside = _aside(tokens)
    if aside is not None:  # "X (who asked not to be named) said", "X — an ally — said"
        return _subject_before(sentence, tokens[aside].start, start)
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
            and not _name_part(tokens[: i + 1])
        ):
            break  # the article opens the phrase, unless it follows "of", "with", … or
            # is a name's ("Nguyễn Văn An")
        if len(phrase) > 14:
            break
    phrase.reverse()
    if not phrase or phrase[0].lower() in _NOUN_MARKERS and len(phrase) == 1:
        return None
    return phrase


def _name_part(words: Sequence[str]) -> bool:
    """Whether the last word, "A" or "An", ends a name rather than opening a phrase
    ("Nguyễn Văn An said")."""
    return len(words) > 1 and words[-1] in ("A", "An") and _capitalised(words[-2])


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
    return token.lower() == "to" and bool(following) and _capitalised(following[-1])


def _before_apposition(sentence: str, tokens: list[Token], start: int) -> list[Token] | None:
    """For ``NAME, apposition,`` return NAME, or the apposition when it is the name
    ("an Iranian foreign ministry spokesman, Saeed Khatibzadeh,")."""
    if "," not in tokens:
        return None
    comma = max(i for i, tok in enumerate(tokens) if tok == ",")
    apposition = tokens[comma + 1 :]
    if apposition and all(_capitalised(t) for t in apposition) and len(apposition) <= 4:
        return apposition
    return _subject_before(sentence, tokens[comma].start, start)


def _after_verb(sentence: str, start: int) -> list[Token] | None:
    """The subject of an inverted attribution: "…, said a source who spoke …"."""
    phrase: list[Token] = []
    for tok in _tokens(sentence, start, min(len(sentence), start + _LOOKBACK)):
        if not (tok[0].isalnum() or tok[0] == "@") or tok.lower() in _STOP:
            break
        phrase.append(tok)
        if len(phrase) > 8:
            break
    return phrase or None


def _according_to(sentence: str, end: int | None = None) -> Attribution | None:
    match = _ACCORDING.search(sentence, 0, len(sentence) if end is None else end)
    if not match:
        return None
    tokens = _tokens(sentence, match.start(1), match.end(1))
    # The longest run of names that are not titles ("German Foreign Minister Heiko Maas"
    # → "Heiko Maas"; "Heiko Maas of Germany" → "Heiko Maas"), else the whole phrase.
    runs: list[list[Token]] = []
    for i, tok in enumerate(tokens):
        if _capitalised(tok) and tok.lower() not in _DATE_WORDS | TITLES:
            if runs and runs[-1][-1] is tokens[i - 1]:
                runs[-1].append(tok)
            else:
                runs.append([tok])
    chosen = max(runs, key=len)[-3:] if runs else tokens
    return Attribution(_span(sentence, chosen), "according to") if chosen else None


def find_attribution(sentence: str) -> Attribution | None:
    """The speaker and reporting verb of a sentence, if it has them."""
    if sentence.startswith("According to"):
        return _according_to(sentence)
    content = len(sentence)  # where the content claimed by an earlier verb starts
    for match in _VERB.finditer(sentence):
        if match.start() >= content:
            break  # "X claimed that … appeared in 14 reports": not a reporting verb
        # A subject is a few words long: looking further back only costs time.
        window = max(0, match.start() - _LOOKBACK)
        before = sentence[window : match.start()]
        words = before.split()
        prev_word = words[-1].lower() if words else ""
        after = sentence[match.end() :].split(None, 1)
        next_word = after[0].lower().strip(",.;:") if after else ""
        verb = match.group().lower()
        marker = prev_word in _NOUN_MARKERS and not _name_part(words)
        counted = verb.endswith("s") and (prev_word[:1].isdigit() or prev_word in _COUNTS)
        if marker or counted or _possessive(prev_word):
            continue  # "his claims", "Pompeo’s allegation", "14 reports" are nouns
        if verb.endswith("s") and (
            next_word in _NOUN_FOLLOWERS or not after or after[0][0] in ",.;:"
        ):
            continue  # "claims like these should …", "AQ claims, Mr. …"
        if verb == "quoted as saying":
            verb = "said"
        inverted = verb in _INVERTING and re.search(r"[,”\"’]\s*$", before)
        subject = (
            _after_verb(sentence, match.end())
            if inverted
            else _subject_before(sentence, match.start(), window)
        )
        speaker = name_from(sentence, subject) if subject else None
        if speaker and speaker in sentence:
            return Attribution(speaker, verb)
        that = _THAT.match(sentence, match.end())
        if that and match.start() > 0:
            content = min(content, that.end())
    according = _according_to(sentence, content) if "ccording" in sentence else None
    if according:
        return according
    participle = _PARTICIPLE.search(sentence, 0, content)
    if participle:
        opener = subject_at_start(sentence[: participle.start()])
        if opener:
            return Attribution(opener, participle.group(1))
    return None


def subject_at_start(clause: str) -> str | None:
    """The name that opens a clause: "Iranian Foreign Ministry Spokesman Saeed Khatibzadeh"."""
    tokens: list[Token] = []
    for match in _WORD.finditer(clause):
        tok = match.group()
        if not _capitalised(tok) or _possessive(tok):
            break
        tokens.append(Token.at(tok.rstrip(","), match.start()))
        if tok.endswith(","):
            break
    run = _run(tokens)
    return _span(clause, run) if run else None


def is_pronoun(speaker: str) -> bool:
    """Whether a speaker is only a pronoun ("he"), to be resolved from context."""
    return speaker.lower() in _PRONOUNS
