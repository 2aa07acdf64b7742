"""A corrected article keeps its review work: claims continue into the new version, and
claims whose sentence changed are marked "changed since judged"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factdesk.export import ExportOptions, write
from factdesk.importer import import_paths
from factdesk.models import QueueFilter, Verdict
from factdesk.store import Store
from tests.helpers import CORPUS, CORPUS_CLAIMS, run

ANN, BOB = "ann", "bob"
STORY = (
    "Ministry Denies Report\n\n"
    "The interior ministry denied on Monday that 40 people were arrested in Tabriz.\n\n"
    "Witnesses told reporters that police detained dozens of students near the university.\n\n"
    "The governor said the figure was 12, and that all of them had been released.\n\n"
    "Human rights groups reported 57 arrests across the province in the same week.\n"
)


@pytest.fixture
def story(tmp_path: Path, store: Store) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Other Story\n\nThe council approved a budget of $4 million on Friday.\n")
    import_paths(store, [path, other])
    return path


def claim_with(store: Store, words: str) -> int:
    [claim] = [c for c in store.claims() if words in c.text]
    return claim.id


def quote_span(store: Store, claim_id: int, reviewer: str, quote: str) -> None:
    claim = store.claim(claim_id)
    text = store.article(claim.article_id).text
    start = text.index(quote)
    store.add_span(claim_id, reviewer, start, start + len(quote), quote)


def reimport(store: Store, path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    report = import_paths(store, [path])
    assert report.versions == 1


def test_an_edit_elsewhere_keeps_every_reviewers_work(story: Path, store: Store) -> None:
    denied, governor = claim_with(store, "denied on Monday"), claim_with(store, "governor said")
    store.set_verdict(denied, ANN, Verdict.DISPUTED)
    quote_span(store, denied, ANN, "57 arrests across the province")
    store.set_note(denied, ANN, "compare with the rights groups")
    store.set_flag(governor, ANN, True)
    store.set_verdict(governor, BOB, Verdict.EVIDENCED)
    store.save_position(ANN, governor)
    order_before = [c.article_source for c in store.claims()]

    # A new first paragraph shifts every offset; one word changes in another sentence.
    reimport(store, story, "Ministry Denies Report\n", "Ministry Denies Report\n\nUpdated.\n")
    story.write_text(story.read_text().replace("dozens of", "scores of"), encoding="utf-8")
    import_paths(store, [story])

    new_denied, new_governor = (
        claim_with(store, "denied on Monday"),
        claim_with(store, "governor said"),
    )
    assert new_denied != denied and store.claim(new_denied).article_id == 4  # version 3
    review = store.review(new_denied, ANN)
    assert (review.verdict, review.note) == (Verdict.DISPUTED, "compare with the rights groups")
    text = store.article(4).text
    [span] = review.spans
    assert span.quote == "57 arrests across the province" == text[span.start : span.end]
    assert span.start == STORY.index(span.quote) + len("\nUpdated.\n")
    assert store.review(new_governor, ANN).flagged
    assert store.review(new_governor, BOB).verdict is Verdict.EVIDENCED
    assert store.progress(ANN).judged == 1 and store.progress(BOB).judged == 1
    assert store.position(ANN) == new_governor
    # The article keeps its place in the queue (first), and nothing is marked changed.
    assert [c.article_source for c in store.claims()] == order_before
    assert list(store.queue_ids(ANN, QueueFilter.CHANGED)) == []
    carries = [e for e in store.events(ANN) if e["action"] == "carry"]
    assert {e["claim_id"] for e in carries} >= {new_denied, new_governor}
    # The old versions keep their own work, untouched.
    assert store.review(denied, ANN).verdict is Verdict.DISPUTED


def test_a_changed_sentence_is_marked_and_its_old_work_kept(story: Path, store: Store) -> None:
    governor = claim_with(store, "governor said")
    store.set_verdict(governor, ANN, Verdict.UNEVIDENCED)
    store.set_note(governor, ANN, "no source for 12")
    reimport(store, story, "the figure was 12", "the figure was 15")

    successor = claim_with(store, "the figure was 15")
    review = store.review(successor, ANN)
    assert review.verdict is None and review.changed
    [earlier] = review.earlier
    assert (earlier.claim_id, earlier.version, earlier.verdict) == (
        governor,
        1,
        Verdict.UNEVIDENCED,
    )
    assert earlier.note == "no source for 12" and "was 12" in earlier.text
    assert list(store.queue_ids(ANN, QueueFilter.CHANGED)) == [successor]
    assert list(store.queue_ids(BOB, QueueFilter.CHANGED)) == []  # bob had no work there
    assert store.changed_since_judged() == {ANN: (1, 0)}
    assert store.queue_rows(ANN, [successor])[successor].changed

    # export --all writes the old version's row; the default export does not.
    rows = [json.loads(line) for line in export(store, every_claim=True).splitlines()]
    old = [r for r in rows if r["claim_id"] == governor]
    assert [(r["verdict"], r["article_version"], r["note"]) for r in old] == [
        ("unevidenced", 1, "no source for 12")
    ]
    assert export(store) == ""

    store.set_verdict(successor, ANN, Verdict.EVIDENCED)  # judged again: no longer pending
    assert list(store.queue_ids(ANN, QueueFilter.CHANGED)) == []
    assert store.changed_since_judged() == {}
    assert not store.review(successor, ANN).changed and store.review(successor, ANN).earlier


def test_a_changed_quote_supersedes_only_its_reviewers_work(story: Path, store: Store) -> None:
    denied = claim_with(store, "denied on Monday")
    store.set_verdict(denied, ANN, Verdict.DISPUTED)
    quote_span(store, denied, ANN, "57 arrests")
    store.set_verdict(denied, BOB, Verdict.EVIDENCED)
    quote_span(store, denied, BOB, "all of them had been released")
    reimport(store, story, "57 arrests", "75 arrests")

    new_denied = claim_with(store, "denied on Monday")
    assert store.review(new_denied, BOB).verdict is Verdict.EVIDENCED
    assert [s.quote for s in store.review(new_denied, BOB).spans] == [
        "all of them had been released"
    ]
    assert store.review(new_denied, ANN).verdict is None and store.review(new_denied, ANN).changed


def test_a_removed_sentence_keeps_its_work_on_the_old_version(story: Path, store: Store) -> None:
    witnesses = claim_with(store, "Witnesses told")
    store.set_verdict(witnesses, ANN, Verdict.EVIDENCED)
    store.save_position(ANN, witnesses)
    sentence = (
        "Witnesses told reporters that police detained dozens of students near the university.\n\n"
    )
    reimport(store, story, sentence, "")
    assert store.review(witnesses, ANN).verdict is Verdict.EVIDENCED
    position = store.position(ANN)
    assert position is not None and store.claim(position).article_id == 3  # the new version
    assert store.changed_since_judged()[ANN][1] == 1  # judged on a sentence since removed
    code, out, _ = run("status")
    assert "1 judged on sentences since removed" in out


def test_going_back_to_an_earlier_text_is_a_version_that_keeps_later_work(
    story: Path, store: Store
) -> None:
    reimport(store, story, "Monday", "Tuesday")
    claim = claim_with(store, "denied on Tuesday")
    store.set_verdict(claim, ANN, Verdict.DISPUTED)
    reimport(store, story, "Tuesday", "Monday")  # the file is back to its first text
    assert [a["version"] for a in store.articles() if a["source"] == str(story.resolve())] == [
        1,
        2,
        3,
    ]
    back = claim_with(store, "denied on Monday")
    assert store.claim(back).article_id not in (1, 3)
    assert store.review(back, ANN).changed  # the sentence changed back under the verdict
    governor = claim_with(store, "governor said")
    assert store.claim(governor).article_id == store.claim(back).article_id


def test_undo_after_a_correction_reverts_the_last_action_in_the_new_version(
    story: Path, store: Store
) -> None:
    """The last action attached evidence on the old version (the span continued into the
    new one with a new id): undo says it cannot take that back and changes nothing, once;
    the next undo goes on to the verdict before it, reverted where it continued."""
    governor, denied = claim_with(store, "governor said"), claim_with(store, "denied on Monday")
    store.set_verdict(governor, ANN, Verdict.EVIDENCED)
    store.set_verdict(denied, ANN, Verdict.DISPUTED)
    quote_span(store, denied, ANN, "57 arrests")
    reimport(store, story, "Witnesses", "Several witnesses")
    new_denied, new_governor = claim_with(store, "denied on"), claim_with(store, "governor")
    undone = store.undo(ANN)
    assert undone is not None and undone.corrected and undone.skipped
    assert len(store.review(new_denied, ANN).spans) == 1
    assert store.review(new_denied, ANN).verdict is Verdict.DISPUTED
    undone = store.undo(ANN)  # not stuck on the span: on to the verdict before it
    assert undone is not None and not undone.conflict and undone.claim_id == new_denied
    assert store.review(new_denied, ANN).verdict is None
    assert len(store.review(new_denied, ANN).spans) == 1
    assert store.review(new_governor, ANN).verdict is Verdict.EVIDENCED


def test_two_records_with_one_source_in_one_import_are_reported(
    store: Store, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"url": "https://example.org/a", "text": "The mayor said 40 homes were flooded."},
        {"url": "https://example.org/b", "text": "Rain fell for 3 days, officials said."},
        {"url": "https://example.org/a", "text": "The mayor said 45 homes were flooded."},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    report = import_paths(store, [feed])
    assert (report.new, report.versions) == (2, 0)
    assert report.skipped == [
        (f"{feed}:3", f"same source as {feed}:1 (https://example.org/a); not imported")
    ]
    assert [a["version"] for a in store.articles()] == [1, 1]


def test_the_corpus_keeps_its_queue_order_after_a_correction(store: Store, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    import_paths(store, [corpus])
    before = [(c.article_source, c.text) for c in store.claims()]
    first = corpus / "000_13d752a9abc16feb.txt"
    first.write_bytes(first.read_bytes().replace(b"Khamenei", b"Khamenei,", 1))
    import_paths(store, [corpus])
    after = [(c.article_source, c.text) for c in store.claims()]
    assert [s for s, _ in after] == [s for s, _ in before]
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1


def export(store: Store, every_claim: bool = False) -> str:
    import io

    out = io.StringIO()
    write(store, ExportOptions(fmt="jsonl", every_claim=every_claim), out)
    return out.getvalue()


async def test_through_the_cli_and_the_desk(tmp_path: Path, isolated_db: Path) -> None:
    """Import with the CLI, judge in the desk, correct the file, re-import: status, the
    export and the desk still show the work, and the changed claim is marked."""
    from factdesk.ui.app import FactdeskApp
    from factdesk.ui.screens.review_screen import ReviewScreen
    from factdesk.ui.widgets.claim_card import ClaimCard
    from factdesk.ui.widgets.claim_queue import ClaimQueue

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    assert run("import", str(corpus))[0] == 0
    with Store(isolated_db) as store:
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e", "n", "d", "n", "u", "n")  # three verdicts, then move on
            assert isinstance(app.screen, ReviewScreen) and app.screen.claim is not None
            judged = [c.id for c in list(store.claims())[:3]]
            third = store.claim(judged[2])
            resume_text = app.screen.claim.text
    first = corpus / "000_13d752a9abc16feb.txt"
    text = first.read_text(encoding="utf-8")
    # A space doubles in the third judged sentence; a word changes far from all three.
    edited = text.replace(third.text, third.text.replace(" ", "  ", 1), 1)
    edited = edited.replace("biggest rivals", "largest rivals", 1)
    assert edited != text
    first.write_text(edited, encoding="utf-8")
    code, _, err = run("import", str(corpus))
    assert code == 0 and "1 new version," in err
    assert "review work on the old versions: 2 continued, 1 changed since judged, 0 on" in err

    _, out, _ = run("status")
    assert "judged: 2\n" in out and "evidenced: 1\n" in out and "disputed: 1\n" in out
    assert f"reviewer ann: 2 of {CORPUS_CLAIMS} judged" in out and "1 changed since judged" in out
    _, csv_out, _ = run("export")
    assert len(csv_out.strip().splitlines()) == 1 + 2
    _, jsonl, _ = run("export", "--all", "--format", "jsonl")
    rows = [json.loads(line) for line in jsonl.splitlines()]
    old_rows = [r for r in rows if r["article_id"] == third.article_id]
    assert [(r["claim_id"], r["verdict"]) for r in old_rows] == [(third.id, "unevidenced")]

    with Store(isolated_db) as store:
        app = FactdeskApp(store, ANN)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, ReviewScreen) and screen.claim is not None
            assert screen.message.startswith(f"Resumed — 2 of {CORPUS_CLAIMS} judged")
            assert screen.claim.text == resume_text  # the same place, in the new version
            queue = app.screen.query_one(ClaimQueue)
            assert queue.cursor == 3  # the article kept its place at the top of the queue
            await pilot.press("home", "n", "n")
            assert "US  Secretary" in screen.claim.text and screen.review.changed
            card = "\n".join(
                strip.text
                for strip in (
                    screen.query_one(ClaimCard).render_line(y)
                    for y in range(screen.query_one(ClaimCard).size.height)
                )
            )
            assert "Δ changed since judged: in v1 you said UNEVIDENCED" in card
            assert queue.render_line(2 - round(queue.scroll_y)).text[1] == "Δ"
            app.screen.apply_filter(QueueFilter.CHANGED)
            await pilot.pause()
            assert list(queue.ids) == [screen.claim.id]


async def test_a_desk_open_during_a_reimport_never_loses_an_action(
    story: Path, store: Store, isolated_db: Path
) -> None:
    """A desk shows version 1; a correction is imported from elsewhere; a verdict pressed
    in the desk must not land, unseen, on version 1: it is refused with a message, the desk
    moves to the same claim in the new version, and pressing again saves it there."""
    from factdesk.ui.app import FactdeskApp
    from factdesk.ui.screens.review_screen import ReviewScreen

    first = claim_with(store, "denied on Monday")
    app = FactdeskApp(store, ANN)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.claim is not None
        screen.go_to(first)
        await pilot.pause()
        assert screen.claim.id == first
        await pilot.press("u")
        with Store(isolated_db) as other:  # another terminal: `factdesk import story.txt`
            story.write_text(STORY.replace("Witnesses", "Several witnesses"), encoding="utf-8")
            assert import_paths(other, [story]).versions == 1
        await pilot.press("e")
        assert "Not saved" in screen.message and "new version" in screen.message
        new = claim_with(store, "denied on Monday")
        assert screen.claim.id == new and store.review(new, ANN).verdict is Verdict.UNEVIDENCED
        assert store.review(first, ANN).verdict is Verdict.UNEVIDENCED  # v1 unchanged
        await pilot.press("e")
        assert store.review(new, ANN).verdict is Verdict.EVIDENCED
        assert screen.progress.judged == 1 and str(screen.progress).startswith("1 of")
        await pilot.press("n")
    assert store.position(ANN) is not None
    assert store.claim(store.position(ANN) or 0).current


async def test_moving_after_a_reimport_shows_the_new_version(
    story: Path, store: Store, isolated_db: Path
) -> None:
    from factdesk.ui.app import FactdeskApp
    from factdesk.ui.screens.review_screen import ReviewScreen

    app = FactdeskApp(store, ANN)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        with Store(isolated_db) as other:
            story.write_text(STORY.replace("57 arrests", "75 arrests"), encoding="utf-8")
            import_paths(other, [story])
        await pilot.press("n")
        assert screen.claim is not None and screen.claim.current
        assert screen.article is not None and "75 arrests" in screen.article.text
        assert all(store.claim(i).current for i in screen.queue.ids)


def test_removed_sentences_are_counted_once(story: Path, store: Store) -> None:
    """Judged, changed, judged again, then removed: one piece of work is on a sentence
    since removed (the first verdict was already answered by the second)."""
    governor = claim_with(store, "governor said")
    store.set_verdict(governor, ANN, Verdict.DISPUTED)
    reimport(store, story, "the figure was 12", "the figure was 15")
    again = claim_with(store, "the figure was 15")
    store.set_verdict(again, ANN, Verdict.UNEVIDENCED)
    sentence = "The governor said the figure was 15, and that all of them had been released.\n\n"
    report_text = story.read_text(encoding="utf-8")
    assert sentence in report_text
    story.write_text(report_text.replace(sentence, ""), encoding="utf-8")
    report = import_paths(store, [story])
    assert (report.changed, report.removed) == (0, 1)
    assert store.changed_since_judged() == {ANN: (0, 1)}


def test_two_edits_in_one_correction_are_told_apart(story: Path, store: Store) -> None:
    """A word changed in one paragraph and another paragraph deleted: the first claim is
    changed (its successor is the edited sentence), the second is removed."""
    witnesses, governor = claim_with(store, "Witnesses told"), claim_with(store, "governor said")
    store.set_verdict(witnesses, ANN, Verdict.EVIDENCED)
    store.set_verdict(governor, ANN, Verdict.DISPUTED)
    text = STORY.replace("dozens of", "hundreds of").replace(
        "The governor said the figure was 12, and that all of them had been released.\n\n", ""
    )
    story.write_text(text, encoding="utf-8")
    report = import_paths(store, [story])
    assert (report.continued, report.changed, report.removed) == (0, 1, 1)
    successor = claim_with(store, "hundreds of")
    assert [e.claim_id for e in store.review(successor, ANN).earlier] == [witnesses]
    assert store.changed_since_judged() == {ANN: (1, 1)}


def test_undo_after_a_correction_reverts_a_carried_verdict(story: Path, store: Store) -> None:
    governor, denied = claim_with(store, "governor said"), claim_with(store, "denied on Monday")
    store.set_verdict(governor, ANN, Verdict.EVIDENCED)
    store.set_verdict(denied, ANN, Verdict.DISPUTED)  # the last action
    reimport(store, story, "Witnesses", "Several witnesses")
    undone = store.undo(ANN)
    new_denied = claim_with(store, "denied on Monday")
    assert undone is not None and not undone.conflict and undone.claim_id == new_denied
    assert store.review(new_denied, ANN).verdict is None
    assert store.review(claim_with(store, "governor said"), ANN).verdict is Verdict.EVIDENCED
    assert store.review(denied, ANN).verdict is Verdict.DISPUTED  # the old version keeps it


@pytest.mark.parametrize("edit_the_sentence", [False, True])
async def test_a_note_being_written_during_a_correction(
    story: Path, store: Store, isolated_db: Path, edit_the_sentence: bool
) -> None:
    """The note follows its sentence into the corrected article; if the sentence changed,
    the note is never put on another one: the editor keeps it and says why."""
    from factdesk.ui.app import FactdeskApp
    from factdesk.ui.screens.note_screen import NoteScreen
    from factdesk.ui.screens.review_screen import ReviewScreen

    governor = claim_with(store, "governor said")
    app = FactdeskApp(store, ANN)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.go_to(governor)
        await pilot.press("m", *"check the figure")
        with Store(isolated_db) as other:
            old, new = ("was 12", "was 15") if edit_the_sentence else ("Witnesses", "Some")
            story.write_text(STORY.replace(old, new), encoding="utf-8")
            import_paths(other, [story])
        await pilot.press("ctrl+s")  # refused: the claim is from the old version
        await pilot.pause(0.2)
        assert isinstance(app.screen, NoteScreen) and "Not saved" in app.screen.error
        await pilot.press("ctrl+s")  # again
        await pilot.pause(0.2)
        successor = claim_with(store, "governor said")
        if edit_the_sentence:
            assert isinstance(app.screen, NoteScreen) and "sentence changed" in app.screen.error
            assert store.review(successor, ANN).note == ""
        else:
            assert store.review(successor, ANN).note == "check the figure"
        assert store.review(governor, ANN).note == ""
