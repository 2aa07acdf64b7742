"""Issue 22's import friction: a slow link, missing paths, spreadsheets' own ids and
titles, and what the summary says of articles without claims."""

from __future__ import annotations

import select
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from factdesk.readers.links import fetch
from factdesk.readers.text import Skip
from tests.helpers import run

NEWS = "Officials said on Monday that 40 ships were turned away from the port in 2020.\n"


class _Trickle(BaseHTTPRequestHandler):
    """A page that never ends: a paragraph every 0.3 s, for ever."""

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            while not self.server.stopping:  # type: ignore[attr-defined]
                self.wfile.write(b"<p>x</p>")
                self.wfile.flush()
                time.sleep(0.3)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def trickle() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    httpd.daemon_threads = True
    httpd.stopping = False  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/x"
    httpd.stopping = True  # type: ignore[attr-defined]
    httpd.shutdown()
    httpd.server_close()


def test_a_trickling_link_is_skipped_after_the_timeout(
    trickle: str, tmp_path: Path, isolated_db: Path
) -> None:
    """The timeout bounds the whole fetch, not each read: a page that sends a few bytes
    every 0.3 s for ever is skipped, and the file given with it is imported."""
    good = tmp_path / "good.txt"
    good.write_text(NEWS, encoding="utf-8")
    outcome: list[tuple[int, str, str]] = []
    worker = threading.Thread(
        target=lambda: outcome.append(run("import", "--timeout", "1", trickle, str(good))),
        daemon=True,
    )
    worker.start()
    worker.join(60)  # a functional bound (it hung for good before), not a timing test
    assert outcome, "the import did not end"
    code, _, err = outcome[0]
    assert code == 0
    assert f"  skipped {trickle}: no answer within 1 s" in err
    assert "1 new" in err
    conn = sqlite3.connect(isolated_db)
    assert conn.execute("SELECT source FROM articles").fetchall() == [(str(good.resolve()),)]
    conn.close()


