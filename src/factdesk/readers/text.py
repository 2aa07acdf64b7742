"""Plain text: decoding a file's bytes (UTF-8, UTF-16/32 with a BOM, Windows-1252),
line endings made ``\n``, text SQLite cannot hold refused, and a headline for a title.
Every reader starts here."""

from __future__ import annotations

import codecs
import hashlib
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 16 * 1024 * 1024  # one article is far smaller; this keeps memory bounded
# A well-formed multi-byte UTF-8 sequence (a sign that a file meant to be UTF-8).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


class Skip(Exception):
    """A file, line, row or link that cannot be imported; the message says why in one line."""


def limit_said(limit: int) -> str:
    """A size limit for people: 16 MiB, 64 KiB."""
    return f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit // 2**10} KiB"


def read_bytes(path: Path) -> bytes:
    """A regular file's bytes, refused past the limit of one article (MAX_BYTES)."""
    limit = MAX_BYTES
    size = regular_size(path)
    if size > limit:
        raise Skip(f"too large ({size / 1e6:.0f} MB; the limit is {limit_said(limit)})")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise Skip(f"cannot read: {exc.strerror}") from None
    if len(data) > limit:
        raise Skip(f"too large (over {limit_said(limit)})")
    return data


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a file read line by line: its number, its text and how it was decoded,
    or why it cannot be read (longer than one article may be, not text)."""

    number: int
    text: str
    encoding: str
    problem: str = ""


def regular_size(path: Path) -> int:
    """The size of a regular file; Skip for anything else."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise Skip("broken link" if path.is_symlink() else "no such file") from None
    except OSError as exc:
        raise Skip(f"cannot read: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise Skip("not a regular file")
    return info.st_size


def lines(path: Path) -> Iterator[Line]:
    """A file's lines one at a time, however large the file (each line at most the limit
    of one article, MAX_BYTES): UTF-8, with or without a BOM, and a line that is not
    UTF-8 but is valid Windows-1252 read as such. A file with a UTF-16 or UTF-32 BOM is
    read whole (up to that limit)."""
    limit = MAX_BYTES
    size = regular_size(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise Skip(f"cannot read: {exc.strerror}") from None
    with handle:
        head = handle.read(8192)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            if size > limit:
                raise Skip(f"too large for a UTF-16 file ({size / 1e6:.0f} MB)")
            handle.seek(0)
            text, encoding = decode(handle.read())
            for number, line in enumerate(normalise(text).split("\n"), start=1):
                yield Line(number, line, encoding)
            return
        if b"\x00" in head:
            raise Skip("binary file (contains NUL bytes)")
        handle.seek(0)
        number = 0
        while raw := handle.readline(limit + 1):
            number += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # past the end of an overlong line
                yield Line(number, "", "", f"too large (over {limit_said(limit)})")
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            try:
                text, encoding = decode(raw)
            except Skip as exc:
                yield Line(number, "", "", str(exc))
                continue
            for part in normalise(text).rstrip("\n").split("\n"):  # a lone \r ends one too
                yield Line(number, part, encoding)


def record_source(resolved: Path, url: str | None, key: object, text: str) -> str:
    """The source of one record of a file of many (JSON Lines, a spreadsheet): its URL,
    else its id within the file, else its text's hash; never its line number, which
    shifts when a record is added above it."""
    if url:
        return url
    if isinstance(key, str | int) and not isinstance(key, bool) and key != "":
        return f"{resolved}#id={key}"
    return f"{resolved}#sha256={hashlib.sha256(text.encode()).hexdigest()[:16]}"


def normalise(text: str) -> str:
    """Line endings become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> tuple[str, str]:
    """Decode file bytes, returning the text and the encoding used.

    UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as such. Bytes that
    are not UTF-8 but are valid Windows-1252 (the usual "UTF-8" file saved by an old
    editor) are decoded as Windows-1252 and the encoding is recorded; a file mixing
    both is refused, since either reading would garble part of it."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: same start
        return _strict(data, "utf-32"), "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    if b"\x00" in data:
        raise Skip("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise Skip(f"invalid UTF-8 at byte {exc.start}, mixed with valid UTF-8") from None
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise Skip(f"not UTF-8 or Windows-1252 text (byte {exc.start})") from None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Skip(f"invalid {encoding.upper()} at byte {exc.start}") from None


def check_text(text: str) -> None:
    """Refuse text that SQLite cannot hold faithfully: its text functions stop at a NUL
    (so quotes could not be checked), and lone surrogates cannot be stored as UTF-8."""
    if "\x00" in text:
        raise Skip("contains NUL characters (binary data?)")
    if _SURROGATE.search(text):
        raise Skip("contains unpaired surrogate characters")


TITLE_CHARS = 100  # the longest title made from an article's text


def headline(text: str) -> str:
    """A title for a record with none (a spreadsheet row, a JSON Lines record): its first
    line, or that line's first sentence when the line is long, cut on a word past
    TITLE_CHARS ("…"); '' for text without a line."""
    line = next((part.strip() for part in text.split("\n", 50) if part.strip()), "")
    if len(line) <= TITLE_CHARS:
        return line
    from factdesk.extract import split_sentences

    head = line[: TITLE_CHARS * 2]  # (a first sentence longer than 3/2 of it is cut)
    first = next(iter(split_sentences(head)), (0, len(head)))
    line = head[first[0] : first[1]].strip() or line
    if len(line) <= TITLE_CHARS * 3 // 2:  # a sentence a little long is still kept whole
        return line
    cut = line[: TITLE_CHARS + 1].rsplit(None, 1)[0] if " " in line[:TITLE_CHARS] else line
    return cut[:TITLE_CHARS].rstrip(" ,;:-–—") + "…"


def title_for(text: str, fallback: str) -> str:
    """The first line when it reads as a headline, else the fallback."""
    for line in text.split("\n", 20)[:20]:
        line = line.strip()
        if not line:
            continue
        if len(line) <= 150 and not line.endswith((".", ",", ";", ":")):
            return line
        break
    return fallback
