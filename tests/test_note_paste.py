"""A pasted note keeps exactly what was pasted and is shown inert (issue 22, item 4)."""

from __future__ import annotations

from textual import events
from textual.drivers import linux_driver
from textual.widgets import TextArea

from factdesk.importer import import_paths
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.note_screen import NoteScreen
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.widgets.claim_card import ClaimCard
from tests.helpers import CORPUS

ANN = "ann"
SIZE = (120, 40)
PASTED = "before \x1b[31mRED\x1b[0m after \u202e reversed"
# What a terminal sends for it in bracketed-paste mode, with a key on either side.
TYPED = "x\x1b[200~" + PASTED + "\x1b[201~y"
RAW = ("\x1b", "\u202e")


def parser() -> linux_driver.XTermParser:
    """The parser the terminal driver of a factdesk app reads its input with."""
    with Store(":memory:") as store:
        FactdeskApp(store, ANN)  # choosing the driver installs the parser
    return linux_driver.XTermParser()


def shown(widget: TextArea | ClaimCard) -> str:
    """The widget's lines as drawn."""
    height = widget.scrollable_content_region.height
    return "\n".join(widget.render_line(y).text for y in range(height))


def test_a_bracketed_paste_with_escape_bytes_arrives_whole_and_in_order() -> None:
    tokens = list(parser().feed(TYPED))
    assert [type(t).__name__ for t in tokens] == ["Key", "Paste", "Key"]
    assert tokens[0].key == "x" and tokens[2].key == "y"  # type: ignore[attr-defined]
    assert tokens[1].text == PASTED  # type: ignore[attr-defined]
    # However the terminal's bytes are split into reads, even inside the end mark.
    for cut in range(1, len(TYPED)):
        reader = parser()
        split = [*reader.feed(TYPED[:cut]), *reader.feed(TYPED[cut:])]
        keys = [t.key for t in split if isinstance(t, events.Key)]
        pastes = [t.text for t in split if isinstance(t, events.Paste)]
        assert (keys, pastes) == (["x", "y"], [PASTED]), cut


async def test_a_pasted_note_is_saved_byte_for_byte_and_shown_inert(store: Store) -> None:
    import_paths(store, [CORPUS])
    app = FactdeskApp(store, ANN)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen) and app.screen.claim is not None
        claim_id = app.screen.claim.id
        await pilot.press("m")
        assert isinstance(app.screen, NoteScreen)
        for token in parser().feed("\x1b[200~" + PASTED + "\x1b[201~"):
            app.post_message(token)
        await pilot.pause()
        editor = app.screen.query_one(TextArea)
        assert editor.text == PASTED
        drawn = shown(editor)
        assert "before ␛[31mRED␛[0m after ⬱ reversed" in drawn
        assert not any(char in drawn for char in RAW)
        # The cursor sits where it is drawn: after "RED", typing lands after "RED".
        editor.move_cursor((0, PASTED.index("RED") + 3))
        await pilot.press("!", "ctrl+s")
        saved = PASTED.replace("RED", "RED!")
        assert store.review(claim_id, ANN).note == saved
        assert isinstance(app.screen, ReviewScreen)
        await pilot.pause()
        card = shown(app.screen.query_one(ClaimCard))
        assert "Note: before ␛[31mRED!␛[0m after ⬱ reversed" in card
        assert not any(char in card for char in RAW)


async def test_a_pasted_paste_event_is_kept_exactly(store: Store) -> None:
    import_paths(store, [CORPUS])
    app = FactdeskApp(store, ANN)
    pasted = "a\x0cb\x1cc\u2028d\x1b[0m\u202e e"  # splitlines() would break at four of these
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen) and app.screen.claim is not None
        claim_id = app.screen.claim.id
        await pilot.press("m")
        app.post_message(events.Paste(pasted))
        await pilot.pause()
        drawn = shown(app.screen.query_one(TextArea))
        await pilot.press("ctrl+s")
        assert store.review(claim_id, ANN).note == pasted
    assert not any(char in drawn for char in (*RAW, "\x0c", "\x1c", "\u2028"))


async def test_a_paste_into_the_desk_is_never_taken_as_keys(store: Store) -> None:
    import_paths(store, [CORPUS])
    app = FactdeskApp(store, ANN)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen) and app.screen.claim is not None
        claim_id = app.screen.claim.id
        # Textual's parser typed what follows an escape byte as keys: e, then q to quit.
        for token in parser().feed("\x1b[200~a \x1b[0me q\x1b[201~"):
            app.post_message(token)
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ReviewScreen)
        assert store.review(claim_id, ANN).verdict is None
