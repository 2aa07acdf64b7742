"""Suggested evidence: for each claim of an article, the cue clauses most likely to decide
it, ranked by how surely each cue decides a claim and how closely it is tied to this one
(the claim itself, its sentence or the sentences next to it, its speaker, what it asserts).
Worked out at import, beside the extraction; the desk and the CLI only read them."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from factdesk.cluster.terms import terms
from factdesk.evidence.cues import CONFIRMATION, SOURCE, VERDICT, Cue, cues
from factdesk.evidence.views import FLOOR, KEPT, OTHER_ARTICLE, SHOWN, suggested_verdict
from factdesk.models import ExtractedClaim

__all__ = ["FLOOR", "KEPT", "OTHER_ARTICLE", "SHOWN", "Suggested", "read_article", "suggest",
           "suggested_verdict"]  # fmt: skip
# How a cue's place ties it to a claim: in the claim, in its sentence, the sentences after
# and before it (a report's comment on a claim usually follows it).
_NEAR = {0: 0.95, 1: 0.8, -1: 0.6, 2: 0.45, -2: 0.35}
_FAR = 0.1
_NAMED = 0.7  # a cue that names the claim's speaker
_REACH = 40  # sentences before and after a claim that may hold its evidence
_OTHER_PARAGRAPH = 0.7
# A cue that points back at what was just said ("rejected the claim", "that account").
_ANAPHORA = re.compile(
    r"\b(?:the|that|this|these|those|his|her|their|such)\s+(?:claims?|allegations?"
    r"|accusations?|reports?|estimates?|figures?|remarks|statements?|account|assertions?"
    r"|comments?|charges?|numbers?)\b",
    re.IGNORECASE,
)
_HE = re.compile(r"\b(?:he|she|his|her)\b")
_PRONOUN = re.compile(r"^\W*(?:he|she|they|it|this|that|the\s+claim|the\s+allegation)\b", re.I)


@dataclass(frozen=True, slots=True)
class Suggested:
    """A suggestion for a claim of the same article (offsets into it)."""

    start: int
    end: int
    cue: str
    score: float

    @property
    def verdict(self) -> str:
        return VERDICT[self.cue]


@dataclass(frozen=True, slots=True)
class Article:
    """What suggestions read of an article: its sentences, the cues and terms of each, and
    how rare each term is among its sentences (a term in every sentence ties nothing)."""

    text: str
    sentences: Sequence[tuple[int, int]]
    cues: list[list[Cue]]
    terms: list[frozenset[str]]
    weight: dict[str, float]
    breaks: list[int]  # where its paragraphs end (the offsets of its line breaks)
    ends: list[int]  # where its sentences end, in order

    def terms_of(self, text: str) -> frozenset[str]:
        """The terms of a sentence or a claim of the article."""
        return _terms_of(text)

    def paragraph(self, offset: int) -> int:
        """The paragraph (a line of the text) an offset is in."""
        return bisect.bisect_left(self.breaks, offset)


def read_article(text: str, sentences: Sequence[tuple[int, int]]) -> Article:
    """An article read once for the suggestions of all its claims (a sentence read lately,
    in this article or another, is read once: an article pasted a thousand times, or
    syndicated by five outlets, costs what it costs once)."""
    found, words = [], []
    for start, end in sentences:
        sentence = text[start:end]
        own = _cues_of(sentence)
        found.append([replace(c, start=c.start + start, end=c.end + start) for c in own])
        words.append(_terms_of(sentence))
    df: dict[str, int] = {}
    for sentence_terms in words:
        for term in sentence_terms:
            df[term] = df.get(term, 0) + 1
    n = len(sentences) + 1
    weight = {term: math.log(n / count) for term, count in df.items()}
    breaks = [line.start() for line in re.finditer("\n", text)]
    ends = [end for _, end in sentences]
    return Article(text, sentences, found, words, weight, breaks, ends)


@lru_cache(maxsize=1 << 14)
def _cues_of(sentence: str) -> list[Cue]:
    """A sentence's cues, at offsets into it (never changed: shared by its copies)."""
    return cues(sentence, 0, len(sentence))


