"""Find who says a sentence and with which reporting verb ("Tehran denied …"), "according
to" whom, or which data "show" it.

The speaker is always cut from the sentence by offsets (``sentence[a:b]``, see
``phrases.py``), never put together from words, so it is an exact substring of the article
or nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factdesk.extract.phrases import (
    BETWEEN,
    CLOSERS,
    DATE_WORDS,
    DETERMINERS,
    LOOKBACK,
    NOUN_MARKERS,
    TITLES,
    Token,
    abbreviation,
    after_verb,
    capitalised,
    cut,
    ends_in_apposition,
    is_clause,
    is_first_person,
    name_from,
    name_part,
    phrase_head,
    possessive,
    subject_at_start,
    subject_before,
    tokens_in,
)

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
# "Census figures show …": data speak through "show", and only data do ("The photos show").
_SHOWING = frozenset("show shows showed".split())
_DATA_NOUNS = frozenset(
    """figures data records statistics stats poll polls survey surveys report reports study
    studies research numbers estimates analysis census audit documents accounts""".split()
)
_VERB = re.compile(rf"\b(?:{REPORTING_VERBS}|show|shows|showed)\b")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
# What may end an "according to" phrase (a full stop only if no abbreviation's: see
# _according_span).
_ACCORDING_STOP = re.compile(r"[,;:()“”\"]|\.(?=[\"'”’)\]]*(?:\s|$))")
# Reporting verbs that are nouns too: before another reporting verb they are the noun.
_NOUNS_TOO = frozenset(
    "report reports claim claims tweet tweets estimate estimates promise promises".split()
)
# "claimed that", "said on Monday that", "told reporters in Tehran that": what follows
# "that" is the claimed content, whose own verbs ("… appeared in 14 reports") are not
# the sentence's reporting verb.
_THAT = re.compile(r"(?:\s+\S+){0,4}?\s+that\b")
# A count before a plural makes it a noun ("14 reports", "three claims"), not a verb.
_COUNTS = frozenset(
    "two three four five six seven eight nine ten dozens hundreds thousands".split()
)
# After a plural noun that looks like a verb: "claims like these", "reports of …".
_NOUN_FOLLOWERS = frozenset(
    "like of about should were are have has will would could may might must is was by".split()
)
_INVERTING = frozenset("said says told added wrote".split())


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says it and how."""

    speaker: str
    verb: str


def _according_span(sentence: str, end: int) -> tuple[int, int] | None:
    """Where the source of "according to …" starts and ends: up to a comma, a bracket, a
    quotation mark or a full stop that does not close an abbreviation ("according to
    Mr. Smith")."""
    match = _ACCORDING.search(sentence, 0, end)
    if not match:
        return None
    last = len(sentence.rstrip(CLOSERS + " "))
    for stop in _ACCORDING_STOP.finditer(sentence, match.end()):
        word = sentence[: stop.start()].rsplit(None, 1)[-1] if stop.start() else ""
        if stop.group() == "." and stop.end() < last and abbreviation(word):
            continue
        return match.end(), stop.start()
    return match.end(), len(sentence)


def _according_to(sentence: str, end: int | None = None) -> Attribution | None:
    span = _according_span(sentence, len(sentence) if end is None else end)
    if span is None:
        return None
    between = BETWEEN.search(sentence, *span)  # "… on Monday", "… last year"
    tokens = tokens_in(sentence, span[0], between.start() if between else span[1])
    if not tokens:
        return None
    # A common noun heads the source: the whole phrase ("a council report", "a spokesman
    # for President Biden"; "police" in "according to police in Kent" alike).
    opener = tokens[1] if tokens[0].lower() in DETERMINERS and len(tokens) > 1 else tokens[0]
    if opener[0].isalpha() and opener[0].islower():
        chosen = tokens if len(tokens) <= 10 else phrase_head(tokens)
        return Attribution(cut(sentence, chosen), "according to")
    # Else the longest run of names that are not titles ("German Foreign Minister Heiko
    # Maas" → "Heiko Maas"; "Heiko Maas of Germany" → "Heiko Maas"), else the whole phrase.
    # One word runs on through "of" or "for" into an institution's name ("the U.S.
    # Department of Transportation", "the Office for National Statistics").
    runs: list[list[Token]] = []
    for i, tok in enumerate(tokens):
        if capitalised(tok) and tok.lower() not in DATE_WORDS | TITLES:
            joins = (
                i >= 2
                and tokens[i - 1] in ("of", "for")
                and bool(runs)
                and runs[-1] == [tokens[i - 2]]
                and runs[-1][0] is tokens[i - 2]
            )
            if joins:
                runs[-1] += [tokens[i - 1], tok]
            elif runs and runs[-1][-1] is tokens[i - 1]:
                runs[-1].append(tok)
            else:
                runs.append([tok])
    # The first of the longest, counting names only: "Ana Ruiz of the Department of
    # Transportation" → "Ana Ruiz".
    longest = max(runs, key=lambda run: sum(capitalised(t) for t in run)) if runs else tokens
    chosen = longest if len(longest) > 1 and longest[1] in ("of", "for") else longest[-3:]
    return Attribution(cut(sentence, chosen), "according to")


