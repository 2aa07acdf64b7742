"""Clusters and conflicts through the store and the CLI: made at import, kept for claims
with work, corrected by reviewers (moves, g, dismissed conflicts), all undoable."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from factdesk.cluster.index import ClusterIndex
from factdesk.importer import import_paths
from factdesk.models import FactdeskError, Verdict
from factdesk.store import Store
from factdesk.ui.widgets.story import also_line
from tests.helpers import CORPUS, ROOT, claim_id, members, run, write

# Three outlets report one story of our own; each pair restates two of its claims, and
# the Coast Herald dates the minister's resignation to another year.
LEDGER = (
    "Port Talks Collapse\n\n"
    "The Northport harbour authority said on Monday that the dock strike had cost the city"
    " 40 million dollars.\n\n"
    "Transport minister Elena Varga resigned in 2019 after the ferry disaster at Kelby.\n\n"
    "Bakeries in the old town reported record sales of rye bread during the festival.\n"
)
HERALD = (
    "Strike Costs Mount\n\n"
    "The dock strike has cost the city 40 million dollars, the Northport harbour authority"
    " said.\n\n"
    "Elena Varga, the transport minister, resigned in 2021 after the Kelby ferry disaster.\n\n"
    "A new cycling lane along the river was opened by the mayor of Dunmore in April.\n"
)
POST = (
    "Northport Counts the Cost\n\n"
    "According to the Northport harbour authority, the city lost 40 million dollars to the"
    " dock strike.\n"
)


@pytest.fixture
def outlets(store: Store, tmp_path: Path) -> Store:
    import_paths(store, write(tmp_path / "news", ledger=LEDGER, herald=HERALD))
    return store


def test_restated_claims_cluster_across_outlets_and_others_stay_alone(outlets: Store) -> None:
    cost_a = claim_id(outlets, "The Northport harbour authority said")
    cost_b = claim_id(outlets, "The dock strike has cost")
    varga_a = claim_id(outlets, "Transport minister Elena Varga")
    varga_b = claim_id(outlets, "Elena Varga, the transport minister")
    assert members(outlets, cost_a) == {cost_a, cost_b}
    assert members(outlets, varga_a) == {varga_a, varga_b}
    bread = [c.id for c in outlets.claims(min_score=None) if "rye bread" in c.text]
    assert all(outlets.cluster_of(c) is None for c in bread)  # a topic of its own


def test_the_year_the_outlets_disagree_on_is_a_conflict(outlets: Store) -> None:
    varga_a = claim_id(outlets, "Transport minister Elena Varga")
    varga_b = claim_id(outlets, "Elena Varga, the transport minister")
    found = outlets.conflicts(varga_b)
    assert [(c.claim_ids, c.kind, c.values) for c in found] == [
        ((varga_a, varga_b), "date", ("2019", "2021"))
    ]
    assert found[0].titles == ("Port Talks Collapse", "Strike Costs Mount")


def test_a_new_article_joins_the_cluster_and_work_keeps_its_own(
    outlets: Store, tmp_path: Path
) -> None:
    cost_a = claim_id(outlets, "The Northport harbour authority said")
    before = outlets.cluster_of(cost_a)
    assert before is not None
    outlets.set_verdict(cost_a, "ann", Verdict.EVIDENCED)
    import_paths(outlets, write(tmp_path / "later", post=POST))
    cost_c = claim_id(outlets, "According to the Northport harbour authority")
    after = outlets.cluster_of(cost_a)
    assert after is not None and after.cluster_id == before.cluster_id
    assert cost_c in {m.claim_id for m in after.members}
    assert {m.claim_id: m.verdicts for m in after.members}[cost_a] == {"ann": "evidenced"}


def test_a_new_version_keeps_the_clusters_of_its_unchanged_sentences(
    outlets: Store, tmp_path: Path
) -> None:
    varga_b = claim_id(outlets, "Elena Varga, the transport minister")
    outlets.move_claim(varga_b, "ann", None)  # the reviewer's choice: alone
    edited = LEDGER.replace("record sales", "good sales")
    import_paths(outlets, write(tmp_path / "news", ledger=edited))
    cost_a = claim_id(outlets, "The Northport harbour authority said")  # the new version's
    varga_a = claim_id(outlets, "Transport minister Elena Varga")
    assert members(outlets, cost_a) == {cost_a, claim_id(outlets, "The dock strike has cost")}
    assert outlets.cluster_of(varga_b) is None
    assert all(varga_b not in members(outlets, c) for c in (varga_a, cost_a))
    # The old version's members, terms and conflicts are gone; the new one's stand.
    old_version = (
        "(SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id WHERE a.is_current = 0)"
    )
    for table, column in (("cluster_members", "claim_id"), ("claim_terms", "claim_id"),
                          ("conflicts", "claim_a"), ("conflicts", "claim_b")):  # fmt: skip
        sql = f"SELECT count(*) FROM {table} WHERE {column} IN {old_version}"
        assert outlets.conn.execute(sql).fetchone()[0] == 0, table
    assert [(c.claim_ids, c.values) for c in outlets.conflicts()] == [
        ((varga_b, varga_a), ("2021", "2019"))
    ]
    assert outlets.conflict_total(varga_a) == 1 == len(outlets.conflicts(varga_a, limit=3))
    brief = outlets.cluster_of(cost_a, brief=True)
    assert brief is not None and (brief.total, brief.article_total) == (2, 2)


def test_claims_jsonl_gives_cluster_ids_and_sizes(outlets: Store) -> None:
    code, out, _ = run("claims", "--min-score", "0", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    by_cluster: dict[int, list[int]] = {}
    for row in rows:
        if row["cluster_id"] is None:
            assert row["cluster_size"] == 1
        else:
            by_cluster.setdefault(row["cluster_id"], []).append(row["claim_id"])
    assert sorted(map(sorted, by_cluster.values())) == sorted(
        sorted(members(outlets, ids[0])) for ids in by_cluster.values()
    )
    for row in rows:
        if row["cluster_id"] is not None:
            assert row["cluster_size"] == len(by_cluster[row["cluster_id"]]) >= 2


def test_clusters_and_conflicts_commands(outlets: Store) -> None:
    code, out, _ = run("clusters", "--format", "jsonl")
    assert code == 0
    clusters = [json.loads(line) for line in out.splitlines()]
    assert len(clusters) == 2 and all(c["size"] == 2 == len(c["claims"]) for c in clusters)
    assert all(c["article_ids"] == [1, 2] for c in clusters)
    code, out, _ = run("clusters", "--min-size", "3", "--format", "jsonl")
    assert code == 0 and out == ""
    code, out, _ = run("conflicts", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["kind"], r["values"], r["article_ids"]) for r in rows] == [
        ("date", ["2019", "2021"], [1, 2])
    ]
    code, out, _ = run("conflicts")
    assert code == 0 and "date: 2019 / 2021" in out and "Elena Varga" in out
    assert out.endswith("articles:\n  a1  Port Talks Collapse\n  a2  Strike Costs Mount\n")
    code, out, _ = run("clusters")
    assert code == 0 and out.startswith("cluster ") and "40 million dollars" in out
    assert out.endswith("articles:\n  a1  Port Talks Collapse\n  a2  Strike Costs Mount\n")
    code, out, _ = run("status")
    assert code == 0 and "\nclusters: 2\n" in out and "\nconflicts: 1\n" in out


def test_g_gives_the_verdict_to_the_unjudged_claims_and_one_undo_takes_it_back(
    outlets: Store, tmp_path: Path
) -> None:
    import_paths(outlets, write(tmp_path / "later", post=POST))
    cost_a = claim_id(outlets, "The Northport harbour authority said")
    cost_b = claim_id(outlets, "The dock strike has cost")
    cost_c = claim_id(outlets, "According to the Northport harbour authority")
    outlets.set_verdict(cost_c, "ann", Verdict.DISPUTED)  # judged already: not given
    outlets.set_verdict(cost_a, "ann", Verdict.UNEVIDENCED)
    assert outlets.give_verdict(cost_a, "ann") == [cost_b]
    assert outlets.review(cost_b, "ann").verdict is Verdict.UNEVIDENCED
    assert outlets.review(cost_c, "ann").verdict is Verdict.DISPUTED
    assert outlets.review(cost_b, "bob").verdict is None  # another reviewer's are theirs
    undone = outlets.undo("ann")
    assert undone is not None and undone.action == "give" and "1 claim" in undone.reason
    assert outlets.review(cost_b, "ann").verdict is None
    assert outlets.review(cost_a, "ann").verdict is Verdict.UNEVIDENCED  # its own stays
    undone = outlets.undo("ann")  # the next undo is the claim's own verdict
    assert undone is not None and outlets.review(cost_a, "ann").verdict is None


def test_g_needs_a_verdict_first(outlets: Store) -> None:
    cost_a = claim_id(outlets, "The Northport harbour authority said")
    with pytest.raises(FactdeskError, match="judge this claim first"):
        outlets.give_verdict(cost_a, "ann")


def test_taking_out_and_joining_are_undoable_events(outlets: Store) -> None:
    cost_a = claim_id(outlets, "The Northport harbour authority said")
    cost_b = claim_id(outlets, "The dock strike has cost")
    varga_a = claim_id(outlets, "Transport minister Elena Varga")
    bread = claim_id(outlets, "Bakeries in the old town")
    assert outlets.move_claim(cost_b, "ann", None) is None
    assert outlets.cluster_of(cost_a) is None  # a cluster of one is no cluster
    cluster = outlets.move_claim(bread, "ann", varga_a)
    assert members(outlets, varga_a) == {varga_a, bread, claim_id(outlets, "Elena Varga,")}
    assert cluster == outlets.cluster_of(varga_a).cluster_id  # type: ignore[union-attr]
    actions = [e["action"] for e in outlets.events("ann")]
    assert actions[-2:] == ["cluster_move", "cluster_move"]
    assert outlets.undo("ann") is not None
    assert outlets.cluster_of(bread) is None
    assert outlets.undo("ann") is not None
    assert members(outlets, cost_a) == {cost_a, cost_b}
    with pytest.raises(FactdeskError, match="itself"):
        outlets.move_claim(bread, "ann", bread)


def test_joining_a_claim_alone_starts_a_cluster_and_undo_ends_it(outlets: Store) -> None:
    bread = claim_id(outlets, "Bakeries in the old town")
    lane = claim_id(outlets, "A new cycling lane")
    outlets.move_claim(bread, "ann", lane)
    assert members(outlets, lane) == {bread, lane}
    outlets.undo("ann")
    assert outlets.cluster_of(lane) is None and outlets.cluster_of(bread) is None
    count = outlets.conn.execute("SELECT count(*) FROM cluster_members WHERE claim_id IN"
                                 " (?, ?)", (bread, lane)).fetchone()[0]  # fmt: skip
    assert count == 0


def test_a_dismissed_conflict_leaves_the_list_and_undo_brings_it_back(outlets: Store) -> None:
    (conflict,) = outlets.conflicts()
    outlets.set_conflict_dismissed(conflict.conflict_id, "ann", True)
    assert outlets.conflicts() == []
    assert [c.dismissed_by for c in outlets.conflicts(include_dismissed=True)] == ["ann"]
    code, out, _ = run("conflicts", "--all", "--format", "jsonl")
    assert json.loads(out)["dismissed_by"] == "ann"
    assert outlets.undo("ann") is not None
    assert [c.conflict_id for c in outlets.conflicts()] == [conflict.conflict_id]


def test_clustering_is_not_review_work_for_reextraction(outlets: Store) -> None:
    """A claim is not kept by a re-extraction for being in a cluster (clusters are
    derived); a reviewer's move is kept, by its event."""
    from factdesk.store_extract import ExtractQueries

    references = outlets._claim_references()
    assert {t for t, _ in references} & {"cluster_members", "claim_terms", "conflicts"} == set()
    assert isinstance(outlets, ExtractQueries)


