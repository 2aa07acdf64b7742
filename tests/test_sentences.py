"""Sentence splitting: exact offsets, abbreviations, quotations, headlines and bullets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.extract import extract_claims, split_sentences
from factdesk.extract.sentences import opens_with_headline, units


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_every_corpus_sentence_is_its_exact_slice(corpus_texts: dict[str, str]) -> None:
    total = 0
    for text in corpus_texts.values():
        spans = split_sentences(text)
        assert spans == sorted(spans)
        for start, end in spans:
            piece = text[start:end]
            assert piece == piece.strip() and piece
            total += 1
        for claim in extract_claims(text):
            assert text[claim.start : claim.end] == claim.text
    assert total > 100


def test_abbreviations_do_not_split(corpus_texts: dict[str, str]) -> None:
    found = {"George W. Bush": 0, "Mr. ": 0, "Sept. 11": 0, "U.S. under": 0}
    for text in corpus_texts.values():
        for sentence in sentences(text):
            for needle in found:
                found[needle] += needle in sentence
            assert not sentence.endswith((" W.", " Mr.", " Sept.", " U.S.")), sentence
    assert all(found.values()), found


def test_named_abbreviations_in_made_up_text() -> None:
    text = (
        "Mr. Smith met George W. Bush in Washington on Sept. 12 to discuss U.S. policy. "
        "The U.S. Senate voted later. Then Dr. Jones left."
    )
    assert sentences(text) == [
        "Mr. Smith met George W. Bush in Washington on Sept. 12 to discuss U.S. policy.",
        "The U.S. Senate voted later.",
        "Then Dr. Jones left.",
    ]


def test_quotation_runs_on_into_its_attribution() -> None:
    text = (
        "\u201cAl-Qaeda has a new home base: It is the Islamic Republic of Iran,\u201d Pompeo "
        "claimed, adding that from 2015, Iran had allowed Al-Qaeda leaders greater freedom. "
        "\u201cIs it true?\u201d Zarif asked. \u201cNo.\u201d he said."
    )
    assert sentences(text) == [
        "\u201cAl-Qaeda has a new home base: It is the Islamic Republic of Iran,\u201d Pompeo "
        "claimed, adding that from 2015, Iran had allowed Al-Qaeda leaders greater freedom.",
        "\u201cIs it true?\u201d Zarif asked.",
        "\u201cNo.\u201d he said.",
    ]


def test_headline_without_full_stop_is_its_own_unit() -> None:
    text = (
        "Iran Rejects Allegations of Ties With Al-Qaeda\n"
        "Foreign Minister Zarif on Tuesday dismissed a claim."
    )
    assert sentences(text) == [
        "Iran Rejects Allegations of Ties With Al-Qaeda",
        "Foreign Minister Zarif on Tuesday dismissed a claim.",
    ]


def test_bullets_are_units_without_their_markers() -> None:
    text = "Summary\n\n  \u2022 The first point is here\n  \u2022 The second point is here.\n"
    assert sentences(text) == ["Summary", "The first point is here", "The second point is here."]


def test_wrapped_paragraph_lines_join() -> None:
    text = (
        "The ministry said on Tuesday that the sanctions imposed last year had\n"
        "cut oil exports by half. Officials disagreed."
    )
    assert sentences(text) == [
        "The ministry said on Tuesday that the sanctions imposed last year had\n"
        "cut oil exports by half.",
        "Officials disagreed.",
    ]


news_alphabet = st.sampled_from(
    list("abcdefgh ABCXYZ.!?,;:\n\r\t\u00a0\u201c\u201d\u2019\"'()[]\u2022-\u2014\u20260123")
    + ["Mr. ", "U.S. ", "George W. Bush", " said ", "\n\n", "e.g. ", "\u2028", "\x0b"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(news_alphabet, max_size=80).map("".join))
def test_offsets_are_exact_for_any_text(text: str) -> None:
    previous_end = 0
    for start, end in split_sentences(text):
        assert 0 <= previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece.strip() == piece
        previous_end = end
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.score <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_offsets_are_exact_for_arbitrary_unicode(text: str) -> None:
    for start, end in split_sentences(text):
        assert text[start:end].strip() == text[start:end] != ""
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.text


def test_no_is_an_abbreviation_only_before_a_number() -> None:
    assert sentences("Tehran said no. The talks ended. Resolution No. 5 passed.") == [
        "Tehran said no.",
        "The talks ended.",
        "Resolution No. 5 passed.",
    ]


def test_long_sentences_stay_linear() -> None:
    # Each reporting verb used to re-read everything before it (quadratic: minutes here).
    for filler in ("a said ", "his claims ", "x. "):
        text = filler * 40_000
        spans = split_sentences(text)
        assert all(text[s:e] == text[s:e].strip() for s, e in spans)
        assert extract_claims(text) == []


def test_an_articles_first_line_without_a_full_stop_is_its_headline() -> None:
    def opens(text: str) -> bool:
        return opens_with_headline(text, units(text))

    body = "The council voted 7 to 2 on Monday to add two boats to the ferry route.\n"
    assert opens("Harbour town votes to expand ferry service\n\n" + body)
    assert opens("Harbour town votes to expand ferry service\n" + body)  # glued to the body
    assert not opens("Harbour town votes to expand ferry service")  # the whole input
    assert not opens("Harbour town votes to expand ferry service.\n\n" + body)
    assert not opens("Will the harbour town expand its ferry service?\n\n" + body)
    assert not opens("\u2022 Fares rise by 5 percent\n\u2022 Two new boats\n")
    long_line = " ".join(["the ferry ran late"] * 8)  # 32 words: a paragraph without its stop
    assert not opens(long_line + "\n\n" + body)
