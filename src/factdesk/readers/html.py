"""Web pages: the article's main text as trafilatura (the field's reference for main-text
extraction) finds it, without navigation, menus, banners, share buttons, comments, related
links or footers; paragraphs separated by a blank line, headings on lines of their own
(never claims), list items as lines. Title, author, date, site name and canonical URL come
from the page's metadata."""

from __future__ import annotations

import codecs
import logging
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from factdesk.readers.text import Skip, check_text, decode, normalise

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
NO_TEXT = "no main text (an index page, a login wall or an empty page?)"
_SPACES = re.compile(r"[ \t\f\v]+")  # the markup's layout; other spaces are the text's
MIN_WORDS = 8  # a sentence of prose has this many words at least, most of the time
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]")  # a run of words up to its full stop


@dataclass(frozen=True)
class Page:
    """What a page holds for factdesk."""

    text: str
    headings: tuple[tuple[int, int], ...]
    title: str | None
    author: str | None
    published: str | None
    site: str | None
    url: str | None  # the canonical one
    encoding: str


def decode_page(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """A page's text: in the charset its server or its <meta> names, else as any file."""
    declared = charset or _declared(data[:4096])
    if declared:
        try:
            name = codecs.lookup(declared).name
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: read it as any other file
    return decode(data)


def _declared(head: bytes) -> str | None:
    match = _CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def read_page(data: bytes, url: str | None = None, charset: str | None = None) -> Page:
    """The main text and metadata of a page; Skip when it has no main text."""
    html, encoding = decode_page(data, charset)
    import trafilatura  # only when a page is read: it takes a tenth of a second to load

    for name in ("trafilatura", "htmldate", "courlan"):  # its warnings are not ours to show
        logging.getLogger(name).setLevel(logging.CRITICAL)
    found = trafilatura.extract(
        html, url=url, output_format="xml", with_metadata=True, include_comments=False,
        include_tables=False, include_formatting=True, include_links=False,
        include_images=False,
    )  # fmt: skip
    if not found:
        raise Skip(NO_TEXT)
    doc = ElementTree.fromstring(found)
    main = doc.find("main")
    blocks = list(_blocks(main)) if main is not None else []
    text, headings = _joined(blocks)
    if not any(_prose(block) for block, heading in blocks if not heading):
        raise Skip(NO_TEXT)  # what is left of an index page or a wall: links and buttons
    check_text(text)
    meta = {key: normalise(value).strip() or None for key, value in doc.attrib.items()}
    return Page(
        text, headings, meta.get("title"), meta.get("author"), meta.get("date"),
        meta.get("sitename"), meta.get("url") or url, encoding,
    )  # fmt: skip


def _blocks(main: ElementTree.Element) -> list[tuple[str, bool]]:
    """The main text's blocks in order: (text, is a heading)."""
    blocks: list[tuple[str, bool]] = []
    for element in main:
        if element.tag == "list":
            lines = [
                "• " + _text(item) for item in element.iter("item") if _text(item)
            ]  # nested lists' items are read as lines of their own
            if lines:
                blocks.append(("\n".join(lines), False))
        elif element.tag in ("head", "p", "quote", "code", "item"):
            text = _text(element)
            if text:
                blocks.append((text, element.tag == "head"))
    return blocks


def _prose(block: str) -> bool:
    """Whether a block reads as an article's prose: a sentence of some length (the
    extractor's fallbacks give an index page's links as one run of words)."""
    return any(len(found.group().split()) >= MIN_WORDS for found in _SENTENCE.finditer(block))


def _text(element: ElementTree.Element) -> str:
    """An element's text with its inline markup gone and its line breaks kept."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "list":
            continue  # read as lines of their own
        parts.append("\n" if child.tag == "lb" else _text(child))
        parts.append(child.tail or "")
    lines = (_SPACES.sub(" ", line).strip(" ") for line in normalise("".join(parts)).split("\n"))
    return "\n".join(line for line in lines if line)


def _joined(blocks: list[tuple[str, bool]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    text, headings = "", []
    for block, heading in blocks:
        if text:
            text += "\n\n"
        if heading:
            headings.append((len(text), len(text) + len(block)))
        text += block
    return (text + "\n" if text else ""), tuple(headings)
