"""The claim card: the claim, who said it, its score, the verdict, the other articles that
report it and its conflicts with them, evidence, suggested evidence and note."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from factdesk.evidence.views import Suggestion
from factdesk.inert import inert, one_line
from factdesk.models import Article, Claim, Review, Span
from factdesk.ui.widgets.story import (
    VERDICT_STYLES,
    Story,
    also_line,
    conflict_count,
    conflict_lines,
)
from factdesk.ui.widgets.suggested_lines import heading, suggestion_line


@dataclass(frozen=True)
class Panel:
    """What the adjudication desk's card adds: each reviewer's work on the claim, and who
    gave the final verdict (if anyone has)."""

    work: Sequence[tuple[str, Review]]
    adjudicator: str | None = None


class ClaimCard(ScrollView, can_focus=False):
    """Everything known about the current claim, for this reviewer. Drawn line by line
    (no child widgets), so moving between claims never re-arranges the screen."""

    @dataclass
    class EvidenceClicked(Message):
        """The reviewer clicked an evidence quote."""

        span: Span

    @dataclass
    class SuggestionClicked(Message):
        """The reviewer clicked a suggestion (its number, from 1)."""

        number: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: list[tuple[Text | ReviewersTable, Span | int | None]] = []
        # Which evidence (a span) or suggestion (its number) each text line shows.
        self._spans_at: list[Span | int | None] = []
        self._lines: list[Strip] = []
        self._width = 0

    def show(
        self,
        claim: Claim,
        article: Article,
        review: Review,
        story: Story | None = None,
        suggested: Sequence[Suggestion] = (),
        panel: Panel | None = None,
    ) -> None:
        """Fill the card for one claim (with its story across outlets, read by the
        screen when it opened the claim). With a ``panel`` (the adjudication desk), the
        verdict is the final one, and each reviewer's work is shown side by side."""
        who = " — ".join(x for x in (claim.speaker, claim.verb) if x) or "no attribution"
        verdict = (
            Text(review.verdict.value.upper(), VERDICT_STYLES[review.verdict])
            if review.verdict
            else Text("not judged" if panel is None else "not given yet", "dim")
        )
        if panel is not None and review.verdict and panel.adjudicator:
            verdict.append(f" by {one_line(panel.adjudicator)}")
        parts: list[tuple[Text | ReviewersTable, Span | int | None]] = [
            (
                Text.assemble(
                    (inert(who), "bold"),
                    f"   score {claim.score:.2f}{' (added by hand)' if claim.added else ''}"
                    f"   claim {claim.id}, {claim.start}–{claim.end} in ",
                    (one_line(article.title), "italic"),
                    f" (v{article.version})",
                    (f" — {one_line(article.byline)}" if article.byline else "", "dim"),
                ),
                None,
            ),
            (
                Text.assemble(
                    "Verdict: " if panel is None else "Final verdict: ",
                    verdict,
                    ("   ⚑ flagged for later" if review.flagged else "", "magenta"),
                    ("   dismissed as not check-worthy" if review.dismissed else "", "bold"),
                    (conflict_count(story.conflict_total) if story else "", "bold red"),
                ),
                None,
            ),
        ]
        if panel is not None and panel.work:  # first: what the adjudicator weighs
            parts.append((ReviewersTable(panel.work), None))
        parts += [(line, None) for line in _earlier_lines(review)]
        if story is not None and story.cluster is not None:
            also = also_line(claim.id, claim.article_id, story.cluster, story.reviewer)
            parts.append((also, None))
        parts += [
            (Text(""), None),
            (Text(inert(claim.text)), None),
            *((line, None) for line in _conflict_lines(claim.id, story)),
        ]
        if suggested:
            parts += [(Text(""), None), (heading(suggested), None)]
            parts += [
                (suggestion_line(n, found, claim.article_id, review.spans), n)
                for n, found in enumerate(suggested, start=1)
            ]
        parts += [
            (Text(""), None),
            (
                Text(
                    f"Evidence ({len(review.spans)})" if review.spans else "Evidence: none yet",
                    "bold",
                ),
                None,
            ),
        ]
        for span in review.spans:
            where = f"in article {span.article_id}, " if span.article_id else ""
            label = Text.assemble(
                ("  ", ""),
                (f"{where}{span.start}–{span.end}  ", "dim"),
                (one_line(span.quote), "italic"),
            )
            parts.append((label, span))
        if review.note:
            parts += [
                (Text(""), None),
                (Text.assemble(("Note: ", "bold"), inert(review.note)), None),
            ]
        self._parts = parts
        self._width = 0  # wrap again at the next render
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def _wrap(self, width: int) -> None:
        console = self.app.console
        lines: list[Strip] = []
        spans_at: list[Span | int | None] = []
        for part, span in self._parts:
            if isinstance(part, ReviewersTable):
                options = console.options.update_width(width)
                for row in console.render_lines(part, options, pad=False):
                    lines.append(Strip(row).crop_extend(0, width, None))
                    spans_at.append(span)
                continue
            for line in part.wrap(console, width):
                lines.append(Strip(list(line.render(console, end=""))).crop_extend(0, width, None))
                spans_at.append(span)
        self._lines, self._spans_at, self._width = lines, spans_at, width
        # A new virtual size re-arranges the whole screen: grow it, never shrink it, so
        # that stepping through claims soon stops changing it.
        height = max(
            len(lines), self.virtual_size.height if width == self.virtual_size.width else 0
        )
        if Size(width, height) != self.virtual_size:
            self.virtual_size = Size(width, height)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._wrap(width)
        index = round(self.scroll_y) + y
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._lines[index]
        if self._spans_at[index] is not None:
            strip = strip.apply_style(Style(meta={"evidence": index}))
        return strip.apply_style(self.rich_style)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = round(self.scroll_y) + offset.y
        if 0 <= index < len(self._spans_at) and (span := self._spans_at[index]) is not None:
            event.stop()
            if isinstance(span, int):
                self.post_message(self.SuggestionClicked(span))
            else:
                self.post_message(self.EvidenceClicked(span))

    @property
    def plain(self) -> str:
        """The card's text, a line per part, unwrapped (for tests)."""
        return "\n".join(part.plain for part, _ in self._parts)

    def evidence_rows(self) -> list[int]:
        """The card lines that show evidence (for tests and the mouse)."""
        return [i for i, span in enumerate(self._spans_at) if isinstance(span, Span)]

    def suggestion_rows(self) -> list[int]:
        """The card lines that show suggestions (for tests and the mouse)."""
        return [i for i, found in enumerate(self._spans_at) if isinstance(found, int)]


