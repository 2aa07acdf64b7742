"""Links: a page fetched over HTTP(S) with a timeout and a User-Agent that says what is
asking, redirects followed, read as a saved page would be; the source is the final URL.
Offline, a timeout, an HTTP error or a response that is not a web page is one reason."""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import Message
from typing import Any

from factdesk import __version__
from factdesk.readers.text import MAX_BYTES, Skip

TIMEOUT = 15.0  # seconds for each link's whole fetch: connecting, headers and body
USER_AGENT = f"factdesk/{__version__} (fact-check desk; reads one page per link given)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown")  # read as a .txt or .md file would be


def is_link(text: str) -> bool:
    """Whether a command-line argument is a link rather than a path."""
    return text.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float = TIMEOUT) -> tuple[str, bytes, str | None, str]:
    """The final URL, the body, its charset (if the server named one) and its type, of a
    web page (or plain text, or Markdown), all within ``timeout`` seconds: a page that
    trickles in for ever is skipped then, however often it sends a byte."""
    deadline = time.monotonic() + timeout
    outcome: list[tuple[str, bytes, str | None, str] | Skip] = []
    # In a thread, so that no step (a name look-up, headers sent a byte at a time) can
    # hold the import past the deadline; at the deadline its sockets are shut, so that a
    # thread left behind ends at once (one in a name look-up, when that returns).
    sockets = _Sockets()
    thread = threading.Thread(
        target=_fetch, args=(url, timeout, deadline, outcome, sockets), daemon=True, name="fetch"
    )
    thread.start()
    thread.join(timeout)
    late = thread.is_alive()  # (asked before the shut, which the fetch may then report)
    sockets.shut()
    if late or not outcome:
        raise Skip(f"no answer within {timeout:g} s")
    if isinstance(outcome[0], Skip):
        raise outcome[0]
    return outcome[0]


def _fetch(
    url: str,
    timeout: float,
    deadline: float,
    outcome: list[tuple[str, bytes, str | None, str] | Skip],
    sockets: _Sockets,
) -> None:
    try:
        outcome.append(_fetched(url, timeout, deadline, sockets))
    except Skip as exc:
        outcome.append(exc)


def _fetched(
    url: str, timeout: float, deadline: float, sockets: _Sockets
) -> tuple[str, bytes, str | None, str]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    opener = urllib.request.build_opener(_Http(sockets), _Https(sockets))
    try:
        with opener.open(request, timeout=timeout) as response:
            headers: Message = response.headers
            kind = headers.get_content_type()
            if kind not in HTML_TYPES + TEXT_TYPES:
                raise Skip(f"not a web page or text ({kind})")
            body = _body(response, deadline)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise Skip(f"HTTP error {exc.code} ({exc.reason})") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise Skip(f"no answer within {timeout:g} s") from None
        raise Skip(f"cannot reach it ({_said(reason)})") from None
    except TimeoutError:
        raise Skip(f"no answer within {timeout:g} s") from None
    except http.client.HTTPException as exc:  # a reply that is not HTTP, a cut-off body
        raise Skip(f"a broken reply ({type(exc).__name__})") from None
    except (OSError, ValueError) as exc:  # a reset connection, a malformed URL
        raise Skip(f"cannot fetch it ({_said(exc)})") from None
    if len(body) > MAX_BYTES:
        raise Skip(f"too large (over {MAX_BYTES // 2**20} MiB)")
    return final, body, headers.get_content_charset(), kind


class _Sockets:
    """The sockets one fetch opens (a copy of each), so that the waiting side can shut
    them when the fetch is over or past its deadline; after that, none opens."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._copies: list[socket.socket] = []
        self._shut = False

    def connect(self, *args: Any, **kwargs: Any) -> socket.socket:
        """A connection, as socket.create_connection makes it, kept a copy of."""
        sock = socket.create_connection(*args, **kwargs)
        with self._lock:
            if self._shut:  # connected past the deadline: nobody waits for it
                sock.close()
                raise TimeoutError
            # A copy of the descriptor: TLS takes over the original, and the copy is
            # ours to close, so it can never name some other file by then.
            self._copies.append(sock.dup())
        return sock

    def shut(self) -> None:
        """Shut every socket opened (a read blocked on one returns at once)."""
        with self._lock:
            self._shut = True
            copies, self._copies = self._copies, []
        for sock in copies:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed by the other side
            sock.close()


def _watched(kind: type[http.client.HTTPConnection], sockets: _Sockets) -> Callable[..., Any]:
    def connection(host: str, **kwargs: Any) -> http.client.HTTPConnection:
        made = kind(host, **kwargs)
        made._create_connection = sockets.connect  # type: ignore[attr-defined]
        return made

    return connection


class _Http(urllib.request.HTTPHandler):
    def __init__(self, sockets: _Sockets) -> None:
        super().__init__()
        self.sockets = sockets

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPConnection, self.sockets), req)


class _Https(urllib.request.HTTPSHandler):
    def __init__(self, sockets: _Sockets) -> None:
        super().__init__()
        self.sockets = sockets

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = _watched(http.client.HTTPSConnection, self.sockets)
        return self.do_open(connection, req, context=self._context)  # type: ignore[attr-defined]


def _body(response: http.client.HTTPResponse, deadline: float) -> bytes:
    """The body as it arrives, up to one byte past the limit, given up at the deadline."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_BYTES:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(min(1 << 16, MAX_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _said(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
