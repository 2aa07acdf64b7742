"""The long-article benchmark keeps working (at a tiny size; no timing is asserted here)."""

from __future__ import annotations

import re

from benchmarks.long_article import main


def test_the_long_article_benchmark_runs_and_compares() -> None:
    text = main(["--claims", "120", "--moves", "3"])
    lines = text.splitlines()
    assert lines[0] == "n/p, CPU per key (6 keys each, p50 / p95)"
    assert "normal articles" in lines[1] and "120 claims" in lines[2]
    assert lines[3].startswith("  ratio long / normal: p50 ")
    # A paragraph said over and over: its claims' copies are clustered, as at import.
    found = re.search(
        r"8 sentences said 15 times each \(clusters of up to (\d+) claims\)", lines[4]
    )
    assert found is not None and int(found[1]) >= 15
    assert lines[5].startswith("  ratio repeated / normal: p50 ")
