"""An article that repeats its own sentences (a paragraph pasted over and over) costs the
desk what an article that says each thing twice does: the card counts a claim's copies
instead of reading them, and suggestions find a claim's sentence without walking the
article (issue 22, item 2)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

import factdesk.evidence.suggest as suggest_module
from factdesk.cluster.index import ClusterIndex
from factdesk.evidence.cues import Cue
from factdesk.evidence.suggest import read_article, suggest
from factdesk.extract import extract_candidates, split_sentences
from factdesk.importer import _extract_all, import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.cluster_screen import PER_ARTICLE, ClusterScreen
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.widgets.claim_card import ClaimCard
from factdesk.ui.widgets.story import also_line

PARAGRAPH = (
    "The Northport harbour authority said on Monday that the dock strike had cost the city"
    " 40 million dollars. Transport minister Elena Varga resigned in 2019 after the ferry"
    " disaster at Kelby. Union leaders denied that the strike was illegal, police said."
)
STRIKE = "The Northport harbour authority said on Monday"
COPIES = 60


def repeated(tmp_path: Path, copies: int = COPIES) -> Path:
    """One paragraph said ``copies`` times, on one line, as a pasted page is."""
    path = tmp_path / "repeated.txt"
    path.write_text("Harbour Report\n\n" + " ".join([PARAGRAPH] * copies) + "\n", "utf-8")
    return path


def copies_of(store: Store, opening: str) -> list[int]:
    return [c.id for c in store.claims(min_score=None) if c.text.startswith(opening)]


def test_the_card_counts_a_claims_copies_in_its_article_without_reading_them(
    store: Store, tmp_path: Path
) -> None:
    import_paths(store, [repeated(tmp_path)])
    strike = copies_of(store, STRIKE)
    assert len(strike) == COPIES
    first, last = strike[0], strike[-1]
    store.set_verdict(last, "bob", Verdict.DISPUTED)  # a verdict on the last copy only
    brief = store.cluster_of(first, brief=True)
    assert brief is not None and brief.size == COPIES and brief.article_count == 1
    # The claim and one claim standing for its copies, however many there are.
    assert [m.claim_id for m in brief.members] == [first, strike[1]]
    line = also_line(first, brief.members[0].article_id, brief, "ann").plain
    assert line == f"⧉ Said {COPIES - 1} more times in this article (o) · bob: disputed"
    # The full view (the cluster screen) still lists every copy.
    full = store.cluster_of(first)
    assert full is not None and [m.claim_id for m in full.members] == strike


def test_copies_in_another_article_are_counted_and_one_stands_for_them(
    store: Store, tmp_path: Path
) -> None:
    single = tmp_path / "single"
    single.mkdir()
    (single / "once.txt").write_text("Harbour Brief\n\n" + PARAGRAPH + "\n", "utf-8")
    import_paths(store, [single / "once.txt", repeated(tmp_path)])
    once, *copies = copies_of(store, STRIKE)
    store.set_verdict(copies[-1], "bob", Verdict.EVIDENCED)
    brief = store.cluster_of(once, brief=True)
    assert brief is not None and len(brief.members) == 2
    assert brief.copies[brief.members[1].article_id] == COPIES
    line = also_line(once, brief.members[0].article_id, brief, "ann").plain
    assert line == "⧉ Also in 1 other article (o): Harbour Report (bob: evidenced)"
    mine = store.cluster_of(copies[0], brief=True)
    assert mine is not None and len(mine.members) == 3  # the claim, its copies, the brief
    assert also_line(copies[0], copies_of_article(store, copies[0]), mine, "ann").plain == (
        f"⧉ Also in 1 other article (o): Harbour Brief; {COPIES - 1} more times in this article"
    )


def copies_of_article(store: Store, claim_id: int) -> int:
    return store.claim(claim_id).article_id


async def test_the_desk_says_how_often_and_o_lists_a_few_copies(
    store: Store, tmp_path: Path
) -> None:
    import_paths(store, [repeated(tmp_path)])
    strike = copies_of(store, STRIKE)
    middle = strike[COPIES // 2]
    app = FactdeskApp(store, "ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.go_to(middle)
        await pilot.pause()
        card = screen.query_one(ClaimCard).plain
        assert f"Said {COPIES - 1} more times in this article (o)" in card
        await pilot.press("o")
        view = app.screen
        assert isinstance(view, ClusterScreen)
        table = view.query_one(DataTable)
        # The first few copies and the desk's own claim, not all sixty.
        assert table.row_count == PER_ARTICLE + 1
        listed = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
        assert listed[table.cursor_row] == f"▶ {middle}"
        title = str(view.query_one("#cluster-title", Static).content)
        unlisted = COPIES - PER_ARTICLE - 1
        assert title == (
            f"Cluster of claim {middle}: {COPIES} claims in 1 article"
            f" ({unlisted} more in their articles not listed)"
        )
        await pilot.press("enter")
        assert screen.claim is not None and screen.claim.id == middle


class Counted(Sequence[tuple[int, int]]):
    """An article's sentences that count how many times they are read."""

    def __init__(self, sentences: list[tuple[int, int]]) -> None:
        self.sentences = sentences
        self.reads = 0

    def __len__(self) -> int:
        return len(self.sentences)

    def __getitem__(self, index: int) -> tuple[int, int]:  # type: ignore[override]
        self.reads += 1
        return self.sentences[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        for sentence in self.sentences:
            self.reads += 1
            yield sentence


def sentence_reads(copies: int) -> float:
    """Sentences read per claim to suggest evidence for every claim of a repeated text."""
    text = " ".join([PARAGRAPH] * copies)
    counted = Counted(list(split_sentences(text)))
    article = read_article(text, counted)
    counted.reads = 0
    claims = extract_candidates(text)
    for claim in claims:
        suggest(article, claim)
    return counted.reads / len(claims)


def test_suggestions_read_the_same_sentences_per_claim_however_long_the_article() -> None:
    # A claim's evidence is looked for among the sentences near it: finding its own
    # sentence must not walk the article, or 10 MB of one paragraph takes minutes.
    assert sentence_reads(400) < 1.5 * sentence_reads(100)


def test_an_article_that_repeats_a_sentence_is_read_for_it_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At import, a repeated sentence's cues and terms and a repeated claim's profile and
    facts are worked out once for the article, not once for each copy."""
    calls = {"cues": 0, "parse": 0}
    real_cues, real_parse = suggest_module.cues, ClusterIndex.parse

    def cues(text: str, start: int, end: int) -> list[Cue]:
        calls["cues"] += 1
        return real_cues(text, start, end)

    def parse(self: ClusterIndex, text: str) -> Any:
        calls["parse"] += 1
        return real_parse(self, text)

    monkeypatch.setattr(suggest_module, "cues", cues)
    monkeypatch.setattr(ClusterIndex, "parse", parse)
    suggest_module._cues_of.cache_clear()  # (sentences read by earlier tests are remembered)
    once = PARAGRAPH
    ((found, _, suggested),) = _extract_all([(" ".join([once] * COPIES), ())])[0]
    distinct = len(split_sentences(once))
    assert len(found) == COPIES * len({c.text for c in found})
    assert calls == {"cues": distinct, "parse": len({c.text for c in found})}
    # Each copy still has its own suggestions, at its own offsets (two in the middle,
    # with as many sentences around them, have the same ones).
    per = len(found) // COPIES
    one, next_one = COPIES // 2 * per, (COPIES // 2 + 1) * per
    shift = found[next_one].start - found[one].start
    assert suggested[one] and [s.cue for s in suggested[one]] == [
        s.cue for s in suggested[next_one]
    ]
    assert [s.start + shift for s in suggested[one]] == [s.start for s in suggested[next_one]]


def suggestion_steps(tmp_path: Path, copies: int) -> int:
    """SQLite's steps (in thousands) to read the suggestions of a claim of a short article
    whose cluster holds an article that repeats the claim ``copies`` times."""
    folder = tmp_path / str(copies)
    folder.mkdir()
    (folder / "once.txt").write_text("Harbour Brief\n\n" + PARAGRAPH + "\n", "utf-8")
    with Store(folder / "desk.db") as store:
        import_paths(store, [folder / "once.txt", repeated(folder, copies)])
        once = copies_of(store, STRIKE)[0]
        assert store.suggestions(once)  # its own and the repeated article's
        steps = [0]

        def step() -> int:
            steps[0] += 1
            return 0

        store.conn.set_progress_handler(step, 1000)
        store.suggestions(once)
        store.conn.set_progress_handler(None, 0)
    return steps[0]


def test_a_claims_suggestions_read_a_few_copies_of_another_article(tmp_path: Path) -> None:
    assert suggestion_steps(tmp_path, 400) <= suggestion_steps(tmp_path, 20) + 1


RESIGNED = "Transport minister Elena Varga resigned in 2019 after the ferry disaster at Kelby."
REPEATED = (
    "Elena Varga, the transport minister, resigned in 2021 after the Kelby ferry disaster."
    " Bakeries in the old town reported record sales of rye bread."
)


@pytest.mark.parametrize("repeated_first", [False, True])
def test_a_disagreement_with_a_repeated_sentence_is_one_conflict(
    store: Store, tmp_path: Path, repeated_first: bool
) -> None:
    """Each copy tells the card of the conflict, but the file holds it once, however many
    times the other article says it and whichever article came first."""
    (tmp_path / "once.txt").write_text(f"Port Talks\n\n{RESIGNED}\n", "utf-8")
    (tmp_path / "many.txt").write_text("Ferry Report\n\n" + " ".join([REPEATED] * 40), "utf-8")
    files = [tmp_path / "once.txt", tmp_path / "many.txt"]
    import_paths(store, files[::-1] if repeated_first else files)
    assert [(c.kind, sorted(c.values)) for c in store.conflicts()] == [("date", ["2019", "2021"])]
    once = copies_of(store, "Transport minister")[0]
    copies = copies_of(store, "Elena Varga, the transport")
    assert len(copies) == 40
    assert store.conflict_total(once) == 1
    for copy in (copies[0], copies[17], copies[-1]):
        assert store.conflict_total(copy) == 1
        (conflict,) = store.conflicts(copy, limit=3)
        assert copy in conflict.claim_ids and once in conflict.claim_ids
        mine = conflict.claim_ids.index(copy)
        assert conflict.values[mine] == "2021"


# The same event told twice in one article, in two different sentences (issue 22 review,
# finding 6): each disagrees with RESIGNED on its own.
TOLD = "Elena Varga, the transport minister, resigned in 2021 after the Kelby ferry disaster."
RETOLD = (
    "Elena Varga resigned as transport minister in 2021 after the ferry disaster at Kelby,"
    " her office said."
)


def two_articles(tmp_path: Path, body: str, body_first: bool) -> list[Path]:
    (tmp_path / "once.txt").write_text(f"Port Talks\n\n{RESIGNED}\n", "utf-8")
    (tmp_path / "told.txt").write_text(f"Ferry Report\n\n{body}\n", "utf-8")
    files = [tmp_path / "once.txt", tmp_path / "told.txt"]
    return files[::-1] if body_first else files


async def card_of(store: Store, claim_id: int) -> str:
    app = FactdeskApp(store, "ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.go_to(claim_id)
        await pilot.pause()
        return screen.query_one(ClaimCard).plain


@pytest.mark.parametrize("body_first", [False, True])
async def test_two_sentences_of_an_article_that_disagree_with_a_claim_are_two_conflicts(
    store: Store, tmp_path: Path, body_first: bool
) -> None:
    body = f"{TOLD} Bakeries in the old town reported record sales of rye bread. {RETOLD}"
    import_paths(store, two_articles(tmp_path, body, body_first))
    once = copies_of(store, "Transport minister")[0]
    (told,) = copies_of(store, TOLD[:30])
    (retold,) = copies_of(store, RETOLD[:30])
    found = sorted(sorted(c.claim_ids) for c in store.conflicts())
    assert found == sorted([sorted([once, told]), sorted([once, retold])])
    assert store.conflict_total(once) == 2
    for claim_id in (told, retold):
        assert store.conflict_total(claim_id) == 1
        (conflict,) = store.conflicts(claim_id, limit=3)
        assert sorted(conflict.claim_ids) == sorted([once, claim_id])
        assert f"Port Talks #{once} says 2019, this says 2021" in await card_of(store, claim_id)


@pytest.mark.parametrize("body_first", [False, True])
async def test_a_repeat_after_many_claims_of_its_cluster_shows_its_conflict(
    store: Store, tmp_path: Path, body_first: bool
) -> None:
    """A sentence said again after more than five other claims of its cluster in its
    article (its first saying among them) has its first saying's conflict."""
    said = TOLD.removesuffix(".") + ", officials said."
    import_paths(store, two_articles(tmp_path, " ".join([TOLD] * 6 + [said] * 2), body_first))
    once = copies_of(store, "Transport minister")[0]
    first, repeat = copies_of(store, said[:30])[-2:]
    assert store.cluster_of(first) == store.cluster_of(once)  # one cluster for all
    for claim_id in (first, repeat):
        assert store.conflict_total(claim_id) == 1
        (conflict,) = store.conflicts(claim_id, limit=3)
        assert sorted(conflict.claim_ids) == sorted([once, claim_id])
    assert f"Port Talks #{once} says 2019, this says 2021" in await card_of(store, repeat)


async def test_every_copy_shows_a_conflict_found_through_another_articles_twin(
    store: Store, tmp_path: Path
) -> None:
    """An article that copies another's sentence many times: a claim that disagrees with
    the sentence, imported later, is compared with a few of the copies only, yet every
    copy shows the conflict (held by the copies' first saying)."""
    (tmp_path / "brief.txt").write_text(f"Ferry Brief\n\n{TOLD}\n", "utf-8")
    (tmp_path / "many.txt").write_text("Ferry Report\n\n" + " ".join([TOLD] * 40), "utf-8")
    (tmp_path / "once.txt").write_text(f"Port Talks\n\n{RESIGNED}\n", "utf-8")
    for name in ("brief.txt", "many.txt", "once.txt"):
        import_paths(store, [tmp_path / name])
    brief, *copies = copies_of(store, TOLD[:30])
    assert len(copies) == 40
    once = copies_of(store, "Transport minister")[0]
    assert store.conflict_total(once) == 2  # the brief's sentence and the report's
    for copy in (copies[0], copies[20], copies[-1]):
        assert store.conflict_total(copy) == 1
        (conflict,) = store.conflicts(copy, limit=3)
        assert sorted(conflict.claim_ids) == sorted([once, copy])
    assert f"Port Talks #{once} says 2019, this says 2021" in await card_of(store, copies[5])