def _conflict_lines(claim_id: int, story: Story | None) -> list[Text]:
    return conflict_lines(claim_id, story.conflicts, story.conflict_total) if story else []


def _earlier_lines(review: Review) -> list[Text]:
    """What this reviewer did on earlier versions of the claim, before the article changed
    under it."""
    lines = []
    for earlier in review.earlier:
        work = [
            f"{earlier.spans} evidence" if earlier.spans else "",
            "a note" if earlier.note else "",
        ]
        work.append("flagged" if earlier.flagged else "")
        lines.append(
            Text.assemble(
                (
                    "Δ changed since judged" if review.changed else "Δ judged before a change",
                    "bold cyan",
                ),
                f": in v{earlier.version} you said ",
                Text(earlier.verdict.value.upper(), VERDICT_STYLES[earlier.verdict])
                if earlier.verdict
                else Text("no verdict", "dim"),
                f" ({', '.join(x for x in work if x)})" if any(work) else "",
                " on “",
                (one_line(earlier.text), "italic"),
                "”",
            )
        )
    return lines


class ReviewersTable(Table):
    """Each reviewer's work, a column each, side by side: their name and verdict above,
    their evidence and note below."""

    def __init__(self, panel: Sequence[tuple[str, Review]]) -> None:
        super().__init__(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
        cells = [(_reviewer_head(name, review), _reviewer_cell(review)) for name, review in panel]
        for head, _ in cells:
            self.add_column(head, ratio=1, overflow="fold")
        self.add_row(*(cell for _, cell in cells))
        # One reviewer a line, their cell's lines joined by " | " (for tests).
        self.plain = "\n".join(
            f"{head.plain}: {cell.plain.replace(chr(10), ' | ')}" for head, cell in cells
        )


def _reviewer_head(name: str, review: Review) -> Text:
    verdict = (
        Text(review.verdict.value.upper(), VERDICT_STYLES[review.verdict])
        if review.verdict
        else Text("no verdict", "dim")
    )
    return Text.assemble((one_line(name), "bold cyan"), "  ", verdict)


def _reviewer_cell(review: Review) -> Text:
    cell = Text()
    for span in review.spans:
        where = f"article {span.article_id}, " if span.article_id else ""
        if cell:
            cell.append("\n")
        cell.append_text(Text.assemble("“", (one_line(span.quote), "italic"), "”"))
        cell.append(f" {where}{span.start}–{span.end}", "dim")
    if not review.spans:
        cell.append("no evidence", "dim")
    if review.note:
        cell.append_text(Text.assemble("\n", ("Note: ", "bold"), inert(review.note)))
    return cell
