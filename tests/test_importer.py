"""Import: idempotence, versions, encodings, JSON Lines and files that cannot be read."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from factdesk.importer import import_paths
from factdesk.store import Store
from tests.helpers import CORPUS

ARTICLE = (
    "Ministry Denies Report\n\n"
    "The interior ministry denied on Monday that 40 people were arrested in Tabriz in 2020.\n"
)


def test_import_is_idempotent(store: Store) -> None:
    first = import_paths(store, [CORPUS])
    assert (first.new, first.unchanged, first.versions, first.skipped) == (5, 0, 0, [])
    claims = list(store.claims())
    assert first.claims == len(claims) > 40
    second = import_paths(store, [CORPUS])
    assert (second.new, second.unchanged, second.versions, second.claims) == (0, 5, 0, 0)
    assert list(store.claims()) == claims


def test_the_same_file_from_another_path_is_unchanged(store: Store, tmp_path: Path) -> None:
    import_paths(store, [CORPUS])
    copy = tmp_path / "copy"
    shutil.copytree(CORPUS, copy)
    report = import_paths(store, [copy])
    assert (report.new, report.unchanged) == (0, 5)


def test_one_text_at_two_paths_of_one_import_is_stored_once(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The importer remembers the texts it met (the store is not asked again), and
    records of one file with ids of their own stay their own articles, as in is_known."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    own = ARTICLE + "The ministry said talks would resume in 2031.\n"
    records = "".join(json.dumps({"id": n, "text": own}) + "\n" for n in (1, 2))
    (tmp_path / "c.jsonl").write_text(records, encoding="utf-8")
    monkeypatch.setattr(Store, "is_known", None)  # (never asked one at a time)
    report = import_paths(store, [tmp_path])
    assert (report.new, report.unchanged) == (3, 1)
    assert sorted(str(a["source"]).rsplit("/", 1)[-1] for a in store.articles()) == [
        "a.txt",
        "c.jsonl#id=1",
        "c.jsonl#id=2",
    ]


def test_a_source_given_another_sources_text_is_a_new_version(store: Store, tmp_path: Path) -> None:
    """b.txt rewritten with a.txt's text is b.txt's new version, though the import met that
    text at a.txt first (as is_known tells: a stored source is compared with its own)."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE + "A second paragraph was added.\n", encoding="utf-8")
    import_paths(store, [tmp_path])
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    report = import_paths(store, [tmp_path])
    assert (report.new, report.versions, report.unchanged) == (0, 1, 1)
    current = {str(a["source"]).rsplit("/", 1)[-1]: a for a in store.articles() if a["is_current"]}
    assert store.article(int(str(current["b.txt"]["id"]))).text == ARTICLE


def test_stored_text_is_the_file_with_line_endings_normalised(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode() + b"Lone\rCR line.\r")
    import_paths(store, [path])
    [article] = store.articles()
    assert store.article(int(str(article["id"]))).text == ARTICLE + "Lone\nCR line.\n"
    assert article["title"] == "Ministry Denies Report"
    assert article["encoding"] == "utf-8"


