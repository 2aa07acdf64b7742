"""Re-extraction keeps every claim with review work, keeps every offset exact, counts what
appeared and what went, changes nothing the second time, and survives a crash."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import factdesk.extract
import factdesk.reextract
from factdesk.extract import extract_candidates
from factdesk.models import ArticleInput, ExtractedClaim, FactdeskError, Verdict
from factdesk.reextract import ReextractReport, prepare, run
from factdesk.store import NewArticle, Store, content_hash
from factdesk.workers import worker_pool

HARBOUR = (
    "Storm Hits the Harbour\n\n"
    "The council said on Monday that 40 boats were damaged in the storm. Mayor Ines Varga"
    " claimed the harbour wall was repaired in 2019. Officials reported that 12 families were"
    " moved to the school on Sunday.\n\n"
    "The coast guard denied that any crew was missing after the storm. Police arrested 3 men"
    " near the pier on Sunday, officials said. A ferry operator confirmed that 2 routes were"
    " cancelled until Friday. Residents hope the weather will be kinder.\n"
)
BUDGET_V1 = (
    "Budget Vote Delayed\n\n"
    "The finance minister said the budget vote was moved to 12 March. Opposition leader Tomas"
    " Berg accused the government of hiding a deficit of 3 billion euros.\n"
)
BUDGET = (
    "Budget Vote Delayed\n\n"
    "The finance minister said the budget vote was moved to 14 March. Opposition leader Tomas"
    " Berg accused the government of hiding a deficit of 3 billion euros. The treasury"
    " reported that tax receipts rose by 4 percent in 2023.\n"
)
BRIDGE = (
    "Bridge Reopens\n\n"
    "Engineers said the bridge reopened on Tuesday after 9 months of repairs. The transport"
    " office confirmed that 20,000 cars cross it every day.\n"
)
OLD, NEW = "test-1", "test-2"
# The new extractor no longer gives the sentences holding these, and scores the rest anew.
DROPPED = ("harbour wall", "12 families", "coast guard", "arrested", "ferry operator", "treasury")
TABLES = ("claims", "verdicts", "spans", "notes", "dismissals", "positions", "superseded", "events")


def new_extractor(text: str) -> list[ExtractedClaim]:
    """A changed extractor: other scores, and some sentences no longer candidates."""
    return [
        replace(c, score=round(1 - c.score, 3))
        for c in extract_candidates(text)
        if not any(word in c.text for word in DROPPED)
    ]


@pytest.fixture
def changed(monkeypatch: pytest.MonkeyPatch) -> None:
    """This factdesk's extractor is now the changed one, version test-2."""
    monkeypatch.setattr(factdesk.extract, "EXTRACTOR_VERSION", NEW)
    monkeypatch.setattr(factdesk.extract, "extract_candidates", new_extractor)


def add(store: Store, source: str, text: str) -> int:
    """Store an article as the old extractor (test-1) did: the candidates at 0.5 or more."""
    found = [c for c in extract_candidates(text) if c.score >= 0.5]
    article = ArticleInput(source=source, text=text, title=source, encoding="utf-8")
    [stored] = store.add_articles([NewArticle(article, content_hash(text), found, OLD)])
    assert stored.error is None
    return int(store.conn.execute("SELECT max(id) FROM articles").fetchone()[0])


def claim_at(store: Store, article_id: int, words: str) -> int:
    ids = [c.id for c in store.claims(article_id) if words in c.text]
    assert len(ids) == 1, words
    return ids[0]


def dump(store: Store, *tables: str) -> dict[str, list[tuple[object, ...]]]:
    return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}


def assert_exact(store: Store) -> None:
    """Every claim is inside its article's text, every span is its article's text at its
    offsets; the file is sound."""
    texts = dict(store.conn.execute("SELECT id, text FROM articles"))
    for article_id, start, end in store.conn.execute("SELECT article_id, start, end FROM claims"):
        assert 0 <= start < end <= len(texts[article_id])
    for article_id, start, end, quote in store.conn.execute(
        "SELECT c.article_id, s.start, s.end, s.quote FROM spans s JOIN claims c"
        " ON c.id = s.claim_id"
    ):
        assert texts[article_id][start:end] == quote
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def reextract(store: Store, dry_run: bool = False) -> ReextractReport:
    return run(store, prepare(store, dry_run=dry_run), "ed")


