"""Choose the check-worthy claims among an article's sentences, offline and rule based."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from factdesk.extract.attribution import Attribution, find_attribution
from factdesk.extract.phrases import (
    TITLES,
    is_first_person,
    is_opener,
    is_pronoun,
    subject_at_start,
)
from factdesk.extract.scoring import THRESHOLD, score_sentence
from factdesk.extract.sentences import (
    Unit,
    looks_like_heading,
    opens_with_headline,
    unit_sentences,
    units,
)
from factdesk.models import MAX_CLAIM_CHARS, ExtractedClaim

_I = re.IGNORECASE
# Page furniture: a unit that matches any of these is never a claim.
_FURNITURE = re.compile(
    r"^(?:leave a (?:reply|comment)|please enter your (?:comment|name)(?: here)?!?"
    r"|add (?:a )?new comment|post a comment|cancel reply|(?:\d+\s+)?comments?|reply"
    r"|advertisement|all rights reserved\.?)$",
    _I,
)
# Lines that begin like furniture are furniture only when short: "Share this article",
# "Source: Reuters", "By Jane Doe and Ali Khan" (and not "By the end of the war, …").
_FURNITURE_START = re.compile(
    r"^(?:read our comment policy|share (?:this|on)\b|click here|sign up (?:for|to|now)"
    r"|subscribe\b|read more\b|related(?: articles| stories)?:|you must be logged in"
    r"|your email address will not be published|save my name, email|copyright\s*(?:©|\(c\)|\d)|©"
    r"|(?:photo|image|source|credit):"
    # Each name word is followed by a separator or the end, so a word cannot be split
    # into shorter "names" (that backtracked for minutes on "By trashing all … Muslims?").
    r"|(?:written |posted |reporting |editing )?by\s+"
    r"(?:(?:[A-Z][\w.'’-]*|&)(?:[\s,]+|(?=[|—–-]|$)))+(?:[|—–-]|$))",
    _I,
)
_SHORT_LINE_WORDS = 12
_SHORTCODE = re.compile(r"^\[/?[a-z_][\w-]*(?:\s[^\]]*)?\]$", _I)
# Furniture phrases, matched against the lower-cased unit.
_FURNITURE_ANYWHERE = re.compile(
    r"automatically (?:generated|translated)|machine[- ]translat|inaccuracies in translat"
    r"|\bmain language\b|system supported by|can be reached at|\bcontact us\b"
    r"|story was filed by|\bfollow (?:us|him|her|them) on\b"
)
# Contact addresses and tweet signatures ("— Javad Zarif (@JZarif) January 12, 2021").
_AT_SIGN = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\(@\w+\)\s+\w+ \d{1,2}, \d{4}")
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s+){1,3}is an? .{0,80}\b(?:writer|reporter|journalist|editor"
    r"|correspondent|contributor|author|columnist|freelancer|blogger)\b",
)


@dataclass
class _Context:
    """What earlier sentences of the article tell later ones."""

    seen_units: set[str]
    people: dict[str, str]  # surname → the full name it was last given with
    last_person: str | None = None
    introduced: Attribution | None = None  # "He tweeted:" speaks for the next paragraph


def _is_furniture(unit_text: str, ctx: _Context) -> bool:
    line = unit_text.strip()
    if line in ctx.seen_units:
        return True  # a repeated headline
    if _SHORTCODE.match(line) or _FURNITURE.match(line) or _BIO.match(line):
        return True
    if len(line.split()) <= _SHORT_LINE_WORDS and _FURNITURE_START.match(line):
        return True
    if len(line) >= 400:
        return False
    if _FURNITURE_ANYWHERE.search(line.lower()):
        return True
    return "@" in line and bool(_AT_SIGN.search(line))


def _person(name: str, ctx: _Context) -> str:
    """Note a person as the latest one named; a bare surname becomes the full name that
    the article gave earlier ("Pompeo" → "Mike Pompeo")."""
    tokens = name.split()
    if len(tokens) >= 2 and all(t[:1].isupper() for t in tokens):
        ctx.people[tokens[-1]] = name
        ctx.last_person = name
        return name
    full = ctx.people.get(name)
    if full:
        ctx.last_person = full
        return full
    return name


# Two to four capitalised words, in any script ("Mike Pompeo", "Ştefan Popescu", "Михаил
# Петров"; letters keep their combining marks).
_NAME_RUN = regex.compile(r"(?:\p{Lu}[\w’'-]+\s+){1,3}\p{Lu}[\w'-]*\p{Ll}\p{M}*\b")
_WORD = re.compile(r"\S+")


# A sentence's attribution and score are its own (the context resolves a pronoun or a
# surname after): a sentence seen lately (a copy of an article in another outlet, a
# paragraph said again) is read once.
_SEEN = 1 << 14  # the sentences remembered
_attribution = lru_cache(maxsize=_SEEN)(find_attribution)
_score = lru_cache(maxsize=_SEEN)(score_sentence)


def _collect_people(sentence: str, ctx: _Context) -> None:
    """Learn the surnames of people named in full, so that a later "Pompeo" is a person.
    The full name is cut from the sentence, so it is exactly as the article writes it."""
    for match in _NAME_RUN.finditer(sentence):
        words = [w for w in _WORD.finditer(match.group()) if w.group().lower() not in TITLES]
        while words and is_opener(words[0].group()):
            words.pop(0)  # "So Republicans", "But Mike Pompeo"
        if any(is_first_person(w.group()) for w in words):
            continue  # "And I'm"
        if len(words) >= 2 and words[0].group() != "The":
            name = match.group()[words[0].start() : words[-1].end()]
            ctx.people[words[-1].group()] = name


def _quote_groups(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """For each sentence, the index of the first sentence of the quotation it belongs
    to (its own index when it is not inside a multi-sentence quotation)."""
    groups: list[int] = []
    opened: int | None = None
    for i, (start, end) in enumerate(spans):
        sentence = text[start:end]
        groups.append(opened if opened is not None else i)
        depth = sentence.count("“") - sentence.count("”")
        if opened is None and depth > 0:
            opened = i
        elif opened is not None and depth < 0:
            opened = None
    return groups


def _unit_claims(
    text: str, unit: Unit, ctx: _Context, headline: bool = False
) -> list[ExtractedClaim]:
    unit_text = text[unit.start : unit.end]
    introduced, ctx.introduced = ctx.introduced, None
    if _is_furniture(unit_text, ctx):
        return []
    ctx.seen_units.add(unit_text.strip())
    if headline:
        return []
    spans = unit_sentences(text, unit)
    if len(spans) == 1 and looks_like_heading(unit_text):
        return []
    found: list[Attribution | None] = [
        _attribution(text[s:e]) if e - s <= MAX_CLAIM_CHARS else None for s, e in spans
    ]
    groups = _quote_groups(text, spans)
    shared = {g: a for g, a in zip(groups, found, strict=True) if a is not None}
    found = [
        a if a is not None else shared.get(g, introduced)
        for a, g in zip(found, groups, strict=True)
    ]
    claims: list[ExtractedClaim] = []
    for (start, end), attribution in zip(spans, found, strict=True):
        sentence = text[start:end]
        if end - start > MAX_CLAIM_CHARS:
            continue
        if attribution and is_pronoun(attribution.speaker) and ctx.last_person:
            attribution = Attribution(ctx.last_person, attribution.verb)
        _collect_people(sentence, ctx)
        if attribution:
            attribution = Attribution(_person(attribution.speaker, ctx), attribution.verb)
            if sentence.endswith(":"):
                ctx.introduced = attribution
        else:
            leading = subject_at_start(sentence)
            if leading:
                _person(leading, ctx)
        if looks_like_heading(sentence):
            continue
        score = _score(sentence, attribution or _reported(sentence))
        speaker = attribution.speaker if attribution else None
        verb = attribution.verb if attribution else None
        if speaker is not None and not _quoted(speaker, sentence, text):
            speaker = verb = None  # never store a speaker the article does not contain
        claims.append(ExtractedClaim(start, end, sentence, speaker, verb, score))
    return claims


def _reported(sentence: str) -> Attribution | None:
    """A first-person report ("I said in 2019 that …"), which records no speaker but is
    scored as the report of a statement, as any other attribution is."""
    return _attribution(sentence, first_person=True)


def _quoted(speaker: str, sentence: str, text: str) -> bool:
    """Whether a speaker is written in the article as it is: in its sentence, or earlier
    (a pronoun or surname resolved to the full name, "He tweeted:" for the next paragraph)."""
    return bool(speaker) and (speaker in sentence or speaker in text)


def extract_candidates(text: str) -> list[ExtractedClaim]:
    """Every candidate claim of an article (each sentence that is not page furniture, a
    heading or the article's headline) with its check-worthiness score, in text order,
    with exact offsets."""
    return _candidates(text, len(text))


def _candidates(text: str, until: int) -> list[ExtractedClaim]:
    """The candidates of the units that start before ``until``."""
    ctx = _Context(seen_units=set(), people={})
    found = units(text)
    headline = opens_with_headline(text, found)
    claims: list[ExtractedClaim] = []
    for i, unit in enumerate(found):
        if unit.start >= until:
            break
        claims.extend(_unit_claims(text, unit, ctx, headline=headline and i == 0))
    return claims


def outside(
    claims: list[ExtractedClaim], not_claims: Sequence[tuple[int, int]]
) -> list[ExtractedClaim]:
    """The candidates that overlap none of the stretches a document's markup marks as not
    prose (headings, tables, code of Markdown and HTML), which are never claims."""
    if not not_claims:
        return claims
    return [
        c for c in claims if not any(c.start < end and start < c.end for start, end in not_claims)
    ]


def extract_claims(text: str, min_score: float = THRESHOLD) -> list[ExtractedClaim]:
    """The candidates that score at least ``min_score``: the claims a desk checks."""
    return [claim for claim in extract_candidates(text) if claim.score >= min_score]


def _context_before(text: str, start: int) -> tuple[_Context, Attribution | None]:
    """What the article says before ``start``, read as extraction reads it: the people
    named so far and the last one who spoke; and the attribution that introduces the
    paragraph holding ``start`` ("He tweeted:"), if any."""
    ctx = _Context(seen_units=set(), people={})
    introduced: Attribution | None = None
    found = units(text)
    headline = opens_with_headline(text, found)
    for i, unit in enumerate(found):
        if unit.start >= start:
            break
        if unit.end > start:  # the paragraph the span starts in: only what comes first
            introduced = ctx.introduced
            _unit_claims(text, Unit(unit.start, start), ctx)
            return ctx, introduced
        _unit_claims(text, unit, ctx, headline=headline and i == 0)
    return ctx, ctx.introduced


def _sentence_attribution(text: str, start: int, end: int) -> Attribution | None:
    """The attribution the extractor gives the sentence that holds ``text[start:end]``, or
    else the one it overlaps most ("many countries will arm themselves" inside a
    quotation closed by "…,” he said"). Its speaker is already resolved and in the text."""
    best: tuple[bool, int] = (False, 0)
    found: Attribution | None = None
    for claim in _candidates(text, end):
        overlap = min(end, claim.end) - max(start, claim.start)
        if claim.speaker is None or claim.verb is None or overlap <= 0:
            continue
        rank = (claim.start <= start and end <= claim.end, overlap)
        if rank > best:
            best, found = rank, Attribution(claim.speaker, claim.verb)
    return found


def claim_at(text: str, start: int, end: int) -> ExtractedClaim:
    """The span ``text[start:end]`` as a claim a reviewer chose: its speaker and reporting
    verb found as for extracted claims (a pronoun or a surname resolved from the text
    before it), or when the span itself names none, those the extractor gives the
    sentence it lies in; and its check-worthiness score. The span is taken as it is (the
    caller trims it); a span longer than MAX_CLAIM_CHARS or an empty one is refused."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"no text at {start}:{end}")
    if end - start > MAX_CLAIM_CHARS:
        raise ValueError(f"a claim is at most {MAX_CLAIM_CHARS} characters, not {end - start}")
    sentence = text[start:end]
    ctx, introduced = _context_before(text, start)
    attribution = find_attribution(sentence)
    if attribution is None:
        attribution = _sentence_attribution(text, start, end)
    elif is_pronoun(attribution.speaker) and ctx.last_person:
        attribution = Attribution(ctx.last_person, attribution.verb)
    if attribution is None and introduced:  # "He tweeted:" over a paragraph of furniture
        attribution = introduced
    _collect_people(sentence, ctx)
    if attribution:
        attribution = Attribution(_person(attribution.speaker, ctx), attribution.verb)
    score = score_sentence(sentence, attribution or _reported(sentence))
    speaker = attribution.speaker if attribution else None
    verb = attribution.verb if attribution else None
    if speaker is not None and not _quoted(speaker, sentence, text):
        speaker = verb = None
    return ExtractedClaim(start, end, sentence, speaker, verb, score)