@lru_cache(maxsize=1 << 14)
def _terms_of(text: str) -> frozenset[str]:
    return terms(text).all


def suggest(article: Article, claim: ExtractedClaim) -> list[Suggested]:
    """The best suggestions for one claim of the article, best first."""
    text, sentences = article.text, article.sentences
    here = _sentence_of(article, claim.start)
    mine = article.terms_of(claim.text)
    total = sum(article.weight.get(t, 0.0) for t in mine) or 1.0
    speaker = (claim.speaker or "").split()
    surname = speaker[-1].lower() if speaker else ""
    # The speaker's name as a word ("Li", never the "li" of "police").
    by_name = re.compile(rf"\b{re.escape(surname)}\b", re.IGNORECASE) if surname else None
    paragraph = article.paragraph(claim.start)
    ranked: list[Suggested] = []
    for index in range(max(0, here - _REACH), min(len(sentences), here + _REACH + 1)):
        sentence_cues = article.cues[index]
        if not sentence_cues:
            continue
        s_start, s_end = sentences[index]
        sentence = text[s_start:s_end]
        shared = sum(article.weight.get(t, 0.0) for t in mine & article.terms[index])
        topic = min(1.0, 1.5 * shared / total)
        distance = index - here
        place = _NEAR.get(distance, _FAR)
        apart = article.paragraph(s_start) != paragraph
        if apart:
            place *= _OTHER_PARAGRAPH
        said_by = by_name is not None and by_name.search(sentence) is not None
        if distance == 1 and _PRONOUN.match(sentence):
            said_by = True
        for cue in sentence_cues:
            inside = claim.start <= cue.start and cue.end <= claim.end
            verb = (claim.verb or "").lower()
            own_verb = inside and bool(verb) and verb in text[cue.start : cue.end].lower()
            if cue.kind == SOURCE and (topic < 0.3 or said_by):
                continue  # a source for another fact, or the claim's own speaker
            near = 1.0 if inside else place
            # The claim's speaker named in the cue's own clause ("Pompeo made the assertion
            # without providing evidence") ties it to the claim wherever it is.
            clause = text[cue.start : cue.end].lower()
            named = by_name is not None and by_name.search(clause) is not None
            if named and cue.kind in (CONFIRMATION, SOURCE) and _opens(by_name, clause):
                continue  # the speaker confirming their own claim is no evidence
            if said_by and not named and _HE.search(clause):
                named = True  # "Though he failed to provide …, Pompeo confirmed …"
            if 0 < distance <= 2 and _ANAPHORA.search(clause):
                named = True  # "The office rejected the claim": the one just made
            if apart and topic < 0.2 and not named:
                continue  # the next paragraph, about something else
            relation = max(near, 0.5 * near + 0.5 * topic, _NAMED if named else 0.0)
            relation += 0.15 if said_by else 0.0
            if near < 0.35 and topic < 0.3 and not (said_by or named):
                continue  # a cue about something else
            score = cue.weight * min(relation, 1.15) * (0.3 if own_verb else 1.0)
            if score >= FLOOR:
                ranked.append(Suggested(cue.start, cue.end, cue.kind, round(score, 3)))
    ranked.sort(key=lambda s: (-s.score, s.start))
    return ranked[:KEPT]


def _opens(name: re.Pattern[str] | None, clause: str) -> bool:
    """Whether a name is among the first words of a clause, where its subject is."""
    return name is not None and name.search(" ".join(clause.split()[:4])) is not None


def _sentence_of(article: Article, offset: int) -> int:
    """The first sentence that ends after an offset (found by halving, not by walking
    an article of many thousands of sentences once per claim)."""
    return min(bisect.bisect_right(article.ends, offset), len(article.sentences) - 1)
