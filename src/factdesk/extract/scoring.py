"""How check-worthy a sentence is: a score in [0, 1]."""

from __future__ import annotations

import re

from factdesk.extract.attribution import Attribution

EXTRACTOR_VERSION = "rules-1"
THRESHOLD = 0.5


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Word lists are matched against the lower-cased words of a sentence (a set lookup is
# several times faster than one large case-insensitive alternation).
# Exhortation and modal advice: never a checkable statement, quoted or not.
_EXHORTATION = _words("should must let’s let's")
_EXHORTATION_PHRASE = re.compile(r"\b(?:ought|need) to\b")
_OPINION = _words(
    """nightmare folly hope hopes hoped optimism pathetic pathetically shameful disgrace
    disgraceful wicked evil ridiculous absurd wonderful terrible horrible beautiful great
    best worst preposterous outrageous sad unfortunately clearly obviously understandably
    seem seems perhaps maybe might probably likely unclear"""
)
_OPINION_PHRASE = re.compile(r"\b(?:i think|i believe|we believe|not (?:immediately )?clear)\b")
_NUMBER = _words(
    """one two three four five six seven eight nine ten eleven twelve dozen dozens hundred
    hundreds thousand thousands million millions billion billions percent half first second
    third last"""
)
_DATE = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb sep sept oct nov dec
    yesterday today"""
)
_DATE_PHRASE = re.compile(r"\b(?:(?:last|this) (?:week|month|year)|(?:19|20)\d\d)\b")
_PERIODS = _words("week month year")
_PHRASE_KEYS = _words("think believe clear ought need")
_EVENT = _words(
    """killed shot attacked invaded arrested extradited fled imposed reimposed withdrew
    withdrawn abandoned signed established provided deployed launched sanctioned elected
    stormed deteriorated lowered raised increased decreased rose fell died met visited
    canceled cancelled banned seized captured declassified designated crossed hiding
    operating assisting supporting allowed given offered centralized burrowed targeted
    criticized condemned"""
)
_LOWER_WORD = re.compile(r"[a-z]+(?:[’'][a-z]+)?")
_DIGIT = re.compile(r"\d")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]+")
_FIRST_PERSON = re.compile(r"^[“\"]?(?:I|We|You)\b")
QUESTION = re.compile(r"\?[\"'”’)\]]*(?:\s|$)")
_STRONG_VERBS = frozenset(
    "claimed claims alleged alleges accused accuses denied denies asserted insisted"
    " confirmed reported reports warned according to".split()
)


def score_sentence(sentence: str, attribution: Attribution | None) -> float:
    """A check-worthiness score in [0, 1]: attribution, numbers, dates, named actors and
    events raise it; opinion, first-person framing and hedges lower it."""
    lower = sentence.lower()
    words = set(_LOWER_WORD.findall(lower))
    score = 0.25
    if attribution:
        score += 0.3 if attribution.verb in _STRONG_VERBS else 0.25
    digits = _DIGIT.search(sentence) is not None
    if digits or words & _NUMBER:
        score += 0.1
    if words & _DATE or ((digits or words & _PERIODS) and _DATE_PHRASE.search(lower)):
        score += 0.1
    names = {m.group() for m in _CAPITALISED.finditer(sentence)}
    score += min(0.25, 0.07 * len(names))
    if words & _EVENT:
        score += 0.15
    # Opinion counts against a bare sentence; attributed, it is still a checkable report.
    penalty = 0.25 if attribution is None else 0.1
    opinion = penalty * len(words & _OPINION) + 0.25 * len(words & _EXHORTATION)
    if words & _PHRASE_KEYS:
        opinion += penalty * len(_OPINION_PHRASE.findall(lower))
        opinion += 0.25 * len(_EXHORTATION_PHRASE.findall(lower))
    score -= min(0.5, opinion)
    if _FIRST_PERSON.match(sentence):
        score -= 0.15
    if sentence.count(" ") < 5:
        score -= 0.2
    if QUESTION.search(sentence):
        score = min(score, 0.2)  # a question asks; it does not state
    return round(max(0.0, min(1.0, score)), 3)
