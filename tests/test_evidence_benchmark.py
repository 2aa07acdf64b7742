"""The evidence benchmark runs on its gold (35 claims of the sample corpus and of articles
written for it) and keeps the figures the README gives: a change that loses them fails."""

from __future__ import annotations

import json

from benchmarks.evidence import gold, main, text_of


def test_the_gold_quotes_are_in_their_articles() -> None:
    cases = gold()
    assert len(cases) == 35
    for name, _, quotes, verdict in cases:
        text = text_of(name)
        assert all(q in text for q in quotes), name
        assert verdict in ("evidenced", "unevidenced", "disputed")


def test_the_suggestions_find_the_gold_evidence() -> None:
    figures = json.loads(main([]))
    assert figures["claims"] == 35
    assert figures["top3"] >= 0.9 and figures["top1"] >= 0.8 and figures["verdict"] >= 0.75
