"""Exports: golden CSV and JSON Lines, round trips, formula safety, ClaimReview, failures."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk import store as store_module
from factdesk.export import CSV_COLUMNS, ExportOptions, write, write_file
from factdesk.importer import import_paths
from factdesk.models import FactdeskError, Verdict
from factdesk.store import Store
from tests.helpers import CORPUS, run

from .big_database import make_database

GOLDEN = Path(__file__).parent / "golden"
# Golden files name the corpus by a fixed path, so the review is made on a copy there.
FIXED_CORPUS = Path("/tmp/factdesk-golden/sample_corpus")
FIXED_TIME = "2021-01-13T09:30:00+00:00"


JUDGED: list[str] = []  # pompeo, khamenei, flagged, dismissed, added: set by the fixture
ADDED = "Iran and AL Qaeda got into an agreement soon after the signing of the 2015 Iran"


@pytest.fixture
def reviewed(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A small fixed review of the sample corpus by two reviewers: ann adds a claim of
    her own and judges it; bob judges a claim and then dismisses it."""
    monkeypatch.setattr(store_module, "now", lambda: FIXED_TIME)
    shutil.rmtree(FIXED_CORPUS.parent, ignore_errors=True)
    shutil.copytree(CORPUS, FIXED_CORPUS)
    import_paths(store, [FIXED_CORPUS])
    queue = list(store.queue_ids("ann"))

    def find(words: str) -> int:  # by text, so that the review follows the extractor
        return next(c.id for c in store.claims() if words in c.text)

    pompeo = find("Mike Pompeo has claimed that Iran is assisting")
    khamenei = find("Ali Khamenei accused the US")
    flagged, dismissed = queue[queue.index(khamenei) + 2], queue[queue.index(khamenei) + 3]

    def span(claim_id: int, quote: str, reviewer: str = "ann") -> None:
        text = store.article(store.claim(claim_id).article_id).text
        start = text.index(quote)
        store.add_span(claim_id, reviewer, start, start + len(quote), quote)

    store.set_verdict(pompeo, "ann", Verdict.UNEVIDENCED)
    span(pompeo, "no official intelligence records have been cited")
    span(pompeo, "That said, no official")
    store.set_note(pompeo, "ann", 'Compare with Reuters, "12 Jan"\nsecond line')
    store.set_verdict(khamenei, "ann", Verdict.DISPUTED)
    span(khamenei, "Ali Khamenei accused the US")
    store.set_verdict(khamenei, "bob", Verdict.EVIDENCED)
    store.set_note(khamenei, "bob", '=HYPERLINK("http://x")')
    store.set_flag(khamenei, "bob", True)
    store.set_flag(flagged, "ann", True)
    text = store.article(store.claim(pompeo).article_id).text
    start = text.index(ADDED)
    added = store.add_claim(1, "ann", start, start + len(ADDED), ADDED)
    assert added.outcome == "new"
    store.set_verdict(added.claim_id, "ann", Verdict.EVIDENCED)
    store.set_verdict(dismissed, "bob", Verdict.DISPUTED)
    store.set_dismissed(dismissed, "bob", True)
    JUDGED[:] = [str(i) for i in (pompeo, khamenei, flagged, dismissed, added.claim_id)]
    return store


def judged(store: Store) -> list[str]:
    """The ids, as exported, of the claims the fixture judged (with bob's dismissed one)."""
    return JUDGED


def golden(name: str, actual: str) -> str:
    """The golden file's text; a missing one is written from ``actual`` and the test
    fails, so that a person reads it before it counts."""
    path = GOLDEN / name
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        pytest.fail(f"wrote {path}: check it by hand, then run the tests again")
    return path.read_bytes().decode("utf-8")


def export_text(store: Store, **kwargs: object) -> str:
    out = io.StringIO(newline="")
    write(store, ExportOptions(**kwargs), out)  # type: ignore[arg-type]
    return out.getvalue()


def test_golden_csv(reviewed: Store) -> None:
    text = export_text(reviewed)
    assert text == golden("review.csv", text)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    first_id, second, _, dismissed, added = judged(reviewed)
    assert [(r["claim_id"], r["reviewer"], r["verdict"], r["claim_status"]) for r in rows] == [
        (first_id, "ann", "unevidenced", "extracted"),
        (second, "ann", "disputed", "extracted"),
        (second, "bob", "evidenced", "extracted"),
        (added, "ann", "evidenced", "added"),  # bob's verdict on `dismissed` is left out
    ]
    first = rows[0]
    assert first["evidence_spans"] == "547:569;558:606"
    assert first["evidence_text"] == (
        "That said, no official\nno official intelligence records have been cited"
    )
    assert first["note"] == 'Compare with Reuters, "12 Jan"\nsecond line'
    assert first["reviewed_at"] == FIXED_TIME
    assert rows[2]["note"] == '\'=HYPERLINK("http://x")'  # neutralised for spreadsheets
    assert [r["flagged"] for r in rows] == ["false", "false", "true", "false"]
    # Added inside "According to the official, Iran and AL Qaeda …": its sentence's speaker.
    assert rows[3]["claim_text"] == ADDED and rows[3]["speaker"] == "the official"
    article = reviewed.article(int(first["article_id"])).text
    for start_end, quote in zip(
        first["evidence_spans"].split(";"), first["evidence_text"].split("\n"), strict=True
    ):
        start, end = map(int, start_end.split(":"))
        assert article[start:end] == quote


