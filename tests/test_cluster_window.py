"""The clustering index holds the latest claims only (its window): memory stays flat however
many claims a file holds, and a claim is compared with the claims that arrived near it."""

from __future__ import annotations

from pathlib import Path

import pytest

from factdesk.cluster.index import ClusterIndex, place
from factdesk.cluster.terms import profile
from factdesk.importer import import_paths
from factdesk.store import Store
from tests.helpers import claim_id, members, write

# Twelve reports that share no story.
REPORTS = [
    "The harbour cranes of Northport were sold to a shipping firm for 12 million dollars.",
    "Rye bakeries in Dunmore doubled their prices after the poor harvest of 2019.",
    "The river ferry to Kelby was cancelled for three weeks because of flooding.",
    "Tram drivers in Eastvale voted to accept a pay rise of four percent.",
    "A glass factory near Lorne closed its furnace and laid off 300 workers.",
    "Copper output from the Marrow mine fell by a fifth in the first quarter.",
    "Wool traders at the Hestin market reported the lowest fleece prices in a decade.",
    "The salt works at Brackwater will be turned into a nature reserve by 2027.",
    "A paper mill on the Tarn river was fined for polluting the water supply.",
    "Olive presses in the southern valleys produced a record amount of oil this autumn.",
    "The brick kilns of Ashby were listed as historic monuments by the council.",
    "Tin smelters in Carrow asked the government for cheaper electricity contracts.",
]


def test_the_index_forgets_its_oldest_claims_and_their_postings() -> None:
    index = ClusterIndex()
    index.window = 5
    clusters = iter(range(1, 100))
    for claim, report in enumerate(REPORTS, start=1):
        read = profile(report)
        index.count(read)
        place(index, claim, claim, read, lambda: next(clusters))
        index.forget(index.oldest())
        assert len(index.entries) <= 5
    assert set(index.entries) == {8, 9, 10, 11, 12}
    posted = {i for ids in index.postings.values() for i in ids}
    assert posted == set(index.entries)  # no posting names a forgotten claim


def test_a_copy_takes_the_place_of_its_forgotten_twin() -> None:
    index = ClusterIndex()
    index.window = 3
    clusters = iter(range(1, 100))
    first = profile(REPORTS[0])
    for claim, read in enumerate([first, *map(profile, REPORTS[1:3])], 1):
        index.count(read)
        place(index, claim, claim, read, lambda: next(clusters))
    index.count(first)
    copy = place(index, 4, 4, first, lambda: next(clusters))  # the same wording again
    assert copy.match is not None and copy.match.claim_id == 1
    assert index.copy_of[4] == 1
    index.entries[4].said = hash(REPORTS[0])  # (the store keeps the hash of its text)
    promoted = index.forget(index.oldest())
    assert 1 not in index.entries and promoted == [(4, [])]
    assert index.entries[4].said == hash(REPORTS[0])  # a copy of its text needs no reading
    index.count(first)
    again = place(index, 5, 5, first, lambda: next(clusters))  # found through the heir
    assert again.match is not None and again.match.claim_id == 4


def test_claims_cluster_with_those_in_the_window_through_the_store(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ClusterIndex, "window", 6)
    early = "Ledger\n\nThe dock strike cost the harbour of Northport 40 million dollars in May.\n"
    filler = {f"f{i}": f"Report {i}\n\n{report}\n" for i, report in enumerate(REPORTS)}
    import_paths(store, write(tmp_path / "a", early=early, **filler))
    assert len(store._index().entries) <= 6
    late = "Herald\n\nThe dock strike cost the harbour of Northport 40 million dollars, it said.\n"
    recent = "Post\n\nTin smelters in Carrow asked the government for cheaper electricity.\n"
    import_paths(store, write(tmp_path / "b", late=late, recent=recent))
    # The early report is out of the window: the late one starts no cluster with it ...
    cost = "The dock strike cost the harbour of Northport 40 million dollars"
    assert members(store, claim_id(store, f"{cost},")) == set()
    # ... while a restatement of a claim inside the window joins it.
    last = [c.id for c in store.claims(None) if c.text.startswith("Tin smelters in Carrow")]
    assert len(last) == 2 and members(store, last[0]) == set(last)
    # Read back from the file, the index holds the window's latest claims.
    with Store(store.path) as again:
        entries = again._index().entries
        assert len(entries) == 6 and max(entries) == max(c.id for c in again.claims(None))