def test_the_queue_by_cluster_brings_a_story_together(outlets: Store) -> None:
    plain = list(outlets.queue_ids("ann", min_score=0))
    grouped = list(outlets.queue_ids("ann", min_score=0, by_cluster=True))
    assert sorted(plain) == sorted(grouped)
    for first in (claim_id(outlets, "The Northport"), claim_id(outlets, "Transport minister")):
        cluster = members(outlets, first)
        at = grouped.index(first)
        assert set(grouped[at : at + len(cluster)]) == cluster


def test_blocking_compares_a_claim_with_few_others() -> None:
    """A new claim is compared only with claims sharing one of its rare terms."""
    index = ClusterIndex()
    topics = ["grain", "ferry", "bridge", "school", "museum", "tunnel", "market", "stadium"]
    for i in range(400):
        topic = topics[i % len(topics)]
        text = (
            f"The council of town{i} voted to close the {topic} after inspectors{i} found faults."
        )
        profile = index.profile(text)
        index.count(profile)
        index.add(i, i, profile, None)
    probe = index.profile("The council of town7 voted to close the stadium after a storm.")
    candidates = index.candidates(probe)
    assert 7 in candidates and len(candidates) < 100


def test_the_sample_corpus_has_clusters_across_outlets_and_the_withdrawal_conflict(
    isolated_db: Path,
) -> None:
    code, _, _ = run("import", str(CORPUS))
    assert code == 0
    _, out, _ = run("clusters", "--format", "jsonl")
    clusters = [json.loads(line) for line in out.splitlines()]
    assert sum(len(c["article_ids"]) >= 3 for c in clusters) >= 3
    masri = [c for c in clusters if any("al-Masri" in m["text"] for m in c["claims"])]
    assert masri and len(masri[0]["article_ids"]) >= 3
    _, out, _ = run("conflicts", "--format", "jsonl")
    conflicts = [json.loads(line) for line in out.splitlines()]
    _, claims_out, _ = run("claims", "--min-score", "0", "--format", "jsonl")
    text = {r["claim_id"]: r["text"] for r in map(json.loads, claims_out.splitlines())}
    withdrawal = [
        c
        for c in conflicts
        if c["kind"] == "date"
        and any("withdrawal" in text[i] for i in c["claim_ids"])
        and sorted(c["values"]) == ["2015", "2018"]
    ]
    assert len(withdrawal) >= 2