def test_golden_jsonl(reviewed: Store) -> None:
    text = export_text(reviewed, fmt="jsonl")
    assert text == golden("review.jsonl", text)
    objs = [json.loads(line) for line in text.splitlines()]
    assert [list(o) for o in objs] == [
        [*CSV_COLUMNS, "article_sha256", "article_version", "score", "evidence"]
    ] * 4
    assert objs[2]["note"] == '=HYPERLINK("http://x")'  # JSON keeps the raw value
    assert [o["flagged"] for o in objs] == [False, False, True, False]
    assert [o["claim_status"] for o in objs] == ["extracted"] * 3 + ["added"]
    assert objs[0]["evidence"] == [
        {"start": 547, "end": 569, "quote": "That said, no official", "article_id": 1},
        {
            "start": 558,
            "end": 606,
            "quote": "no official intelligence records have been cited",
            "article_id": 1,
        },
    ]
    assert objs[0]["article_version"] == 1 and len(objs[0]["article_sha256"]) == 64


def test_filters_all_reviewer_and_verdict(reviewed: Store) -> None:
    _, second, flagged_id, dismissed, added = judged(reviewed)
    every = list(csv.DictReader(io.StringIO(export_text(reviewed, every_claim=True))))
    total = reviewed.claim_count()  # at the threshold, and ann's added claim
    assert len(every) == total + 1  # the second judged claim has two reviewers
    flagged = [r for r in every if r["claim_id"] == flagged_id]
    assert flagged[0]["reviewer"] == "ann" and flagged[0]["verdict"] == ""
    assert [(r["claim_id"], r["reviewer"]) for r in every if r["flagged"] == "true"] == [
        (second, "bob"),
        (flagged_id, "ann"),
    ]
    statuses = {(r["claim_id"], r["reviewer"]): r["claim_status"] for r in every}
    assert statuses[(dismissed, "bob")] == "dismissed"  # only with --all
    assert statuses[(added, "ann")] == "added"
    assert {r["claim_status"] for r in every} == {"extracted", "added", "dismissed"}
    assert {r["flagged"] for r in every} == {"true", "false"}  # never empty
    unjudged = [
        json.loads(line)
        for line in export_text(reviewed, fmt="jsonl", every_claim=True).splitlines()
        if json.loads(line)["reviewer"] is None
    ]
    assert unjudged and all(o["flagged"] is False for o in unjudged)
    bob = list(csv.DictReader(io.StringIO(export_text(reviewed, reviewer="bob"))))
    assert [(r["claim_id"], r["verdict"], r["evidence_spans"]) for r in bob] == [
        (second, "evidenced", "")
    ]
    disputed = list(csv.DictReader(io.StringIO(export_text(reviewed, verdict=Verdict.DISPUTED))))
    assert [r["claim_id"] for r in disputed] == [second]  # bob's dismissed one is left out


def test_claimreview_carries_every_field(reviewed: Store) -> None:
    text = export_text(
        reviewed, fmt="claimreview", org="Test Desk", url_template="https://d.example/{claim_id}"
    )
    reviews = json.loads(text)
    assert len(reviews) == 4
    first = reviews[0]
    assert first["@context"] == "https://schema.org" and first["@type"] == "ClaimReview"
    assert first["url"] == f"https://d.example/{judged(reviewed)[0]}"
    assert first["claimReviewed"].startswith("US Secretary of State Mike Pompeo has claimed")
    assert first["datePublished"] == "2021-01-13"
    assert first["author"] == {"@type": "Organization", "name": "Test Desk"}
    rating = first["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"] == "Unevidenced"
    assert "no official intelligence records have been cited" in rating["ratingExplanation"]
    claim = first["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"] == {"@type": "Person", "name": "Mike Pompeo"}
    assert claim["appearance"]["headline"] == "Pompeo Claims Iran is Supporting Al Qaeda"
    assert claim["appearance"]["url"].startswith("file:///tmp/factdesk-golden/sample_corpus/000_")
    assert [r["reviewRating"]["alternateName"] for r in reviews] == [
        "Unevidenced",
        "Disputed",
        "Evidenced",
        "Evidenced",
    ]


def test_excel_bom_and_cli_file_output(reviewed: Store, tmp_path: Path) -> None:
    assert export_text(reviewed, excel=True).startswith("\ufeffclaim_id,")
    target = tmp_path / "out.csv"
    code, out, err = run("export", "-o", str(target), "--db", str(reviewed.path))
    assert code == 0 and out == "" and f"Exported 4 rows to {target}" in err
    assert target.read_bytes().decode("utf-8") == export_text(reviewed)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # like any file the user writes


