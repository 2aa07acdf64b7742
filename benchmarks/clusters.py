"""How well clustering links the sample corpus's repeated stories, scored as pairwise
links between extracted claims (as the held-out gold is), against our own reading of the
five articles: which claims assert the same thing.

    python -m benchmarks.clusters [--min-score 0.5] [--show]

It also times ``profile()`` on the claims found (the best of five runs, in µs a claim):
the importer runs it on every claim.

The gold below is ours, written by reading the articles; the held-out gold is not. Pairs
marked "maybe" are ones two readers could fairly disagree on: they count neither way."""

# ruff: noqa: E501  (the gold quotes whole openings of claims)
from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "sample_corpus"

# Each story: the openings of its claims (enough words to find each one).
# fmt: off
GOLD: list[list[str]] = [
    ["The Trump administration has been on a collision", "His administration has been on a"],
    ["Iran’s Supreme Leader Ayatollah Ali Khamenei accused", "Secretary Pompeo’s allegation"],
    ["Netanyahu has warned", "While Mr. Biden has shown interest"],
    ["JAKARTA - United States Secretary", "With just 12 days left"],
    ["For the remaining eight days", "Pompeo will use newly declassified"],
    ["According to a Reuters report", "However, it was not immediately clear"],
    ["He could have cited undisclosed", "Sources say Pompeo could cite"],
    [
        "Meanwhile The New York Times reported",
        "The New York Times reported in November that Abu",
        "The New York Times reported in November that Al-Qaeda",
        "Though he failed to provide any direct",
    ],
    [
        "Iran denies the report",
        "Tehran denied the report, saying there were no al Qaeda",
        "Tehran denied the report, saying there were no Al-Qaeda",
        "Following reports of Masri’s death",
    ],
    ["Iran has been a target throughout the Trump administration and Pompeo has sought to further increase",
     "Trump administration and Pompeo had been harsh",
     "Iran has been a target throughout the Trump administration and Pompeo has sought to further ratchet"],
    ["President-elect Joe Biden's adviser", "Advisers to President-elect"],
    ["Joe Biden himself promised", "Biden has vowed to rejoin"],
    ["Pompeo has accused Iran of having ties", "Pompeo has accused Iran of links"],
    ["At that time the Bush administration", "Ironically, the George W. Bush"],
    ["But reports have emerged", "But there have been reports"],
    ["A former senior US intelligence official with", "A former senior US intelligence official denied"],
    ["Relations between Iran and the US have", "Relations between Tehran and Washington",
     "President Trump’s unilateral withdrawal", "Biden has expressed hopes to revive"],
    ["Since the beginning of his administration", "Trump imposed sanctions on Iranian officials"],
    ["More sanctions are expected", "And there are apprehensions"],
    ["This led to increasing economic", "Though sanctions piled on"],
    ["Foreign Minister Mohammad Javad Zarif on Tuesday", "Foreign Minister Mohammad Javad Zarif also decried"],
    ["“[With] fictitious Iran", "From designating Cuba"],
    ["“Al-Qaeda has a new home base", "Al-Qaeda has a new home base: it is", "US Secretary of State Mike Pompeo on Tuesday accused"],
    ["He also asserted that the Iranian government", "He further alleged that the country’s"],
    ["“No one is fooled.", "No one is fooled."],
    ["All 9/11 terrorists came from @SecPompeo's favorite ME [", "All 9/11 terrorists came from @SecPompeo's favorite ME destinations"],
    ["Iranian Foreign Ministry Spokesman", "Following Pompeo’s comments, an Iranian"],
    ["However, there was some skepticism", "Pompeo made the assertion without"],
]
MAYBE: list[list[str]] = [
    ["A former senior US intelligence official with", "Shi’ite Iran and Sunni"],
    ["A former senior US intelligence official denied", "Shi’ite Iran and Sunni"],
    ["Joe Biden himself promised", "President-elect Biden has said"],
    ["Biden has vowed to rejoin", "President-elect Biden has said"],
    ["The Trump administration withdrew the US", "President Trump’s unilateral withdrawal"],
    ["Security experts have also cast doubt", "Pompeo made the assertion without"],
    ["Security experts have also cast doubt", "However, there was some skepticism"],
    ["US Secretary of State Mike Pompeo has claimed", "He also asserted that the Iranian government"],
    ["US Secretary of State Mike Pompeo has claimed", "He further alleged that the country’s"],
    ["The effort has increased", "Trump administration and Pompeo had been harsh"],
    ["It is an attempt to force Iran", "Trump imposed sanctions on Iranian officials"],
]
# fmt: on


