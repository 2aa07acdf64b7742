"""A speaker is always an exact substring of the article, or empty: names in any script,
in NFC or NFD, with emoji and curly apostrophes, are cut from the text, never rebuilt."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.extract import extract_claims
from factdesk.extract.attribution import find_attribution

FLAG = "\U0001f1ec\U0001f1e7"  # 🇬🇧
THUMB = "\U0001f44d\U0001f3fd"  # 👍🏽
FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467"  # 👩‍👩‍👧
TAIL = " on Monday that 40 people were arrested in Cluj in 2020."


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("sentence", "speaker", "verb"),
    [
        # The two repros.
        (f"According to {FLAG}, 40 people were arrested in 2020.", FLAG, "according to"),
        (
            "Zo\u00eb Salda\u00f1a\u2019s spokesperson (who asked not to be named) claimed that "
            "the same text appeared in 14 reports filed since 2019.",
            "Zo\u00eb Salda\u00f1a\u2019s spokesperson",
            "claimed",
        ),
        (
            "Zo\u00eb Salda\u00f1a\u2019s spokesperson \u2014 who asked not to be named \u2014 "
            "claimed that the same text appeared in 14 reports filed since 2019.",
            "Zo\u00eb Salda\u00f1a\u2019s spokesperson",
            "claimed",
        ),
        # Names in other scripts, precomposed and decomposed.
        ("\u015etefan Popescu said" + TAIL, "\u015etefan Popescu", "said"),
        (nfd("\u015etefan Popescu said" + TAIL), nfd("\u015etefan Popescu"), "said"),
        ("Nguy\u1ec5n V\u0103n An said" + TAIL, "Nguy\u1ec5n V\u0103n An", "said"),
        (nfd("Nguy\u1ec5n V\u0103n An said" + TAIL), nfd("Nguy\u1ec5n V\u0103n An"), "said"),
        (
            "\u041c\u0438\u0445\u0430\u0438\u043b \u041f\u0435\u0442\u0440\u043e\u0432 said" + TAIL,
            "\u041c\u0438\u0445\u0430\u0438\u043b \u041f\u0435\u0442\u0440\u043e\u0432",
            "said",
        ),
        (nfd("Zo\u00eb Salda\u00f1a denied" + TAIL), nfd("Zo\u00eb Salda\u00f1a"), "denied"),
        # Emoji in and around the speaker.
        (f"{FLAG} Foreign Secretary Jane Smith {THUMB} said" + TAIL, "Jane Smith", "said"),
        (f"Jane Smith {FLAG} said" + TAIL, "Jane Smith", "said"),
        (f"According to {FLAG} officials, 40 people were held.", f"{FLAG} officials", None),
        (f"The {FAMILY} charity said" + TAIL, "charity", "said"),
        # Curly apostrophes stay inside words.
        ("O\u2019Brien told reporters" + TAIL, "O\u2019Brien", "told"),
        (
            "C\u00f4te d\u2019Ivoire\u2019s government said" + TAIL,
            "C\u00f4te d\u2019Ivoire\u2019s government",
            "said",
        ),
        ("According to Heiko Maas of Germany, 40 people were held.", "Heiko Maas", None),
    ],
)
def test_speakers_are_cut_from_the_sentence(sentence: str, speaker: str, verb: str | None) -> None:
    found = find_attribution(sentence)
    assert found is not None
    assert found.speaker == speaker and found.speaker in sentence
    assert verb is None or found.verb == verb


@pytest.mark.parametrize(
    "sentence",
    [
        # A verb inside the claimed content is not the sentence's reporting verb.
        "Zo\u00eb Salda\u00f1a\u2019s spokesperson \u2026 claimed that \u2026 text appeared in 14 "
        "reports filed since 2019.",
        "The ministry \u2026 said that the army reports 40 deaths a day in 2020.",
        "The agency \u2026 claimed on Monday that the group tweets 300 times a day.",
    ],
)
def test_a_verb_in_the_claimed_content_is_not_the_reporting_verb(sentence: str) -> None:
    found = find_attribution(sentence)
    assert found is None or found.verb in ("claimed", "said")
    assert found is None or found.speaker in sentence


def test_numbers_make_reporting_words_nouns() -> None:
    found = find_attribution("The group posted 14 reports denying that 40 people died.")
    assert found is None or found.verb != "reports"


def test_pronouns_and_surnames_resolve_to_names_as_the_article_writes_them() -> None:
    text = (
        "Foreign Minister \u015etefan\u00a0Popescu visited Cluj on Monday for talks.\n\n"
        "Popescu said on Monday that 40 people were arrested in Cluj in 2020.\n\n"
        "He added that 12 of them were released on Tuesday in Cluj.\n"
    )
    claims = extract_claims(text)
    speakers = {c.text[:7]: c.speaker for c in claims}
    assert speakers["Popescu"] == "\u015etefan\u00a0Popescu"  # the no-break space kept
    assert speakers["He adde"] == "\u015etefan\u00a0Popescu"
    for claim in claims:
        assert claim.speaker is None or claim.speaker in text


NAMES = [
    "Zo\u00eb",
    nfd("Zo\u00eb"),
    "Salda\u00f1a\u2019s",
    nfd("Salda\u00f1a"),
    "\u015etefan",
    "Nguy\u1ec5n",
    nfd("Nguy\u1ec5n"),
    "V\u0103n",
    "An",
    "\u041c\u0438\u0445\u0430\u0438\u043b",
    "O\u2019Brien",
    "Mr.",
    "US",
    "Secretary",
    "the",
    "a",
    "spokesperson",
    "officials",
    FLAG,
    THUMB,
    FAMILY,
    "\u200f",
    "(who",
    "declined)",
    "\u2014",
    ",",
    "\u2026",
]
VERBS = ["said", "claimed", "denied", "reports", "according to", "told reporters", "tweeted:"]


@settings(max_examples=400, deadline=None)
@given(
    before=st.lists(st.sampled_from(NAMES), max_size=7),
    verb=st.sampled_from(VERBS),
    after=st.lists(st.sampled_from(NAMES + VERBS + ["that", "in", "14", "2020"]), max_size=10),
    joiner=st.sampled_from([" ", "\u00a0", "  "]),
)
def test_a_speaker_is_always_a_substring(
    before: list[str], verb: str, after: list[str], joiner: str
) -> None:
    sentence = joiner.join([*before, verb, *after]) + " in 2020."
    found = find_attribution(sentence)
    assert found is None or (found.speaker and found.speaker in sentence)
    for claim in extract_claims(sentence + "\n\nHe said that 40 people were held in 2020.\n"):
        assert claim.speaker is None or claim.speaker in sentence + "He"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_no_text_gives_an_invented_speaker(text: str) -> None:
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.text
        assert claim.speaker is None or (claim.speaker and claim.speaker in text)
