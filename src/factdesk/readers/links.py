"""Links: a page fetched over HTTP(S) with a timeout and a User-Agent that says what is
asking, redirects followed, read as a saved page would be; the source is the final URL.
Offline, a timeout, an HTTP error or a response that is not a web page is one reason."""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from email.message import Message

from factdesk import __version__
from factdesk.readers.text import MAX_BYTES, Skip

TIMEOUT = 15.0  # seconds for each link to answer (and between its chunks)
USER_AGENT = f"factdesk/{__version__} (fact-check desk; reads one page per link given)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown")  # read as a .txt or .md file would be


def is_link(text: str) -> bool:
    """Whether a command-line argument is a link rather than a path."""
    return text.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float = TIMEOUT) -> tuple[str, bytes, str | None, str]:
    """The final URL, the body, its charset (if the server named one) and its type, of a
    web page (or plain text, or Markdown)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers: Message = response.headers
            kind = headers.get_content_type()
            if kind not in HTML_TYPES + TEXT_TYPES:
                raise Skip(f"not a web page or text ({kind})")
            body = response.read(MAX_BYTES + 1)
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


def _said(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