def test_failed_export_leaves_no_file(reviewed: Store, tmp_path: Path) -> None:
    locked = tmp_path / "missing-folder" / "out.csv"
    code, _, err = run("export", "-o", str(locked), "--db", str(reviewed.path))
    assert code == 1
    assert err == f"Error: cannot write {locked}: No such file or directory\n"
    assert not locked.parent.exists()


def test_damaged_database_stops_the_export(reviewed: Store, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    # Damage a stored quote behind the store's back (the trigger only guards inserts).
    reviewed.conn.execute("UPDATE spans SET quote = ? WHERE id = 1", ("x" * 48,))
    reviewed.conn.commit()
    first_id = judged(reviewed)[0]
    with pytest.raises(FactdeskError, match=rf"claim {first_id}: evidence 558:606 of reviewer"):
        write_file(reviewed, ExportOptions(), target)
    assert [p.name for p in tmp_path.iterdir() if "out.csv" in p.name] == []
    code, _, err = run("export", "--db", str(reviewed.path))
    assert code == 1 and err.count("\n") == 1 and f"claim {first_id}" in err


def test_a_claim_outside_its_article_stops_the_export(reviewed: Store, tmp_path: Path) -> None:
    """A claim's text is its article's at its offsets: offsets past the text (a hand-edited
    file) stop the export rather than write a cut claim."""
    first_id = judged(reviewed)[0]
    reviewed.conn.execute("UPDATE claims SET end = 1000000 WHERE id = ?", (first_id,))
    reviewed.conn.commit()
    target = tmp_path / "out.csv"
    with pytest.raises(FactdeskError, match=rf"claim {first_id} at \d+:1000000 is outside"):
        write_file(reviewed, ExportOptions(), target)
    assert not target.exists()


def test_bad_url_template_is_one_line(reviewed: Store) -> None:
    code, _, err = run(
        "export", "--format", "claimreview", "--url-template", "{id}", "--db", str(reviewed.path)
    )
    assert code == 1 and err.count("\n") == 1 and "{claim_id}" in err


texts = st.text(
    st.characters(codec="utf-8", exclude_characters="\x00", exclude_categories=("Cs",)),
    min_size=1,
    max_size=60,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(claim=texts, note=texts, reviewer=texts)
def test_round_trip_of_arbitrary_text(
    tmp_path_factory: pytest.TempPathFactory, claim: str, note: str, reviewer: str
) -> None:
    path = tmp_path_factory.mktemp("rt") / "rt.db"
    with Store(path) as store:
        text = f"Headline\n\n{claim}\n"
        start = text.index(claim, 10)
        store.conn.execute(
            "INSERT INTO articles (source, version, sha256, title, encoding, text, imported_at)"
            " VALUES ('s', 1, 'h', 'T', 'utf-8', ?, 'now')",
            (text,),
        )
        store.conn.execute(
            "INSERT INTO claims (article_id, start, end, score, extractor)"
            " VALUES (1, ?, ?, 0.5, 't')",
            (start, start + len(claim)),
        )
        store.conn.commit()
        store.set_verdict(1, reviewer, Verdict.DISPUTED)
        store.set_note(1, reviewer, note)
        store.add_span(1, reviewer, start, start + len(claim), claim)
        csv_rows = list(csv.DictReader(io.StringIO(export_text(store), newline="")))
        jsonl = [json.loads(line) for line in export_text(store, fmt="jsonl").splitlines()]
    [row] = csv_rows
    [obj] = jsonl
    for key, raw in (
        ("claim_text", claim),
        ("note", note),
        ("reviewer", reviewer),
        ("evidence_text", claim),
    ):
        assert obj[key] == raw
        if raw.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert row[key] == "'" + raw  # never executable in a spreadsheet
        else:
            assert row[key] == raw
    assert obj["evidence"] == [
        {"start": start, "end": start + len(claim), "quote": claim, "article_id": obj["article_id"]}
    ]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database whose export takes long enough to be interrupted half way."""
    path = tmp_path_factory.mktemp("big") / "big.db"
    make_database(path, claims=200_000)
    return path


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_interrupted_export_leaves_no_temporary_file(
    big: Path, tmp_path: Path, signum: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "verdicts.csv"
    target.write_text("yesterday's export\n")
    factdesk = Path(sys.executable).parent / "factdesk"
    command = subprocess.Popen(
        [str(factdesk), "export", "--all", "-o", str(target), "--db", str(big)],
        stderr=subprocess.PIPE,
        text=True,
        # As from a terminal: under nohup the suite itself ignores SIGHUP, and the export
        # rightly leaves a signal ignored as it was (it then finishes and exits 0).
        preexec_fn=lambda: signal.signal(signum, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # until the export is well under way
        temps = list(out.glob(".*.tmp"))
        if temps and temps[0].stat().st_size > 100_000:
            break
        assert command.poll() is None, "the export ended before it could be interrupted"
        time.sleep(0.01)
    else:
        raise AssertionError("the export never started writing")
    command.send_signal(signum)
    _, err = command.communicate(timeout=60)
    assert command.returncode == 128 + signum
    assert err == f"Error: export interrupted; {target} was not written\n"
    assert sorted(p.name for p in out.iterdir()) == ["verdicts.csv"]
    assert target.read_text() == "yesterday's export\n"
