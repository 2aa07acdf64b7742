"""Articles as they arrive: saved web pages, links (served on 127.0.0.1, never the
internet), spreadsheets and Markdown. Pages and files written for these tests imitate what
browsers, scrapers and note-takers produce."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from factdesk import importer
from factdesk.importer import import_paths
from factdesk.readers import ReadOptions
from factdesk.readers import text as plain
from factdesk.readers.html import NO_TEXT
from factdesk.readers.table import Columns
from factdesk.store import Store
from tests.helpers import run

BODY = [
    "The Health Ministry said on Friday that 40 new cases were confirmed in the capital,"
    " up from 12 a week earlier.",
    "Officials did not say how many of the patients had been admitted to hospital. A"
    " spokesman said the figures would be published on Monday.",
    "Opposition leader Maria Lopez accused the ministry of hiding the true number, but gave"
    " no evidence for the claim.",
]
FURNITURE = ("Home", "Sport", "cookies", "Share on", "Great article", "rights reserved",
             "Flu season", "Sign up", "Post comment")  # fmt: skip
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Health ministry confirms 40 new cases | Daily Courier</title>
<meta property="og:title" content="Health ministry confirms 40 new cases">
<meta property="og:site_name" content="Daily Courier">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://courier.example/health/40-cases">
</head><body>
<header><a href="/">Daily Courier</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<main><article>
<h1>Health ministry confirms 40 new cases</h1>
<p class="byline">By Jane Roe</p>
<p>The <a href="https://health.example">Health Ministry</a> said on <strong>Friday</strong>
that 40 new cases were confirmed in the capital, up from 12 a week earlier.</p>
<p>Officials did not say how many of the patients had been admitted to hospital. A spokesman
said the figures would be published on <em>Monday</em>.</p>
<aside class="related"><h3>Related</h3><ul><li><a href="/x">Flu season starts early</a></li>
</ul></aside>
<p>Opposition leader Maria Lopez accused the ministry of hiding the true number, but gave no
evidence for the claim.</p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article></main>
<section id="comments"><h2>Comments</h2>
<form><textarea name="c"></textarea><button>Post comment</button></form>
<div class="comment"><p>Great article, thanks for the update!</p></div></section>
<div class="newsletter">Sign up for our newsletter</div>
<footer><p>© 2024 Daily Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""
INDEX_PAGE = """<!DOCTYPE html><html><head><title>Daily Courier: sections</title></head><body>
<nav><a href="/world">World</a> <a href="/sport">Sport</a> <a href="/health">Health</a></nav>
<ul><li><a href="/a">Story one</a></li><li><a href="/b">Story two</a></li></ul>
<form><input name="user"><input type="password" name="pw"><button>Log in</button></form>
</body></html>
"""


def stored(store: Store) -> list[dict[str, object]]:
    cursor = store.conn.execute(
        "SELECT id, source, title, published, encoding FROM articles WHERE is_current = 1"
    )
    keys = [d[0] for d in cursor.description]
    return [dict(zip(keys, row, strict=True)) for row in cursor]


def claim_texts(store: Store, article_id: int) -> list[str]:
    return [c.text for c in store.claims(article_id=article_id, min_score=None)]


# -- saved web pages -------------------------------------------------------------------


def test_a_saved_page_keeps_the_body_and_none_of_the_furniture(
    store: Store, tmp_path: Path
) -> None:
    page = tmp_path / "pages" / "40-cases.html"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    report = import_paths(store, [page])
    assert report.new == 1 and report.formats == {"HTML": 1}
    (article,) = stored(store)
    text = store.article(int(article["id"])).text
    for paragraph in BODY:
        assert paragraph in text
    for furniture in FURNITURE:
        assert furniture not in text, furniture
    assert text.startswith("Health ministry confirms 40 new cases\n\nThe Health Ministry")
    assert "\n\n" in text and "<" not in text and "**" not in text
    row = store.conn.execute(
        "SELECT title, author, published, outlet, url, raw_sha256, source FROM articles"
    ).fetchone()
    assert row[:5] == (
        "Health ministry confirms 40 new cases", "Jane Roe", "2024-03-05", "Daily Courier",
        "https://courier.example/health/40-cases",
    )  # fmt: skip
    assert row[5] is not None and len(row[5]) == 64 and row[6] == str(page.resolve())
    assert store.article(int(article["id"])).byline == "Daily Courier, Jane Roe, 2024-03-05"
    # the claims are those of the same body imported as plain text
    plain = tmp_path / "plain" / "40-cases.txt"
    plain.parent.mkdir()
    plain.write_text("\n\n".join(BODY) + "\n", encoding="utf-8")
    import_paths(store, [plain])
    from_text = claim_texts(store, 2)
    assert from_text and claim_texts(store, 1) == from_text
    again = import_paths(store, [page])  # the same page: nothing changes
    assert (again.new, again.unchanged, again.versions) == (0, 1, 0)


WALL = """<!DOCTYPE html><html><head><title>Subscribe | Daily Courier</title></head><body>
<header><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav></header>
<main><h1>Inside the bank that lost 1.5 million customers in a year</h1>
<p>Try unlimited access.</p><p>Only $1 for 4 weeks.</p>
<form><label>Email address</label><input name="e"><label>Password</label>
<input type="password"><button>Sign in</button></form><p>Forgot password?</p></main>
<footer>© 2024 Daily Courier</footer></body></html>
"""


def test_a_page_without_a_date_gets_none_from_its_copyright_line(
    store: Store, tmp_path: Path
) -> None:
    page = tmp_path / "undated.html"
    undated = "".join(line for line in PAGE.splitlines(True) if "published_time" not in line)
    page.write_text(undated, encoding="utf-8")
    import_paths(store, [page])
    (article,) = stored(store)
    assert article["published"] is None  # not 2024-01-01 from "© 2024"


@pytest.mark.parametrize("page_text", [INDEX_PAGE, WALL], ids=["index", "login wall"])
def test_a_page_with_no_main_text_is_skipped_with_a_reason(
    store: Store, tmp_path: Path, page_text: str
) -> None:
    page = tmp_path / "index.htm"
    page.write_text(page_text, encoding="utf-8")
    report = import_paths(store, [page])
    assert report.new == 0 and stored(store) == []
    assert report.skipped == [(str(page), NO_TEXT)]
    assert NO_TEXT == "no main text (an index page, a login wall or an empty page?)"


# -- links -----------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        if self.path == "/story":
            self._send(200, "text/html; charset=utf-8", PAGE.encode())
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/html", PAGE.encode())
        elif self.path == "/notes.txt":
            self._send(200, "text/plain; charset=utf-8", ("\n\n".join(BODY) + "\n").encode())
        elif self.path == "/data.json":
            self._send(200, "application/json", b'{"text": "not a page"}')
        else:
            self._send(404, "text/html", b"<h1>Not found</h1>")

    def _send(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_links_are_fetched_and_each_failure_is_one_line(store: Store, server: str) -> None:
    links = [f"{server}/moved", f"{server}/missing", f"{server}/slow", f"{server}/data.json"]
    report = import_paths(store, links, options=ReadOptions(timeout=0.5))
    (article,) = stored(store)
    assert article["source"] == f"{server}/story"  # the final URL, after the redirect
    assert BODY[0] in store.article(int(article["id"])).text
    reasons = dict(report.skipped)
    assert reasons[f"{server}/missing"] == "HTTP error 404 (Not Found)"
    assert reasons[f"{server}/slow"] == "no answer within 0.5 s"
    assert reasons[f"{server}/data.json"] == "not a web page or text (application/json)"
    assert report.formats == {"link": 1}


def test_import_a_link_from_the_command_line(server: str) -> None:
    code, _, err = run("import", f"{server}/story", "http://127.0.0.1:9/nothing-listens")
    assert code == 0
    assert "Imported 2 links: 1 new" in err and "  read: 1 link" in err
    assert "skipped http://127.0.0.1:9/nothing-listens: cannot reach it (" in err
    code, _, err = run("import", f"{server}/notes.txt")  # plain text, as served
    assert code == 0 and "Imported 1 link: 1 new" in err
    code, _, err = run("import", "www.courier.example/health/40-cases")
    assert code == 1
    assert "no such file or folder: www.courier.example/health/40-cases (a link? give it as" in err
    code, _, err = run("import", "ftp://courier.example/a.html")
    assert code == 1 and "ftp://courier.example/a.html (links start with http" in err


# -- spreadsheets ----------------------------------------------------------------------


def test_csv_rows_with_multiline_fields_a_bom_and_a_bad_row(store: Store, tmp_path: Path) -> None:
    sheet = tmp_path / "scraped.csv"
    rows = [
        "id,headline,body,link,published",
        f'a1,Cases rise,"{BODY[0]}\n\n{BODY[1]}",https://courier.example/a1,2024-03-05',
        'a2,Too many,"x",https://x.example,2024,extra',
        f'a3,Lopez speaks,"{BODY[2]}",,2024-03-06',
        'a4,Empty,"  ",,',
    ]
    sheet.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode("utf-8") + b"\r\n")
    report = import_paths(store, [sheet])
    articles = {a["source"]: a for a in stored(store)}
    assert set(articles) == {"https://courier.example/a1", f"{sheet.resolve()}#id=a3"}
    first = articles["https://courier.example/a1"]
    assert first["title"] == "Cases rise" and first["published"] == "2024-03-05"
    assert store.article(int(first["id"])).text == f"{BODY[0]}\n\n{BODY[1]}"
    assert dict(report.skipped) == {
        f"{sheet}:5": "has 6 fields where the header has 5",
        f"{sheet}:7": "no text in column 'body'",
    }  # lines of the file: the first record spans lines 2 to 4
    assert report.formats == {"CSV": 2}


def test_tsv_with_each_column_option_windows_1252_and_a_huge_field(
    store: Store, tmp_path: Path
) -> None:
    sheet = tmp_path / "export.tsv"
    huge = " ".join([BODY[0]] * 2000)  # past the csv module's default field limit
    lines = ["ref\tname\tstory_text\taddress\twhen", f"7\tCafé news\t{BODY[1]}\t\t5 March",
             f"8\tLong\t{huge}\thttps://long.example\t6 March"]  # fmt: skip
    sheet.write_bytes("\n".join(lines).encode("cp1252"))
    columns = Columns(text="story_text", title="name", url="address", id="ref", date="when")
    report = import_paths(store, [sheet], options=ReadOptions(columns))
    assert report.skipped == [] and report.formats == {"TSV": 2}
    articles = {a["source"]: a for a in stored(store)}
    cafe = articles[f"{sheet.resolve()}#id=7"]
    assert (cafe["title"], cafe["published"]) == ("Café news", "5 March")
    assert cafe["encoding"] == "cp1252"
    assert len(store.article(int(articles["https://long.example"]["id"])).text) == len(huge)


def test_a_semicolon_csv_and_its_author_column(store: Store, tmp_path: Path) -> None:
    sheet = tmp_path / "excel.csv"
    sheet.write_text(f"Titel;text;Author\nA;{BODY[0]};Jane Roe\n;{BODY[2]};\n", encoding="utf-8")
    report = import_paths(store, [sheet], options=ReadOptions(Columns(title="Titel")))
    assert report.skipped == [] and report.new == 2
    first, second = stored(store)
    assert store.article(int(first["id"])).byline == "Jane Roe"
    assert second["title"] == BODY[2]  # its first line


def test_a_spreadsheet_without_a_text_column_says_which_columns_it_has(tmp_path: Path) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_text("name,words\nx,y\n", encoding="utf-8")
    code, _, err = run("import", str(sheet))
    assert code == 0 and "no text column" in err and "the columns: name, words" in err
    code, _, err = run("import", str(sheet), "--text-column", "missing")
    assert "no column 'missing' (the columns: name, words)" in err


# -- Markdown --------------------------------------------------------------------------

NOTES = f"""---
title: "Notes on the outbreak"
author: J. Reporter
date: 2024-05-01
tags: [health, figures]
---

