"""The development-data script runs on data of its format and says when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.checkworthiness import average_precision, main, scores

from factdesk.extract import THRESHOLD


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
    assert found[1] >= THRESHOLD > max(found[0], found[2], found[3])
    assert main(["--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "debate" in out and "MAP 1.000 over 1 transcripts" in out and "F1 1.00" in out


def test_without_data_it_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path / "missing")]) == 0
    assert "No development data" in capsys.readouterr().err


def test_the_fit_keeps_each_feature_to_its_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks import fit_scorer

    lines = [
        ("We lost 700,000 manufacturing jobs in 2019.", 1),
        ("Thank you, it is great to be here.", 0),
        ("Taxes rose 12 percent last year.", 1),
        ("What do you think about that?", 0),
        ("We should fight for our children.", 0),
        ("The deficit doubled to $1 trillion.", 1),
    ]
    for name in ("one", "two"):
        (tmp_path / f"{name}.tsv").write_text(
            "".join(f"{i}\tX\t{text}\t{label}\n" for i, (text, label) in enumerate(lines, 1)),
            encoding="utf-8",
        )
    written = tmp_path / "weights.py"
    monkeypatch.setattr(fit_scorer, "WEIGHTS_FILE", written)
    assert fit_scorer.main(["--data", str(tmp_path), "--write"]) == 0
    assert "leave one transcript out: MAP" in capsys.readouterr().out
    namespace: dict[str, dict[str, float]] = {}
    exec(written.read_text(encoding="utf-8"), namespace)
    weights = namespace["WEIGHTS"]
    assert weights["digits"] > 0 and weights["pleasantry"] < 0 and weights["question"] < 0
    for name, value in weights.items():
        assert not (name in fit_scorer.FOR and value < 0), name
        assert not (name in fit_scorer.AGAINST and value > 0), name


def test_the_fit_without_data_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import fit_scorer

    assert fit_scorer.main(["--data", str(tmp_path / "missing")]) == 0
    assert "no development data" in capsys.readouterr().err
