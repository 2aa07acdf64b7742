"""Markdown, as a reader sees it (parsed by markdown-it-py, which Textual already brings):
headings on lines of their own (never claims), emphasis marks and link syntax gone with
the link text kept, list items on lines of their own, code kept as text; blocks separated
by a blank line."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark")


def markdown_text(source: str) -> tuple[str, tuple[tuple[int, int], ...], str | None]:
    """The document's text, its headings (offsets into that text) and its first heading."""
    blocks: list[tuple[str, bool]] = []  # (text, is a heading)
    lists: list[list[int]] = []  # open lists: [next number] (0 for a bulleted one)
    items: list[str] = []  # the lines of the list being read
    tokens = _PARSER.parse(source)
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrs.get("start", 1) if kind == "ordered_list_open" else 0
            lists.append([int(start or 1) if kind == "ordered_list_open" else 0])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists and items:
                blocks.append(("\n".join(items), False))
                items = []
        elif kind == "inline":
            text = _inline(token).strip()
            opener = tokens[index - 1].type if index else ""
            if not text:
                continue
            if lists:
                marker = "• " if lists[-1][0] == 0 else f"{lists[-1][0]}. "
                if lists[-1][0]:
                    lists[-1][0] += 1
                items.append("  " * (len(lists) - 1) + marker + text)
            else:
                blocks.append((text, opener == "heading_open"))
        elif kind in ("fence", "code_block"):
            code = token.content.rstrip("\n")
            if code.strip() and lists:
                items.append(code)
            elif code.strip():
                blocks.append((code, False))
    return _joined(blocks)


def _inline(token: Token) -> str:
    """An inline run's text: link and emphasis syntax gone, code and image text kept."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def _joined(blocks: list[tuple[str, bool]]) -> tuple[str, tuple[tuple[int, int], ...], str | None]:
    text, headings, title = "", [], None
    for block, heading in blocks:
        if text:
            text += "\n\n"
        if heading:
            headings.append((len(text), len(text) + len(block)))
            title = title or block
        text += block
    return (text + "\n" if text else ""), tuple(headings), title