def shape(conn: sqlite3.Connection) -> dict[str, object]:
    """A database's tables (their columns and constraints as SQLite reads them), indexes
    and triggers: what a migrated file and a new one must share."""
    names = conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall()
    found: dict[str, object] = {}
    for kind, name, table in names:
        if kind == "table":
            found[name] = (
                conn.execute(f"PRAGMA table_xinfo({name})").fetchall(),
                conn.execute(f"PRAGMA foreign_key_list({name})").fetchall(),
            )
        elif kind == "index":
            found[name] = (table, conn.execute(f"PRAGMA index_xinfo({name})").fetchall())
        else:
            found[name] = (kind, table)
    return found


def test_a_schema_4_file_gains_the_cluster_tables_and_clusters_new_imports(
    tmp_path: Path, isolated_db: Path
) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript((ROOT / "tests" / "old_schemas" / "schema4.sql").read_text("utf-8"))
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with Store(path) as old, Store(isolated_db) as new:
        assert old.migrated and old.backup is not None
        assert shape(old.conn) == shape(new.conn)
        import_paths(old, write(tmp_path / "news", ledger=LEDGER, herald=HERALD))
        assert len(old.clusters()) == 2


def test_a_corrected_sentence_is_not_clustered_with_its_own_old_version(
    store: Store, tmp_path: Path
) -> None:
    import_paths(store, write(tmp_path / "news", ledger=LEDGER))
    edited = LEDGER.replace("record sales of rye bread", "record sales of rye loaves")
    import_paths(store, write(tmp_path / "news", ledger=edited))
    bread = claim_id(store, "Bakeries in the old town")  # the current version's
    assert "loaves" in store.claim(bread).text
    assert store.cluster_of(bread) is None
    row = store.conn.execute(
        "SELECT count(*) FROM cluster_members WHERE claim_id = ?", (bread,)
    ).fetchone()
    assert row[0] == 0


