"""Hostile and broken input: every bad file gets a one-line reason and the rest import; no
text can take over the terminal; fuzzed text and keys never break a rule."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk.importer import import_paths
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.help_screen import HelpScreen
from factdesk.ui.screens.review_screen import ReviewScreen

GOOD = "Officials said on Monday that {n} people were arrested in Tabriz in 2020.\n"


def test_a_folder_of_hostile_files(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    sub = folder / "deeper"
    sub.mkdir()
    files = {
        "cp1252 in utf8.txt": ("Officials said “40” were held in Tabriz in 2020.\n").encode(
            "cp1252"
        ),
        "utf16 bom.txt": GOOD.format(n=2).encode("utf-16"),
        "nul bytes.txt": b"Officials said\x00 40 people",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "empty.txt": b"",
        "blank.md": b" \n\t\n  \n",
        "crlf.txt": GOOD.format(n=3).replace("\n", "\r\n").encode(),
        "lone cr.txt": (GOOD.format(n=4) + GOOD.format(n=5)).replace("\n", "\r").encode(),
        "naïve – ünïcödé name.md": GOOD.format(n=6).encode(),
        "unreadable.txt": GOOD.format(n=7).encode(),
        "feed.jsonl": (
            json.dumps({"text": GOOD.format(n=8)}) + "\n{oops\n" + json.dumps({"title": "x"}) + "\n"
        ).encode(),
    }
    for name, data in files.items():
        (sub / name).write_bytes(data)
    (folder / "big.txt").write_bytes(b"x" * (50 * 1024 * 1024))  # a 50 MB "article"
    sentence = "The ministry said that {n} people were arrested in 2020 in Tabriz. "
    one_line = "".join(sentence.format(n=i) for i in range(15_000)).encode()  # ~1 MB, no newline
    (folder / "one line.txt").write_bytes(one_line)
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop").symlink_to(folder)
    os.mkfifo(folder / "pipe.txt")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "unreadable.txt":  # root reads anything: the OS refusal is simulated
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    report = import_paths(store, [folder])
    reasons = {Path(source).name: reason for source, reason in report.skipped}
    assert reasons == {
        "big.txt": "too large (52 MB; the limit is 16 MiB)",
        "broken.txt": "broken link",
        "loop": "folder already visited (a symlink loop or a second link)",
        "pipe.txt": "not a regular file",
        "nul bytes.txt": "binary file (contains NUL bytes)",
        "image.txt": "binary file (contains NUL bytes)",
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "unreadable.txt": "cannot read: Permission denied",
        "feed.jsonl:2": "not valid JSON (Expecting property name enclosed in double quotes)",
        "feed.jsonl:3": 'no "text" field with article text',
    }
    encodings = {str(a["title"])[:4]: a["encoding"] for a in store.articles()}
    assert sorted(encodings.values()) == ["cp1252"] + ["utf-16"] + ["utf-8"] * 5
    texts = [store.article(int(str(a["id"]))).text for a in store.articles()]
    assert all("\r" not in t for t in texts)
    assert any(t.startswith("Officials said “40” were held") for t in texts)
    long = [t for t in texts if len(t) > 900_000]
    assert len(long) == 1
    claims = list(store.claims())
    assert sum(1 for c in claims if c.text.startswith("The ministry said that")) == 15_000
    for claim in claims:
        assert store.article(claim.article_id).text[claim.start : claim.end] == claim.text


def test_ten_thousand_small_files(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for group in range(10):
        part = folder / f"part{group}"
        part.mkdir(parents=True)
        for i in range(1000):
            n = group * 1000 + i
            (part / f"{n:05}.txt").write_text(GOOD.format(n=n), encoding="utf-8")
    report = import_paths(store, [folder])
    assert (report.files, report.new, report.skipped) == (10_000, 10_000, [])
    assert report.claims == 10_000 == store.claim_count()


HOSTILE = (
    "Markup And Escapes\n\n"
    "The ministry said [b]40 people[/b] were held [/] in [link=https://x]Tabriz[/link] "
    "on Monday [@click=app.quit]quit[/] \x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07"
    "link\x1b]8;;\x07 \x07 and \u202eevil\u202c \u2066iso\u2069 in 2020.\n"
)


async def test_hostile_text_is_inert_on_every_screen(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "hostile [b].txt"
    path.write_text(HOSTILE, encoding="utf-8")
    import_paths(store, [path])
    reviewer = "[b]ann\x1b[2J[/b]"
    app = FactdeskApp(store, reviewer)
    async with app.run_test(size=(200, 40)) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("m", *"note [red]x[/red]", "ctrl+s")
        review_svg = app.export_screenshot().replace("&#160;", " ")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_svg = app.export_screenshot().replace("&#160;", " ")
    for svg in (review_svg, help_svg):
        for raw in ("\x1b", "\x07", "\u202e", "\u2066", "\x00"):
            assert raw not in svg
    # The article, the queue row and the card all show the markup as typed.
    assert review_svg.count("[link=https://x]Tabriz[/link]") >= 2
    assert review_svg.count("[@click=app.quit]quit[/]") >= 2
    assert "The ministry said [b]40" in review_svg  # the queue row
    assert "\u241b]8;;https://evil.example\u2407link" in review_svg  # OSC 8 shown, not followed
    assert "note [red]x[/red]" in review_svg
    assert "[b]ann\u241b[2J[/b]" in review_svg  # the reviewer's name in the header
    assert app.return_code is None or app.return_code == 0


printable_bytes = st.binary(max_size=400) | st.text(max_size=300).map(
    lambda t: t.encode("utf-8", "surrogatepass")
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=printable_bytes, suffix=st.sampled_from([".txt", ".md", ".jsonl"]))
def test_fuzzed_files_never_break_import(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / f"fuzz{suffix}").write_bytes(data)
    (folder / "good.txt").write_text(GOOD.format(n=1), encoding="utf-8")
    with Store(folder / "fuzz.db") as store:
        report = import_paths(store, [folder])
        assert report.new >= 1  # the good file always gets in
        for claim in store.claims():
            assert store.article(claim.article_id).text[claim.start : claim.end] == claim.text


KEYS = ["e", "u", "d", "n", "p", "v", "a", "x", "f", "ctrl+z", "escape", "shift+right",
        "ctrl+shift+right", "shift+down", "shift+end", "up", "down", "end", "home", "m",
        "ctrl+s", "question_mark", "slash", "enter", "z", "1"]  # fmt: skip


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(keys=st.lists(st.sampled_from(KEYS), min_size=5, max_size=40))
async def test_fuzzed_keys_keep_the_store_consistent(
    tmp_path_factory: pytest.TempPathFactory, keys: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("keys")
    (folder / "a.txt").write_text(HOSTILE + GOOD.format(n=1) * 3, encoding="utf-8")
    with Store(folder / "keys.db") as store:
        import_paths(store, [folder])
        app = FactdeskApp(store, "ann")
        async with app.run_test(size=(100, 30)) as pilot:
            for key in keys:
                await pilot.press(key)
            assert app.is_running
        rows = store.conn.execute(
            "SELECT s.start, s.end, s.quote, a.text FROM spans s JOIN claims c ON c.id = s.claim_id"
            " JOIN articles a ON a.id = c.article_id"
        ).fetchall()
        for start, end, quote, text in rows:
            assert text[start:end] == quote and quote.strip() == quote
        check = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
        assert check == "ok"