@pytest.fixture
def worked(store: Store) -> dict[str, int]:
    """Two current articles (one with an earlier version) and work of every kind."""
    harbour = add(store, "harbour.txt", HARBOUR)
    old_budget = add(store, "budget.txt", BUDGET_V1)
    budget = add(store, "budget.txt", BUDGET)
    ids = {
        "harbour": harbour,
        "budget": budget,
        "old budget": old_budget,
        "verdict": claim_at(store, harbour, "40 boats"),
        "span": claim_at(store, harbour, "harbour wall"),
        "note": claim_at(store, harbour, "12 families"),
        "flag": claim_at(store, harbour, "coast guard"),
        "dismissed": claim_at(store, harbour, "arrested"),
        "untouched": claim_at(store, harbour, "ferry operator"),
        "position": claim_at(store, budget, "treasury"),
    }
    store.set_verdict(ids["verdict"], "ann", Verdict.EVIDENCED)
    text = store.article(harbour).text
    for name, quote in (("verdict", "40 boats"), ("span", "repaired in 2019")):
        start = text.index(quote)
        store.add_span(ids[name], "ann", start, start + len(quote), quote)
    store.set_note(ids["note"], "bob", "Ask the school how many.")
    store.set_flag(ids["flag"], "ann", True)
    with store._write():  # the dismiss action is not in the store yet: the row it leaves
        store.conn.execute(
            "INSERT INTO dismissals (claim_id, reviewer, dismissed_at) VALUES (?, 'ann', ?)",
            (ids["dismissed"], "2026-01-01T00:00:00+00:00"),
        )
        start = text.index("40 boats were damaged")  # a claim a reviewer added by hand
        added = store.conn.execute(
            "INSERT INTO claims (article_id, start, end, score, extractor, origin)"
            " VALUES (?, ?, ?, 0.7, ?, 'reviewer')",
            (harbour, start, start + 21, OLD),
        )
        ids["added"] = int(added.lastrowid or 0)
    store.save_position("carl", ids["position"])
    return ids


@pytest.mark.usefixtures("changed")
def test_reextraction_keeps_every_piece_of_work(store: Store, worked: dict[str, int]) -> None:
    current = (worked["harbour"], worked["budget"])
    olds = {a: {(c.start, c.end): c for c in store.claims(a)} for a in current}
    news = {a: {(c.start, c.end): c for c in new_extractor(store.article(a).text)} for a in current}
    with_work = {
        worked[k] for k in ("verdict", "span", "note", "flag", "dismissed", "position", "added")
    }
    work = dump(store, *TABLES[1:])
    old_version = dump(store, "claims")["claims"]
    old_version = [r for r in old_version if r[1] == worked["old budget"]]
    assert store.other_extractors(NEW) == {OLD: sum(len(o) for o in olds.values()) - 1}

    report = reextract(store)

    gone = {a: set(olds[a]) - set(news[a]) for a in current}
    assert report.articles == 2 and report.changed == 2
    assert report.appeared == sum(len(set(news[a]) - set(olds[a])) for a in current) == 1
    assert report.found == sum(len(set(news[a]) & set(olds[a])) for a in current)
    went = [olds[a][p].id for a in current for p in gone[a] if olds[a][p].id not in with_work]
    assert report.went == len(went) == 1 and went == [worked["untouched"]]
    assert report.kept == 5  # span, note, flag, dismissal, position (the added one is not)
    assert report.rescored == sum(
        olds[a][p].score != news[a][p].score for a in current for p in set(news[a]) & set(olds[a])
    )
    # All the work is where it was, on the same claims, and every offset is exact.
    assert dump(store, *TABLES[1:-1]) == {k: v for k, v in work.items() if k != "events"}
    for name in ("verdict", "span", "note", "flag", "dismissed", "position", "added"):
        claim = store.claim(worked[name])  # the same id, at the same place
        assert olds[claim.article_id][(claim.start, claim.end)].id == claim.id
    with pytest.raises(FactdeskError):
        store.claim(worked["untouched"])
    assert_exact(store)
    # Claims still found take the new score; kept ones keep theirs, stamped test-2.
    rows = {
        r[0]: r[1:] for r in store.conn.execute("SELECT id, score, extractor, origin FROM claims")
    }
    for a in current:
        for place, candidate in news[a].items():
            if place in olds[a]:
                assert rows[olds[a][place].id][:2] == (candidate.score, NEW)
        for place in gone[a]:
            claim_id = olds[a][place].id
            if claim_id in with_work and claim_id != worked["added"]:
                assert rows[claim_id] == (olds[a][place].score, NEW, "extractor")
    assert rows[worked["added"]] == (0.7, OLD, "reviewer")  # a reviewer's: untouched
    appeared = [c for c in store.claims(worked["harbour"]) if c.text.startswith("Residents")]
    assert len(appeared) == 1 and rows[appeared[0].id][1:] == (NEW, "extractor")
    # The earlier version keeps its historical claims untouched.
    now = [r for r in dump(store, "claims")["claims"] if r[1] == worked["old budget"]]
    assert now == old_version
    assert store.other_extractors(NEW) == {}
    # One reextract event per article changed, by the reviewer who ran it, on no claim.
    events = store.conn.execute(
        "SELECT reviewer, claim_id, before, after FROM events WHERE action = 'reextract'"
    ).fetchall()
    assert len(events) == 2 and {e[:2] for e in events} == {("ed", None)}
    assert '"appeared": 1, "went": 1, "kept": 4' in events[0][3]
    scores = [c.score for a in current for c in store.claims(a)]
    assert (report.claims, report.checkworthy) == (len(scores), sum(s >= 0.5 for s in scores))

    # A second run finds nothing to do and changes nothing.
    everything = dump(store, *TABLES)
    again = reextract(store)
    assert (again.articles, again.changed) == (0, 0)
    assert again.summary() == f"Nothing to re-extract: every claim is already from {NEW}."
    assert dump(store, *TABLES) == everything
    # Also when made to look at every article again.
    assert run(store, prepare(store, every=True), "ed").changed == 0
    assert dump(store, *TABLES) == everything