def test_a_missing_path_is_one_more_skipped_item(tmp_path: Path, isolated_db: Path) -> None:
    good = tmp_path / "x.txt"
    good.write_text(NEWS, encoding="utf-8")
    code, _, err = run("import", str(good), "missing.txt", "www.courier.example/a/b")
    assert code == 0
    assert "Imported 1 file: 1 new, 0 unchanged, 0 new versions, 2 skipped;" in err
    assert "  skipped missing.txt: no such file or folder\n" in err
    assert (
        "  skipped www.courier.example/a/b: no such file or folder (a link? give it as"
        " https://www.courier.example/a/b)" in err
    )
    conn = sqlite3.connect(isolated_db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    conn.close()


def test_when_every_path_is_missing_the_import_fails_and_creates_nothing(
    isolated_db: Path,
) -> None:
    code, out, err = run("import", "gone.txt", "ftp://courier.example/a.html")
    assert code == 1 and out == ""
    assert err == (
        "Error: nothing to import: no such file or folder: gone.txt;"
        " ftp://courier.example/a.html (links start with http:// or https://)\n"
    )
    assert not isolated_db.exists()


def test_review_imports_what_exists_and_fails_when_nothing_does(isolated_db: Path) -> None:
    code, _, err = run("review", "gone.txt")
    assert code == 1 and err == "Error: no such file or folder: gone.txt\n"
    assert not isolated_db.exists()


def test_an_article_whose_sentences_score_low_says_so(tmp_path: Path) -> None:
    """Plain English whose sentences all score under the threshold is not called foreign:
    the summary says how many candidates there were and how to see them."""
    low = tmp_path / "garden.txt"
    low.write_text(
        "I think the garden looks lovely in spring. My neighbour said the roses were early"
        " this year.\n",
        encoding="utf-8",
    )
    empty = tmp_path / "shout.txt"
    empty.write_text("Sign up for our newsletter.\n", encoding="utf-8")  # page furniture
    french = tmp_path / "french.txt"
    french.write_text(
        "Le ministre a déclaré lundi que plusieurs personnes avaient été blessées.\n",
        encoding="utf-8",
    )
    code, _, err = run("import", str(low), str(empty), str(french))
    assert code == 0
    warnings = [line for line in err.splitlines() if "no claims" in line]
    assert warnings == [
        f"  no claims found in {low}: no sentence scored 0.5 or more; 2 candidates below:"
        " lower the threshold to see them (factdesk review --min-score 0.45)",
        f"  no claims found in {empty}: no sentence in it can be a claim",
        f"  no claims found in {french}: is it English news text?",
    ]


def test_a_spreadsheets_own_id_column_and_titles_from_the_text(
    tmp_path: Path, isolated_db: Path
) -> None:
    """FNC-1's columns: `Body ID` is the id (two rows with one text are two articles), each
    title is the text's first line (or first sentence, cut on a word), and the summary
    says which columns were read."""
    sheet = tmp_path / "news_bodies.csv"
    same = "Officials said 40 ships were turned away in 2020.\n\nThe port denied it."
    long_line = (
        "The harbour authority said on Monday that fourteen ships were turned away in 2020"
        " because of the storms. It gave no figures for this year."
    )
    sheet.write_text(
        f'Body ID,articleBody\n7,"{same}"\n12,"{same}"\n30,"{long_line}"\n', encoding="utf-8"
    )
    code, _, err = run("import", str(sheet))
    assert code == 0 and "3 new" in err and "skipped" not in err.split("\n", 1)[1]
    assert (
        "  news_bodies.csv: text from 'articleBody', id from 'Body ID', no title column"
        " (titles from each text's first line)" in err.splitlines()
    )
    conn = sqlite3.connect(isolated_db)
    rows = conn.execute("SELECT source, title FROM articles ORDER BY id").fetchall()
    conn.close()
    where = sheet.resolve()
    assert rows == [
        (f"{where}#id=7", "Officials said 40 ships were turned away in 2020."),
        (f"{where}#id=12", "Officials said 40 ships were turned away in 2020."),
        (
            f"{where}#id=30",
            "The harbour authority said on Monday that fourteen ships were turned away in"
            " 2020 because of the storms.",
        ),
    ]


@pytest.mark.parametrize(
    "name", ["Body ID", "article_id", "DOC-ID", "document id", "guid", "UUID", "Story_Id"]
)
def test_id_columns_are_found_by_their_usual_names(name: str, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(f"{name},text\nA1,{NEWS.strip()}\nA2,{NEWS.strip()}\n", encoding="utf-8")
    code, _, err = run("import", str(sheet))
    assert code == 0 and "2 new" in err and f"id from '{name}'" in err


def test_a_long_first_line_without_a_sentence_end_is_cut_on_a_word(tmp_path: Path) -> None:
    from factdesk.readers.text import headline

    words = " ".join(["word"] * 60)
    assert headline(words) == " ".join(["word"] * 20) + "…"
    assert headline("\n\n  Short line  \nmore") == "Short line"


def test_an_untitled_json_lines_record_is_titled_by_its_text(
    tmp_path: Path, isolated_db: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": 1, "text": "Officials said 40 ships were late. More later."}\n')
    assert run("import", str(feed))[0] == 0
    conn = sqlite3.connect(isolated_db)
    assert conn.execute("SELECT title FROM articles").fetchall() == [
        ("Officials said 40 ships were late. More later.",)
    ]
    conn.close()


def test_a_merge_keeps_rows_with_their_own_ids_apart(tmp_path: Path, isolated_db: Path) -> None:
    """Two rows with one text and their own ids are two articles in a merged file too (the
    same rows from a copy of the sheet at another path are the same articles)."""
    sheet = tmp_path / "a" / "bodies.csv"
    sheet.parent.mkdir()
    body = "Officials said 40 ships were turned away in 2020."
    sheet.write_text(f"Body ID,articleBody\n7,{body}\n12,{body}\n", encoding="utf-8")
    theirs = tmp_path / "bob.db"
    assert run("import", "--db", str(theirs), str(sheet))[0] == 0
    copy = tmp_path / "b" / "bodies.csv"
    copy.parent.mkdir()
    copy.write_bytes(sheet.read_bytes())
    assert "2 new" in run("import", str(copy), "--id-column", "body id")[2]
    assert "0 new" in run("import", str(copy))[2]
    code, out, _ = run("merge", str(theirs))
    assert code == 0 and "nothing new" in out  # the copy's rows are these rows
    code, out, _ = run("merge", "--db", str(tmp_path / "empty.db"), str(theirs))
    assert code == 0 and "merged 2 articles" in out


def test_many_spreadsheets_read_alike_are_one_summary_line(tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    folder.mkdir()
    row = "Officials said {n} ships were turned away in 2020."
    for n in range(25):
        (folder / f"a{n:02}.csv").write_text(f'text,title\n"{row.format(n=n)}",T{n}\n')
    ids = ("id", "bodyid", "articleid", "docid", "documentid", "storyid", "itemid", "postid",
           "newsid", "recordid", "guid", "uuid")  # fmt: skip
    for n, name in enumerate(ids):  # twelve more ways to read a sheet
        (folder / f"b{n:02}.csv").write_text(f'body,{name}\n"{row.format(n=100 + n)}",{n}\n')
    for _ in range(2):  # the first import, then an unchanged one: the same lines
        code, _, err = run("import", str(folder))
        assert code == 0
        notes = [line for line in err.splitlines() if " from '" in line or "other col" in line]
        assert notes[0] == (
            "  a00.csv, a01.csv, a02.csv and 22 more: text from 'text', title from 'title',"
            " no id or url column (a row is known by its text)"
        )
        assert notes[1] == (
            "  b00.csv: text from 'body', id from 'id', no title column"
            " (titles from each text's first line)"
        )
        assert notes[-1] == "  3 more spreadsheets read from other columns"
        assert len(notes) == 11  # ten ways said, one line counting the rest


def test_a_links_id_fragment_is_not_a_records_id(tmp_path: Path, isolated_db: Path) -> None:
    """``#id=`` in a URL's fragment is part of a link, not a record's id of its own: two
    links to one page are one article, on import and on merge."""
    body = "Officials said 40 ships were turned away in 2020."
    for name, url in (("a", "https://news.example/a#id=3"), ("b", "https://news.example/a#id=4")):
        (tmp_path / f"{name}.jsonl").write_text(f'{{"url": "{url}", "text": "{body}"}}\n')
    assert "1 new" in run("import", str(tmp_path / "a.jsonl"))[2]
    err = run("import", str(tmp_path / "b.jsonl"))[2]
    assert "0 new, 1 unchanged" in err  # the same text, from the same page
    theirs = tmp_path / "bob.db"
    assert "1 new" in run("import", "--db", str(theirs), str(tmp_path / "b.jsonl"))[2]
    code, out, _ = run("merge", str(theirs))
    assert code == 0 and "nothing new" in out
    with sqlite3.connect(isolated_db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    conn.close()


def test_a_link_past_its_deadline_leaves_no_thread_or_socket_behind() -> None:
    """A server that trickles its headers for ever: fetch gives up at the deadline, and
    its thread and connection end then, not when the server stops."""
    listener = socket.create_server(("127.0.0.1", 0))
    closed = threading.Event()
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            while not stop.is_set():  # a header line a byte at a time, never ended
                try:
                    conn.sendall(b"y")
                    if select.select([conn], [], [], 0.2)[0] and not conn.recv(1):
                        break  # the client shut the connection
                except OSError:
                    break
            else:
                return
            closed.set()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    before = set(threading.enumerate())
    try:
        with pytest.raises(Skip, match="no answer within 1 s"):
            fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/x", timeout=1)
        left = [t for t in threading.enumerate() if t.name == "fetch" and t not in before]
        for thread in left:
            thread.join(30)  # a functional bound (it ran as long as the server), not a timing
        assert not any(thread.is_alive() for thread in left), "the fetch thread outlived it"
        assert closed.wait(30), "the connection was left open"
    finally:
        stop.set()
        server.join(5)
        listener.close()