def test_the_cards_brief_view_reads_a_few_articles_and_counts_them_all(
    store: Store, tmp_path: Path
) -> None:
    """The card's view of a big cluster reads the claims of its own article and of four
    others, and tells the totals."""
    sentence = "The Northport harbour authority said the dock strike cost 40 million dollars."
    texts = {f"outlet{i}": f"Outlet {i} Report\n\n{sentence}\n" for i in range(7)}
    import_paths(store, write(tmp_path / "many", **texts))
    first = claim_id_in(store, sentence, article=1)
    store.set_verdict(claim_id_in(store, sentence, article=2), "bob", Verdict.EVIDENCED)
    brief = store.cluster_of(first, brief=True)
    full = store.cluster_of(first)
    assert brief is not None and full is not None
    assert (brief.size, brief.article_count) == (7, 7) == (full.size, full.article_count)
    assert len(brief.members) == 5 and len(full.members) == 7
    assert [m.title for m in brief.members] == [f"Outlet {i} Report" for i in range(5)]
    assert brief.members[1].verdicts == {"bob": "evidenced"}
    assert len(store.conflicts(limit=0)) == 0
    line = also_line(first, 1, brief, "ann").plain
    assert line.startswith("⧉ Also in 6 other articles (o): Outlet 1 Report (bob: evidenced)")
    assert line.endswith(" and 3 more")


