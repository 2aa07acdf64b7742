"""Conflicts between reports of one event, on sentences of our own: a year or date, a
number, and polarity (said / denied); and what is not a conflict (a date of the report,
a date of another event, two wordings of one denial)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factdesk.cluster.facts import clauses, disagreements, facts
from factdesk.importer import import_paths
from factdesk.store import Store


def conflicts(first: str, second: str) -> list[tuple[str, str, str]]:
    return disagreements(facts(first), facts(second))


@pytest.mark.parametrize(
    ("first", "second", "values"),
    [
        pytest.param(
            "Brazil withdrew from the climate accord in 2017.",
            "Relations soured in 2019 when Brazil withdrew from the climate accord.",
            ("2017", "2019"),
            id="a-when-clause-is-dated-by-the-date-before-it",
        ),
        pytest.param(
            "Canada abandoned the fishing treaty in 2012.",
            "Ministers hope to revive the 1997 fishing treaty, which was abandoned by"
            " Canada in 2011.",
            ("2012", "2011"),
            id="relative-clause-and-a-year-that-names-the-treaty",
        ),
        pytest.param(
            "Canada's withdrawal from the fishing treaty in 2012 angered Norway.",
            "Canada pulled out of the fishing treaty in 2014.",
            ("2012", "2014"),
            id="noun-and-verb",
        ),
        pytest.param(
            "Relations between Brazil and Chile have soured since 2018.",
            "Relations between Brazil and Chile soured in 2016.",
            ("2018", "2016"),
            id="since-a-year-not-before-it",
        ),
        pytest.param(
            "The Acme company, founded in 1998 by two brothers, was sold to Globex in 2020.",
            "Two brothers founded the Acme company in 1999.",
            ("1998", "1999"),
            id="each-date-with-its-own-act",
        ),
        pytest.param(
            "The minister was arrested in Lisbon in January.",
            "The minister was detained in Lisbon in Mar. last year.",
            ("January", "March"),
            id="months",
        ),
    ],
)
def test_a_date_conflict(first: str, second: str, values: tuple[str, str]) -> None:
    found = [c for c in conflicts(first, second) if c[0] == "date"]
    assert found == [("date", *values)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            "The Guardian reported in March that the minister was arrested in Lisbon.",
            "The minister was arrested in Lisbon in January.",
            id="a-month-dating-the-report",
        ),
        pytest.param(
            "The Guardian reported in March that Maria Lopes was arrested in January.",
            "Maria Lopes was arrested in Lisbon in January.",
            id="the-same-date-of-the-event",
        ),
        pytest.param(
            "Brazil signed the climate accord in 2015.",
            "Brazil withdrew from the climate accord in 2017.",
            id="another-act",
        ),
        pytest.param(
            "The Acme company, founded in 1998 by two brothers, was sold to Globex in 2020.",
            "Globex bought Acme in 2020.",
            id="the-other-date-of-the-clause",
        ),
        pytest.param(
            "Brazil withdrew from the climate accord in 2017.",
            "Chile withdrew from the climate accord in 2019.",
            id="another-actor",
        ),
        pytest.param(
            "Relations between Brazil and Chile have soured since 2018.",
            "Relations between Brazil and Chile soured further in 2020.",
            id="since-a-year-allows-later-ones",
        ),
        pytest.param(
            "Relations between Brazil and Chile improved in 2015.",
            "Relations between Brazil and Chile soured in 2019.",
            id="another-turn-of-relations",
        ),
    ],
)
def test_no_date_conflict(first: str, second: str) -> None:
    assert [c for c in conflicts(first, second) if c[0] == "date"] == []


def test_clauses_keep_a_when_clause_with_its_date() -> None:
    text = "Relations soured in 2019 when Brazil withdrew, and trade fell."
    assert clauses(text) == ["Relations soured in 2019 when Brazil withdrew", "trade fell."]
    assert clauses("Brazil said that it withdrew.") == ["Brazil said", "it withdrew."]


@pytest.mark.parametrize(
    ("first", "second", "values"),
    [
        pytest.param(
            "Floods killed 40 people in northern Italy.",
            "Floods killed 45 people in Italy.",
            ("40", "45"),
            id="a-toll",
        ),
        pytest.param(
            "Floods killed more than 40 people in Italy.",
            "Floods killed 12 people in Italy.",
            ("40", "12"),
            id="under-a-floor",
        ),
        pytest.param(
            "Investors gave Acme $3 million last year.",
            "Investors gave Acme $3.5 million last year.",
            ("$3 million", "$3.5 million"),
            id="amounts",
        ),
    ],
)
def test_a_number_conflict(first: str, second: str, values: tuple[str, str]) -> None:
    assert [c for c in conflicts(first, second) if c[0] == "number"] == [("number", *values)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            "Floods killed 40 people in Italy.",
            "Floods forced 5,000 people from their homes in Italy.",
            id="people-counted-in-another-act",
        ),
        pytest.param(
            "Floods killed more than 40 people in Italy.",
            "Floods killed 45 people in Italy.",
            id="a-floor-kept",
        ),
        pytest.param(
            "Floods killed about 40 people in Italy.",
            "Floods killed 45 people in Italy.",
            id="about",
        ),
        pytest.param(
            "Floods killed 40 people in Italy.",
            "Forty people died in Italy.",
            id="a-number-in-words-is-not-read",
        ),
    ],
)
def test_no_number_conflict(first: str, second: str) -> None:
    assert [c for c in conflicts(first, second) if c[0] == "number"] == []


@pytest.mark.parametrize(
    ("first", "second", "values"),
    [
        pytest.param(
            "The ministry said there was a link between the two attacks.",
            "The ministry dismissed claims of a link between the two attacks.",
            ("said", "dismissed"),
            id="said-dismissed",
        ),
        pytest.param(
            "Police confirmed that the driver was drunk.",
            "Police denied that the driver was drunk.",
            ("confirmed", "denied"),
            id="confirmed-denied",
        ),
        pytest.param(
            "The report found that the dam was safe.",
            "The dam was not safe.",
            ("asserted", "not"),
            id="plain-negation",
        ),
    ],
)
def test_a_polarity_conflict(first: str, second: str, values: tuple[str, str]) -> None:
    assert ("polarity", *values) in conflicts(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            "It is unclear how many people died in the fire.",
            "It was not immediately clear how many people died in the fire.",
            id="unclear-not-clear",
        ),
        pytest.param(
            "The mayor dismissed the report, describing it as lies.",
            "The mayor decried the report and accused the paper of lies.",
            id="two-rejections",
        ),
        pytest.param(
            "The army denied that it had ever used the weapons.",
            "The army said it had never used the weapons.",
            id="denied-ever-said-never",
        ),
        pytest.param(
            "The minister accused the bank of fraud but did not provide evidence.",
            "The minister accused the bank of fraud.",
            id="a-negation-of-the-evidence",
        ),
    ],
)
def test_no_polarity_conflict(first: str, second: str) -> None:
    assert [c for c in conflicts(first, second) if c[0] == "polarity"] == []


ARTICLES = {
    "one.txt": (
        "Treaty news\n\n"
        "Canada withdrew from the Arctic fishing treaty in 2012, officials said.\n\n"
        "The Herald reported in March that Maria Lopes was arrested in Lisbon.\n"
    ),
    "two.txt": (
        "Fishing and the law\n\n"
        "Relations between Canada and Norway soured in 2014 when Canada withdrew from the"
        " Arctic fishing treaty.\n\n"
        "Maria Lopes was arrested in Lisbon in January.\n"
    ),
}


def test_the_store_finds_a_date_conflict_across_articles(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    import_paths(store, [folder])
    found = [(c.kind, c.values) for c in store.conflicts()]
    assert found == [("date", ("2012", "2014"))]
