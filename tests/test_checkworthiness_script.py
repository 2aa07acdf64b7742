"""The development-data script runs on data of its format and says when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.checkworthiness import average_precision, main, scores


def test_average_precision() -> None:
    assert average_precision([True, True, False]) == 1.0
    assert average_precision([False, True]) == 0.5
    assert average_precision([False, False]) == 0.0


def test_it_ranks_a_transcript_of_its_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ("A", "Good evening and welcome, everyone.", 0),
        ("B", "We lost 700,000 manufacturing jobs in 2019, the labor department reported.", 1),
        ("A", "Thank you.", 0),
        ("B", "What do you think?", 0),
    ]
    (tmp_path / "debate.tsv").write_text(
        "".join(f"{i}\t{who}\t{text}\t{label}\n" for i, (who, text, label) in enumerate(rows, 1)),
        encoding="utf-8",
    )
    found = scores([text for _, text, _ in rows])
    assert found[1] > 0 and found[0] == found[2] == found[3] == 0
    assert main(["--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "debate" in out and "MAP 1.000 over 1 transcripts" in out and "F1 1.00" in out


def test_without_data_it_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path / "missing")]) == 0
    assert "No development data" in capsys.readouterr().err