def claim_id_in(store: Store, text: str, article: int) -> int:
    (found,) = [c.id for c in store.claims(article_id=article) if c.text == text]
    return found


def minister_in(store: Store, article: int) -> int:
    (found,) = [
        c.id for c in store.claims(article_id=article) if c.text.startswith("Transport minister")
    ]
    return found


def varga(year: int, extra: str = "") -> str:
    """An article whose one claim differs from the others' only by its year (a copy)."""
    return (
        f"Ferry Inquiry\n\nTransport minister Elena Varga resigned in {year} after the"
        f" ferry disaster at Kelby.\n{extra}"
    )


def test_copies_that_give_other_years_conflict_and_outlive_the_claim_they_copy(
    isolated_db: Path, tmp_path: Path
) -> None:
    news = tmp_path / "news"
    with Store(isolated_db) as store:
        import_paths(store, write(news, a=varga(2018), b=varga(2019)))
        import_paths(store, write(news, c=varga(2019, "Ferry tickets sold out in June.\n")))
    with Store(isolated_db) as store:  # the index read back from the file
        import_paths(store, write(news, d=varga(2020)))
        ids = {name: minister_in(store, n) for n, name in enumerate("abcd", 1)}
        # b and c copy a's terms: d's year conflicts with all three, b's and c's too.
        pairs = {frozenset(c.claim_ids): c.values for c in store.conflicts()}
        assert set(pairs) == {frozenset((ids[x], ids[y])) for x, y in
                              ("ab", "ac", "ad", "bd", "cd")}  # fmt: skip
        assert store.conflict_total(ids["d"]) == 3
        # a is corrected (its claim gone): b takes its place in the index, also for a
        # later session, and e still meets b, c and d.
        import_paths(store, write(news, a="Ferry Inquiry\n\nThe inquiry opens in May.\n"))
    with Store(isolated_db) as store:
        import_paths(store, write(news, e=varga(2021)))
        e = minister_in(store, 6)
        assert {c.claim_ids[0] for c in store.conflicts(e)} == {ids["b"], ids["c"], ids["d"]}
        assert members(store, e) == {ids["b"], ids["c"], ids["d"], e}


def test_a_copy_whose_twin_left_the_index_is_indexed_anew(
    isolated_db: Path, tmp_path: Path
) -> None:
    news = tmp_path / "news"
    with Store(isolated_db) as store:
        import_paths(store, write(news, a=varga(2018), b=varga(2019)))
        a, b = minister_in(store, 1), minister_in(store, 2)
        terms = dict(store.conn.execute("SELECT claim_id, terms FROM claim_terms"))
        assert terms[b] == f"={a}"
        # The file as a re-extraction that dropped a's claim leaves it: b names a twin
        # that has no terms.
        with store.conn:
            store.conn.execute("DELETE FROM claim_terms WHERE claim_id = ?", (a,))
    with Store(isolated_db) as store:
        import_paths(store, write(news, d=varga(2020)))
        d = minister_in(store, 3)
        assert {c.claim_ids[0] for c in store.conflicts(d)} == {b}