def test_changed_file_becomes_a_new_version(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    import_paths(store, [path])
    [old_claim] = list(store.claims())
    path.write_text(ARTICLE.replace("40 people", "45 people"), encoding="utf-8")
    report = import_paths(store, [path])
    assert (report.new, report.versions) == (0, 1)
    articles = store.articles()
    assert [(a["version"], a["is_current"]) for a in articles] == [(1, 0), (2, 1)]
    [new_claim] = list(store.claims())
    assert "45 people" in new_claim.text and new_claim.article_id != old_claim.article_id
    # The old version keeps its text and its claim, untouched (no longer current).
    assert old_claim.current and not store.claim(old_claim.id).current
    assert list(store.claims(article_id=old_claim.article_id)) == [
        replace(old_claim, current=False)
    ]
    assert "40 people" in store.article(old_claim.article_id).text


def test_bad_files_are_reported_and_the_rest_imported(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a_good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_blank.md").write_text("  \n\n \t\n")
    (folder / "d_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "e_mixed.txt").write_bytes("caf\u00e9 ".encode() + b"na\xefve \x81\x81")
    cp1252 = ARTICLE.replace("Monday", "Monday \x93x\x94").encode("latin-1")
    (folder / "f_cp1252.txt").write_bytes(cp1252)
    (folder / "g_utf16.txt").write_bytes(ARTICLE.replace("Tabriz", "Qom").encode("utf-16"))
    (folder / "h_picture.png").write_bytes(b"\x89PNG")
    (folder / "i_broken.txt").symlink_to(folder / "missing.txt")
    report = import_paths(store, [folder])
    reasons = {Path(source).name: reason for source, reason in report.skipped}
    assert reasons == {
        "b_empty.txt": "empty file",
        "c_blank.md": "empty file",
        "d_binary.txt": "binary file (contains NUL bytes)",
        "e_mixed.txt": "invalid UTF-8 at byte 8, mixed with valid UTF-8",
        "i_broken.txt": "broken link",
    }
    assert report.ignored == 1
    encodings = sorted(str(a["encoding"]) for a in store.articles())
    assert encodings == ["cp1252", "utf-16", "utf-8"]
    assert (report.new, report.unchanged) == (3, 0)
    texts = [store.article(int(str(a["id"]))).text for a in store.articles()]
    assert any("Monday \u201cx\u201d" in t for t in texts)


def test_jsonl_imports_good_lines_and_reports_bad_ones(store: Store, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {"text": ARTICLE, "title": "T1", "url": "https://example.org/1", "outlet": "Ex"}
        ),
        "{not json",
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"text": ARTICLE.replace("Tabriz", "Mashhad"), "published": "2021-01-12"}),
        json.dumps(["a", "list"]),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_paths(store, [feed])
    assert report.new == 2
    assert [(Path(s).name, r.split(" (")[0]) for s, r in report.skipped] == [
        ("feed.jsonl:2", "not valid JSON"),
        ("feed.jsonl:3", 'no "text" field with article text'),
        ("feed.jsonl:6", "not a JSON object"),
    ]
    sources = [a["source"] for a in store.articles()]
    assert sources[0] == "https://example.org/1"
    assert "feed.jsonl#sha256=" in str(sources[1])
    assert [a["title"] for a in store.articles()] == ["T1", "Ministry Denies Report"]


def test_symlink_loop_does_not_hang(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "again").symlink_to(folder)
    report = import_paths(store, [folder])
    assert report.new == 1
    assert any("symlink loop" in reason for _, reason in report.skipped)


def test_text_sqlite_cannot_hold_is_skipped_alone(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "a_ok.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b_nul.txt").write_bytes(ARTICLE.replace("Monday", "Mon\x00day").encode("utf-16"))
    lines = [
        json.dumps({"text": ARTICLE.replace("Tabriz", "Qom\u0000")}),
        '{"text": "Officials said 40 people were held in 2020 \\ud800."}',
        json.dumps({"text": ARTICLE.replace("Tabriz", "Rasht")}),
    ]
    (folder / "c_feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "d_utf32.txt").write_bytes(ARTICLE.replace("Tabriz", "Yazd").encode("utf-32"))
    (folder / "e_cp1252.txt").write_bytes(
        "\u201cCaf\u00e9\u201d owners said 40 were held.".encode("cp1252")
    )
    os.mkfifo(folder / "f_pipe.txt")
    report = import_paths(store, [folder])
    reasons = {Path(source).name: reason for source, reason in report.skipped}
    assert reasons == {
        "b_nul.txt": "contains NUL characters (binary data?)",
        "c_feed.jsonl:1": "contains NUL characters (binary data?)",
        "c_feed.jsonl:2": "contains unpaired surrogate characters",
        "f_pipe.txt": "not a regular file",
    }
    encodings = sorted(str(a["encoding"]) for a in store.articles())
    assert encodings == ["cp1252", "utf-32", "utf-8", "utf-8"]
    assert report.new == 4


def test_adding_a_jsonl_line_above_keeps_every_article(store: Store, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    first = json.dumps({"text": ARTICLE})
    second = json.dumps({"id": 7, "text": ARTICLE.replace("Tabriz", "Rasht")})
    feed.write_text(first + "\n" + second + "\n", encoding="utf-8")
    import_paths(store, [feed])
    before = {c.text for c in store.claims()}
    added = json.dumps({"text": ARTICLE.replace("Tabriz", "Isfahan")})
    feed.write_text(added + "\n" + first + "\n" + second + "\n", encoding="utf-8")
    report = import_paths(store, [feed])
    assert (report.new, report.unchanged, report.versions) == (1, 2, 0)
    after = {c.text for c in store.claims()}
    assert before < after and len(after) == 3


def test_a_changed_jsonl_article_with_an_id_becomes_a_version(store: Store, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a1", "text": ARTICLE}) + "\n", encoding="utf-8")
    import_paths(store, [feed])
    changed = ARTICLE.replace("40 people", "41 people")
    feed.write_text(json.dumps({"id": "a1", "text": changed}) + "\n", encoding="utf-8")
    assert import_paths(store, [feed]).versions == 1
    assert [a["version"] for a in store.articles()] == [1, 2]


def test_a_file_named_twice_is_read_once(store: Store) -> None:
    report = import_paths(store, [CORPUS, CORPUS / "000_13d752a9abc16feb.txt"])
    assert (report.files, report.new, report.skipped) == (5, 5, [])


def test_a_new_version_and_a_new_source_are_stored_in_the_order_read(
    store: Store, tmp_path: Path
) -> None:
    """New sources go in together, but never ahead of an article read before them (a new
    version here): ids follow the order the files were read."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    import_paths(store, [tmp_path])
    (tmp_path / "a.txt").write_text(ARTICLE + "The talks resumed on Friday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ports Reopen\n\nThe port reopened on Monday.\n", "utf-8")
    report = import_paths(store, [tmp_path])
    assert (report.new, report.versions) == (1, 1)
    names = [(str(a["source"]).rsplit("/", 1)[-1], a["version"]) for a in store.articles()]
    assert names == [("a.txt", 1), ("a.txt", 2), ("b.txt", 1)]
