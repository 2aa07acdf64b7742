"""Claim extraction on the sample corpus: what a desk would check, and no page furniture."""

from __future__ import annotations

import time

import pytest

from factdesk.extract import claim_at, extract_candidates, extract_claims, score_sentence
from factdesk.extract.attribution import Attribution
from factdesk.models import ExtractedClaim

FURNITURE = [
    "Leave a Reply",
    "Please enter your comment!",
    "Please enter your name here",
    "Add new comment",
    "Read our comment policy before posting your viewpoints",
    "[bsa_pro_ad_space id=4]",
    "Samuel Gush",
    "Samuel Gush is a Technology, Entertainment, and Political News writer at Communal News.",
    "The story was filed by the News Desk.",
    "The Desk can be reached at info@thecorrespondent.com.pk.",
    "The English, Chinese, Japanese, Arabic, and French versions are automatically generated",
    "So there may still be inaccuracies in translating",
    "(system supported by DigitalSiber.id)",
    "Iran Rejects Allegations of Ties With Al-Qaeda",
    "Pompeo Claims Iran is Supporting Al Qaeda",
    "Better Relations With Biden Expected",
    "Sign of Desperation",
    "Javad Zarif (@JZarif) January 12, 2021",
]
NOT_CLAIMS = [
    "That is a nightmare and that is folly.",
    "It should not happen,\u201d he has said.",
    "why did he wait until the eight last days of his term to put this forward?",
    "He tweeted:",
]


@pytest.fixture(scope="module")
def corpus_claims(corpus_texts: dict[str, str]) -> dict[str, list[ExtractedClaim]]:
    return {name: extract_claims(text) for name, text in corpus_texts.items()}


def all_claims(corpus_claims: dict[str, list[ExtractedClaim]]) -> list[ExtractedClaim]:
    return [c for claims in corpus_claims.values() for c in claims]


def test_no_furniture_or_non_claim_is_a_claim(
    corpus_claims: dict[str, list[ExtractedClaim]],
) -> None:
    texts = [c.text for c in all_claims(corpus_claims)]
    for line in FURNITURE + NOT_CLAIMS:
        assert not any(line in t for t in texts), line


def test_every_article_yields_claims_with_exact_offsets(
    corpus_texts: dict[str, str], corpus_claims: dict[str, list[ExtractedClaim]]
) -> None:
    for name, claims in corpus_claims.items():
        assert len(claims) >= 8, name
        text = corpus_texts[name]
        for claim in claims:
            assert text[claim.start : claim.end] == claim.text
            assert 0.0 <= claim.score <= 1.0


def find(corpus_claims: dict[str, list[ExtractedClaim]], opening: str) -> ExtractedClaim:
    matches = [c for c in all_claims(corpus_claims) if c.text.startswith(opening)]
    assert matches, f"no claim starts with {opening!r}"
    return matches[0]


@pytest.mark.parametrize(
    ("opening", "speaker", "verb"),
    [
        ("US Secretary of State Mike Pompeo has claimed that Iran", "Mike Pompeo", "claimed"),
        ("Tehran denied the report, saying", "Tehran", "denied"),
        ("\u201cAl-Qaeda has a new home base: It is", "Mike Pompeo", "claimed"),
        ("Foreign Minister Mohammad Javad Zarif on Tuesday", "Mohammad Javad Zarif", "dismissed"),
        ("According to German Foreign Minister Heiko Maas", "Heiko Maas", "according to"),
        ("Iran denies the report", "Iran", "denies"),
        ("Following Pompeo\u2019s comments, an Iranian", "Saeed Khatibzadeh", "reiterated"),
        ("Trita Parsi, an Iran expert", "Trita Parsi", "called"),
        (
            "A former senior US intelligence official with",
            "A former senior US intelligence official",
            "said",
        ),
        ("He could have cited undisclosed information", "a source", "said"),
        ("While Mr. Biden has shown interest", "Benjamin Netanyahu", "warned"),
        ("He also asserted that the Iranian government", "Mike Pompeo", "asserted"),
        ("In his averment, Ayatollah Khamenei", "Ali Khamenei", "claimed"),
        ("\u201cThis is an administration that", "Trita Parsi", "added"),
    ],
)
def test_speakers_and_verbs(
    corpus_claims: dict[str, list[ExtractedClaim]], opening: str, speaker: str, verb: str
) -> None:
    claim = find(corpus_claims, opening)
    assert (claim.speaker, claim.verb) == (speaker, verb)


def test_a_colon_attribution_speaks_for_the_next_paragraph(
    corpus_claims: dict[str, list[ExtractedClaim]],
) -> None:
    # "He tweeted:" and then the tweet as a paragraph of its own.
    claim = find(corpus_claims, "The US wanted to start a civil war in Iran in 2009")
    assert (claim.speaker, claim.verb) == ("Ali Khamenei", "tweeted")


def test_a_quotation_takes_the_attribution_that_closes_it(corpus_texts: dict[str, str]) -> None:
    # A prediction, so a candidate below the threshold; its speaker is found all the same.
    candidates = {name: extract_candidates(text) for name, text in corpus_texts.items()}
    claim = find(candidates, "\u201cIf we just go back to the JCPOA")
    assert (claim.speaker, claim.verb) == ("Benjamin Netanyahu", "said")


