"""Score the evidence suggestions against a gold written for this project: claims of the
sample corpus and of four news-style articles written for it (benchmarks/evidence_gold/),
each with the span a reviewer would attach and the verdict it supports.

    python -m benchmarks.evidence [--show]

A suggestion finds the gold when it overlaps one of the gold quotes by at least half of the
shorter of the two. Prints top-1 and top-3 hits and how often the suggested verdict is right.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from factdesk.evidence.suggest import suggested_verdict
from factdesk.importer import _extract_all

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILE = ROOT / "benchmarks" / "evidence_gold" / "gold.jsonl"


def gold() -> list[tuple[str, str, tuple[str, ...], str]]:
    """Each gold claim: its article ("000" for a sample article, else a file of
    evidence_gold/), its opening words, the quotes any of which is its evidence, and the
    verdict they support."""
    rows = [json.loads(line) for line in GOLD_FILE.read_text(encoding="utf-8").splitlines()]
    return [(r["article"], r["claim"], tuple(r["evidence"]), r["verdict"]) for r in rows]


def text_of(name: str) -> str:
    """The text of a gold article: a sample corpus file by number, else one of evidence_gold/."""
    if name.isdigit():
        return next((ROOT / "sample_corpus").glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    return (ROOT / "benchmarks" / "evidence_gold" / f"{name}.txt").read_text(encoding="utf-8")


def _hits(text: str, start: int, end: int, quotes: tuple[str, ...]) -> bool:
    for quote in quotes:
        g_start = text.index(quote)
        g_end = g_start + len(quote)
        overlap = min(end, g_end) - max(start, g_start)
        if overlap > 0 and overlap >= 0.5 * min(end - start, g_end - g_start):
            return True
    return False


def score(show: bool = False) -> dict[str, float]:
    top1 = top3 = right = 0
    cases = gold()
    for name, opening, quotes, verdict in cases:
        text = text_of(name)
        # As the import works them out (beside the extraction, with its clustering terms).
        ((claims, _, suggested),) = _extract_all([(text, ())])[0]
        (claim, found) = next(
            (c, s) for c, s in zip(claims, suggested, strict=True) if c.text.startswith(opening)
        )
        found = found[:3]
        hits = [_hits(text, s.start, s.end, quotes) for s in found]
        top1 += bool(hits[:1] and hits[0])
        top3 += any(hits)
        guess = suggested_verdict([(s.cue, s.score) for s in found])
        right += guess == verdict
        if show and not (hits[:1] and hits[0] and guess == verdict):
            print(f"\n{name}: {claim.text[:90]}  (gold {verdict}: {quotes[0][:60]})")
            for s, hit in zip(found, hits, strict=True):
                quote = text[s.start : s.end][:90]
                print(f"  {'*' if hit else ' '} {s.cue:12} {s.score:.2f} {quote!r}")
            print(f"  -> {guess}")
    n = len(cases)
    return {"claims": n, "top1": round(top1 / n, 3), "top3": round(top3 / n, 3),
            "verdict": round(right / n, 3)}  # fmt: skip


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each claim missed")
    args = parser.parse_args(argv)
    return json.dumps(score(args.show))


if __name__ == "__main__":
    sys.stdout.write(main() + "\n")
