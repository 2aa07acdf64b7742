"""Claim clustering on paraphrases of our own writing: two wordings of one claim must be
at least SAME_CLAIM alike through the index (blocking included), and two claims that only
share a topic must not. None of these sentences comes from the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from factdesk.cluster.index import SAME_CLAIM, ClusterIndex, place
from factdesk.cluster.terms import core, name_term, negated, profile, tense, words
from factdesk.importer import import_paths
from factdesk.store import Store

# Other news of the day, so that term weights are those of a desk, not of two sentences.
BACKGROUND = [
    "The finance minister said the budget deficit would narrow next year.",
    "Heavy rain flooded several villages in the south of the country on Sunday.",
    "The football club sacked its manager after a run of six defeats.",
    "Police arrested three men suspected of smuggling cigarettes across the border.",
    "The prime minister promised to build 300,000 new homes by the end of the decade.",
    "Shares in the airline fell sharply after it cut its profit forecast.",
    "Doctors went on strike over pay in hospitals across the region.",
    "The opposition leader called for an inquiry into the contract.",
    "A wildfire forced hundreds of residents to leave their homes near the coast.",
    "The president said the government would raise the minimum wage in April.",
    "Officials said the new bridge would open to traffic in the summer.",
    "The court sentenced the former mayor to five years in prison for bribery.",
    "Scientists warned that the glacier was melting faster than expected.",
    "The company announced plans to cut 2,000 jobs in its European factories.",
]


def similarity(first: str, second: str) -> float:
    """How alike the index finds two claims among the background (0 when blocking does
    not even bring them together)."""
    index = ClusterIndex()
    texts = [*BACKGROUND, first, second]
    for text in texts:
        index.learn_acronyms(text)
    profiles = [index.profile(text) for text in texts]
    for claim in profiles:
        index.count(claim)
    for claim_id, claim in enumerate(profiles[:-1]):
        index.add(claim_id, claim_id, claim, None)
    found = {m.claim_id: m.score for m in index.matches(profiles[-1], 0.0)}
    return found.get(len(texts) - 2, 0.0)


SAME = [
    pytest.param(
        "Rebels shot dead the mayor of Springfield on Monday.",
        "The mayor of Springfield was killed by rebels on Monday.",
        id="synonym-phrase-and-passive",
    ),
    pytest.param(
        "Gunmen gunned down two police officers outside a bank in Lagos.",
        "Two police officers were killed by gunmen outside a Lagos bank.",
        id="gunned-down-word-order",
    ),
    pytest.param(
        "Al-Qaida claimed the bombing of the hotel in Mogadishu.",
        "The hotel bombing in Mogadishu was claimed by al Qaeda.",
        id="name-spelling-al-qaida",
    ),
    pytest.param(
        "President Emmanuel Macron vetoed the pension reform bill.",
        "Macron vetoed the bill reforming pensions.",
        id="surname-opening-a-sentence",
    ),
    pytest.param(
        "Moscow denied supplying weapons to the separatists.",
        "Russia denied that it had supplied weapons to separatists.",
        id="capital-for-country",
    ),
    pytest.param(
        "The central bank raised interest rates sharply on Thursday.",
        "On Thursday interest rates were raised sharply by the central bank.",
        id="word-order",
    ),
    pytest.param(
        "Volodymyr Zelensky met Nato leaders in Brussels to ask for air defence.",
        "Volodymyr Zelenskiy asked Nato leaders for air defence at a meeting in Brussels.",
        id="transliteration",
    ),
    pytest.param(
        "It is unclear whether the ceasefire in Gaza will hold.",
        "It was not clear if the Gaza ceasefire would hold.",
        id="unclear-is-not-clear",
    ),
    pytest.param(
        "The ministry denied that the army had ever used cluster munitions.",
        "The ministry said the army had never used cluster munitions.",
        id="denied-ever-is-said-never",
    ),
    pytest.param(
        "The World Health Organization (WHO) declared mpox a global emergency.",
        "WHO declared a global emergency over mpox.",
        id="acronym-defined-in-text",
    ),
    pytest.param(
        "NAIROBI - Kenya's parliament approved the new finance bill.",
        "Kenya's parliament approved the new finance bill, officials said.",
        id="dateline-and-trailing-attribution",
    ),
    pytest.param(
        "Officials say AQ leaders have moved to Yemen.",
        "Al Qaeda leaders have moved to Yemen, officials say.",
        id="known-acronym",
    ),
    pytest.param(
        "Foreign Minister Penny Wong criticised the detention of the journalist.",
        "The foreign minister, Penny Wong, criticised the journalist's detention.",
        id="title-in-or-out-of-the-name",
    ),
    pytest.param(
        "The Herald reported that the dam had burst after days of rain.",
        "The dam burst after days of rain.",
        id="who-reported-it-is-not-the-claim",
    ),
    pytest.param("So be it.", "“So be it.”", id="a-wording-too-short-for-terms"),
    pytest.param(
        "Unemployment fell to 3.5 percent in March.",
        "The jobless rate dropped to 3.5% in March.",
        id="jobless-rate",
    ),
    pytest.param(
        "The company laid off 500 workers at its Detroit plant.",
        "The firm laid off 500 staff at its plant in Detroit.",
        id="company-firm",
    ),
    pytest.param(
        "Israel struck targets in southern Lebanon overnight.",
        "Israeli warplanes hit targets in south Lebanon overnight.",
        id="struck-southern-people-for-country",
    ),
    pytest.param(
        "The Prime Minister resigned on Tuesday after losing a confidence vote.",
        "The premier stepped down on Tuesday after he lost a vote of confidence.",
        id="stepped-down",
    ),
    pytest.param(
        "The White House said it would veto the bill.",
        "Washington threatened to veto the bill.",
        id="threat-is-a-plan",
    ),
    pytest.param(
        "Mexico's president Andrés Manuel López Obrador rejected the US request.",
        "Lopez Obrador turned down the request from Washington.",
        id="accents-and-turned-down",
    ),
]

DIFFERENT = [
    pytest.param(
        "Rebels killed the mayor of Springfield on Monday.",
        "Rebels kidnapped the mayor of Springfield on Monday.",
        id="another-act",
    ),
    pytest.param(
        "The central bank raised interest rates on Thursday.",
        "The central bank is expected to raise interest rates next month.",
        id="done-or-planned",
    ),
    pytest.param(
        "Kenya's parliament approved the finance bill.",
        "Protesters stormed Kenya's parliament over the finance bill.",
        id="same-bill-another-event",
    ),
    pytest.param(
        "Floods killed at least 40 people in northern Italy.",
        "Italy's government declared a state of emergency after the floods.",
        id="same-disaster-another-claim",
    ),
    pytest.param(
        "Apple unveiled a new iPhone at its headquarters in California.",
        "Apple shares fell after investors were disappointed by the new iPhone.",
        id="same-product-another-claim",
    ),
    pytest.param(
        "Brazil signed the climate accord in 2015.",
        "Brazil withdrew from the climate accord in 2017.",
        id="same-accord-another-act",
    ),
    pytest.param("So be it.", "Be it so.", id="short-wordings-only-match-exactly"),
    pytest.param(
        "Unemployment fell to 3.5 percent in March.",
        "Unemployment rose to 3.9 percent in April.",
        id="fell-rose",
    ),
    pytest.param(
        "Chancellor Olaf Scholz said Germany would send more tanks to Ukraine.",
        "Chancellor Olaf Scholz refused to send fighter jets to Ukraine.",
        id="tanks-not-jets",
    ),
    pytest.param(
        "The Prime Minister resigned on Tuesday.",
        "The Prime Minister survived a confidence vote on Tuesday.",
        id="resigned-survived",
    ),
    pytest.param(
        "Israel struck targets in southern Lebanon overnight.",
        "Hezbollah fired rockets into northern Israel overnight.",
        id="the-other-side",
    ),
]


@pytest.mark.parametrize(("first", "second"), SAME)
def test_paraphrases_cluster(first: str, second: str) -> None:
    assert similarity(first, second) >= SAME_CLAIM


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_claims_sharing_a_topic_do_not(first: str, second: str) -> None:
    assert similarity(first, second) < SAME_CLAIM


@pytest.mark.parametrize(
    "spellings",
    [
        ("Qaeda", "Qaida"),
        ("Muhammad", "Mohammed", "Mohammad"),
        ("Zelensky", "Zelenskiy", "Zelenskyy"),
        ("al-Masri", "Masri"),
    ],
)
def test_spellings_of_a_name_meet(spellings: tuple[str, ...]) -> None:
    assert len({name_term(s.lower()) for s in spellings}) == 1


def test_different_names_stay_apart() -> None:
    assert name_term("biden") != name_term("bush")
    assert name_term("cia") == "cia"  # short names and acronyms are kept whole


def test_a_name_opening_a_sentence_is_a_name_once_articles_write_it_as_one() -> None:
    alone = profile("Macron vetoed the bill.")
    known = profile("Macron vetoed the bill.", names={"macron"})
    assert name_term("macron") not in alone.full.names
    assert name_term("macron") in known.full.names


@pytest.mark.parametrize(
    ("text", "is_negated"),
    [
        ("It is unclear how many died", True),
        ("It was not immediately clear how many died", True),
        ("The army denied that it had ever used the weapons", True),
        ("The army said it had never used the weapons", True),
        ("The army denied that it had not used the weapons", False),
        ("The minister failed to repay the loan", True),
        ("The minister repaid the loan", False),
        ("The minister made the claim without evidence", False),
        ("The minister failed to provide any evidence for the claim", False),
        ("The minister accused the bank, but did not give details", False),
        ("The minister not only accused the bank but also sued it", False),
    ],
)
def test_negation_is_counted_in_the_clause(text: str, is_negated: bool) -> None:
    assert negated(words(text)) is is_negated


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("The bank will raise rates", "future"),
        ("The bank is expected to raise rates", "future"),
        ("The bank plans to raise rates", "future"),
        ("The bank raised rates in the past", "past"),
        ("The bank raised rates on Tuesday", "now"),
        ("The bank raised rates", None),
        ("The bank may raise rates", "future"),
        ("The bank raised rates in May", None),
    ],
)
def test_tense(text: str, when: str | None) -> None:
    tokens = words(text)
    assert tense(tokens, tokens) == when


@pytest.mark.parametrize(
    ("text", "main"),
    [
        (
            "The Herald reported in May that the dam had burst after days of rain.",
            "the dam had burst after days of rain.",
        ),
        (
            "Though it had been warned for years, the council failed to repair the dam.",
            "the council failed to repair the dam.",
        ),
        (
            "The dam, built in 1950 by the state, burst after days of rain.",
            "The dam burst after days of rain.",
        ),
        (
            "The deputy, Juan Carlos Ortega, resigned on Friday, saying he was tired.",
            "Juan Carlos Ortega resigned on Friday",
        ),
        (
            "Meanwhile the mayor of the small town, a former banker, resigned.",
            "the mayor of the small town resigned.",
        ),
        (
            "Surprisingly, the mayor of the small town, a former banker, has resigned.",
            "Surprisingly, the mayor of the small town, a former banker, has resigned.",
        ),
    ],
)
def test_main_clause(text: str, main: str) -> None:
    assert core(text) == main


def test_placing_joins_the_cluster_a_claim_is_most_like_as_a_whole() -> None:
    index = ClusterIndex()
    texts = [
        *BACKGROUND,
        "Rebels shot dead the mayor of Springfield on Monday.",
        "The mayor of Springfield was killed by rebels on Monday.",
        "Rebels killed Springfield's mayor on Monday, police said.",
        "Rebels kidnapped the mayor of Springfield on Monday.",
    ]
    profiles = [index.profile(text) for text in texts]
    for claim in profiles:
        index.count(claim)
    clusters = iter(range(100, 200))
    placed = [
        place(index, i, i, claim, lambda: next(clusters)).cluster
        for i, claim in enumerate(profiles)
    ]
    story = placed[len(BACKGROUND) : len(BACKGROUND) + 3]
    assert story[0] is None  # alone when placed, joined by the next
    assert story[1] is not None and story[2] == story[1]
    assert placed[-1] != story[1]
    assert all(p is None for p in placed[: len(BACKGROUND)])


NEWS = {
    "a.txt": (
        "Storm over the harbour\n\n"
        "Rebels shot dead the harbour master of Port Elmo on Monday, police said.\n\n"
        "Governor Ana Ruiz said the port would reopen on Friday.\n\n"
        "Fishermen said the storm had destroyed forty boats.\n"
    ),
    "b.txt": (
        "Port Elmo mourns\n\n"
        "The harbour master of Port Elmo was killed by rebels on Monday.\n\n"
        "Ruiz promised to rebuild the fish market by the summer.\n\n"
        "Rebels kidnapped two customs officers in Port Elmo on Tuesday.\n"
    ),
    "c.txt": (
        "Elmo, a week on\n\n"
        "Rebels gunned down Port Elmo's harbour master on Monday.\n\n"
        "Governor Ana Ruiz reopened the port on Friday.\n"
    ),
}


def test_clusters_across_articles_through_the_store(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in NEWS.items():
        (folder / name).write_text(text, encoding="utf-8")
    import_paths(store, [folder])
    found = [sorted(m.text for m in c.members) for c in store.clusters()]
    assert found == [
        [
            "Rebels gunned down Port Elmo's harbour master on Monday.",
            "Rebels shot dead the harbour master of Port Elmo on Monday, police said.",
            "The harbour master of Port Elmo was killed by rebels on Monday.",
        ]
    ]


def test_an_article_imported_later_joins_the_stored_cluster(
    isolated_db: Path, tmp_path: Path
) -> None:
    folders = []
    for name in ("a.txt", "b.txt", "c.txt"):
        folder = tmp_path / name.removesuffix(".txt")
        folder.mkdir()
        (folder / name).write_text(NEWS[name], encoding="utf-8")
        folders.append(folder)
    with Store(isolated_db) as first:
        import_paths(first, folders[:2])
        before = [len(c.members) for c in first.clusters()]
    with Store(isolated_db) as second:  # the index is read back from the file
        import_paths(second, folders[2:])
        after = [len(c.members) for c in second.clusters()]
    assert before == [2]
    assert after == [3]
