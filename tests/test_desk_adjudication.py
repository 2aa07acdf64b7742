"""The adjudication desk (review --adjudicate) in a Pilot test: two reviewers' files merged,
the claims they disagree on, their work side by side, e/u/d giving the final verdict in
the adjudicator's name, ctrl+z, and the result in `export --final`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.adjudicate import AdjudicationScreen
from factdesk.ui.screens.help_screen import HelpScreen
from factdesk.ui.widgets.claim_card import ClaimCard
from factdesk.ui.widgets.desk_header import DeskHeader
from tests.helpers import COURIER, GAZETTE, claim_in, run, write

SIZE = (120, 40)
QUOTE = "She gave no evidence for the claim"


def reviewers_files(tmp_path: Path) -> tuple[Path, Path]:
    """ann's and bob's files, each of the same two articles, judged on their own."""
    folder = write(tmp_path / "news", gazette=GAZETTE, courier=COURIER)
    ann, bob = tmp_path / "ann.db", tmp_path / "bob.db"
    with Store(ann) as store:
        import_paths(store, folder)
        accused = claim_in(store, 2, "Councillor Ruth Okafor accused")
        start = COURIER.index(QUOTE)
        store.set_verdict(accused, "ann", Verdict.UNEVIDENCED)
        store.add_span(accused, "ann", start, start + len(QUOTE), QUOTE)
        store.set_verdict(claim_in(store, 1, "The city library"), "ann", Verdict.EVIDENCED)
        store.set_verdict(claim_in(store, 1, "Councillor Ruth Okafor said"), "ann",
                          Verdict.EVIDENCED)  # fmt: skip
    with Store(bob) as store:
        import_paths(store, folder)
        accused = claim_in(store, 2, "Councillor Ruth Okafor accused")
        store.set_verdict(accused, "bob", Verdict.DISPUTED)
        store.set_note(accused, "bob", "the board denies it")
        store.set_verdict(claim_in(store, 1, "The city library"), "bob", Verdict.UNEVIDENCED)
        store.set_verdict(claim_in(store, 1, "Councillor Ruth Okafor said"), "bob",
                          Verdict.EVIDENCED)  # fmt: skip
    return ann, bob


def text_of(app: FactdeskApp) -> tuple[str, str]:
    screen = app.screen
    assert isinstance(screen, AdjudicationScreen)
    header = screen.query_one(DeskHeader).render()
    return str(header), screen.query_one(ClaimCard).plain


async def test_adjudicating_two_reviewers_disagreements_through_to_export_final(
    tmp_path: Path, isolated_db: Path
) -> None:
    ann, bob = reviewers_files(tmp_path)
    code, out, err = run("merge", str(ann), str(bob))
    assert code == 0, err
    with Store(isolated_db) as store:
        accused = claim_in(store, 2, "Councillor Ruth Okafor accused")
        library = claim_in(store, 1, "The city library")
        app = FactdeskApp(store, "cat", adjudicate=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, AdjudicationScreen)
            assert list(screen.queue.ids) == [library, accused]  # the agreed claim is not here
            header, card = text_of(app)
            assert "adjudicating: cat" in header and "0 of 2 adjudicated" in header
            assert "Final verdict: not given yet" in card
            assert "ann  EVIDENCED: no evidence" in card
            assert "bob  UNEVIDENCED: no evidence" in card
            await pilot.press("n")
            await pilot.pause()
            header, card = text_of(app)
            assert screen.claim is not None and screen.claim.id == accused
            assert f"ann  UNEVIDENCED: “{QUOTE}” " in card
            assert "bob  DISPUTED: no evidence | Note: the board denies it" in card
            await pilot.press("d")
            await pilot.pause()
            final = store.final(accused)
            assert final is not None and (final.verdict, final.adjudicator) == ("disputed", "cat")
            header, card = text_of(app)
            assert "Final verdict: DISPUTED by cat" in card and "1 of 2 adjudicated" in header
            assert store.review(accused, "bob").verdict is Verdict.DISPUTED  # theirs stay
            assert store.review(accused, "cat").verdict is None  # not one more reviewer's
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert store.final(accused) is None
            assert "0 of 2 adjudicated" in text_of(app)[0]
            await pilot.press("g", "delete")  # the review desk's give and dismiss: not here
            await pilot.press("u")
            await pilot.pause()
            assert "Final verdict: UNEVIDENCED by cat" in text_of(app)[1]
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            described = [b.description for b in app.screen.keymap]
            assert app.screen.intro.startswith("Adjudicating: the claims reviewers gave")
            assert "Evidenced" in described and "Give to cluster" not in described
            assert "Add claim" not in described and "Dismiss" not in described
            await pilot.press("escape", "q")
        assert store.dismissed_ids("cat") == set()
        assert store.position("cat") is None  # cat's own review's place is not moved
    code, out, err = run("export", "--final")
    assert code == 0, err
    rows = {int(r["claim_id"]): r for r in csv.DictReader(io.StringIO(out))}
    assert (rows[accused]["verdict"], rows[accused]["reviewer"]) == ("unevidenced", "cat")
    assert rows[accused]["evidence_text"] == QUOTE  # ann's: she gave that verdict
    assert (rows[library]["verdict"], rows[library]["claim_status"]) == ("", "conflict")
    agreed = [r for r in rows.values() if r["claim_status"] == "extracted"]
    assert {r["reviewer"] for r in agreed} == {"ann, bob", "cat"}


async def test_a_second_adjudicator_neither_erases_nor_silently_replaces_the_first(
    tmp_path: Path, isolated_db: Path
) -> None:
    ann, bob = reviewers_files(tmp_path)
    assert run("merge", str(ann), str(bob))[0] == 0
    with Store(isolated_db) as store:
        accused = claim_in(store, 2, "Councillor Ruth Okafor accused")
        store.set_final(accused, "cat", Verdict.DISPUTED)
        start = COURIER.index("accused")
        app = FactdeskApp(store, "eve", adjudicate=True)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            assert isinstance(screen, AdjudicationScreen)
            screen.go_to(accused)
            await pilot.press("d")  # the same verdict as cat's: it stands, cat's
            final = store.final(accused)
            assert final is not None and (final.verdict, final.adjudicator) == ("disputed", "cat")
            assert screen.message == "Final verdict already disputed, given by cat"
            await pilot.press("u")
            final = store.final(accused)
            assert final is not None
            assert (final.verdict, final.adjudicator) == ("unevidenced", "eve")
            assert screen.message == "Final verdict: unevidenced (was disputed, by cat)"
            store.add_span(accused, "eve", start, start + 7, "accused")
            screen.open_claim(accused)  # eve's evidence is hers, not a reviewer's column
            await pilot.pause()
            card = text_of(app)[1]
            assert "eve  no verdict" not in card and "Evidence (1)" in card
            card_view = screen.query_one(ClaimCard)
            assert card_view.virtual_size.height > card_view.size.height  # more than shows
            await pilot.press("ctrl+down")  # the card scrolls from the keyboard
            await pilot.pause()
            assert card_view.scroll_y > 0