def test_the_summary_names_each_count(store: Store, worked: dict[str, int], changed: None) -> None:
    dry = reextract(store, dry_run=True)
    assert dry.summary().startswith(
        f"Dry run, nothing written. Re-extracting 2 articles with {NEW} (claims were from {OLD}):"
        " 1 claim would appear, 1 would go, 5 would be kept for their review work,"
    )
    done = reextract(store)
    summary = done.summary()
    assert summary.startswith(
        f"Re-extracted 2 articles with {NEW} (claims were from {OLD}): 1 claim appeared,"
        f" 1 went, 5 kept for their review work, {done.found} still found"
        f" ({done.rescored} with a new score); {done.checkworthy} of the {done.claims} claims"
        " in them score 0.5 or more."
    )
    assert (dry.appeared, dry.went, dry.kept, dry.found, dry.rescored, dry.checkworthy) == (
        done.appeared,
        done.went,
        done.kept,
        done.found,
        done.rescored,
        done.checkworthy,
    )


@pytest.mark.usefixtures("changed")
def test_a_dry_run_writes_nothing(store: Store, worked: dict[str, int]) -> None:
    before = dump(store, *TABLES)
    report = reextract(store, dry_run=True)
    assert report.changed == 2 and report.appeared == 1
    assert dump(store, *TABLES) == before


def three_articles(store: Store) -> list[int]:
    return [add(store, f"{n}.txt", t) for n, t in (("h", HARBOUR), ("b", BUDGET), ("r", BRIDGE))]


def claim_rows(store: Store) -> list[tuple[object, ...]]:
    return store.conn.execute(
        "SELECT article_id, start, end, speaker, verb, score, extractor, origin"
        " FROM claims ORDER BY 1, 2, 3"
    ).fetchall()


@pytest.fixture
def finished(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    """The claims after one uninterrupted run over the three articles, for comparison."""
    with Store(tmp_path / "reference.db") as reference:
        three_articles(reference)
        with monkeypatch.context() as m:
            m.setattr(factdesk.extract, "EXTRACTOR_VERSION", NEW)
            m.setattr(factdesk.extract, "extract_candidates", new_extractor)
            reextract(reference)
        return claim_rows(reference)


def test_a_crash_half_way_leaves_the_articles_before_done(
    store: Store, monkeypatch: pytest.MonkeyPatch, finished: list[tuple[object, ...]]
) -> None:
    harbour, budget, bridge = three_articles(store)
    before = claim_rows(store)

    def failing(text: str) -> list[ExtractedClaim]:
        if text == BUDGET:
            raise RuntimeError("the extractor broke")
        return new_extractor(text)

    monkeypatch.setattr(factdesk.extract, "EXTRACTOR_VERSION", NEW)
    monkeypatch.setattr(factdesk.extract, "extract_candidates", failing)
    with pytest.raises(RuntimeError):
        reextract(store)
    assert_exact(store)
    versions = dict(
        store.conn.execute(
            "SELECT article_id, group_concat(DISTINCT extractor) FROM claims GROUP BY 1"
        )
    )
    assert versions == {harbour: NEW, budget: OLD, bridge: OLD}
    assert [r for r in claim_rows(store) if r[0] != harbour] == [
        r for r in before if r[0] != harbour
    ]
    # Run again with a working extractor: it finishes the job, as one run would have.
    monkeypatch.setattr(factdesk.extract, "extract_candidates", new_extractor)
    report = reextract(store)
    assert report.articles == 2
    assert claim_rows(store) == finished
    assert_exact(store)


def test_a_failed_write_leaves_that_article_as_it_was(
    store: Store, monkeypatch: pytest.MonkeyPatch, changed: None
) -> None:
    harbour, budget, bridge = three_articles(store)
    before = claim_rows(store)
    write = Store._store_plan

    def failing(self: Store, plan: object, version: str) -> None:
        write(self, plan, version)  # type: ignore[arg-type]
        if plan.article_id == budget:  # type: ignore[attr-defined]  # after its rows are written
            raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, "_store_plan", failing)
    with pytest.raises(FactdeskError) as caught:
        reextract(store)
    assert str(caught.value) == (
        f"could not store article {budget}'s claims (disk I/O error); the run stopped after 1"
        " of 3 articles; run factdesk reextract again to finish"
    )
    assert [r for r in claim_rows(store) if r[0] != harbour] == [
        r for r in before if r[0] != harbour
    ]
    assert {r[6] for r in claim_rows(store) if r[0] == harbour} == {NEW}
    events = store.conn.execute("SELECT after FROM events WHERE action = 'reextract'").fetchall()
    assert len(events) == 1 and f'"article": {harbour},' in events[0][0]
    assert_exact(store)


