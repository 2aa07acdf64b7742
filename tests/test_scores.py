"""Check-worthiness on general sentences written for this test (not from the sample corpus or
the development data): statements that can be checked score at or above the threshold;
opinion, prediction, questions, greetings, exhortation and procedural talk score below."""

from __future__ import annotations

import pytest

from factdesk.extract import THRESHOLD, extract_candidates, extract_claims, score_sentence
from factdesk.extract.features import features

CHECKABLE = [
    # numbers, money, percentages, comparisons
    "Unemployment in the region fell to 4.2 percent last spring.",
    "The city council approved a $30 million budget for new bus lanes in March.",
    "Prices for eggs rose 60 percent in twelve months.",
    "More than 3,000 nurses left the public health service between 2019 and 2022.",
    "Rainfall in the valley was the highest on record last year.",
    "Our state has the lowest crime rate in the country.",
    # first person with a figure
    "We imported 2 million barrels of oil less than a year ago.",
    "I cut property taxes by 12 percent during my first term as mayor.",
    # events, named actors, policies and their effects
    "The senator voted against the farm bill three times.",
    "Exports to Canada doubled after the trade agreement was signed.",
    "The company laid off 800 workers at its Ohio plant in January.",
    "Police arrested 14 protesters outside the parliament building on Saturday.",
    "The governor signed a law that raised the minimum wage to $15 an hour.",
    "Hospital admissions dropped by half after the vaccine program began.",
    "Wildfires destroyed more than 1,200 homes across the province in August.",
    "They sent 2000 troops to the border in 1999.",
    "We won the state in '92 by 3 points.",
    # attribution
    "The minister said the new dam had displaced 40,000 people.",
    "According to the census bureau, the population grew by 7 percent over the decade.",
    "The opposition leader claimed that the election commission had removed 200,000 voters"
    " from the rolls.",
]
NOT_CHECKABLE = [
    # opinion
    "I think this is the most exciting time to be alive.",
    "Honestly, I love this city and its people.",
    "That is a disgrace.",
    # prediction
    "Next year the economy will be stronger than ever.",
    "It will be a beautiful day.",
    "The ferry operator is expected to hire 40 more staff.",
    "The regulator plans to fine the bank next year.",
    # questions
    "What are you going to do about the deficit?",
    "Why would anyone believe that?",
    # greetings and pleasantries
    "Thank you so much, it is great to be here tonight.",
    "Good evening and welcome to everyone watching at home.",
    "Congratulations to the team on a fantastic season.",
    # exhortation
    "We must come together and fight for our children.",
    "Let's get it done.",
    "You should vote for the candidate who cares about you.",
    "We need to think about our future.",
    "Tell your senator to reject the tax bill.",
    "Residents should write to their councillors before the vote on Monday.",
    # procedural talk
    "Please keep your answers short.",
    "Well, let me finish.",
]


def best_score(sentence: str) -> float:
    return max((c.score for c in extract_candidates(sentence)), default=0.0)


@pytest.mark.parametrize("sentence", CHECKABLE)
def test_checkable_statements_reach_the_threshold(sentence: str) -> None:
    assert best_score(sentence) >= THRESHOLD
    assert [c.text for c in extract_claims(sentence)] == [sentence]


@pytest.mark.parametrize("sentence", NOT_CHECKABLE)
def test_opinion_prediction_questions_and_talk_stay_below(sentence: str) -> None:
    assert 0.0 <= best_score(sentence) < THRESHOLD
    assert extract_claims(sentence) == []


def test_every_sentence_is_a_candidate_with_a_score() -> None:
    """Below the threshold is not gone: each sentence is stored with its score, so that a
    reviewer can lower the threshold or a transcript can be ranked."""
    text = "\n".join(CHECKABLE + NOT_CHECKABLE)
    candidates = extract_candidates(text)
    assert [c.text for c in candidates] == CHECKABLE + NOT_CHECKABLE
    for c in candidates:
        assert text[c.start : c.end] == c.text


def test_a_figure_raises_a_first_person_statement() -> None:
    plain = score_sentence("We imported oil from abroad.", None)
    figure = score_sentence("We imported 2 million barrels of oil from abroad.", None)
    assert figure > plain


def test_a_question_stays_below_whatever_its_words() -> None:
    statement = "The army lost 400 soldiers in the 2019 offensive."
    question = "Did the army lose 400 soldiers in the 2019 offensive?"
    assert score_sentence(statement, None) >= THRESHOLD > score_sentence(question, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "By the end of the war, 40,000 people had died.",
        "Source: the statistics office reported that 40 percent of homes had no heating.",
        "Related to this, the bank lost $2 billion in 2020.",
        "Copyright law was changed in 1998 to extend terms by 20 years.",
        "Contact the police, the mayor said on Monday after 3 shootings.",
        "Sign up rates doubled in 2020.",
    ],
)
def test_a_statement_that_opens_like_page_furniture_is_a_claim(sentence: str) -> None:
    assert [c.text for c in extract_claims(sentence)] == [sentence]


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe and Ali Khan",
        "BY MARY SMITH | Reuters",
        "Source: Reuters",
        "Share this article",
        "Copyright 2021 Example Media Ltd.",
        "Contact us at the newsroom.",
    ],
)
def test_page_furniture_is_not_a_candidate(line: str) -> None:
    assert extract_candidates(f"Officials said 12 people died in 2020.\n\n{line}\n")[1:] == []


@pytest.mark.parametrize(
    ("sentence", "feature"),
    [
        ("The bank raised its interest rate.", "superlative"),  # -est, not a superlative
        ("Crowds came to protest the honest result.", "superlative"),
        ("Police arrested 12 people tonight.", "procedural"),  # news, not a debate's turn
        ("The US sent aid.", "first_person"),  # the country, not "us"
        ("He ran the 100 m in 10 seconds.", "money"),  # metres
        ("No one is fooled.", "number_word"),  # not a count
    ],
)
def test_a_feature_does_not_fire_on_look_alikes(sentence: str, feature: str) -> None:
    assert feature not in features(sentence, None)


@pytest.mark.parametrize(
    ("sentence", "feature"),
    [
        ("It was the largest protest in the city.", "superlative"),
        ("The busiest port closed.", "superlative"),
        ("They told us.", "first_person"),
        ("We won in '92.", "year"),
        ("Officials expect the bill to cost $2 bn.", "money"),
        ("Prices are expected to rise.", "prediction"),
    ],
)
def test_a_feature_fires_where_it_should(sentence: str, feature: str) -> None:
    assert feature in features(sentence, None)
