"""Text edges on the desk: the cursor and selections move by grapheme cluster, invisible
format characters show as visible stand-ins, wide characters are never cut in half."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.geometry import Region

from factdesk.graphemes import (
    boundaries,
    cluster_start,
    next_boundary,
    previous_boundary,
    word_left,
    word_right,
)
from factdesk.importer import import_paths
from factdesk.inert import STAND_INS, inert
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen
from factdesk.ui.widgets.article_view import ArticleView, Selection
from factdesk.ui.widgets.claim_card import ClaimCard
from factdesk.ui.widgets.claim_queue import ClaimQueue
from factdesk.ui.widgets.desk_header import DeskHeader

THUMB = "\U0001f44d\U0001f3fd"  # 👍🏽 thumbs up, medium skin tone
FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467"  # 👩‍👩‍👧 joined by ZWJ
FLAG = "\U0001f1ec\U0001f1e7"  # 🇬🇧 two regional indicators
TECHNOLOGIST = "\U0001f469\U0001f3fd\u200d\U0001f4bb"  # 👩🏽‍💻 modifier, then ZWJ
E_ACUTE = "e\u0301"  # é in NFD
VIETNAMESE = "e\u0323\u0302"  # ệ in NFD: two stacked marks
CLUSTERS = [THUMB, FAMILY, FLAG, TECHNOLOGIST, E_ACUTE, VIETNAMESE]


def test_the_clusters_are_what_a_reader_sees() -> None:
    text = "a" + "".join(CLUSTERS) + "z"
    steps = [0]
    while steps[-1] < len(text):
        steps.append(next_boundary(text, steps[-1]))
    pieces = [text[a:b] for a, b in zip(steps, steps[1:], strict=False)]
    assert pieces == ["a", *CLUSTERS, "z"]
    back = [len(text)]
    while back[-1] > 0:
        back.append(previous_boundary(text, back[-1]))
    assert back[::-1] == steps
    inside = len("a") + 1  # between 👍 and its skin tone
    assert cluster_start(text, inside) == 1


def test_clusters_in_a_long_paragraph_are_found_locally() -> None:
    text = ("word " * 50_000) + FAMILY + " end"
    column = text.index(FAMILY) + 2
    assert cluster_start(text, column) == text.index(FAMILY)
    assert next_boundary(text, column) == text.index(FAMILY) + len(FAMILY)


def loaded_view(text: str) -> ArticleView:
    view = ArticleView()
    view.show_article(1, text)
    view.selection = Selection.cursor((0, 0))
    return view


def test_shift_right_and_left_step_over_whole_clusters() -> None:
    text = "a" + "".join(CLUSTERS) + "z"
    view = loaded_view(text)
    view.action_cursor_right()  # over "a"
    ends = []
    for _ in CLUSTERS:
        view.action_cursor_right(select=True)
        ends.append(view.selection.end[1])
        start, end = view.selected_offsets() or (0, 0)
        assert text[start:end] == view.selected_text
    assert ends == boundaries(text)[2:-1]
    for expected in reversed(boundaries(text)[:-2]):
        view.action_cursor_left(select=True)
        assert view.selection.end == (0, expected)


def test_a_location_inside_a_cluster_snaps_to_its_start() -> None:
    text = "x " + FAMILY + " y"
    view = loaded_view(text)
    inside = text.index(FAMILY) + 3
    view.selection = Selection((0, 1), (0, inside))  # a mouse drag that ends mid-family
    assert view.selection == Selection((0, 1), (0, text.index(FAMILY)))


def test_word_steps_keep_accents_and_emoji_whole() -> None:
    text = unicodedata.normalize("NFD", "Zo\u00eb Salda\u00f1a said ") + f"{THUMB} {FAMILY} ok"
    cuts = set(boundaries(text))
    stops = [0]
    while stops[-1] < len(text):
        stops.append(word_right(text, stops[-1]))
    assert stops[1] == len("Zoe\u0308")  # not stuck before the diaeresis
    back = [len(text)]
    while back[-1] > 0:
        back.append(word_left(text, back[-1]))
    assert set(stops) | set(back) <= cuts
    view = loaded_view(text)
    for _ in range(12):
        view.action_cursor_word_right(select=True)
        assert view.selection.end[1] in cuts
    assert view.selection.end == (0, len(text))


def test_selecting_by_word_to_a_sentence_end_takes_its_full_stop() -> None:
    text = 'Officials said 40 were held in 2020. Ward said "it is over." The U.S. agreed!\nNext'
    view = loaded_view(text)
    stops = []
    while view.selection.end[1] < len(text.splitlines()[0]):
        view.action_cursor_word_right(select=True)
        stops.append(view.selection.end[1])
    assert text.index("2020.") + len("2020.") in stops  # not before the full stop
    assert text.index("2020") + len("2020") not in stops
    assert text.index('over."') + len('over."') in stops  # the closing quote too
    assert text.index("U.S.") + len("U") in stops  # inside an abbreviation: word by word
    assert text.index("U.S.") + len("U.S.") in stops
    assert stops[-1] == text.index("agreed!") + len("agreed!")
    view.selection = Selection.cursor((0, 0))
    for _ in range(7):  # Officials said 40 were held in 2020.
        view.action_cursor_word_right(select=True)
    assert view.selected_text == "Officials said 40 were held in 2020."


PIECES = [
    "a",
    "Z",
    " ",
    "\n",
    ".",
    "\u05e9",  # Hebrew shin
    "\u0645\u0631\u062d\u0628\u0627",  # Arabic
    "\u200f",  # right-to-left mark
    "\u200e",  # left-to-right mark
    "\u061c",  # Arabic letter mark
    "\u202e",  # right-to-left override
    "\u2067",  # right-to-left isolate
    "\u200d",  # a joiner on its own
    "\u200c",  # a non-joiner
    "\u0301",  # a combining mark on its own
    "\u0323\u0302",
    "\U0001f1ec",  # one regional indicator: pairs with its neighbours by parity
    "\U0001f3fd",  # a skin tone on its own
    "\ufe0f",
    "\u0915\u094d\u0937\u093f",  # Devanagari conjunct
    "\u1100\u1161\u11a8",  # Hangul jamo
    "\u4e2d\u6587",
    *CLUSTERS,
]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
@example(pieces=["\U0001f44d\U0001f3fd", "\u200c", "\u200d", "\U0001f44d\U0001f3fd"])  # CI found it
def test_stepping_never_lands_inside_a_cluster(pieces: list[str]) -> None:
    text = "".join(pieces)
    shown = inert(text)
    view = loaded_view(text)
    lines = shown.split("\n")
    allowed = {
        (row, column) for row, line in enumerate(lines) for column in boundaries(line)
    }  # the clusters as shown: a visible stand-in is a character of its own
    seen = [view.selection.end]
    for _ in range(len(text) + 2):
        view.action_cursor_right(select=True)
        seen.append(view.selection.end)
        offsets = view.selected_offsets()
        if offsets:
            start, end = offsets
            assert shown[start:end] == view.selected_text
            assert inert(text[start:end]) == view.selected_text  # what attach checks
    assert seen[-1] == (len(lines) - 1, len(lines[-1]))
    assert set(seen) == allowed  # every boundary visited, nothing else
    view.selection = Selection.cursor(seen[-1])
    for _ in range(len(text) + 2):
        view.action_cursor_left(select=False)
        assert view.selection.end in allowed
    assert view.selection.end == (0, 0)


async def test_shift_arrows_select_whole_clusters_on_the_desk(store: Store, tmp_path: Path) -> None:
    sentence = (
        f"Officials {THUMB} said {FAMILY} on Monday {FLAG} that N{VIETNAMESE}n "
        f"{TECHNOLOGIST} and Jos{E_ACUTE} arrested 40 people in 2020.\n"
    )
    (tmp_path / "a.txt").write_text(sentence, encoding="utf-8")
    import_paths(store, [tmp_path / "a.txt"])
    app = FactdeskApp(store, "ann")
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        view = app.screen.query_one(ArticleView)
        await pilot.press("v")
        cuts = set(boundaries(sentence))
        for _ in range(len(sentence)):
            await pilot.press("shift+right")
            start, end = view.selected_offsets() or (0, 0)
            assert start in cuts and end in cuts
        await pilot.press("v", *["right"] * 11)  # "Officials " and then 👍🏽 in one step
        after_thumb = len("Officials ") + len(THUMB)
        assert view.selection.end == (0, after_thumb)
        await pilot.press("shift+left")
        assert view.selected_offsets() == (after_thumb - len(THUMB), after_thumb)
        assert view.selected_text == THUMB
        await pilot.press("a")
        claim_id = next(iter(store.claims())).id
        spans = store.review(claim_id, "ann").spans
        assert [s.quote for s in spans] == [THUMB]


async def test_a_mouse_drag_never_ends_inside_a_cluster(store: Store, tmp_path: Path) -> None:
    sentence = f"Officials said {FAMILY} that 40 people were arrested in Tabriz in 2020.\n"
    (tmp_path / "a.txt").write_text(sentence, encoding="utf-8")
    import_paths(store, [tmp_path / "a.txt"])
    app = FactdeskApp(store, "ann")
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        view = app.screen.query_one(ArticleView)
        x0 = view.content_region.x - view.region.x
        y0 = view.content_region.y - view.region.y
        family = len("Officials said ")
        cuts = set(boundaries(sentence))
        for cell in range(family, family + 7):  # every cell the joined emoji may cover
            await pilot.mouse_down(ArticleView, offset=(x0, y0))
            await pilot.hover(ArticleView, offset=(x0 + cell, y0))
            await pilot.mouse_up(ArticleView, offset=(x0 + cell, y0))
            offsets = view.selected_offsets()
            assert offsets is not None and offsets[0] == 0
            assert offsets[1] in cuts, (cell, offsets)
            assert sentence[: offsets[1]] == view.selected_text


# -- invisible format characters ------------------------------------------------------

INVISIBLE = {
    "RLM": "\u200f",
    "LRM": "\u200e",
    "ALM": "\u061c",
    "ZWSP": "\u200b",
    "ZWNJ": "\u200c",
    "ZWJ": "\u200d",
    "WJ": "\u2060",
    "SHY": "\u00ad",
    "BOM": "\ufeff",
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
}


def test_invisible_characters_get_distinct_visible_stand_ins() -> None:
    shown = {name: inert(f"a{char}b") for name, char in INVISIBLE.items()}
    stand_ins = [s[1] for s in shown.values()]
    for name, text in shown.items():
        assert len(text) == 3 and text[0] + text[2] == "ab", name
        assert text[1] != INVISIBLE[name] and text[1] != "\ufffd", name
        assert cell_len(text[1]) == 1 and text[1].isprintable(), name
    assert len(set(stand_ins)) == len(stand_ins)
    assert set(stand_ins) <= set(STAND_INS.values())


def test_joiners_inside_emoji_stay_joiners() -> None:
    for emoji in (FAMILY, TECHNOLOGIST, "\U0001f3f3\ufe0f\u200d\U0001f308"):
        assert inert(f"x {emoji} y") == f"x {emoji} y"
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert inert(scotland) == scotland
    assert inert("a\u200db") == "a\u2a1db"
    assert inert("\U0001f469\u200d") == "\U0001f469\u2a1d"  # a joiner joining nothing
    assert inert("a\U000e0041b") == "a\u205eb"  # hidden tag text outside a flag
    assert "\ufffd" not in inert("".join(chr(c) for c in range(0x80, 0xA0)))
    assert inert("line\u2028sep\u2029par") == "line\u2424sep\u204bpar"


async def test_invisible_characters_show_on_every_part_of_the_desk(
    store: Store, tmp_path: Path
) -> None:
    marks = "".join(INVISIBLE.values())
    text = f"The ministry said{marks} on Monday that 40 people were arrested in Tabriz in 2020.\n"
    path = tmp_path / f"report{marks}.txt"
    path.write_text(text, encoding="utf-8")
    import_paths(store, [path])
    app = FactdeskApp(store, f"ann{marks}")
    async with app.run_test(size=(250, 40)) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        await pilot.pause()
        svg = app.export_screenshot().replace("&#160;", " ")
    shown = inert(marks)
    assert "\ufffd" not in svg
    assert svg.count(f"said{shown}") >= 3  # the article, the queue row and the card
    assert f"ann{shown}" in svg  # the header


# -- wide characters at the right edge -------------------------------------------------

CJK = "\u4e2d\u56fd\u5916\u4ea4\u90e8\u53d1\u8a00\u4eba\u8868\u793a"  # 中国外交部发言人表示


def whole(line: str) -> bool:
    """No emoji sequence is cut: a joiner is never left joining padding or nothing."""
    return "\u200d " not in line and not line.endswith("\u200d")


async def test_wide_characters_are_never_cut_at_the_right_edge(
    store: Store, tmp_path: Path
) -> None:
    text = (
        f"{CJK}{FAMILY} report\n\n"
        f"Officials said on Monday that {CJK * 3} {FAMILY}{THUMB} 40 people were arrested "
        f"in 2020 {CJK * 4}.\n"
    )
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    family = f"Report on {FAMILY} families\n\nOfficials said on Monday that 40 were held in 2020.\n"
    (tmp_path / "family.txt").write_text(family, encoding="utf-8")
    import_paths(store, [tmp_path])
    for width in (61, 62, 77, 101, 160):
        app = FactdeskApp(store, f"ann {CJK * 4}")
        async with app.run_test(size=(width, 24)) as pilot:
            assert isinstance(app.screen, ReviewScreen)
            await pilot.pause()
            queue = app.screen.query_one(ClaimQueue)
            card = app.screen.query_one(ClaimCard)
            view = app.screen.query_one(ArticleView)
            for y in range(view.size.height):
                line = "".join(segment.text for segment in view.render_line(y))
                shown = view.size.width - view.scrollbar_size_vertical  # the scrollbar's own
                assert cell_len(line) == shown, (width, line)
                assert whole(line), (width, line)
            for widget in (queue, card):
                inner = widget.scrollable_content_region.width
                for y in range(widget.scrollable_content_region.height):
                    strip = widget.render_line(y)
                    line = "".join(segment.text for segment in strip)
                    assert strip.cell_length == inner, (width, widget, line)
                    assert cell_len(line) == inner, (width, widget, line)
                    assert whole(line), (width, widget, line)
            header = app.screen.query_one(DeskHeader)
            strip = header.render_lines(Region(0, 0, header.size.width, 1))[0]
            line = "".join(segment.text for segment in strip)
            assert cell_len(line) == header.size.width, (width, line)
            assert "0 of 2 judged" in line, (width, line)  # a long name never hides progress