def test_many_articles_are_extracted_in_worker_processes(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changed: None
) -> None:
    texts = [HARBOUR, BUDGET, BRIDGE] * 3
    for n, text in enumerate(texts):
        add(store, f"{n}.txt", f"Part {n}: {text}")
    pools: list[object] = []

    def pool(workers: int) -> factdesk.reextract.ProcessPoolExecutor:
        made = worker_pool(workers)
        pools.append(made)
        return made

    monkeypatch.setattr(factdesk.reextract, "worker_pool", pool)
    monkeypatch.setattr(factdesk.reextract, "PARALLEL_MIN_ARTICLES", 4)
    monkeypatch.setattr(factdesk.reextract, "BATCH_ARTICLES", 4)  # three batches
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    with Store(tmp_path / "one-by-one.db") as alone:
        for n, text in enumerate(texts):
            add(alone, f"{n}.txt", f"Part {n}: {text}")
        monkeypatch.setattr(factdesk.reextract, "PARALLEL_MIN_ARTICLES", 1000)
        reextract(alone)
        assert not pools
        monkeypatch.setattr(factdesk.reextract, "PARALLEL_MIN_ARTICLES", 4)
        report = reextract(store)
        assert len(pools) == 1 and report.articles == len(texts)
        assert claim_rows(store) == claim_rows(alone)


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (lambda c: replace(c, start=c.start + 1), "that do not match the text of article"),
        (lambda c: replace(c, score=1.5), "a score of 1.5 (not between 0 and 1)"),
    ],
)
def test_an_extractor_that_breaks_the_rules_stores_nothing(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    broken: Callable[[ExtractedClaim], ExtractedClaim],
    message: str,
) -> None:
    add(store, "h.txt", HARBOUR)
    before = claim_rows(store)
    monkeypatch.setattr(factdesk.extract, "EXTRACTOR_VERSION", NEW)
    monkeypatch.setattr(
        factdesk.extract, "extract_candidates", lambda t: [broken(c) for c in new_extractor(t)]
    )
    with pytest.raises(FactdeskError, match=re.escape(message)):
        reextract(store)
    assert claim_rows(store) == before


def test_a_judged_sentence_carried_into_a_new_version_takes_its_extractor(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A correction imported by a newer extractor that no longer picks a judged sentence:
    the claim carried into the new version is stamped with that extractor, as reextract
    would, so the desk does not ask for a re-extraction of a new import."""
    harbour = add(store, "harbour.txt", HARBOUR)
    store.set_verdict(claim_at(store, harbour, "ferry operator"), "ann", Verdict.DISPUTED)
    corrected = HARBOUR.replace("40 boats", "41 boats")
    found = new_extractor(corrected)
    article = ArticleInput(source="harbour.txt", text=corrected, title="h", encoding="utf-8")
    [stored] = store.add_articles([NewArticle(article, content_hash(corrected), found, NEW)])
    assert stored.carried.continued == 1
    [carried] = [c for c in store.claims(min_score=None) if "ferry operator" in c.text]
    assert store.review(carried.id, "ann").verdict is Verdict.DISPUTED
    row = store.conn.execute("SELECT extractor FROM claims WHERE id = ?", (carried.id,)).fetchone()
    assert row[0] == NEW
    assert store.other_extractors(NEW) == {}