def test_factual_statements_without_attribution_are_found(
    corpus_claims: dict[str, list[ExtractedClaim]],
) -> None:
    # The one that gets the year wrong (the US left the deal in 2018, not 2015).
    wrong_year = find(corpus_claims, "President Trump\u2019s unilateral withdrawal")
    assert "2015" in wrong_year.text and wrong_year.speaker is None
    find(corpus_claims, "Relations between Tehran and Washington deteriorated in 2018")
    find(corpus_claims, "Multiple al-Qaeda militants and family members")


def test_strong_attributed_claims_outscore_plain_statements(
    corpus_claims: dict[str, list[ExtractedClaim]],
) -> None:
    strong = find(corpus_claims, "US Secretary of State Mike Pompeo has claimed")
    plain = find(corpus_claims, "Israel is one of Iran\u2019s biggest rivals")
    assert strong.score > plain.score


def test_questions_headings_and_exhortation_are_not_claims() -> None:
    text = (
        "Why Did Pompeo Wait\n\n"
        "Did Iran really shelter al-Qaeda leaders in 2015?\n\n"
        "We must act now and we should never give up.\n\n"
        "Iran\u2019s foreign minister Mohammad Javad Zarif denied on Tuesday that Iran had "
        "sheltered al-Qaeda leaders since 2015.\n"
    )
    claims = extract_claims(text)
    assert [c.text[:20] for c in claims] == ["Iran\u2019s foreign minis"]
    assert claims[0].speaker == "Mohammad Javad Zarif" and claims[0].verb == "denied"


def test_markup_like_text_is_kept_verbatim() -> None:
    text = "The ministry [b]said[/b] on Monday that 40 people were killed in [link=x]Kabul[/]."
    claims = extract_claims(text)
    assert claims and claims[0].text == text


def test_a_byline_check_does_not_backtrack_on_a_long_question() -> None:
    # Each word of "By trashing all …" could be split into shorter "names": that took
    # minutes for one line of a debate transcript.
    line = "By blaming the ferrymen or blaming the harbourmasters?"
    began = time.perf_counter()
    candidates = extract_candidates(line + "\n\nBy Jane Doe and Ali Khan\n")
    assert time.perf_counter() - began < 2.0
    assert [c.text for c in candidates] == [line]  # a question, not a byline; the byline goes


def test_a_headline_in_sentence_case_is_not_a_candidate() -> None:
    headline = "Harbour town votes to expand ferry service"
    body = "The council voted 7 to 2 on Monday to add two boats to the ferry route."
    for text in (f"{headline}\n\n{body}\n", f"{headline}\n{body}\n"):
        assert [c.text for c in extract_candidates(text)] == [body]
    # A repeat of the headline further down is furniture, as for title-case headlines.
    assert [c.text for c in extract_candidates(f"{headline}\n\n{body}\n\n{headline}\n")] == [body]
    # One line alone is a sentence: a transcript's line, a one-sentence input.
    assert [c.text for c in extract_candidates(headline)] == [headline]


ARTICLE = (
    "Ferry plan splits harbour town\n\n"
    "Defence minister Ana Ruiz spoke in Lisbon on Monday.\n\n"
    "\u201cIf we go back to the deal, many countries will arm themselves,\u201d she said. "
    "Ruiz added that 40 boats were sold in 2023.\n\n"
    "\u201cThe fleet is too old. Half of it was built before 1990,\u201d Ruiz told reporters.\n\n"
    "Ticket sales fell 8 percent, according to a council report.\n"
)


@pytest.mark.parametrize(
    ("selection", "speaker", "verb"),
    [
        # Inside a quotation whose attribution closes the sentence.
        ("many countries will arm themselves", "Ana Ruiz", "said"),
        # Inside a quotation whose attribution closes a later sentence.
        ("The fleet is too old", "Ana Ruiz", "told"),
        ("Half of it was built before 1990", "Ana Ruiz", "told"),
        # Inside a reported clause and an "according to" sentence.
        ("40 boats were sold in 2023", "Ana Ruiz", "added"),
        ("Ticket sales fell 8 percent", "a council report", "according to"),
        # Across two sentences of one quotation.
        ("too old. Half of it was built", "Ana Ruiz", "told"),
        # A selection with its own attribution keeps it.
        ("Ruiz added that 40 boats", "Ana Ruiz", "added"),
        # No attribution in the sentence, none in the headline.
        ("spoke in Lisbon on Monday", None, None),
        ("Ferry plan splits harbour town", None, None),
    ],
)
def test_an_added_claim_takes_the_attribution_of_its_sentence(
    selection: str, speaker: str | None, verb: str | None
) -> None:
    start = ARTICLE.index(selection)
    found = claim_at(ARTICLE, start, start + len(selection))
    assert found.text == selection
    assert (found.speaker, found.verb) == (speaker, verb)
    assert found.speaker is None or found.speaker in ARTICLE


def test_a_first_person_report_records_no_speaker_but_scores_as_a_report() -> None:
    sentence = "I said in 2019 that 40 ferry jobs were cut."
    (claim,) = extract_candidates(sentence)
    assert (claim.speaker, claim.verb) == (None, None)
    assert claim.score == score_sentence(sentence, Attribution("I", "said"))
    start = sentence.index("40 ferry")
    added = claim_at(sentence, start, len(sentence) - 1)
    assert (added.speaker, added.verb) == (None, None)