def test_a_syndicated_copy_has_its_twins_conflicts_without_comparing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sentence another outlet prints as it was has the conflicts of its first printing
    (here a toll another wording disputes, which a copy is never compared with)."""
    first = "The ferry disaster at Kelby killed 12 people and injured dozens, police said."
    other = "Police in Kelby said 14 people were killed in the ferry disaster."
    news = tmp_path / "news"
    import_paths(store, write(news, a=f"Ferry Toll\n\n{first}\n", b=f"Kelby Mourns\n\n{other}\n"))
    a, b = claim_id(store, "The ferry disaster"), claim_id(store, "Police in Kelby")
    assert [c.values for c in store.conflicts(a)] == [("12", "14")]
    searched: list[int] = []
    search = Store._find_conflicts
    monkeypatch.setattr(
        Store, "_find_conflicts", lambda s, i, *a: searched.append(i) or search(s, i, *a)
    )
    # Its twin's facts are no longer kept (many claims came since): its very text tells.
    import factdesk.cluster.facts as facts_module

    store._facts.clear()
    read: list[str] = []
    real = facts_module.facts
    monkeypatch.setattr(facts_module, "facts", lambda t, *a: read.append(t) or real(t, *a))
    import_paths(store, write(news, wire=f"Wire Copy\n\n{first}\n"))
    assert read == []
    (copy,) = [c.id for c in store.claims(min_score=None) if c.article_source.endswith("wire.txt")]
    (found,) = store.conflicts(copy)
    assert (set(found.claim_ids), found.values) == ({b, copy}, ("14", "12"))
    assert copy not in searched
    assert store.conflict_total(b) == 2


def test_a_copy_takes_its_twins_conflicts_in_a_later_session_and_costs_nothing_without(
    isolated_db: Path, tmp_path: Path
) -> None:
    """Which indexed claims have conflicts is read back with the index: a copy in a later
    session still takes them, and a copy of a claim with none costs no statement."""
    first = "The ferry disaster at Kelby killed 12 people and injured dozens, police said."
    other = "Police in Kelby said 14 people were killed in the ferry disaster."
    calm = "Bakeries in the old town reported record sales of rye bread during the festival."
    news = tmp_path / "news"
    with Store(isolated_db) as store:
        import_paths(
            store, write(news, a=f"Ferry\n\n{first}\n\n{calm}\n", b=f"Mourns\n\n{other}\n")
        )
    with Store(isolated_db) as store:
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)
        import_paths(store, write(news, wire=f"Wire Copy\n\n{first}\n\n{calm}\n"))
        store.conn.set_trace_callback(None)
        wire = [c for c in store.claims(min_score=None) if c.article_source.endswith("wire.txt")]
        totals = {c.text[:9]: store.conflict_total(c.id) for c in wire}
        assert totals == {first[:9]: 1, calm[:9]: 0}
        assert len([s for s in statements if "INTO conflicts" in s]) == 1  # the toll's only


def test_a_claim_is_compared_with_a_bounded_number_of_others_for_conflicts(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twenty outlets give twenty tolls of one disaster: the next is compared with the
    most alike few (here 5), not with every one, and conflicts with those."""
    import factdesk.cluster.facts as facts_module
    import factdesk.store_clusters as clusters_module

    toll = "Police in Kelby said {} people were killed in the ferry disaster.\n"
    texts = {f"o{n}": f"Kelby Mourns\n\n{toll.format(n + 10)}" for n in range(20)}
    import_paths(store, write(tmp_path / "news", **texts))
    monkeypatch.setattr(clusters_module, "_COMPARED", 5)
    compared: list[object] = []
    real = facts_module.disagreements
    monkeypatch.setattr(
        facts_module, "disagreements", lambda a, b: compared.append(a) or real(a, b)
    )
    import_paths(store, write(tmp_path / "late", late=f"Ferry Toll\n\n{toll.format(99)}"))
    (late,) = [c.id for c in store.claims(min_score=None) if c.article_source.endswith("late.txt")]
    assert len(compared) == 5
    assert store.conflict_total(late) == 5


def test_a_copy_does_not_bring_back_a_conflict_its_twins_reviewer_dismissed(
    store: Store, tmp_path: Path
) -> None:
    first = "The ferry disaster at Kelby killed 12 people and injured dozens, police said."
    other = "Police in Kelby said 14 people were killed in the ferry disaster."
    news = tmp_path / "news"
    import_paths(store, write(news, a=f"Ferry\n\n{first}\n", b=f"Mourns\n\n{other}\n"))
    (conflict,) = store.conflicts()
    store.set_conflict_dismissed(conflict.conflict_id, "ann", True)
    import_paths(store, write(news, wire=f"Wire Copy\n\n{first}\n"))
    assert store.conflicts() == []
    assert len(store.conflicts(include_dismissed=True)) == 1
