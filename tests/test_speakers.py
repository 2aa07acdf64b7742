"""A speaker is always an exact substring of the article, or empty: names in any script,
in NFC or NFD, with emoji and curly apostrophes, are cut from the text, never rebuilt."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.extract import extract_candidates, extract_claims
from factdesk.extract.attribution import Attribution, find_attribution

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
    ("sentence", "speaker", "verb"),
    [
        # A verb inside the claimed content is not the sentence's reporting verb.
        (
            "Zo\u00eb Salda\u00f1a\u2019s spokesperson claimed that the text appeared in 14"
            " reports filed since 2019.",
            "Zo\u00eb Salda\u00f1a\u2019s spokesperson",
            "claimed",
        ),
        (
            "The ministry said that the army reports 40 deaths a day in 2020.",
            "The ministry",
            "said",
        ),
        (
            "The agency claimed on Monday that the group tweets 300 times a day.",
            "The agency",
            "claimed",
        ),
    ],
)
def test_a_verb_in_the_claimed_content_is_not_the_reporting_verb(
    sentence: str, speaker: str, verb: str
) -> None:
    assert find_attribution(sentence) == Attribution(speaker, verb)


def test_numbers_make_reporting_words_nouns() -> None:
    """ "14 reports" is a count of reports, never the verb; "reports 14 deaths" is one."""
    assert find_attribution("The agency received 14 reports in 2020.") is None
    assert find_attribution("Police said 300 reports of looting came in overnight.") == (
        Attribution("Police", "said")
    )
    assert find_attribution("The agency reports 14 deaths in the region.") == (
        Attribution("The agency", "reports")
    )


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


# -- rules found by a user's own article; every sentence here is made up ------------------


@pytest.mark.parametrize(
    ("sentence", "speaker", "verb"),
    [
        (
            "The opposition leader, Sara Patel, said the plan was rushed and would cost "
            "more than planned.",
            "Sara Patel",
            "said",
        ),
        (
            "Sara Patel, the leader of the opposition, said the plan was rushed.",
            "Sara Patel",
            "said",
        ),
        ("Sara Patel, leader of the opposition, said prices rose.", "Sara Patel", "said"),
        ("The mayor of Dunmore, Sara Patel, said fares would rise.", "Sara Patel", "said"),
        (
            "On Monday, the harbour board\u2019s chairman, Liam Byrne, told reporters fares rose.",
            "Liam Byrne",
            "told",
        ),
        ("Dara Quinn, 52, said the ferry was late twice in May.", "Dara Quinn", "said"),
        (
            "The union, which represents 400 crew, said the talks had failed.",
            "The union",
            "said",
        ),
        # A reported clause before the comma is still an inverted attribution.
        ("Prices rose sharply last year, said Sara Patel.", "Sara Patel", "said"),
        ("The vote was close, said a spokesman for the council.", "a spokesman", "said"),
        ("Fares will rise, the opposition leader, Sara Patel, said.", "Sara Patel", "said"),
    ],
)
def test_an_apposition_gives_the_name_never_the_reported_clause(
    sentence: str, speaker: str, verb: str
) -> None:
    assert find_attribution(sentence) == Attribution(speaker, verb)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # A lower-case title goes as titles do elsewhere ("Foreign Secretary Jane Smith").
        (
            "\u201cThe new boats will cut crossing times in half,\u201d said harbour master "
            "Tom Reilly.",
            "Tom Reilly",
        ),
        ("\u201cFares will not rise,\u201d said Tom Reilly.", "Tom Reilly"),
        ("\u201cFares will not rise,\u201d said Reilly.\u201d", "Reilly"),
        ("\u201cFares will not rise,\u201d said the harbour master.", "the harbour master"),
        # The full stop of an abbreviation is part of the name.
        ("\u201cFares will not rise,\u201d said Tom Reilly Jr.", "Tom Reilly Jr."),
    ],
)
def test_an_inverted_speaker_leaves_the_full_stop_out(sentence: str, speaker: str) -> None:
    found = find_attribution(sentence)
    assert found == Attribution(speaker, "said")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Passenger numbers rose 12 percent last year, according to a council report.",
            "a council report",
        ),
        ("According to a council report, passenger numbers rose 12 percent.", "a council report"),
        (
            "Crossings fell by a third, according to a spokesman for Mayor Ana Ruiz.",
            "a spokesman for Mayor Ana Ruiz",
        ),
        ("Fares rose 5 percent, according to police in Kent.", "police in Kent"),
        ("Fares rose 5 percent, according to Mr. Tom Reilly of the board.", "Tom Reilly"),
        ("Fares rose 5 percent, according to the harbour board on Monday.", "the harbour board"),
        # An institution's name runs on through "of" and "for"; a person's does not.
        (
            "Fares rose, according to the U.S. Department of Transportation.",
            "Department of Transportation",
        ),
        (
            "Fares rose, according to the Office for National Statistics.",
            "Office for National Statistics",
        ),
        ("Fares rose, according to Ana Ruiz of the Department of Transportation.", "Ana Ruiz"),
    ],
)
def test_according_to_takes_the_whole_source(sentence: str, speaker: str) -> None:
    assert find_attribution(sentence) == Attribution(speaker, "according to")


@pytest.mark.parametrize(
    "sentence",
    [
        "I believe our country deserves better.",
        "We said in March that fares would rise by 5 percent.",
        "So I told the board that 40 jobs would go.",
        "I do not believe the figures are right.",
        "And what I said in 2019 is that the ferry loses money.",
        "We met the board on Monday, saying that fares would rise.",
    ],
)
def test_the_first_person_is_not_a_speaker(sentence: str) -> None:
    assert find_attribution(sentence) is None


def test_the_first_person_is_never_resolved_to_the_last_person_named() -> None:
    text = (
        "Sara Patel visited the harbour on Monday.\n\n"
        "I believe our country deserves better, and we said so in 2020.\n\n"
        "So I told the board that 40 jobs would go by 2025.\n\n"
        "\u201cI believe the ferry lost money in 2023. We said so in May,\u201d Patel said.\n"
    )
    found = {c.text[:12]: (c.speaker, c.verb) for c in extract_candidates(text)}
    assert found["I believe ou"] == (None, None)
    assert found["So I told th"] == (None, None)
    # Inside a quotation, the attribution that closes it is the article's own answer.
    assert found["\u201cI believe t"] == ("Sara Patel", "said")
    assert found["We said so i"] == ("Sara Patel", "said")
    # "US" is a country, not "us".
    assert find_attribution("The US says its ferries carried 40,000 people.") == Attribution(
        "The US", "says"
    )


@pytest.mark.parametrize(
    ("sentence", "speaker", "verb"),
    [
        (
            "Unemployment fell to 4 percent in May, census figures show.",
            "census figures",
            "show",
        ),
        ("Official data showed that 300 boats docked in 2023.", "Official data", "showed"),
        ("A council report showed that fares rose 5 percent.", "A council report", "showed"),
        ("Recent polls show the mayor ahead by 6 points.", "Recent polls", "show"),
        ("Ferry use has doubled since 2019, official figures shows.", "official figures", "shows"),
        ("Police reports say 40 people were arrested.", "Police reports", "say"),
    ],
)
def test_data_speak_through_show(sentence: str, speaker: str, verb: str) -> None:
    assert find_attribution(sentence) == Attribution(speaker, verb)


@pytest.mark.parametrize(
    "sentence",
    [
        "The photos show a crowded harbour in 2023.",
        "The old ferry shows its age after 40 years.",
        "Ferry shows drew 3,000 visitors in 2023.",
    ],
)
def test_only_data_show(sentence: str) -> None:
    assert find_attribution(sentence) is None