def claims_of(db: Path, min_score: float) -> list[dict[str, object]]:
    """The claims ``factdesk claims --format jsonl`` gives (with their clusters)."""
    out = subprocess.run(
        [sys.executable, "-m", "factdesk", "claims", "--db", str(db), "--format", "jsonl",
         "--min-score", str(min_score)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    claims = [json.loads(line) for line in out.splitlines()]
    if claims and "cluster_id" not in claims[0]:
        # The CLI does not print clusters yet: read them from the store it wrote.
        from factdesk.store import Store

        with Store(db, create=False) as store:
            found = store.cluster_map()
        for claim in claims:
            claim["cluster_id"] = found.get(int(claim["claim_id"]), (None, 0))[0]  # type: ignore[call-overload]
    return claims


def pairs(groups: list[list[str]], claims: list[dict[str, object]]) -> set[frozenset[int]]:
    """The links a list of stories makes among the claims found."""
    result: set[frozenset[int]] = set()
    for group in groups:
        ids = []
        for opening in group:
            found = [int(c["claim_id"]) for c in claims if str(c["text"]).startswith(opening)]  # type: ignore[call-overload]
            if len(found) > 1:
                raise SystemExit(f"gold opening is not unique: {opening!r}")
            ids += found
        result |= {frozenset(p) for p in itertools.combinations(ids, 2)}
    return result


def score(claims: list[dict[str, object]], show: bool = False) -> dict[str, float]:
    """Precision, recall and F1 of the links the clusters make, against GOLD."""
    gold, maybe = pairs(GOLD, claims), pairs(MAYBE, claims)
    by_cluster: dict[object, list[int]] = {}
    for c in claims:
        if c.get("cluster_id") is not None:
            by_cluster.setdefault(c["cluster_id"], []).append(int(c["claim_id"]))  # type: ignore[call-overload]
    found = {frozenset(p) for ids in by_cluster.values() for p in itertools.combinations(ids, 2)}
    found -= maybe - gold
    right = len(found & gold)
    precision = right / len(found) if found else 1.0
    recall = right / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if right else 0.0
    if show:
        text = {int(c["claim_id"]): str(c["text"])[:90] for c in claims}  # type: ignore[call-overload]
        for kind, links in (("wrong", found - gold), ("missed", gold - found)):
            for a, b in sorted(tuple(sorted(p)) for p in links):
                print(f"{kind}: {a} {text[a]!r}\n       {b} {text[b]!r}")
    return {"links": len(gold), "found": len(found), "precision": precision,
            "recall": recall, "f1": f1}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-score", type=float, default=0.5)
    parser.add_argument("--show", action="store_true", help="print wrong and missed links")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "fd.db"
        subprocess.run(
            [sys.executable, "-m", "factdesk", "import", "--db", str(db), str(SAMPLE)],
            check=True, capture_output=True,
        )  # fmt: skip
        claims = claims_of(db, args.min_score)
        result = score(claims, args.show)
    result["profile_us"] = profile_time([str(c["text"]) for c in claims])
    print(json.dumps({k: round(v, 3) for k, v in result.items()}))


def profile_time(texts: list[str]) -> float:
    """Microseconds ``profile()`` takes a claim (best of five runs over the claims)."""
    from factdesk.cluster.terms import profile

    if not texts:
        return 0.0
    best = min(timeit.repeat(lambda: [profile(t) for t in texts], number=10, repeat=5))
    return best / 10 / len(texts) * 1e6


if __name__ == "__main__":
    main()
