"""The claim card: the claim, who said it, its score, the verdict, evidence and note."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from factdesk.inert import inert, one_line
from factdesk.models import Article, Claim, Review, Span, Verdict

VERDICT_STYLES = {
    Verdict.EVIDENCED: "bold green",
    Verdict.UNEVIDENCED: "bold yellow",
    Verdict.DISPUTED: "bold red",
}


class EvidenceItem(Static):
    """One evidence quote; clicking it shows the span in the article."""

    @dataclass
    class Clicked(Message):
        """The reviewer clicked an evidence quote."""

        span: Span

    def __init__(self, span: Span) -> None:
        label = Text.assemble(
            (f"{span.start}–{span.end}  ", "dim"), (one_line(span.quote), "italic")
        )
        super().__init__(label, classes="evidence")
        self.span = span

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.span))


class ClaimCard(VerticalScroll, can_focus=False):
    """Everything known about the current claim, for this reviewer."""

    def compose(self) -> ComposeResult:
        yield Static(id="card-meta")
        yield Static(id="card-claim")
        yield Vertical(id="card-evidence")
        yield Static(id="card-note")

    def show(self, claim: Claim, article: Article, review: Review) -> None:
        """Fill the card for one claim."""
        self.query_one("#card-claim", Static).update(Text(inert(claim.text)))
        who = " — ".join(x for x in (claim.speaker, claim.verb) if x) or "no attribution"
        verdict = (
            Text(review.verdict.value.upper(), VERDICT_STYLES[review.verdict])
            if review.verdict
            else Text("not judged", "dim")
        )
        meta = Text.assemble(
            (inert(who), "bold"),
            f"   score {claim.score:.2f}   claim {claim.id}, {claim.start}–{claim.end} in ",
            (one_line(article.title), "italic"),
            f" (v{article.version})\nVerdict: ",
            verdict,
            ("   ⚑ flagged for later" if review.flagged else "", "magenta"),
        )
        self.query_one("#card-meta", Static).update(meta)
        box = self.query_one("#card-evidence", Vertical)
        box.remove_children()
        title = f"Evidence ({len(review.spans)})" if review.spans else "Evidence: none yet"
        box.mount(Static(Text(title, "bold"), classes="evidence-title"))
        box.mount_all(EvidenceItem(span) for span in review.spans)
        note = Text.assemble(("Note: ", "bold"), inert(review.note)) if review.note else ""
        self.query_one("#card-note", Static).update(note)