<!-- a note to myself -->
# Health ministry confirms 40 new cases

The [Health Ministry](https://health.example) said on **Friday** that 40 new cases were
confirmed in the capital, up from 12 a week earlier.

## Why the minister says 40 cases were hidden in 2023

- {BODY[1]}
- Second point, with `code`

```
cases = 40  # the minister said 12% more were tested, which officials denied.
```

| Year | Cases | Tested |
| ---- | ----- | ------ |
| 2023 | 12    | 1.5m   |

1. The minister said 40 new stations would open by 2030.
2. Officials denied that the figures had been changed before publication.

{BODY[2]}
"""


def test_markdown_is_stored_as_a_reader_sees_it_and_headings_are_never_claims(
    store: Store, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    report = import_paths(store, [notes])
    assert report.formats == {"Markdown": 1}
    (article,) = stored(store)
    text = store.article(int(article["id"])).text
    assert article["title"] == "Notes on the outbreak"  # from the front matter
    assert store.article(int(article["id"])).byline == "J. Reporter, 2024-05-01"
    assert text.startswith("Health ministry confirms 40 new cases\n\nThe Health Ministry said")
    assert "Year | Cases | Tested\n2023 | 12 | 1.5m" in text and "tags" not in text
    assert "• The minister said 40 new stations would open by 2030." in text
    assert BODY[0] in text  # the soft line break is a space, as a reader sees it
    assert f"• {BODY[1]}\n• Second point, with code" in text and "cases = 40" in text
    for syntax in ("# Health", "**", "](", "`", "```", "<!--", "---"):
        assert syntax not in text, syntax
    claims = claim_texts(store, int(article["id"]))
    assert BODY[0] in claims and BODY[2] in claims
    assert "The minister said 40 new stations would open by 2030." in claims
    for not_prose in ("hidden in 2023", "Year", "cases = 40"):  # a heading, a table, code
        assert not [c for c in claims if not_prose in c], not_prose
    code, out, err = run("reextract", "--all")
    assert code == 0, err
    assert not [c for c in claim_texts(store, int(article["id"])) if "hidden in 2023" in c]


def test_import_help_lists_every_format_with_an_example() -> None:
    code, out, _ = run("import", "--help")
    assert code == 0
    for shown in (".txt", ".md", ".html", "http(s)://", ".jsonl", ".csv", "--text-column"):
        assert shown in out, shown
    assert "factdesk import scraped.csv --text-column body" in out


# -- files of many articles, read a record at a time -------------------------------------


def test_a_jsonl_file_larger_than_one_article_may_be_imports_record_by_record(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plain, "MAX_BYTES", 64 * 1024)  # one article at most 64 KiB
    monkeypatch.setattr(importer._Seen, "KEPT", 100)  # older sources are found in the database
    records = [json.dumps({"id": n, "text": f"{BODY[0]} Record {n}."}) for n in range(600)]
    records.insert(300, json.dumps({"id": "huge", "text": BODY[1] * 700}))  # a line > 64 KiB
    records.append(json.dumps({"id": 5, "text": BODY[2]}))  # line 602: the source of line 6
    records.append(json.dumps({"id": 599, "text": BODY[2]}))  # line 603: of line 601
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    assert path.stat().st_size > 2 * 64 * 1024
    report = import_paths(store, [path])
    assert report.new == 600 and report.formats == {"JSON Lines": 602}
    assert report.skipped == [
        (f"{path}:301", "too large (over 64 KiB)"),
        (f"{path}:602", f"same source as an earlier record of this import ({path.resolve()}#id=5);"
                        " not imported"),
        (f"{path}:603", f"same source as {path}:601 ({path.resolve()}#id=599); not imported"),
    ]  # fmt: skip


def test_a_csv_file_larger_than_one_article_may_be_imports_row_by_row(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plain, "MAX_BYTES", 64 * 1024)
    sheet = tmp_path / "many.csv"
    rows = [f'{n},"{BODY[0]}\n\nRow {n}."' for n in range(800)]
    sheet.write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert sheet.stat().st_size > 64 * 1024
    report = import_paths(store, [sheet])
    assert report.new == 800 and report.skipped == []


# -- what a review of the readers found ----------------------------------------------------

BRIEF = "".join(f"{p}<br><br>" for p in BODY)


@pytest.mark.parametrize(
    "page_text",
    [
        '<?xml version="1.0" encoding="utf-8"?>\n' + PAGE,  # XHTML
        f"<html><head><title>Brief</title></head><body><div class='story'>{BRIEF}</div></body>"
        "</html>",  # paragraphs as <br>-separated text in a <div>
    ],
    ids=["xml declaration", "br-separated div"],
)
def test_pages_written_in_other_ways_keep_their_text(
    store: Store, tmp_path: Path, page_text: str
) -> None:
    page = tmp_path / "page.html"
    page.write_text(page_text, encoding="utf-8")
    report = import_paths(store, [page])
    assert report.skipped == [] and report.new == 1
    (article,) = stored(store)
    assert BODY[2] in store.article(int(article["id"])).text


def test_a_broken_reply_is_one_line_and_the_rest_is_kept(store: Store, tmp_path: Path) -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def answer() -> None:
        conn, _ = listener.accept()
        conn.recv(1024)
        conn.sendall(b"GARBAGE\r\n\r\n")
        conn.close()

    threading.Thread(target=answer, daemon=True).start()
    good = tmp_path / "good.txt"
    good.write_text("\n\n".join(BODY) + "\n", encoding="utf-8")
    link = f"http://127.0.0.1:{listener.getsockname()[1]}/x"
    report = import_paths(store, [good, link])
    listener.close()
    assert report.new == 1 and dict(report.skipped) == {link: "a broken reply (BadStatusLine)"}


def test_bad_records_and_rows_are_skipped_alone(store: Store, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a\ud800", "text": BODY[0]})
        + "\n"
        + json.dumps({"text": BODY[1]})
        + "\n",
        encoding="utf-8",
        errors="surrogatepass",
    )
    sheet = tmp_path / "late.csv"
    lines = [b"id,text"] + [f'{n},"{BODY[0]} Row {n}."'.encode() for n in range(10000)]
    lines[9001] = f'9000,"{BODY[0]} café row."'.encode("cp1252")  # line 9002, Windows-1252
    sheet.write_bytes(b"\n".join(lines) + b"\n")
    assert sheet.stat().st_size > 1 << 20  # past what is read to tell the encoding
    tabbed = tmp_path / "quotes.tsv"
    tabbed.write_text(
        f'id\ttext\n1\t"We will win," the mayor said.\n2\t{BODY[2]}\n', encoding="utf-8"
    )
    binary = tmp_path / "archive.jsonl"
    binary.write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 40)
    report = import_paths(store, [feed, sheet, tabbed, binary])
    reasons = dict(report.skipped)
    assert reasons[f"{feed}:1"].startswith("its id contains unpaired surrogate")
    assert reasons[f"{sheet}:9002"] == "holds bytes that are not utf-8 text"
    assert reasons[f"{tabbed}:2"].startswith("not a well-formed TSV row")
    assert reasons[str(binary)] == "binary file (contains NUL bytes)"
    assert len(report.skipped) == 4
    assert report.new == 1 + 9999 + 1  # the good record, the good rows, the good TSV row


def test_a_link_cut_at_its_deadline_is_told_as_late_not_as_broken(
    store: Store, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the deadline the fetch's socket is shut, and the fetch may report that cut ("a
    broken reply") before the import looks: it is still a link with no answer in time."""
    from factdesk.readers import links

    shut = links._Sockets.shut

    def shut_then_wait(sockets: links._Sockets) -> None:
        shut(sockets)
        time.sleep(0.3)  # the fetch reports the cut connection first

    monkeypatch.setattr(links._Sockets, "shut", shut_then_wait)
    report = import_paths(store, [f"{server}/slow"], options=ReadOptions(timeout=0.3))
    assert dict(report.skipped) == {f"{server}/slow": "no answer within 0.3 s"}
