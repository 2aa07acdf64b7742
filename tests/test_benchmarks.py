"""The benchmark command keeps working (at a tiny size; no timing is asserted here)."""

from __future__ import annotations

import shutil

import pytest
from benchmarks.run import main


def test_the_benchmark_runs_and_prints_every_row() -> None:
    text = main(["--claims", "300", "--moves", "5"])
    first_column = [line.split("  ")[0] for line in text.splitlines()]
    assert first_column == [
        "measure",
        "corpus",
        "import + extraction",
        "of which clustering",
        "import peak memory",
        "database on disk",
        "review ready, first open (headless)",
        "review ready, reopen (headless)",
        "next claim, CPU per key (5)",
        "verdict key + commit (5)",
        "progress (each catch-up)",
        "CSV export",
        "peak RSS of the review",
    ]
    assert "claims" in text.splitlines()[1] and " MB/s" in text
    assert " clusters, " in text.splitlines()[3] and " conflicts" in text.splitlines()[3]


def test_the_formats_benchmark_runs_and_html_gives_the_text_twins_claims() -> None:
    from benchmarks.formats import main as formats

    text = formats(["--articles", "10"])
    rows = {line.split()[0]: line.split() for line in text.splitlines()[2:]}
    assert set(rows) == {"text", "HTML", "Markdown", "CSV"}
    assert rows["text"][-3:] == ["10", "of", "10"]  # the reference: the same as itself
    assert int(rows["HTML"][-3]) >= 8  # main text found in every page, the same claims


@pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
)
def test_the_terminal_key_benchmark_runs_side_by_side_in_tmux() -> None:
    from benchmarks.terminal_keys import main as keys

    text = keys(["--claims", "300", "--rounds", "2", "--idle", "0.05"])
    kinds = [line.split()[0] for line in text.splitlines()[2:]]
    assert kinds == ["next", "previous", "verdict", "attach", "bare"]


def test_the_items_benchmark_imports_one_file_of_short_items() -> None:
    from benchmarks.items import main as items

    text = items(["--items", "300"])
    assert [line.split("  ")[0] for line in text.splitlines()] == [
        "measure",
        "items",
        "import",
        "import peak memory",
        "database on disk",
    ]
    assert "300, " in text.splitlines()[1] and " claims" in text.splitlines()[2]


def test_the_news_benchmark_imports_once_and_as_copies_and_profiles_the_stages() -> None:
    from benchmarks.news import main as news

    text = news(["--bodies", "12", "--copies", "2"])
    lines = text.splitlines()
    assert [line.strip().split("  ")[0] for line in lines[:8]] == [
        "measure", lines[1].split("  ")[0], "import, everything", "peak memory",
        "the same, 2 outlets' copies", "import, everything", "peak memory", "2 copies against one",
    ]  # fmt: skip
    assert "12 articles" in lines[1] and "24 articles" in lines[4]
    stages = {line.strip().split("  ")[0] for line in lines[9:]}
    assert {
        "score candidates",
        "clustering terms",
        "placing claims",
        "store and the rest",
    } <= stages
