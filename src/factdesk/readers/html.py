"""Web pages: the article's main text as trafilatura (the field's reference for main-text
extraction) finds it, without navigation, menus, banners, share buttons, comments, related
links or footers; paragraphs separated by a blank line, headings on lines of their own,
list items as lines (headings and code are never claims). Title, author, date, site name
and canonical URL come from the page's metadata; the date only from the page's metadata
and markup (not guessed from a copyright line)."""

from __future__ import annotations

import codecs
import logging
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass

from factdesk.readers.text import Skip, check_text, decode, normalise

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
NO_TEXT = "no main text (an index page, a login wall or an empty page?)"
_SPACES = re.compile(r"[ \t\f\v]+")  # the markup's layout; other spaces are the text's
MIN_WORDS = 6  # a sentence of prose has this many words at least, most of the time
MIN_PROSE = 20  # and an article's main text this many words in such sentences
# A run of words up to its full stop (a point between digits, as in 1.5, is not one).
_SENTENCE = re.compile(r"(?:[^.!?…]|(?<=\d)\.(?=\d))+[.!?…](?=[\s\"'”’)\]]|$)")


@dataclass(frozen=True)
class Page:
    """What a page holds for factdesk."""

    text: str
    not_claims: tuple[tuple[int, int], ...]  # headings and code
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
        include_tables=False, include_formatting=True, include_links=True,
        include_images=False, date_extraction_params={"extensive_search": False},
    )  # fmt: skip
    if not found:
        raise Skip(NO_TEXT)
    doc = ElementTree.fromstring(found)
    main = doc.find("main")
    blocks = list(_blocks(main)) if main is not None else []
    if main is None or sum(_prose_words(main)) < MIN_PROSE or _page_prose(html) < MIN_PROSE:
        raise Skip(NO_TEXT)  # what is left of an index page or a wall: links and buttons
    text, not_claims = _joined(blocks)
    check_text(text)
    meta = {key: normalise(value).strip() or None for key, value in doc.attrib.items()}
    return Page(
        text, not_claims, meta.get("title"), meta.get("author"), meta.get("date"),
        meta.get("sitename"), meta.get("url") or url, encoding,
    )  # fmt: skip


def _blocks(main: ElementTree.Element) -> list[tuple[str, bool]]:
    """The main text's blocks in order: (text, is not prose: a heading or code)."""
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
                blocks.append((text, element.tag in ("head", "code")))
    return blocks


def _prose_words(main: ElementTree.Element) -> Iterator[int]:
    """The words of the main text's sentences of prose: in paragraphs that are not mostly
    links, each a sentence of some length with its full stop (the extractor's fallbacks
    give an index page's links, a wall's buttons and forms)."""
    for paragraph in main.iter():
        if paragraph.tag not in ("p", "quote"):
            continue
        text = _text(paragraph)
        linked = sum(len(_text(ref)) for ref in paragraph.iter("ref"))
        if not text or linked * 2 > len(text):
            continue
        for found in _SENTENCE.finditer(text):
            words = len(found.group().split())
            if words >= MIN_WORDS:
                yield words


# The elements whose own text makes a page's prose, and the inline ones inside it.
_BLOCKS = ("p", "div", "td", "li", "blockquote", "article", "section", "main", "dd", "body",
           "center")  # fmt: skip
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_INLINE = {"a", "em", "strong", "b", "i", "span", "abbr", "cite", "q", "small", "sup", "sub",
           "time", "mark", "u", "s", "code", "br", "font"}  # fmt: skip
_NOT_PROSE = ("nav", "header", "footer", "form", "aside", "button", "label", "script", "style")


def _page_prose(html: str) -> int:
    """The words of the page's own sentences of prose: each within one block of the page
    (a paragraph, not text the extraction's fallback ran together from menus, headlines
    and buttons), outside navigation, forms and footers, in blocks not mostly links."""
    from lxml import html as lxml_html

    try:  # (lxml refuses a str that declares its encoding: the declaration goes)
        root = lxml_html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return 0
    words = 0
    for block in root.iter(*_BLOCKS):
        if any(parent.tag in _NOT_PROSE for parent in block.iterancestors()):
            continue
        own, linked = [block.text or ""], 0
        for child in block:
            if not isinstance(child.tag, str) or child.tag not in _INLINE or child.tag == "br":
                own.append(" ")  # a line break, or a block inside a block (its text is its own)
            else:
                inner = child.text_content()
                linked += len(inner) if child.tag == "a" else 0
                own.append(inner)
            own.append(child.tail or "")
        text = " ".join("".join(own).split())
        if text and linked * 2 <= len(text):
            words += sum(
                n
                for found in _SENTENCE.finditer(text)
                if (n := len(found.group().split())) >= MIN_WORDS
            )
    return words


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
    text, not_claims = "", []
    for block, not_prose in blocks:
        if text:
            text += "\n\n"
        if not_prose:
            not_claims.append((len(text), len(text) + len(block)))
        text += block
    return (text + "\n" if text else ""), tuple(not_claims)
