"""The help screen: the keymap, generated from the review screen's bindings, and a short
guide to the three verdicts."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

GUIDE = [
    (
        "evidenced",
        "green",
        "The article gives evidence for the claim: attach the span that shows it.",
    ),
    (
        "unevidenced",
        "yellow",
        "The claim is asserted without evidence in the article (for example "
        "“failed to provide any direct evidence”): attach the span that says so.",
    ),
    ("disputed", "red", "Someone in the article contests the claim: attach the rebuttal."),
]


class HelpScreen(ModalScreen[None]):
    """The keymap and the verdict guide."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, bindings: list[BindingType], intro: str = "") -> None:
        super().__init__()
        self.intro = intro
        seen: set[str] = set()
        self.keymap = []
        for binding in bindings:  # the same key bound twice is listed once
            if isinstance(binding, Binding) and binding.description and binding.key not in seen:
                seen.add(binding.key)
                self.keymap.append(binding)

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold cyan", no_wrap=True)
        keys.add_column()
        for binding in self.keymap:
            shown = " / ".join(
                self.app.get_key_display(Binding(key.strip(), binding.action))
                for key in binding.key.split(",")
            )
            keys.add_row(shown, binding.tooltip or binding.description)
        guide = Table.grid(padding=(0, 2))
        guide.add_column(no_wrap=True)
        guide.add_column()
        for name, colour, text in GUIDE:
            guide.add_row(Text(name, f"bold {colour}"), text)
        with VerticalScroll(id="help-body"):
            if self.intro:
                yield Static(Text(self.intro + "\n", "bold magenta"))
            yield Static(Text("factdesk — keys", "bold"))
            yield Static(keys)
            yield Static(Text("\nVerdicts (press the same key again to clear)", "bold"))
            yield Static(guide)
            yield Static(
                Text(
                    "\nSelecting evidence: press v to put the cursor at the claim, then "
                    "shift+arrows (ctrl+shift+arrows by word, shift+home/end), or drag "
                    "with the mouse, and press a. Press c instead to make the selection a "
                    "claim the extractor missed. delete dismisses a claim as not "
                    "check-worthy; the palette's Show dismissed claims lists them, and "
                    "delete there restores one. Show more claims and Show fewer claims "
                    "change your threshold (claims scoring less are hidden). The card says "
                    "when other articles report the same claim: o shows them side by side "
                    "(enter opens one, x takes one out of the cluster), g gives your verdict "
                    "to those you have not judged, J joins the claim to another's cluster, "
                    "and C dismisses a conflict you judge wrong; the palette's Order by "
                    "cluster brings each story together. Everything is "
                    "saved as you go; ctrl+z undoes your last action, even after a restart.\n"
                    "Press escape to close.",
                    "dim",
                )
            )

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