def _data_source(sentence: str, subject: list[Token]) -> str | None:
    """The subject of "show" when data head it ("census figures", "A council report", "The
    figures released on Monday by the statistics office"), else None."""
    head = phrase_head([t for t in subject if t.lower() not in DATE_WORDS])
    if not any(t.lower() in _DATA_NOUNS for t in head):
        return None
    return cut(sentence, subject if len(subject) <= 10 else head)


def find_attribution(sentence: str, first_person: bool = False) -> Attribution | None:
    """The speaker and reporting verb of a sentence, if it has them. "I" and "we" are no
    speakers to record; with ``first_person`` they are, for a caller that asks whether the
    sentence reports a statement at all ("I said in 2019 that …")."""
    if sentence.startswith("According to"):
        return _according_to(sentence)
    according = _according_span(sentence, len(sentence)) if "ccording" in sentence else None
    content = len(sentence)  # where the content claimed by an earlier verb starts
    for match in _VERB.finditer(sentence):
        if match.start() >= content:
            break  # "X claimed that … appeared in 14 reports": not a reporting verb
        if according and according[0] <= match.start() < according[1]:
            continue  # "according to a council report": a word of the source
        # A subject is a few words long: looking further back only costs time.
        window = max(0, match.start() - LOOKBACK)
        before = sentence[window : match.start()]
        words = before.split()
        prev_word = words[-1].lower() if words else ""
        after = sentence[match.end() :].split(None, 1)
        next_word = after[0].lower().strip(",.;:") if after else ""
        verb = match.group().lower()
        marker = prev_word in NOUN_MARKERS and not name_part(words)
        counted = verb.endswith("s") and (prev_word[:1].isdigit() or prev_word in _COUNTS)
        if marker or counted or possessive(prev_word):
            continue  # "his claims", "Pompeo’s allegation", "14 reports" are nouns
        if verb in _SHOWING:
            subject = subject_before(sentence, match.start(), window)
            speaker = _data_source(sentence, subject) if subject else None
        else:
            if verb.endswith("s") and (
                next_word in _NOUN_FOLLOWERS or not after or after[0][0] in ",.;:"
            ):
                continue  # "claims like these should …", "AQ claims, Mr. …"
            if verb in _NOUNS_TOO and _VERB.fullmatch(next_word) and next_word not in _NOUNS_TOO:
                continue  # "A council report showed", "Police reports say": a noun
            if verb == "quoted as saying":
                verb = "said"
            speaker = _speaker_of(sentence, match, window)
        if speaker and speaker in sentence and (first_person or not is_first_person(speaker)):
            return Attribution(speaker, verb)
        that = _THAT.match(sentence, match.end())
        if that and match.start() > 0:
            content = min(content, that.end())
    found = _according_to(sentence, content) if according else None
    if found:
        return found
    participle = _PARTICIPLE.search(sentence, 0, content)
    if participle:
        opener = subject_at_start(sentence[: participle.start()])
        if opener and (first_person or not is_first_person(opener)):
            return Attribution(opener, participle.group(1))
    return None


def _speaker_of(sentence: str, verb: re.Match[str], window: int) -> str | None:
    """The speaker of a reporting verb: after it when the attribution is inverted ("…,”
    said Tom Reilly"; "…, said a source"), else before it ("Sara Patel, the leader of the
    opposition, said …")."""
    before = sentence[window : verb.start()]
    inverted = verb.group().lower() in _INVERTING and (
        re.search(r"[”\"’]\s*$", before)
        or (re.search(r",\s*$", before) and not ends_in_apposition(sentence, window, verb.start()))
    )
    subject = None
    if inverted:
        subject = after_verb(sentence, verb.end())
        if subject and is_clause(subject):
            subject = None  # "…, said the plan was rushed": no speaker after the verb
    if subject is None:
        subject = subject_before(sentence, verb.start(), window)
    return name_from(sentence, subject) if subject else None
