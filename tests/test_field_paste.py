"""Text pasted into a one-line field of the desk (search, export path, J, the palette)
never takes an escape sequence, a control character or a bidi override into the field,
where the terminal would be sent it raw (issue 22 review, finding 4)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.command import CommandInput
from textual.widgets import Input

from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.export_screen import ExportScreen
from factdesk.ui.screens.join_screen import JoinScreen
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.screens.search_screen import SearchScreen

ANN = "ann"
SIZE = (120, 40)
HOSTILE = "x\x1b[5mBLINK\x1b]0;pwned\x07\u202e"
RAW = ("\x1b", "\x07", "\u202e")


def desk(app: FactdeskApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def claim_starting(store: Store, start: str) -> int:
    return next(i for i in store.queue_ids(ANN) if store.claim(i).text.startswith(start))


async def test_a_hostile_paste_reaches_no_field_raw(story: Store) -> None:
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        lone = claim_starting(story, "Port officials")
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        app.post_message(events.Paste(HOSTILE))
        await pilot.pause()
        value = app.screen.query_one(Input).value
        assert value == "xBLINK" and not any(c in value for c in RAW)
        await pilot.press("escape")

        app.ask_export("csv")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.post_message(events.Paste(HOSTILE))
        await pilot.pause()
        value = app.screen.query_one(Input).value
        assert value == "xBLINK"  # the default path was selected: the paste replaced it
        await pilot.press("escape")

        desk(app).go_to(lone)
        await pilot.press("J")
        assert isinstance(app.screen, JoinScreen)
        app.post_message(events.Paste(f"#{lone}\x1b[5m\u202e"))  # the number is kept
        await pilot.pause()
        assert app.screen.query_one(Input).value == f"#{lone}"
        await pilot.press("escape")

        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen.query_one(CommandInput)
        app.post_message(events.Paste(HOSTILE))
        await pilot.pause()
        assert palette.value == "xBLINK"


async def test_a_field_given_a_hostile_value_holds_it_inert(story: Store) -> None:
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        app.ask_export("csv", Path("/tmp/a\x1b[31mb\u202e\x9bc.csv"))
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field.value == "/tmp/abc.csv"
        field.value = "\x1b]52;c;aGk=\x07y"  # OSC 52 would set the clipboard
        assert field.value == "y"


async def test_an_ordinary_paste_searches(story: Store) -> None:
    app = FactdeskApp(story, ANN)
    async with app.run_test(size=SIZE) as pilot:
        lone = claim_starting(story, "Port officials")
        await pilot.press("slash")
        app.post_message(events.Paste("Port officials\nsecond line"))
        await pilot.pause()
        assert app.screen.query_one(Input).value == "Port officials"
        await pilot.press("enter")
        assert desk(app).claim is not None and desk(app).claim.id == lone
        assert desk(app).message.startswith("Match 1 of 1 for “Port officials”")
