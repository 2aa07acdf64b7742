"""Markdown, as a reader sees it (parsed by markdown-it-py, which Textual already brings):
headings on lines of their own, emphasis marks and link syntax gone with the link text
kept, list items on lines of their own, tables as rows of cells, code kept as text; blocks
separated by a blank line. Headings, tables and code are never claims. A front matter
block (``---`` … ``---``) gives the title, author and date, and is not text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark").enable("table")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Document:
    """What a Markdown file holds for factdesk."""

    text: str
    not_claims: tuple[tuple[int, int], ...]  # headings, tables, code
    title: str | None
    author: str | None
    date: str | None


def markdown_text(source: str) -> Document:
    """The document's text as a reader sees it, and what of it is never a claim."""
    meta, source = _front_matter(source)
    blocks: list[tuple[str, str]] = []  # (text, kind: prose, heading, table, code)
    items: list[str] = []  # the lines of the list being read
    depth = 0  # how many lists are open
    row: list[str] = []
    rows: list[str] = []
    tokens = _PARSER.parse(source)
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if not depth and items:
                blocks.append(("\n".join(items), "prose"))
                items = []
        elif kind == "tr_close":
            rows.append(" | ".join(row))
            row = []
        elif kind == "table_close":
            blocks.append(("\n".join(rows), "table"))
            rows = []
        elif kind == "inline":
            text = _inline(token).strip()
            opener = tokens[index - 1].type if index else ""
            if opener in ("th_open", "td_open"):
                row.append(text)
            elif not text:
                continue
            elif depth:
                items.append("  " * (depth - 1) + "• " + text)
            else:
                blocks.append((text, "heading" if opener == "heading_open" else "prose"))
        elif kind in ("fence", "code_block") and token.content.strip():
            blocks.append((token.content.rstrip("\n"), "code"))
    text, not_claims, title = _joined(blocks)
    return Document(text, not_claims, meta.get("title") or title, meta.get("author"),
                    meta.get("date"))  # fmt: skip


def _front_matter(source: str) -> tuple[dict[str, str], str]:
    """The fields of a leading ``---`` block (``key: value`` lines), and the rest."""
    match = _FRONT_MATTER.match(source)
    if match is None:
        return {}, source
    fields = {
        key.lower(): value.strip("\"'")
        for key, value in _FIELD.findall(match.group(1))
        if value.strip("\"'")
    }
    return fields, source[match.end() :]


def _inline(token: Token) -> str:
    """An inline run's text: link and emphasis syntax gone, code and image text kept."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def _joined(
    blocks: list[tuple[str, str]],
) -> tuple[str, tuple[tuple[int, int], ...], str | None]:
    text, not_claims, title = "", [], None
    for block, kind in blocks:
        if text:
            text += "\n\n"
        if kind != "prose":
            not_claims.append((len(text), len(text) + len(block)))
        if kind == "heading":
            title = title or block
        text += block
    return (text + "\n" if text else ""), tuple(not_claims), title
