"""factdesk judge: a verdict from the command line with each option, a JSON Lines export
read back (into the same file and into another), and bad records reported by line while the
good ones are saved; what it saves is undone like the desk's work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from tests.helpers import COURIER, GAZETTE, claim_in, run, write

QUOTE = "She gave no evidence for the claim"


@pytest.fixture
def story(store: Store, tmp_path: Path) -> Store:
    import_paths(store, write(tmp_path / "news", gazette=GAZETTE, courier=COURIER))
    return store


def test_judge_with_each_option(story: Store) -> None:
    bare = claim_in(story, 1, "Councillor Ruth Okafor said")
    start = COURIER.index(QUOTE)
    code, _, err = run(
        "judge", str(bare), "Unevidenced", "--reviewer", "ann",
        "--evidence", "0:15", "--evidence", f"A2:{start}:{start + len(QUOTE)}",
        "--note", "no source named", "--flag",
    )  # fmt: skip
    assert code == 0, err
    assert "Judged 1 record: 1 saved (5 changes), 0 unchanged, 0 bad." in err
    review = story.review(bare, "ann")
    assert review.verdict is Verdict.UNEVIDENCED and review.flagged
    assert review.note == "no source named"
    assert [(s.article_id, s.quote) for s in review.spans] == [
        (None, "Water Board Row"),
        (2, QUOTE),
    ]
    code, _, err = run("judge", str(bare), "unevidenced", "--reviewer", "ann")
    assert code == 0 and "0 saved (0 changes), 1 unchanged" in err
    # Undone like the desk's work, last action first.
    story.undo("ann")
    assert not story.review(bare, "ann").flagged


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["999", "disputed"], "no claim with id 999"),
        (["1", "true"], "unknown verdict 'true'"),
        (["1", "disputed", "--evidence", "3"], "is not START:END"),
        (["1", "disputed", "--evidence", "0:99999"], "is outside the article (163 characters)"),
        (["1", "disputed", "--evidence", "50:10"], "ends before it starts"),
        (["1", "disputed", "--evidence", "A99:1:5"], "there is no article 99"),
    ],
)
def test_judge_refuses_a_bad_record_and_saves_nothing(
    story: Store, args: list[str], reason: str
) -> None:
    code, _, err = run("judge", *args, "--reviewer", "ann")
    assert code == 1 and reason in err and "not saved" in err
    assert story.review(1, "ann").verdict is None


@pytest.mark.parametrize(
    "text", ["99999999999999999999", "-3", "0", "x", "1" * 5000], ids=lambda t: t[:22]
)
def test_judge_of_a_number_no_claim_can_have_is_one_line(story: Store, text: str) -> None:
    code, out, err = run("judge", "--reviewer", "ann", "--", text, "disputed")
    assert (code, out) == (1, "")
    assert err.startswith("Error: a claim id is a whole number from 1") and err.count("\n") == 1


@pytest.mark.parametrize(
    "evidence",
    ["A99999999999999999999:1:5", "1:99999999999999999999", "1:" + "9" * 5000],
    ids=lambda t: t[:26],
)
def test_judge_of_evidence_past_any_article_is_one_line(story: Store, evidence: str) -> None:
    code, _, err = run("judge", "1", "disputed", "--evidence", evidence, "--reviewer", "ann")
    assert code == 1 and "too large" in err and err.count("\n") == 2  # the reason, the sum
    assert story.review(1, "ann").verdict is None


@pytest.mark.parametrize(
    "record",
    [
        {"claim_id": 2**64, "verdict": "evidenced"},
        {"claim_id": 2**64, "verdict": "evidenced", "claim_start": 0, "claim_end": 5,
         "claim_text": "Water"},
        {"claim_id": 1, "verdict": "evidenced", "claim_start": 2**64, "claim_end": 2**65,
         "claim_text": "Water"},
        {"claim_id": 1, "verdict": "evidenced",
         "evidence": [{"start": 1, "end": 5, "article_id": 2**64}]},
    ],
)  # fmt: skip
def test_judge_from_a_record_with_too_large_a_number(
    story: Store, tmp_path: Path, record: dict[str, object]
) -> None:
    export = tmp_path / "work.jsonl"
    export.write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, _, err = run("judge", "--from", str(export), "--reviewer", "ann")
    assert code == 1 and f"{export}:1: " in err and "too large" in err
    assert "Judged 1 record: 0 saved (0 changes), 0 unchanged, 1 bad." in err
    assert story.review(1, "ann").verdict is None


def test_judge_from_an_export_into_another_file_and_bad_lines(story: Store, tmp_path: Path) -> None:
    bare = claim_in(story, 1, "Councillor Ruth Okafor said")
    start = COURIER.index(QUOTE)
    story.set_verdict(bare, "ann", Verdict.UNEVIDENCED)
    story.add_span(bare, "ann", start, start + len(QUOTE), QUOTE, article_id=2)
    story.set_verdict(claim_in(story, 2, "Councillor Ruth Okafor accused"), "bob", Verdict.DISPUTED)
    code, out, _ = run("export", "--format", "jsonl")
    assert code == 0
    lines = out.splitlines()
    broken = json.loads(lines[0])
    broken["evidence"][0]["quote"] = "something else"
    export = tmp_path / "work.jsonl"
    export.write_text(
        "\n".join(
            [
                *lines,
                "not json",
                json.dumps(broken),
                json.dumps({"claim_id": 7, "verdict": "evidenced"}),
                json.dumps({"claim_id": 1, "verdict": None, "reviewer": None}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    other = tmp_path / "other.db"
    with Store(other) as fresh:  # the same articles, imported in another order
        import_paths(fresh, write(tmp_path / "again", courier=COURIER, gazette=GAZETTE))
    code, _, err = run("judge", "--from", str(export), "--db", str(other))
    assert code == 1
    assert f"{export}:3: not valid JSON" in err
    assert f"{export}:4: evidence {start}:{start + len(QUOTE)} quotes 'something else'" in err
    assert f"{export}:5: no claim with id 7" in err
    assert f"{export}:6" not in err  # a record with no work: nothing to judge
    assert (
        "Judged 5 records: 2 saved (3 changes), 0 unchanged, 3 bad. 1 without work passed over"
    ) in err
    with Store(other) as fresh:
        moved = claim_in(fresh, 2, "Councillor Ruth Okafor said")  # article 2 there
        review = fresh.review(moved, "ann")
        assert review.verdict is Verdict.UNEVIDENCED
        assert [(s.article_id, s.quote) for s in review.spans] == [(1, QUOTE)]
        assert fresh.review(claim_in(fresh, 1, "Councillor Ruth Okafor accused"), "bob").verdict
    code, _, err = run("judge", "--from", str(export))  # back into the file it came from
    assert "0 saved (0 changes), 2 unchanged, 3 bad." in err
