"""Issue 22's import friction: a slow link, missing paths, spreadsheets' own ids and
titles, and what the summary says of articles without claims."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .conftest import run

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
