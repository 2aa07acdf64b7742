"""Find who says a sentence and with which reporting verb ("Tehran denied …")."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_TOKEN = re.compile(r"[\w’'.@&-]+|[^\w\s]")
_NOUN_MARKERS = frozenset(
    """his her its their the a an this that these those such our my been are were many some
    several more no new recent of emerging""".split()
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


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


def _possessive(token: str) -> bool:
    return token.endswith(("’s", "'s", "’"))


def _head(tokens: list[str]) -> list[str]:
    """The phrase up to its first preposition ("Advisers to …" → "Advisers"); "of"
    followed by a capital stays inside a title ("Secretary of State")."""
    for i, tok in enumerate(tokens[1:], start=1):
        low = tok.lower()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if low in _PREPOSITIONS or (low == "of" and not _capitalised(nxt)):
            return tokens[:i]
    return tokens


def _run(tokens: list[str]) -> list[str]:
    """The last run of capitalised words, without its leading titles and articles."""
    run: list[str] = []
    for tok in reversed(tokens):
        if not _capitalised(tok) or _possessive(tok):
            break
        run.append(tok)
    run.reverse()
    while run and (run[0].lower() in TITLES or run[0] in ("The", "A", "An")):
        run.pop(0)
    return run


def name_from(tokens: list[str]) -> str | None:
    """The speaker inside a noun phrase: a name with its titles taken off, or the whole
    phrase when its head is a common noun ("the sources", "a former official")."""
    head = _head([t for t in tokens if t.lower() not in _DATE_WORDS])
    if not head:
        return None
    if _capitalised(head[-1]) and not _possessive(head[-1]):
        run = _run(head)
        if run:
            return " ".join(run)
    return " ".join(head) if len(head) <= 8 else None


def _subject_before(text: str) -> list[str] | None:
    """The noun phrase that ends ``text`` (the words before a verb), or None."""
    tokens = _TOKEN.findall(_BETWEEN.sub("", text))
    if tokens and tokens[-1] == ",":  # "Netanyahu, a fierce critic of …, has warned"
        return _before_apposition(tokens[:-1])
    phrase: list[str] = []
    for i in range(len(tokens) - 1, -1, -1):
        tok, low = tokens[i], tokens[i].lower()
        before = tokens[i - 1].lower() if i else ""
        if not (tok[0].isalnum() or tok[0] == "@") or (
            low in _STOP and not _joins_name(tok, phrase)
        ):
            break
        phrase.append(tok)
        if low in ("the", "a", "an") and before not in _PREPOSITIONS | {"of"}:
            break  # the article opens the phrase, unless it follows "of", "with", …
        if len(phrase) > 14:
            break
    phrase.reverse()
    if not phrase or phrase[0].lower() in _NOUN_MARKERS and len(phrase) == 1:
        return None
    return phrase


def _joins_name(token: str, following: list[str]) -> bool:
    """ "to" before a name belongs to the phrase ("Advisers to President-elect Joe Biden");
    before a verb ("wants to reveal") it ends it."""
    return token.lower() == "to" and bool(following) and _capitalised(following[-1])


def _before_apposition(tokens: list[str]) -> list[str] | None:
    """For ``NAME, apposition,`` return NAME, or the apposition when it is the name
    ("an Iranian foreign ministry spokesman, Saeed Khatibzadeh,")."""
    if "," not in tokens:
        return None
    comma = len(tokens) - 1 - tokens[::-1].index(",")
    apposition = tokens[comma + 1 :]
    if apposition and all(_capitalised(t) for t in apposition) and len(apposition) <= 4:
        return apposition
    return _subject_before(" ".join(tokens[:comma]))


def _after_verb(text: str) -> list[str] | None:
    """The subject of an inverted attribution: "…, said a source who spoke …"."""
    phrase: list[str] = []
    for tok in _TOKEN.findall(text):
        if not (tok[0].isalnum() or tok[0] == "@") or tok.lower() in _STOP:
            break
        phrase.append(tok)
        if len(phrase) > 8:
            break
    return phrase or None


def _according_to(sentence: str) -> Attribution | None:
    match = _ACCORDING.search(sentence)
    if not match:
        return None
    tokens = _TOKEN.findall(match.group(1))
    named = [t for t in tokens if _capitalised(t) and t.lower() not in _DATE_WORDS]
    people = [t for t in named if t.lower() not in TITLES]
    speaker = " ".join(people[-3:]) if people else " ".join(tokens)
    return Attribution(speaker, "according to") if speaker else None


def find_attribution(sentence: str) -> Attribution | None:
    """The speaker and reporting verb of a sentence, if it has them."""
    if sentence.startswith("According to"):
        return _according_to(sentence)
    for match in _VERB.finditer(sentence):
        # A subject is a few words long: looking further back only costs time.
        before = sentence[max(0, match.start() - _LOOKBACK) : match.start()]
        words = before.split()
        prev_word = words[-1].lower() if words else ""
        after = sentence[match.end() :].split(None, 1)
        next_word = after[0].lower().strip(",.;:") if after else ""
        verb = match.group().lower()
        if prev_word in _NOUN_MARKERS or _possessive(prev_word):
            continue  # "his claims", "Pompeo’s allegation" are nouns
        if verb.endswith("s") and (
            next_word in _NOUN_FOLLOWERS or not after or after[0][0] in ",.;:"
        ):
            continue  # "claims like these should …", "AQ claims, Mr. …"
        if verb == "quoted as saying":
            verb = "said"
        inverted = verb in _INVERTING and re.search(r"[,”\"’]\s*$", before)
        subject = _after_verb(sentence[match.end() :]) if inverted else _subject_before(before)
        speaker = name_from(subject) if subject else None
        if speaker:
            return Attribution(speaker, verb)
    according = _according_to(sentence) if "ccording" in sentence else None
    if according:
        return according
    participle = _PARTICIPLE.search(sentence)
    if participle:
        opener = subject_at_start(sentence[: participle.start()])
        if opener:
            return Attribution(opener, participle.group(1))
    return None


def subject_at_start(clause: str) -> str | None:
    """The name that opens a clause: "Iranian Foreign Ministry Spokesman Saeed Khatibzadeh"."""
    tokens: list[str] = []
    for tok in clause.split():
        if not _capitalised(tok) or _possessive(tok):
            break
        tokens.append(tok.rstrip(","))
        if tok.endswith(","):
            break
    run = _run(tokens)
    return " ".join(run) if run else None


def is_pronoun(speaker: str) -> bool:
    """Whether a speaker is only a pronoun ("he"), to be resolved from context."""
    return speaker.lower() in _PRONOUNS
