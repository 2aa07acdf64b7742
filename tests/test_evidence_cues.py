"""The cues that decide a claim, and how suggestions tie them to it: sentences written
for these tests, not taken from the sample corpus."""

from __future__ import annotations

import re

import pytest

from factdesk.evidence import cues as cue_module
from factdesk.evidence.cues import cues
from factdesk.evidence.suggest import read_article, suggest, suggested_verdict
from factdesk.extract import extract_candidates, split_sentences


def found(sentence: str) -> list[tuple[str, str]]:
    return [(c.kind, sentence[c.start : c.end]) for c in cues(sentence, 0, len(sentence))]


@pytest.mark.parametrize(
    ("sentence", "kind", "span"),
    [
        ("The governor repeated the figure without offering any evidence.", "no-evidence",
         "The governor repeated the figure without offering any evidence"),
        ("She did not provide details of the contract, officials said.", "no-evidence",
         "She did not provide details of the contract"),
        ("The company has not published any study supporting it.", "no-evidence",
         "The company has not published any study supporting it"),
        ("The report could not be independently verified.", "no-evidence",
         "The report could not be independently verified"),
        ("Critics called the numbers unsubstantiated.", "no-evidence",
         "Critics called the numbers unsubstantiated"),
        ("He offered no figures to back up the estimate.", "no-evidence",
         "He offered no figures to back up the estimate"),
        ("The embassy denied the report on Sunday.", "denial",
         "The embassy denied the report on Sunday"),
        ("Union leaders rejected the allegations, saying wages had risen.", "denial",
         "Union leaders rejected the allegations"),
        ("A spokesman described the story as fabricated.", "denial",
         "A spokesman described the story as fabricated"),
        ("Her aides insisted that there was no meeting.", "denial",
         "Her aides insisted that there was no meeting"),
        ("The study, which was later discredited, was cited again.", "doubt",
         "which was later discredited"),
        ("Many economists expressed skepticism about the forecast.", "doubt",
         "Many economists expressed skepticism about the forecast"),
        ("The figures should be treated with caution.", "doubt",
         "The figures should be treated with caution"),
        ("Court records show that the firm was fined twice.", "confirmation",
         "Court records show that the firm was fined twice"),
        ("The ministry publicly confirmed the closure on Friday.", "confirmation",
         "The ministry publicly confirmed the closure on Friday"),
        ("According to Reuters, the talks ended without a deal.", "source",
         "According to Reuters"),
    ],
)  # fmt: skip
def test_each_kind_of_cue_is_found_as_its_clause(sentence: str, kind: str, span: str) -> None:
    assert (kind, span) in found(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor opened a new library on Tuesday.",
        "Prices rose by four percent in March, the bank said.",
        "According to the, uh, schedule the train was late.",  # no one named
    ],
)
def test_a_sentence_without_a_cue_has_none(sentence: str) -> None:
    assert found(sentence) == []


def test_a_negated_confirmation_is_no_confirmation() -> None:
    assert found("The claim could not be independently verified.") == [
        ("no-evidence", "The claim could not be independently verified")
    ]
    assert found("The figures were never confirmed.") == [
        ("no-evidence", "The figures were never confirmed")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister did not deny the report.",  # not denied: no denial
        "There is no doubt that the bridge is old.",
        "Nobody has confirmed the date.",  # (a claim of its own, not a confirmation)
        "The driver was admitted to hospital.",
        "Police questioned the suspect for hours.",
        "She writes fiction in her spare time.",
        "The dog was lying in the shade.",
        "Sales have never been higher.",
    ],
)
def test_words_that_only_look_like_cues_are_none(sentence: str) -> None:
    assert [kind for kind, _ in found(sentence)] in ([], ["no-evidence"]), found(sentence)
    assert all(kind != "confirmation" for kind, _ in found(sentence))


def test_the_words_each_pattern_needs_skip_no_cue() -> None:
    """Searching only the sentences holding a pattern's words finds what searching every
    sentence with every pattern finds (on sentences of all kinds)."""
    text = " ".join(
        [
            "He declined to elaborate on the numbers.",
            "Records released on Monday showed a gap.",
            "Nobody could say what the figures were.",
            "The deal was never signed.",
            "Officials branded the video a hoax.",
            "It remains unclear who paid.",
            "The agency found no sign of fraud.",
            "His account was at odds with the data.",
        ]
    )
    sentences = split_sentences(text)
    gated = [cues(text, s, e) for s, e in sentences]
    assert sum(map(bool, gated)) >= 5  # (most of these sentences hold a cue)
    everything = [(k, w, p, ("",)) for k, w, p, _ in cue_module._COMPILED]
    original = cue_module._COMPILED
    try:
        cue_module._COMPILED = everything
        assert [cues(text, s, e) for s, e in sentences] == gated
    finally:
        cue_module._COMPILED = original


ARTICLE = (
    "Council Vote\n\n"
    "Councillor Dana Whitlow said on Monday that the new bridge would cut traffic by half."
    " She offered no figures to support the estimate.\n\n"
    "The transport office rejected the claim, saying traffic had grown every year since"
    " 2015. Road counts published by the office show traffic rising by 3 percent a year.\n\n"
    "A bakery on Mill Street won a national prize for its rye bread.\n"
)


def suggestions_for(text: str, opening: str) -> list[tuple[str, str]]:
    article = read_article(text, split_sentences(text))
    (claim,) = [c for c in extract_candidates(text) if c.text.startswith(opening)]
    return [(s.cue, text[s.start : s.end]) for s in suggest(article, claim)]


def test_suggestions_rank_the_cues_tied_to_the_claim_first() -> None:
    ranked = suggestions_for(ARTICLE, "Councillor Dana Whitlow")
    assert ranked[0] == ("no-evidence", "She offered no figures to support the estimate")
    assert ("denial", "The transport office rejected the claim") in ranked[:3]


def test_the_claims_own_verb_is_not_its_evidence() -> None:
    ranked = suggestions_for(ARTICLE, "The transport office rejected")
    assert ranked[0][0] == "confirmation" and ranked[0][1].startswith("Road counts published")


def test_a_claim_about_something_else_gets_no_suggestion() -> None:
    assert suggestions_for(ARTICLE, "A bakery on Mill Street") == []


def test_the_suggested_verdict_weighs_the_first_three() -> None:
    assert suggested_verdict([("denial", 0.9), ("confirmation", 0.5), ("doubt", 0.4)]) == (
        "disputed"
    )
    assert suggested_verdict([("no-evidence", 0.9), ("denial", 0.5)]) == "unevidenced"
    assert suggested_verdict([]) is None


def test_every_suggestion_is_a_clause_not_a_paragraph() -> None:
    article = read_article(ARTICLE, split_sentences(ARTICLE))
    quotes = [
        ARTICLE[s.start : s.end]
        for claim in extract_candidates(ARTICLE)
        for s in suggest(article, claim)
    ]
    assert len(quotes) >= 5  # (the article's cues give suggestions to check)
    for quote in quotes:
        assert "\n" not in quote and len(quote) <= 160
        assert re.match(r"\w", quote) and not quote.endswith((" ", "."))
